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
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from kg.core.iris import ANSWERS_GRAPH, BUILDS_GRAPH, CLAIMS_GRAPH, LEXICON_GRAPH
from ontology.namespace import DATA_IRI, SKG_IRI

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore, Rows

_SKG = SKG_IRI
ANSWERS_VERSION = "1"
"""Bumped when the rows' shape changes: a store whose rows are of another version recomputes them."""
ANY = "*"
UNBOUND = "%"
"""A packed row's mark for an unbound cell (an encoded cell never holds a "%" that starts no escape)."""
SEPARATOR = "\u001f"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
SELECTOR_BASE = DATA_IRI + "answer/"
"""`<SELECTOR_BASE><endpoint or *> <subtype or *>` (percent-encoded) links to the rows it selects."""

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


def _packed() -> str:
    """The row as one literal: the claim and every cell with "%" written "%25" and the separator
    (U+001F) "%1F", "%" alone for an unbound one, separated by U+001F; `read_rows` splits it back."""
    fields = ["STR(?row)", *(f"STR(?{cell})" for cell in _CELLS)]
    encoded = [f'COALESCE(REPLACE(REPLACE({f}, "%", "%25"), "\\u001F", "%1F"), "{UNBOUND}")' for f in fields]
    return "CONCAT(" + ', "\\u001F", '.join(encoded) + ")"


def _template(selector: str) -> tuple[str, str]:
    """(triples, pattern) that compute the rows `selector` picks (it binds ?m, ?row and ?g): the
    cells, the packed row and its selector links, one per (endpoint or *) x (each subtype the
    population is or lies under, or *)."""
    cells = " ; ".join(f"{_property(cell)} ?{cell}" for cell in _CELLS)
    triples = f"?row {cells} ; <{_SKG}answerPacked> ?packed . ?selector <{_SKG}answerRow> ?packed ."
    rows = _ROWS.replace("SELECTOR", selector)
    pattern = f"""{{
  {{ {rows} }}
  BIND ({_packed()} AS ?packed)
  {{
    SELECT DISTINCT ?row ?selector WHERE {{
      {selector}
      GRAPH ?g {{ ?m <{_SKG}endpoint> ?endpoint_node ; <{_SKG}cohort>/<{_SKG}population> ?member }}
      GRAPH ?v1 {{ ?endpoint_node skg:key ?endpoint_ }}
      {{ GRAPH <{LEXICON_GRAPH}> {{ ?member skos:broader* ?group }} GRAPH ?v2 {{ ?group skg:key ?group_code }} }}
      UNION {{ BIND ("{ANY}" AS ?group_code) }}
      VALUES ?any_endpoint {{ true false }}
      BIND (IRI(CONCAT("{SELECTOR_BASE}", ENCODE_FOR_URI(CONCAT(IF(?any_endpoint, "{ANY}", ?endpoint_), " ",
                                                               ?group_code)))) AS ?selector)
    }}
  }}
}}"""
    return _expand(triples), _expand(pattern)


def _insert(selector: str) -> str:
    """Compute and store (in the answers graph) the rows that `selector` picks."""
    triples, pattern = _template(selector)
    return f"INSERT {{ GRAPH <{ANSWERS_GRAPH}> {{ {triples} }} }} WHERE {pattern}"


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(set(iris)))


def _claims_listed(claims: Iterable[str]) -> str:
    """The rows of these claims: every paper's measurements that state them."""
    return f"VALUES ?row {{ {_iris(claims)} }} GRAPH ?g {{ ?m <{_SKG}claim> ?row }}"


def _claimless_of(graph: str) -> str:
    return (f"GRAPH {graph} {{ ?m a <{_SKG}OutcomeMeasurement> FILTER NOT EXISTS {{ ?m <{_SKG}claim> ?c }} }} "
            f"BIND ({graph} AS ?g) BIND (?m AS ?row)")


def _forget(rows: str, keep: str | None = None) -> str:
    """Delete the rows `rows` binds (?row) from whichever answers graph holds them (but `keep`):
    their cells and the selector links to their packed form."""
    kept = f"FILTER (?answers != {keep})" if keep else ""
    return f"""DELETE {{ GRAPH ?answers {{ ?row ?p ?o . ?selector <{_SKG}answerRow> ?packed }} }} WHERE {{
  {rows}
  GRAPH ?answers {{ ?row <{_SKG}answerPacked> ?packed . ?selector <{_SKG}answerRow> ?packed . ?row ?p ?o }} {kept}
}}"""


def forget_rows(claims: Iterable[str], graph: str | None, keep: str | None = None) -> list[str]:
    """Delete the rows of these claims and of the paper graph's claimless measurements (None: none).
    Runs before the paper's graph is dropped. `keep`: an answers graph whose rows stay."""
    claims = set(claims)
    parts = [_forget(f"VALUES ?row {{ {_iris(claims)} }}", keep)] if claims else []
    if graph is not None:
        parts.append(_forget(f"GRAPH {graph} {{ ?row a <{_SKG}OutcomeMeasurement> }}", keep))
    return parts


def compute_rows(claims: Iterable[str], graph: str | None) -> list[str]:
    """Store the rows of these claims (every paper's measurements of them) and of the paper graph's
    claimless measurements (`graph` None: a removed paper has none)."""
    claims = set(claims)
    parts = [_insert(_claims_listed(claims))] if claims else []
    if graph is not None:
        parts.append(_insert(_claimless_of(graph)))
    return parts


def construct_rows(claims: Iterable[str], graph: str) -> list[str]:
    """CONSTRUCT queries for the rows `compute_rows` would insert: a big paper's rows are computed by
    reading and then bulk-loaded into a graph of their own (see kg.build.big_write)."""
    claims = set(claims)
    selectors = [_claims_listed(claims)] if claims else []
    out = []
    for selector in [*selectors, _claimless_of(graph)]:
        triples, pattern = _template(selector)
        out.append(f"CONSTRUCT {{ {triples} }} WHERE {pattern}")
    return out


def recompute_all_rows() -> str:
    """Every row again (the lexicon, and so the subtype hierarchy and keys, changed)."""
    claims = f"GRAPH <{CLAIMS_GRAPH}> {{ ?row a <{_SKG}Claim> }} GRAPH ?g {{ ?m <{_SKG}claim> ?row }}"
    answers = f"GRAPH ?answers {{ ?row <{_SKG}answerPacked> ?packed }}"
    claimless = (f"GRAPH ?g {{ ?m a <{_SKG}OutcomeMeasurement> FILTER NOT EXISTS {{ ?m <{_SKG}claim> ?c }} }} "
                 f"BIND (?m AS ?row)")
    version = (f"INSERT DATA {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> <{_SKG}answersVersion> "
               f"\"{ANSWERS_VERSION}\" }} }}")
    return " ;\n".join([f"DROP SILENT GRAPH <{ANSWERS_GRAPH}>", _forget(answers),
                        f"DELETE WHERE {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> <{_SKG}answersVersion> ?v }} }}",
                        _insert(claims), _insert(claimless), version])


def rows_are_current(store: KgStore) -> bool:
    """Whether the store's rows were computed by this version (an older store recomputes them)."""
    return store.query(f"ASK {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> <{_SKG}answersVersion> "
                       f"\"{ANSWERS_VERSION}\" }} }}") is True


# -- reading -----------------------------------------------------------------------------------------

COLUMNS = ("regimen", "value", "unit", "ci_low", "ci_high", "n", "population", "subgroup", "scope", "papers", "paper",
           "cited_work", "endpoint", "quote", "source_file", "claim", "subtype")
"""The columns of `kg outcomes` (those of `outcomes_by_subtype.rq` without its hidden parameters)."""


def selector_iri(endpoint: str | None, subtype: str | None) -> str:
    """The node whose `skg:answerRow` links are the rows for this endpoint and subtype (None: any)."""
    return SELECTOR_BASE + quote(f"{endpoint or ANY} {subtype or ANY}", safe="")


_FIELDS = ("claim", *_CELLS)
_AT = {name: i for i, name in enumerate(_FIELDS)}


def _decoded(field: str) -> str | None:
    # every "%" of an encoded cell starts an escape, so "%1F" is always an encoded separator
    if field == UNBOUND:
        return None
    return field.replace("%1F", SEPARATOR).replace("%25", "%") if "%" in field else field


def _kept(cells: list[str | None], params: Mapping[str, object]) -> bool:
    """The query's filters: scope, inclusive bounds on the number, a regimen component."""
    if "scope" in params and cells[_AT["scope"]] != params["scope"]:
        return False
    printed = cells[_AT["number"]]
    number = Decimal(printed) if printed is not None else None
    for name, keep in (("min", Decimal.__ge__), ("max", Decimal.__le__)):
        if name in params and (number is None or not keep(number, Decimal(str(params[name])))):
            return False
    component, regimen = params.get("component"), cells[_AT["regimen"]]
    return component is None or (regimen is not None and f" + {component} + " in f" + {regimen} + ")


def _order(cells: list[str | None]) -> tuple:
    """ORDER BY ?endpoint DESC(?number) ?regimen ?source_file ?claim (unbound sorts first, so last
    in DESC), as the query orders them."""
    number, regimen = cells[_AT["number"]], cells[_AT["regimen"]]
    return (cells[_AT["endpoint"]] or "", (0, -Decimal(number)) if number is not None else (1, 0),
            (0, "") if regimen is None else (1, regimen), cells[_AT["source_file"]] or "", cells[_AT["claim"]] or "")


def read_rows(store: KgStore, params: Mapping[str, object]) -> Rows:
    """The rows of `outcomes_by_subtype` for these parameters (endpoint, subtype, scope, min, max,
    component), read from their selector in one index lookup and filtered and ordered here: the same
    rows and terms as the query, without joining a dozen patterns per row."""
    import pyoxigraph as ox

    from kg.store.kg_store import Rows, to_ox

    endpoint, subtype = params.get("endpoint"), params.get("subtype")
    selector = ox.NamedNode(selector_iri(str(endpoint) if endpoint else None, str(subtype) if subtype else None))
    # rows live in the answers graph, and a big paper's in a graph of its own (kg.build.bulk_write)
    hidden = {ox.NamedNode(g) for g in store.hidden_graphs()}
    quads = store.raw.quads_for_pattern(selector, ox.NamedNode(_SKG + "answerRow"), None, None)
    picked = [cells for cells in ([_decoded(f) for f in quad.object.value.split(SEPARATOR)]
                                  for quad in quads if quad.graph_name not in hidden)
              if _kept(cells, params)]
    picked.sort(key=_order)
    literal, integer = ox.Literal, ox.NamedNode(XSD_INTEGER)
    subtype_term = to_ox(subtype) if subtype else None
    at = [_AT.get(column, -1) for column in COLUMNS]
    claim, papers, subtype_at = COLUMNS.index("claim"), COLUMNS.index("papers"), COLUMNS.index("subtype")
    rows = []
    for cells in picked:
        row: list[ox.Literal | ox.NamedNode | None] = [None if (text := cells[i]) is None else literal(text)
                                                       for i in at[:subtype_at]]
        row[claim] = ox.NamedNode(cells[_AT["claim"]])
        row[papers] = literal(cells[_AT["papers"]], datatype=integer)
        row.append(subtype_term)
        rows.append(tuple(row))
    return Rows(list(COLUMNS), rows)
