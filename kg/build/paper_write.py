"""Writing or removing one paper as ONE SPARQL update (one transaction), touching only what it takes part in.

A paper's write replaces its named graph, adds the shared descriptions it links to (concepts and
regimens the lexicon lacks, claim nodes) once, records its content hash, and updates the derived
conflicts for the comparison keys its old and new claims have. Nothing is recomputed over the
store, so the cost of a write does not grow with the number of papers already in it (see
DESIGN.md: "Derived graphs ... are updated for the keys a changed paper touches").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import rdflib

from kg.build.prepare import PreparedPaper
from kg.core.iris import BUILDS_GRAPH, CLAIMS_GRAPH, DERIVED_GRAPH, LEXICON_GRAPH, VOCABULARY_GRAPH, data_iri
from kg.store.kg_store import KgStore, to_ox
from ontology.namespace import SKG_IRI

LAST_BUILD = data_iri("build/last")
"""The node that says whether the store's last build finished (in the builds graph)."""

_SKG = SKG_IRI
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _iri(value: object) -> str:
    return str(to_ox(rdflib.URIRef(str(value))))


def _lit(text: str) -> str:
    return str(to_ox(rdflib.Literal(text)))


def _ntriples(triples: Iterable[tuple[object, object, object]]) -> str:
    return "\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples)


def old_comparison_keys(store: KgStore, graph_iri: str) -> set[str]:
    """Comparison keys of the claims a paper's graph in the store states now (before it is replaced)."""
    rows = store.select(f"""SELECT DISTINCT ?key WHERE {{
        GRAPH {_iri(graph_iri)} {{ ?m <{_SKG}claim> ?c }}
        GRAPH {_iri(CLAIMS_GRAPH)} {{ ?c <{_SKG}comparisonKey> ?key }} }}""")
    return {str(row[0].value) for row in rows.rows if row[0] is not None}


def stored_hash(store: KgStore, graph_iri: str) -> str | None:
    """The content hash recorded when the paper's graph was last written (None: not in the store)."""
    rows = store.select(f"SELECT ?h WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {_iri(graph_iri)} "
                        f"<{_SKG}contentHash> ?h }} }}")
    return str(rows.rows[0][0].value) if rows.rows and rows.rows[0][0] is not None else None


def _drop_paper(graph: str) -> list[str]:
    """Forget the paper's graph, its bookkeeping, and the claim nodes no other paper states."""
    claims = _iri(CLAIMS_GRAPH)
    return [
        f"""DELETE {{ GRAPH {claims} {{ ?c ?p ?o }} }} WHERE {{
  {{ SELECT DISTINCT ?c WHERE {{ GRAPH {graph} {{ ?m <{_SKG}claim> ?c }} }} }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?m2 <{_SKG}claim> ?c }} FILTER (?other != {graph}) }}
  GRAPH {claims} {{ ?c ?p ?o }}
}}""",
        f"DROP SILENT GRAPH {graph}",
        f"DELETE WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} ?p ?o }} }}",
    ]


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
  # not two reports of one result: each paper records such pairs (skg:statedWith). MINUS, from
  # the keys, lets Oxigraph start from them instead of reading every sentence of the store.
  MINUS {{
    VALUES ?key {{ {values} }}
    GRAPH {claims} {{ ?a <{_SKG}comparisonKey> ?key }}
    GRAPH ?g {{ ?a <{_SKG}statedWith> ?b }}
  }}
}}""",
    ]


def write_paper_update(paper: PreparedPaper, content_hash: str, source_path: str, build: str,
                       old_keys: set[str]) -> str:
    """The update that (re)places one paper: its graph, shared descriptions, bookkeeping, conflicts."""
    graph = _iri(paper.graph_iri)
    data = [f"GRAPH {graph} {{\n{paper.graph_nt}\n}}"]
    if paper.claims_nt:
        data.append(f"GRAPH {_iri(CLAIMS_GRAPH)} {{\n{paper.claims_nt}\n}}")
    data.append(f"GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} <{_SKG}contentHash> {_lit(content_hash)} ; "
                f"<{_SKG}sourcePath> {_lit(source_path)} ; <{_SKG}writtenBy> {_iri(build)} . }}")
    keys = old_keys | paper.comparison_keys
    # the old claims' conflict edges are found through their keys, so they go before the claims do
    parts = [*conflict_updates(keys)[:1], *_drop_paper(graph), "INSERT DATA {\n" + "\n".join(data) + "\n}"]
    if paper.vocabulary_rows:
        rows = paper.vocabulary_rows
        # first writer wins: a concept already described (lexicon or an earlier paper) keeps its label
        parts.append(f"""INSERT {{ GRAPH {_iri(VOCABULARY_GRAPH)} {{ ?c ?p ?o }} }} WHERE {{
  VALUES (?c ?p ?o) {{
{rows}
  }}
  FILTER NOT EXISTS {{ GRAPH ?any {{ ?c <{_SKG}key> ?k }} }}
}}""")
    parts.extend(conflict_updates(keys)[1:])
    return " ;\n".join(parts)


def remove_paper_update(graph_iri: str, old_keys: set[str]) -> str:
    deleted, *inserted = conflict_updates(old_keys) or [""]
    return " ;\n".join(part for part in [deleted, *_drop_paper(_iri(graph_iri)), *inserted] if part)


def mark_written_update(graph_iri: str, build: str) -> str:
    """An unchanged paper a build skipped still counts as done by that build."""
    graph = _iri(graph_iri)
    return (f"DELETE WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} <{_SKG}writtenBy> ?b }} }} ;\n"
            f"INSERT DATA {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} <{_SKG}writtenBy> {_iri(build)} }} }}")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def start_build_update(build: str, command: str) -> str:
    """Mark the store: a build is running (cleared by `finish_build_update`; a crash leaves it)."""
    last, builds = _iri(LAST_BUILD), _iri(BUILDS_GRAPH)
    return (f"DELETE WHERE {{ GRAPH {builds} {{ {last} ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {builds} {{ {last} <{_SKG}buildRun> {_iri(build)} ; "
            f"<{_SKG}buildStarted> \"{_now()}\"^^<{_XSD}dateTime> ; <{_SKG}buildCommand> {_lit(command)} ; "
            f"<{_SKG}buildStatus> \"running\" }} }}")


def finish_build_update() -> str:
    last, builds = _iri(LAST_BUILD), _iri(BUILDS_GRAPH)
    return (f"DELETE WHERE {{ GRAPH {builds} {{ {last} <{_SKG}buildStatus> ?s }} }} ;\n"
            f"INSERT DATA {{ GRAPH {builds} {{ {last} <{_SKG}buildStatus> \"finished\" ; "
            f"<{_SKG}buildFinished> \"{_now()}\"^^<{_XSD}dateTime> }} }}")


def build_status(store: KgStore) -> dict[str, str] | None:
    """The last build's start, command, status and how many papers it wrote (None: no build recorded)."""
    rows = store.select(f"""SELECT ?started ?command ?status (COUNT(DISTINCT ?paper) AS ?written) WHERE {{
      GRAPH {_iri(BUILDS_GRAPH)} {{
        {_iri(LAST_BUILD)} <{_SKG}buildRun> ?run ; <{_SKG}buildStarted> ?started ;
            <{_SKG}buildCommand> ?command ; <{_SKG}buildStatus> ?status .
        OPTIONAL {{ ?paper <{_SKG}writtenBy> ?run }}
      }} }} GROUP BY ?started ?command ?status""").records()
    return rows[0] if rows else None


def unfinished_build_warning(store: KgStore) -> str | None:
    """What to tell a reader of a store whose last build did not finish (None: it finished)."""
    status = build_status(store)
    if not status or status.get("status") == "finished":
        return None
    return (f"warning: the last build into {store.path or 'this store'} (started {status['started']}) did not "
            f"finish or is still running: it had written {status['written']} paper(s); answers may be "
            f"incomplete. Run `{status['command']}` again to resume it (papers already written are skipped).")


def lexicon_update(triples: rdflib.Graph) -> str:
    """Replace the lexicon graph, and drop from the vocabulary graph what the lexicon now describes."""
    lexicon, vocabulary = _iri(LEXICON_GRAPH), _iri(VOCABULARY_GRAPH)
    return (f"DROP SILENT GRAPH {lexicon} ;\nINSERT DATA {{ GRAPH {lexicon} {{\n{_ntriples(triples)}\n}} }} ;\n"
            f"DELETE {{ GRAPH {vocabulary} {{ ?c ?p ?o }} }} WHERE {{ GRAPH {lexicon} {{ ?c <{_SKG}key> ?k }} "
            f"GRAPH {vocabulary} {{ ?c ?p ?o }} }}")
