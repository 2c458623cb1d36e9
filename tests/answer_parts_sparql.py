"""The SPARQL that computed a paper's answer parts before they were computed in Python
(kg.build.answer_parts): kept here as the tests' oracle. It runs over the paper's graph in the store;
its values of one field come in the order the engine produced them, so the tests compare them sorted."""

from __future__ import annotations

import re

from kg.build.answer_state import PART_FIELDS, RECORD_SEPARATOR, UNBOUND, UNIT_SEPARATOR
from kg.core.iris import LEXICON_GRAPH
from kg.core.nt import iri as _iri
from ontology.namespace import SKG_IRI

_SKG = SKG_IRI
ANY = "*"
PART = _SKG + "answerPart"

_PREFIXES = {"skg": SKG_IRI, "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
             "dcterms": "http://purl.org/dc/terms/"}
_PREFIXED = re.compile(r"\b(skg|skos|prov|dcterms):(\w+)")


def _expand(sparql: str) -> str:
    """Prefixed names as full IRIs (a PREFIX line may only open an update, and these are joined)."""
    return _PREFIXED.sub(lambda m: f"<{_PREFIXES[m.group(1)]}{m.group(2)}>", sparql)


def _sparql_char(char: str) -> str:
    return f"\\u{ord(char):04X}"


_US, _RS = _sparql_char(UNIT_SEPARATOR), _sparql_char(RECORD_SEPARATOR)


def _encoded(expression: str) -> str:
    """`answer_state.encode` in SPARQL: "%" and the separators escaped, unbound as "%"."""
    return (f'COALESCE(REPLACE(REPLACE(REPLACE(STR({expression}), "%", "%25"), "{_US}", "%1F"), "{_RS}", "%1E"), '
            f'"{UNBOUND}")')


def _values(variable: str) -> str:
    return f'GROUP_CONCAT(DISTINCT {_encoded(variable)}; separator="{_RS}")'


# One solution per measurement of the paper graph GRAPH (and per population member, quote...). The
# paper's own pattern is a subquery, and the claim link comes last in it: Oxigraph then walks the
# paper's graph first and looks the keys up for its solutions (any other order ran for minutes).
_MEASUREMENTS = """
      { SELECT * WHERE {
        GRAPH GRAPH {
          ?m a skg:OutcomeMeasurement ;
             skg:cohort ?cohort ;
             skg:endpoint ?endpoint_node ;
             skg:valuePrinted ?value_ ;
             skg:scope ?scope_ ;
             skg:reportedIn ?publication_ ;
             prov:wasDerivedFrom/skg:quote ?quote_ .
          ?publication_ skg:sourceFile ?source_file_ .
          ?cohort skg:population ?member .
          OPTIONAL { ?cohort skg:subgroup ?subgroup_ }
          OPTIONAL { ?publication_ skg:firstAuthor ?paper_author }
          OPTIONAL { ?publication_ dcterms:date ?paper_year }
          OPTIONAL { ?m skg:attributedTo ?work }
          OPTIONAL { ?m skg:attributedTo/skg:firstAuthor ?work_author }
          OPTIONAL { ?m skg:attributedTo/dcterms:date ?work_year }
          OPTIONAL { ?m skg:value ?number_ }
          OPTIONAL { ?m skg:unit ?unit_ }
          OPTIONAL { ?m skg:ciLowPrinted ?ci_low_ }
          OPTIONAL { ?m skg:ciHighPrinted ?ci_high_ }
          OPTIONAL { ?m skg:sampleSize ?n_ }
          OPTIONAL { ?m skg:claim ?claim }
        }
      } }
      # concepts and regimens are described once, in the lexicon or vocabulary graph (updates have
      # no union default graph, hence GRAPH ?v)
      GRAPH ?v1 { ?endpoint_node skg:key ?endpoint_ }
      GRAPH ?v2 { ?member skg:key ?population_ }
      OPTIONAL { GRAPH GRAPH { ?m skg:regimen ?regimen_node } GRAPH ?v3 { ?regimen_node skg:key ?regimen_ } }
      BIND (COALESCE(?claim, ?m) AS ?row)
      BIND (CONCAT(COALESCE(?paper_author, ?source_file_), COALESCE(CONCAT(" ", STR(?paper_year)), "")) AS ?paper_)
      BIND (IF(BOUND(?work), CONCAT(COALESCE(?work_author, "?"), COALESCE(CONCAT(" ", STR(?work_year)), "")), "")
            AS ?cited_work_)
      # the quote shown is the most detailed statement (CI, then n printed): the largest by this prefix
      BIND (CONCAT(IF(BOUND(?ci_low_), "1", "0"), IF(BOUND(?n_), "1", "0"), "|", ?quote_) AS ?ranked_quote)"""

# The selectors a row is found under: (its endpoint or *) x (each subtype its population is or lies
# under in the lexicon, or *); the `skos:broader*` expansion is done here, once per write.
_SELECTORS = f"""
      GRAPH GRAPH {{
        ?m skg:endpoint ?endpoint_node ; skg:cohort/skg:population ?member .
        OPTIONAL {{ ?m skg:claim ?claim }}
      }}
      BIND (COALESCE(?claim, ?m) AS ?row)
      GRAPH ?v1 {{ ?endpoint_node skg:key ?endpoint_ }}
      {{ {{ SELECT DISTINCT ?member ?group_code WHERE {{
        # the paper's subtypes first, then their closure (the path alone walks the whole lexicon)
        {{ SELECT DISTINCT ?member WHERE {{ GRAPH GRAPH {{ ?m0 skg:cohort/skg:population ?member }} }} }}
        GRAPH <{LEXICON_GRAPH}> {{ ?member skos:broader* ?group }} GRAPH ?v2 {{ ?group skg:key ?group_code }}
      }} }} }}
      UNION {{ BIND ("{ANY}" AS ?group_code) }}
      VALUES ?any_endpoint {{ true false }}
      BIND (CONCAT(IF(?any_endpoint, "{ANY}", ?endpoint_), " ", ?group_code) AS ?selector_)"""

_AGGREGATED = {"quote": f"{_encoded('MAX(?ranked_quote)')}", "selector": ""}


def _part_pattern(graph: str) -> str:
    """The WHERE pattern that binds ?row and ?part for every row of the paper graph `graph` (<iri>)."""
    fields = [f"({_AGGREGATED.get(name) or _values(f'?{name}_')} AS ?f_{name})"
              for name in PART_FIELDS if name != "selector"]
    packed = f', "{_US}", '.join(["STR(?row)", *(f"?f_{name}" for name in PART_FIELDS)])
    pattern = f"""{{
  {{ SELECT ?row {" ".join(fields)} WHERE {{ {_MEASUREMENTS} }} GROUP BY ?row }}
  {{ SELECT ?row ({_values("?selector_")} AS ?f_selector) WHERE {{
    # sorted before they are joined: the same paper gives the same literal, whatever the store holds
    {{ SELECT ?row ?selector_ WHERE {{ {_SELECTORS} }} ORDER BY ?row ?selector_ }} }} GROUP BY ?row }}
  BIND (CONCAT({packed}) AS ?part)
}}"""
    return _expand(pattern.replace("GRAPH GRAPH", f"GRAPH {graph}"))


def construct_parts(graph_iri: str) -> str:
    """The paper's parts as a CONSTRUCT over the store."""
    return f"CONSTRUCT {{ ?row <{PART}> ?part }} WHERE {_part_pattern(_iri(graph_iri))}"
