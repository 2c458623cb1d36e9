"""The outcome question's rows, computed when papers are written so that asking is one lookup.

`kg outcomes` (the `outcomes_by_subtype` query) shows one row per claim: the measurements of every
paper that states the claim, grouped (papers, source files, quotes, CIs...). Grouping at question
time means reading every measurement of every matching claim, its cohort, population, paper and
evidence, which grows with the store. Instead each claim's row is stored, flat, in the answers
graph (`id:graph/answers`) when a paper that states it is written or removed:

- `skg:answerFor "ENDPOINT SUBTYPE"`: one selector literal per (endpoint or `*`) x (each subtype the
  claim's population is or lies under, or `*`), so the question starts from its bound parameters
  with one indexed lookup (the lexicon's `skos:broader*` expansion is done here, once);
- the row's cells as literals (`skg:answerValue`, `skg:answerQuote`, ...).

A measurement without a claim node (a cited number whose work is unknown) is its own row.
Rows are recomputed for the comparison keys a written or removed paper's claims have (other papers'
measurements of those claims included) and for the paper's own claimless measurements; a changed
lexicon recomputes them all. The numbers stay traceable: `claim` leads to the measurements
(`?m skg:claim ?claim`) and their evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.core.iris import ANSWERS_GRAPH, BUILDS_GRAPH, CLAIMS_GRAPH, LEXICON_GRAPH
from ontology.namespace import SKG_IRI

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore

_SKG = SKG_IRI
ANSWERS_VERSION = "1"
"""Bumped when the rows' shape changes: a store whose rows are of another version recomputes them."""
ANY = "*"

_PREFIXES = {"skg": SKG_IRI, "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
             "dcterms": "http://purl.org/dc/terms/"}
_PREFIXED = re.compile(r"\b(skg|skos|prov|dcterms):(\w+)")


def _expand(sparql: str) -> str:
    """Prefixed names as full IRIs (a PREFIX line may only open an update, and these are joined)."""
    return _PREFIXED.sub(lambda m: f"<{_PREFIXES[m.group(1)]}{m.group(2)}>", sparql)

# One solution per measurement of the selected rows (`?row` = its claim, else itself). SELECTOR
# binds ?m and ?row and ?g; it is the only part that differs between the ways rows are recomputed.
_MEASUREMENTS = """
    SELECT DISTINCT ?m ?row ?endpoint_ ?regimen_ ?value_ ?number_ ?unit_ ?ci_low_ ?ci_high_ ?n_ ?code ?subgroup_
           ?scope_ ?publication ?paper_ ?cited_work_ ?ranked_quote ?source_file_
    WHERE {
      SELECTOR
      GRAPH ?g {
        ?m a skg:OutcomeMeasurement ;
           skg:cohort ?cohort ;
           skg:endpoint ?endpoint_node ;
           skg:valuePrinted ?value_ ;
           skg:scope ?scope_ ;
           skg:reportedIn ?publication ;
           prov:wasDerivedFrom/skg:quote ?quote_ .
        ?publication skg:sourceFile ?source_file_ .
        ?cohort skg:population ?member .
        OPTIONAL { ?cohort skg:subgroup ?subgroup_ }
        OPTIONAL { ?publication skg:firstAuthor ?paper_author }
        OPTIONAL { ?publication dcterms:date ?paper_year }
        OPTIONAL { ?m skg:attributedTo ?work }
        OPTIONAL { ?m skg:attributedTo/skg:firstAuthor ?work_author }
        OPTIONAL { ?m skg:attributedTo/dcterms:date ?work_year }
        OPTIONAL { ?m skg:value ?number_ }
        OPTIONAL { ?m skg:unit ?unit_ }
        OPTIONAL { ?m skg:ciLowPrinted ?ci_low_ }
        OPTIONAL { ?m skg:ciHighPrinted ?ci_high_ }
        OPTIONAL { ?m skg:sampleSize ?n_ }
      }
      # concepts and regimens are described once, in the lexicon or vocabulary graph (updates have
      # no union default graph, hence GRAPH ?v)
      GRAPH ?v1 { ?endpoint_node skg:key ?endpoint_ }
      GRAPH ?v2 { ?member skg:key ?code }
      OPTIONAL { GRAPH ?g { ?m skg:regimen ?regimen_node } GRAPH ?v3 { ?regimen_node skg:key ?regimen_ } }
      BIND (CONCAT(COALESCE(?paper_author, ?source_file_), " ", COALESCE(STR(?paper_year), "")) AS ?paper_)
      BIND (IF(BOUND(?work), CONCAT(COALESCE(?work_author, "?"), " ", COALESCE(STR(?work_year), "")), "")
            AS ?cited_work_)
      # the quote shown is the most detailed statement (CI, then n printed): MAX picks it by this prefix
      BIND (CONCAT(IF(BOUND(?ci_low_), "1", "0"), IF(BOUND(?n_), "1", "0"), "|", ?quote_) AS ?ranked_quote)
    }"""

# GROUP_CONCAT fails on an unbound value (SPARQL 1.1, 18.5.1.7): COALESCE, then trim the "/"
_LISTED = 'REPLACE(REPLACE(GROUP_CONCAT(DISTINCT COALESCE({}, ""); separator="/"), "//", "/"), "^/|/$", "")'

_ROWS = f"""
  SELECT ?row (SAMPLE(?endpoint_) AS ?endpoint) (SAMPLE(?regimen_) AS ?regimen) (SAMPLE(?value_) AS ?value)
         (MAX(?number_) AS ?number) (SAMPLE(?unit_) AS ?unit)
         ({_LISTED.format("?ci_low_")} AS ?ci_low) ({_LISTED.format("?ci_high_")} AS ?ci_high)
         ({_LISTED.format("STR(?n_)")} AS ?n)
         (GROUP_CONCAT(DISTINCT ?code; separator="|") AS ?population) (SAMPLE(?subgroup_) AS ?subgroup)
         (SAMPLE(?scope_) AS ?scope) (COUNT(DISTINCT ?publication) AS ?papers)
         (GROUP_CONCAT(DISTINCT ?paper_; separator="; ") AS ?paper)
         (REPLACE(GROUP_CONCAT(DISTINCT ?cited_work_; separator="; "), "^; |; $", "") AS ?cited_work)
         (STRAFTER(MAX(?ranked_quote), "|") AS ?quote)
         (GROUP_CONCAT(DISTINCT ?source_file_; separator="; ") AS ?source_file)
  WHERE {{ {{ {_MEASUREMENTS} }} }}
  GROUP BY ?row"""

_CELLS = ("endpoint", "regimen", "value", "number", "unit", "ci_low", "ci_high", "n", "population", "subgroup",
          "scope", "papers", "paper", "cited_work", "quote", "source_file")


def _property(cell: str) -> str:
    return "<" + _SKG + "answer" + "".join(part.title() for part in cell.split("_")) + ">"


def _insert(selector: str) -> str:
    """Compute and store the rows that `selector` picks (it binds ?m, ?row and ?g)."""
    answers = f"<{ANSWERS_GRAPH}>"
    cells = " ; ".join(f"{_property(cell)} ?{cell}" for cell in _CELLS)
    rows = _ROWS.replace("SELECTOR", selector)
    # each selector: (the endpoint or *) x (every subtype the population is or lies under, or *)
    return _expand(f"""INSERT {{ GRAPH {answers} {{ ?row {cells} ; <{_SKG}answerFor> ?for }} }} WHERE {{
  {{ {rows} }}
  {{
    SELECT DISTINCT ?row ?for WHERE {{
      {selector}
      GRAPH ?g {{ ?m <{_SKG}endpoint> ?endpoint_node ; <{_SKG}cohort>/<{_SKG}population> ?member }}
      GRAPH ?v1 {{ ?endpoint_node skg:key ?endpoint_ }}
      {{ GRAPH <{LEXICON_GRAPH}> {{ ?member skos:broader* ?group }} GRAPH ?v2 {{ ?group skg:key ?group_code }} }}
      UNION {{ BIND ("{ANY}" AS ?group_code) }}
      VALUES ?any_endpoint {{ true false }}
      BIND (CONCAT(IF(?any_endpoint, "{ANY}", ?endpoint_), " ", ?group_code) AS ?for)
    }}
  }}
}}""")


def _values(keys: Iterable[str]) -> str:
    from kg.store.kg_store import to_ox

    return " ".join(str(to_ox(key)) for key in sorted(set(keys)))


def _claims_of_keys(values: str) -> str:
    return (f"VALUES ?key {{ {values} }} GRAPH <{CLAIMS_GRAPH}> {{ ?row <{_SKG}comparisonKey> ?key }} "
            f"GRAPH ?g {{ ?m <{_SKG}claim> ?row }}")


def _claimless_of(graph: str) -> str:
    return (f"GRAPH {graph} {{ ?m a <{_SKG}OutcomeMeasurement> FILTER NOT EXISTS {{ ?m <{_SKG}claim> ?c }} }} "
            f"BIND ({graph} AS ?g) BIND (?m AS ?row)")


def forget_rows(keys: Iterable[str], graph: str) -> list[str]:
    """Delete the rows of the claims with these comparison keys and of the paper graph's claimless
    measurements. Runs before the paper's graph and its orphan claims are dropped."""
    answers = f"<{ANSWERS_GRAPH}>"
    parts = []
    values = _values(keys)
    if values:
        parts.append(f"""DELETE {{ GRAPH {answers} {{ ?row ?p ?o }} }} WHERE {{
  VALUES ?key {{ {values} }}
  GRAPH <{CLAIMS_GRAPH}> {{ ?row <{_SKG}comparisonKey> ?key }} GRAPH {answers} {{ ?row ?p ?o }}
}}""")
    parts.append(f"""DELETE {{ GRAPH {answers} {{ ?m ?p ?o }} }} WHERE {{
  GRAPH {graph} {{ ?m a <{_SKG}OutcomeMeasurement> }} GRAPH {answers} {{ ?m ?p ?o }}
}}""")
    return parts


def compute_rows(keys: Iterable[str], graph: str | None) -> list[str]:
    """Store the rows of the claims with these comparison keys (every paper's measurements of them)
    and of the paper graph's claimless measurements (`graph` None: a removed paper has none)."""
    values = _values(keys)
    parts = [_insert(_claims_of_keys(values))] if values else []
    if graph is not None:
        parts.append(_insert(_claimless_of(graph)))
    return parts


def recompute_all_rows() -> str:
    """Every row again (the lexicon, and so the subtype hierarchy and keys, changed)."""
    claims = f"GRAPH <{CLAIMS_GRAPH}> {{ ?row a <{_SKG}Claim> }} GRAPH ?g {{ ?m <{_SKG}claim> ?row }}"
    claimless = (f"GRAPH ?g {{ ?m a <{_SKG}OutcomeMeasurement> FILTER NOT EXISTS {{ ?m <{_SKG}claim> ?c }} }} "
                 f"BIND (?m AS ?row)")
    version = (f"INSERT DATA {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> <{_SKG}answersVersion> "
               f"\"{ANSWERS_VERSION}\" }} }}")
    return " ;\n".join([f"DROP SILENT GRAPH <{ANSWERS_GRAPH}>",
                        f"DELETE WHERE {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> <{_SKG}answersVersion> ?v }} }}",
                        _insert(claims), _insert(claimless), version])


def rows_are_current(store: KgStore) -> bool:
    """Whether the store's rows were computed by this version (an older store recomputes them)."""
    return store.query(f"ASK {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> <{_SKG}answersVersion> "
                       f"\"{ANSWERS_VERSION}\" }} }}") is True
