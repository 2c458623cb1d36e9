"""`kg export --format kgx`: KGX TSV whose categories, predicates, columns and enum values are all in
the Biolink Model, with counts that follow from the store and Biolink provenance on every edge.

The Biolink Model is the YAML that the `biolink-model` package ships, read offline with `bmt`. The
`kgx` library itself pins numpy < 2 (through pyarrow < 16) and fetches the model from GitHub on
import, so it is not a test dependency; when it is installed, the last test loads the files with
it (offline) and runs its Validator.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from sample_paper import load_samples, sample_records

from kg.build.concepts import xref_iri
from kg.build.rdf_build import build_paper
from kg.export.base import curie
from kg.export.biolink import CATEGORIES, EDGE_CATEGORY, FOLDED, PREDICATES, xref_curie
from kg.export.kgx_tsv import EDGE_COLUMNS, NODE_COLUMNS
from kg.export.registry import export
from kg.store.kg_store import KgStore
from ontology.lexicon import load_lexicon

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ODD_TITLE = 'A "quoted" | piped\ttabbed title & more'
SCHEMA = resources.files("biolink_model") / "schema" / "biolink_model.yaml"


@pytest.fixture(scope="module")
def offline() -> Iterator[None]:
    """Any attempt to open a socket fails (the Biolink Model and KGX must work from local files)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "create_connection", refuse)
        yield


@pytest.fixture(scope="module")
def toolkit(offline: None) -> Any:
    from bmt import Toolkit

    return Toolkit(schema=str(SCHEMA), predicate_map={"predicate mappings": []})


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kgx") / "store"
    with KgStore.open(path) as store:
        load_samples(store, [sample_records(), sample_records("odd.txt", doi="", title=ODD_TITLE)], load_lexicon())
    return path


@pytest.fixture(scope="module")
def kgx_dir(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kgx-out") / "kgx"
    with KgStore.open(store_dir, read_only=True) as store:
        result = export(store, "kgx", out)
    assert result.files == (out / "nodes.tsv", out / "edges.tsv")
    return out


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """KGX reads TSV without quoting: every line must split into exactly the header's fields."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:-1]:
        fields = line.split("\t")
        assert len(fields) == len(header), line
        rows.append(dict(zip(header, fields, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def nodes(kgx_dir: Path) -> dict[str, dict[str, str]]:
    header, rows = read_tsv(kgx_dir / "nodes.tsv")
    assert tuple(header) == NODE_COLUMNS
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows), "node ids are unique"
    return by_id


@pytest.fixture(scope="module")
def edges(kgx_dir: Path) -> list[dict[str, str]]:
    header, rows = read_tsv(kgx_dir / "edges.tsv")
    assert tuple(header) == EDGE_COLUMNS
    assert len({row["id"] for row in rows}) == len(rows), "edge ids are unique"
    return rows


def _many(value: str) -> set[str]:
    return set(value.split("|")) - {""}


def test_columns_are_biolink_slots_and_required_values_are_there(
        toolkit: Any, nodes: dict[str, dict[str, str]], edges: list[dict[str, str]]) -> None:
    for column in (*NODE_COLUMNS, *EDGE_COLUMNS):
        assert toolkit.view.get_slot(column.replace("_", " ")) is not None, column
    for row in nodes.values():
        assert row["id"] and row["category"] and row["name"] and row["provided_by"] == "infores:sarcoma-kg"
    for row in edges:
        assert all(row[c] for c in ("id", "subject", "predicate", "object", "category", "knowledge_level",
                                    "agent_type", "primary_knowledge_source")), row
        assert row["subject"] in nodes and row["object"] in nodes, "every edge end is a node"


def test_categories_predicates_and_enums_are_in_the_biolink_model(
        toolkit: Any, nodes: dict[str, dict[str, str]], edges: list[dict[str, str]]) -> None:
    categories = set(CATEGORIES.values()) | {c for row in nodes.values() for c in _many(row["category"])}
    for category in categories:
        assert toolkit.is_category(category) and not toolkit.is_mixin(category), category
        assert not toolkit.get_element(category).abstract, f"{category} is abstract"
    predicates = set(PREDICATES.values()) | {row["predicate"] for row in edges}
    for predicate in predicates:
        assert toolkit.is_predicate(predicate) and not toolkit.is_mixin(predicate), predicate
    assert EDGE_CATEGORY in toolkit.get_descendants("association", formatted=True)
    levels = set(toolkit.view.get_enum("KnowledgeLevelEnum").permissible_values)
    agents = set(toolkit.view.get_enum("AgentTypeEnum").permissible_values)
    assert {row["knowledge_level"] for row in edges} <= levels
    assert {row["agent_type"] for row in edges} <= agents


def _select(store: KgStore, query: str) -> set[tuple[str, ...]]:
    return {tuple(term.value for term in row) for row in store.select(query).rows}


def test_counts_follow_from_the_store(store_dir: Path, nodes: dict[str, dict[str, str]],
                                      edges: list[dict[str, str]]) -> None:
    folded = " ".join(f"<{iri}>" for iri in sorted(FOLDED))
    with KgStore.open(store_dir, read_only=True) as store:
        # nodes: every typed resource that is not provenance structure (evidence, mentions, ...)
        expected_nodes = _select(store, f"""
            SELECT DISTINCT ?s WHERE {{ ?s a ?t FILTER NOT EXISTS {{ ?s a ?f VALUES ?f {{ {folded} }} }} }}""")
        # projected edges: links between two such nodes (exact and close matches go to the xref column)
        links = _select(store, f"""
            SELECT DISTINCT ?s ?p ?o WHERE {{
              ?s ?p ?o . ?s a ?st . ?o a ?ot
              FILTER(?p NOT IN (rdf:type, skos:exactMatch, skos:closeMatch))
              FILTER NOT EXISTS {{ ?s a ?f VALUES ?f {{ {folded} }} }}
              FILTER NOT EXISTS {{ ?o a ?g VALUES ?g {{ {folded} }} }} }}""")
        treated = _select(store, """
            SELECT DISTINCT ?r ?d WHERE {
              ?m a skg:OutcomeMeasurement ; skg:scope "primary" ; skg:regimen ?r ; skg:cohort/skg:population ?d }""")
        adverse = _select(store, """
            SELECT DISTINCT ?r ?t WHERE {
              ?m a skg:AdverseEventMeasurement ; skg:scope "primary" ; skg:regimen ?r ; skg:adverseEvent ?t }""")
    assert set(nodes) == {curie(s) for (s,) in expected_nodes}
    assert len(edges) == len(links) + len(treated) + len(adverse)
    assert {(e["subject"], e["original_predicate"], e["object"]) for e in edges if e["original_predicate"]} == {
        (curie(s), curie(p), curie(o)) for s, p, o in links}


def test_a_drug_node_and_its_curated_target(nodes: dict[str, dict[str, str]], edges: list[dict[str, str]]) -> None:
    concept = load_lexicon().get("drug", "pembrolizumab")
    assert concept is not None
    drug = nodes["skgid:drug/pembrolizumab"]
    assert drug["category"] == "biolink:Drug" and drug["name"] == concept.label
    assert drug["iri"] == "https://w3id.org/sarcoma-kg/id/drug/pembrolizumab"
    assert _many(drug["synonym"]) == {s for s in concept.synonyms if s != concept.label}
    assert _many(drug["xref"]) == {xref_curie(str(xref_iri(x))) for x in concept.xrefs}
    assert "NCIT:C96613" in _many(nodes["skgid:endpoint/ORR"]["xref"])  # a close match is a cross-reference too
    assert all(":" in x and not x.startswith("http") for x in _many(drug["xref"]))
    targets = [e for e in edges
               if e["subject"] == "skgid:drug/pembrolizumab" and e["original_predicate"] == "skg:hasTarget"]
    assert targets and {e["object"] for e in targets} == {f"skgid:target/{t}" for t in concept.targets}
    for edge in targets:
        assert edge["predicate"] == "biolink:directly_physically_interacts_with"
        assert edge["agent_type"] == "manual_agent" and edge["publications"] == ""  # the curated lexicon says so
        assert nodes[edge["object"]]["category"] == "biolink:Protein"


def test_edges_read_from_papers_carry_their_publications(
        nodes: dict[str, dict[str, str]], edges: list[dict[str, str]]) -> None:
    paper = curie(str(build_paper(sample_records(), load_lexicon()).publication))
    odd = curie(str(build_paper(sample_records("odd.txt", doi="", title=ODD_TITLE), load_lexicon()).publication))
    cited_as = {"doi:10.9999/sample.2024.001", odd}  # a paper with a DOI is cited by it, whatever its IRI
    regimen = "skgid:regimen/demolimab+exampletinib"
    treats = [e for e in edges if (e["subject"], e["predicate"], e["object"]) ==
              (regimen, "biolink:studied_to_treat", "skgid:subtype/ASPS")]
    assert len(treats) == 1 and _many(treats[0]["publications"]) == cited_as
    assert treats[0]["agent_type"] == "text_mining_agent" and treats[0]["knowledge_level"] == "knowledge_assertion"
    adverse = [e for e in edges if e["subject"] == regimen and e["predicate"] == "biolink:has_adverse_event"]
    assert {e["object"] for e in adverse} == {"skgid:adverse-event/hypertension"}
    assert adverse[0]["knowledge_level"] == "observation"
    assert nodes[regimen]["category"] == "biolink:Treatment"
    for edge in edges:
        assert edge["primary_knowledge_source"] == "infores:sarcoma-kg"
        if edge["agent_type"] == "text_mining_agent":
            assert _many(edge["publications"]) <= cited_as and edge["publications"], edge
    mentions = [e for e in edges if e["subject"] == paper and e["predicate"] == "biolink:mentions"]
    assert "skgid:drug/exampletinib" in {e["object"] for e in mentions}
    assert nodes[paper]["category"] == "biolink:Article"


def test_measurements_keep_values_and_quotes(nodes: dict[str, dict[str, str]]) -> None:
    results = [row for row in nodes.values() if row["category"] == "biolink:TextMiningStudyResult"]
    orr = [row for row in results if row["name"] == "ORR 40.0%"]
    assert len(orr) == 2  # one per paper: the same sentence in two files is two measurements
    assert "skg:ciLowPrinted=22.7" in orr[0]["description"] and "skg:sampleSize=30" in orr[0]["description"]
    assert orr[0]["supporting_text"].startswith("Among 30 patients with ASPS, the ORR was 40.0%")
    ae = [row for row in results if row["name"].startswith("Hypertension grade 3-4")]
    assert ae and all("Table 3 Hypertension" in row["supporting_text"] for row in ae)  # tabs became spaces


def test_text_is_tsv_safe(nodes: dict[str, dict[str, str]]) -> None:
    odd = [row for row in nodes.values() if row["category"] == "biolink:Article" and "quoted" in row["name"]]
    assert [row["name"] for row in odd] == ['A "quoted" / piped tabbed title & more']


# -- the kgx library, when it is installed --------------------------------------------------------


def _offline_kgx() -> Any:
    """Import kgx without its downloads: the Biolink Model and context from the biolink-model package."""
    pytest.importorskip("kgx", reason="kgx is not installed (it pins numpy<2; see the module docstring)")
    import bmt.toolkit

    bmt.toolkit.Toolkit.__init__.__defaults__ = (str(SCHEMA), {"predicate mappings": []})
    import kgx.config

    prefix_map = json.loads((resources.files("biolink_model") / "prefixmaps" /
                             "biolink_model_prefix_map.json").read_text(encoding="utf-8"))
    kgx.config.jsonld_context_map.update({"biolink": prefix_map, "monarch_context": {}, "obo_context": {}})
    import kgx.transformer
    import kgx.validator

    return kgx


def test_kgx_loads_and_validates(offline: None, kgx_dir: Path, nodes: dict[str, dict[str, str]],
                                 edges: list[dict[str, str]]) -> None:
    kgx = _offline_kgx()
    transformer = kgx.transformer.Transformer(stream=False)
    transformer.transform(input_args={"filename": [str(kgx_dir / "nodes.tsv"), str(kgx_dir / "edges.tsv")],
                                      "format": "tsv"})
    graph = transformer.store.graph
    assert graph.number_of_nodes() == len(nodes) and graph.number_of_edges() == len(edges)
    validator = kgx.validator.Validator()
    validator.prefixes.update({"skgid", "doi", "infores"})
    validator.validate(graph)
    # kgx's CURIE pattern refuses a '/' in the local part, so it flags skgid:drug/x and doi:10.x/y ids;
    # everything else (categories, predicates, required properties, values) must pass
    for level, by_type in validator.get_errors().items():
        for error_type, messages in by_type.items():
            for message, ids in messages.items():
                assert "CURIE" in message and all("/" in i for i in ids), (level, error_type, message, ids[:3])


def test_links_computed_across_papers_and_unknown_resources() -> None:
    from rdflib import RDF, URIRef
    from rdflib.namespace import SKOS

    from kg.core.iris import concept_iri
    from kg.export.kgx_tsv import KgxProjection
    from ontology.namespace import DATA_IRI, SKG

    a, b, outside = concept_iri("drug", "x"), concept_iri("drug", "y"), URIRef("https://example.org/z")
    with KgStore.memory() as store:
        store.replace_graph(DATA_IRI + "graph/derived", [
            (a, RDF.type, SKG.Drug), (b, RDF.type, SKG.Drug), (a, SKOS.related, b), (b, SKOS.related, outside)])
        projection = KgxProjection(store.quads())
    edges = {(e.subject, e.object): e for e in projection.edges()}
    computed = edges[("skgid:drug/x", "skgid:drug/y")]
    assert (computed.predicate, computed.original_predicate) == ("biolink:related_to_at_instance_level", "skos:related")
    assert (computed.agent_type, computed.knowledge_level, computed.publications) == (
        "data_analysis_pipeline", "logical_entailment", ())
    assert ("skgid:drug/y", str(outside)) in edges, "a link to an unknown resource is kept"
    assert projection.node_row(str(outside))["category"] == "biolink:NamedThing"
