"""Conflicts: cited claims about the same result (one comparison key) that state different values.

They are derived data, kept in the derived graph and updated, per comparison key, in the same
update that writes or removes a paper (kg.build.paper_write), so they never need a pass over the
store; `count_conflicts` reads how many there are.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.core.iris import CLAIMS_GRAPH, DERIVED_GRAPH
from kg.core.nt import iri as _iri
from kg.core.nt import literal as _lit
from kg.store.kg_store import KgStore
from ontology.namespace import SKG_IRI

_SKG = SKG_IRI


def conflict_updates(keys: Iterable[str]) -> list[str]:
    """Recompute conflicts for these comparison keys only: cited claims about the same result with
    different values, when different sentences state them. A paper's own results are left out: its
    arms and subgroups are not always told apart, so they would clash."""
    values = " ".join(_lit(k) for k in sorted(set(keys)))
    if not values:
        return []
    claims, derived = _iri(CLAIMS_GRAPH), _iri(DERIVED_GRAPH)
    return [
        f"""DELETE {{ GRAPH {derived} {{ ?a <{_SKG}conflictsWith> ?b }} }} WHERE {{
  VALUES ?key {{ {values} }}
  GRAPH {claims} {{ ?a <{_SKG}comparisonKey> ?key }}
  GRAPH {derived} {{ ?a <{_SKG}conflictsWith> ?b }}
}}""",
        f"""INSERT {{ GRAPH {derived} {{ ?a <{_SKG}conflictsWith> ?b }} }} WHERE {{
  VALUES ?key {{ {values} }}
  GRAPH {claims} {{
    ?a <{_SKG}comparisonKey> ?key ; <{_SKG}scope> "cited" ; <{_SKG}valuePrinted> ?va .
    ?b <{_SKG}comparisonKey> ?key ; <{_SKG}scope> "cited" ; <{_SKG}valuePrinted> ?vb .
  }}
  FILTER (?a != ?b)
  # a range ("6.2 to 23.06") spans results, it does not state one
  FILTER (!CONTAINS(?va, " to ") && !CONTAINS(?vb, " to "))
  # two values in one sentence are a contrast the extractor could not tell apart (arms, eras),
  # not two reports of one result: each paper records the sentence a claim is stated in (skg:statedIn).
  # With ?a and ?b bound this is a lookup of ?a's sentences; a MINUS over the keys read the pair in
  # every paper stating the claims, which grows with the copies of a result across the store.
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{_SKG}statedIn> ?s . ?b <{_SKG}statedIn> ?s }} }}
}}""",
    ]


def count_conflicts(store: KgStore) -> int:
    """Pairs of cited claims in the derived graph that disagree (each pair is stored both ways)."""
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(DERIVED_GRAPH)} {{ ?a ?p ?b }} }}")
    return int(rows.rows[0][0].value) // 2
