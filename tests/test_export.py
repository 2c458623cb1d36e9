"""`kg export`: every RDF format parses back (rdflib) to the same triples; JSON-LD with its context
file; GraphML for Cytoscape/Gephi; rebuilds export identically; unknown formats are user errors."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic
from sample_paper import load_samples, sample_records
from typer.testing import CliRunner

from kg.build.concepts import build_lexicon_graph
from kg.build.rdf_build import build_paper
from kg.core.errors import InputError, OutputError
from kg.core.iris import is_index_graph
from kg.export.registry import EXPORTERS, Exporter, export
from kg.present.cli import app
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon, load_lexicon

LEXICON = Lexicon([
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", synonyms=('ASPS "quoted"',), parents=("STS",)),
    Concept("subtype", "STS", "soft tissue sarcoma"),
])
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "nq": "nquads", "trig": "trig"}
DATASET_FORMATS = {"nq", "trig"}
HOSTILE_TITLE = 'A "quoted" <b>title</b> \\ with é & more'
JSONLD_PREFIXES = {"skg", "skgid", "skos", "prov", "dcterms", "bibo", "cito", "fabio", "xsd"}


def _records() -> list:
    hostile = sample_records("odd name & <x>.txt", doi="", title=HOSTILE_TITLE)
    return [sample_records(), hostile]


def _expected() -> rdflib.Graph:
    graph = rdflib.Graph()
    for records in _records():
        graph += build_paper(records, LEXICON).complete  # the paper with the shared nodes it uses
    graph += build_lexicon_graph(LEXICON)[0]
    return graph


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    with KgStore.open(path) as store:
        load_samples(store, _records(), LEXICON)
    return path


@pytest.fixture(scope="module")
def lexicon_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample papers with the full shipped lexicon (pembrolizumab, targets, xrefs...)."""
    path = tmp_path_factory.mktemp("export-lexicon") / "store"
    with KgStore.open(path) as store:
        load_samples(store, _records(), load_lexicon())
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test (JSON-LD contexts must load from disk)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_registry() -> None:
    assert set(EXPORTERS) == set(RDF_FORMATS) | {"graphml", "kgx"}
    for name, exporter in EXPORTERS.items():
        assert isinstance(exporter, Exporter) and exporter.name == name and exporter.description
    assert [name for name, e in EXPORTERS.items() if e.writes_directory] == ["kgx"]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_round_trip_is_isomorphic(store_dir: Path, tmp_path: Path, fmt: str, no_network: None) -> None:
    out = tmp_path / f"graph.{fmt}"
    with KgStore.open(store_dir, read_only=True) as store:
        result = export(store, fmt, out)
        # bookkeeping and answer rows are indexes, not exported
        graph_names = {g for g in store.named_graphs() if not is_index_graph(g)}
    expected = _expected()
    assert result.files[0] == out
    if fmt in DATASET_FORMATS:
        dataset = rdflib.Dataset()
        dataset.parse(out, format=RDF_FORMATS[fmt])
        names = {str(g.identifier) for g in dataset.graphs() if len(g)}
        # two papers + graph/lexicon + graph/vocabulary + graph/claims
        assert names == graph_names and len(names) == 5
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        assert result.counts == {"quads": sum(len(g) for g in dataset.graphs())}
    else:
        union = rdflib.Graph().parse(out, format=RDF_FORMATS[fmt])
        assert result.counts == {"triples": len(union)}
    assert isomorphic(union, expected)
    assert set(union) == set(expected)  # no blank nodes: isomorphism is plain set equality


def test_paper_graphs_stay_apart_in_trig(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    with KgStore.open(store_dir, read_only=True) as store:
        export(store, "trig", out)
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    paper = build_paper(sample_records(), LEXICON)
    assert set(dataset.graph(paper.graph_iri)) == set(paper.graph)


def test_jsonld_writes_and_references_its_context(store_dir: Path, tmp_path: Path, no_network: None) -> None:
    out = tmp_path / "graph.jsonld"
    with KgStore.open(store_dir, read_only=True) as store:
        result = export(store, "jsonld", out)
    context_file = tmp_path / "graph.context.jsonld"
    assert result.files == (out, context_file)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["@context"] == "graph.context.jsonld"
    context = json.loads(context_file.read_text(encoding="utf-8"))["@context"]
    assert JSONLD_PREFIXES <= set(context)
    assert context["skgid"] == "https://w3id.org/sarcoma-kg/id/"
    assert context["Drug"] == "skg:Drug"
    assert context["hasTarget"] == {"@id": "skg:hasTarget", "@type": "@id"}
    assert context["charStart"] == {"@id": "skg:charStart", "@type": "xsd:integer"}
    assert context["prefLabel"] == "skos:prefLabel"
    # compacted: terms and CURIEs, typed values written bare where the term coerces them
    nodes = {node["@id"]: node for node in document["@graph"]}
    asps = nodes["skgid:subtype/ASPS"]
    assert asps["@type"] == "Subtype" and asps["prefLabel"] == "alveolar soft part sarcoma"
    assert asps["broader"] == "skgid:subtype/STS"
    evidence = next(n for n in nodes.values() if n.get("@type") == "Evidence")
    assert isinstance(evidence["charStart"], str) and evidence["charStart"].isdigit()
    # the pair moves together: the context is found beside the document, wherever that is
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for path in result.files:
        shutil.move(path, moved / path.name)
    assert set(rdflib.Graph().parse(moved / "graph.jsonld", format="json-ld")) == set(_expected())


# -- GraphML --------------------------------------------------------------------------------------

NODES_QUERY = """
SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE {
  GRAPH ?g { { ?n ?p ?o } UNION { ?s ?p ?n FILTER(?p != rdf:type) } }
  # bookkeeping and answer rows (indexes) are not exported
  FILTER(isIRI(?n) && ?g != <https://w3id.org/sarcoma-kg/id/graph/builds>
         && !STRSTARTS(STR(?g), "https://w3id.org/sarcoma-kg/id/graph/answers"))
}"""
"""GraphML nodes: the IRIs at either end of an object-property triple (object an IRI, predicate not
rdf:type), plus subjects with only rdf:type and literal triples (isolated typed nodes); together,
every IRI subject and every IRI object of a triple other than rdf:type."""

EDGES_QUERY = """
SELECT (COUNT(*) AS ?count) WHERE {
  SELECT DISTINCT ?s ?p ?o WHERE {
    GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o) && ?p != rdf:type && ?g != <https://w3id.org/sarcoma-kg/id/graph/builds>
                                 && !STRSTARTS(STR(?g), "https://w3id.org/sarcoma-kg/id/graph/answers"))
  }
}"""


def _count(store: KgStore, query: str) -> int:
    return int(store.select(query).rows[0][0].value)


def test_graphml_for_cytoscape_and_gephi(lexicon_store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    with KgStore.open(lexicon_store_dir, read_only=True) as store:
        result = export(store, "graphml", out)
        nodes, edges = _count(store, NODES_QUERY), _count(store, EDGES_QUERY)
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == nodes == result.counts["nodes"]
    assert graph.number_of_edges() == edges == result.counts["edges"]

    concept = load_lexicon().get("drug", "pembrolizumab")
    assert concept is not None
    drug = graph.nodes["skgid:drug/pembrolizumab"]
    assert drug["label"] == concept.label and drug["kind"] == "Drug"
    assert drug["iri"] == "https://w3id.org/sarcoma-kg/id/drug/pembrolizumab"
    synonyms = set(drug.get("skos:altLabel", "").split(" | "))
    assert {s for s in concept.synonyms if s != concept.label} == synonyms - {""}
    predicates = {data["predicate"] for _, _, data in graph.out_edges("skgid:drug/pembrolizumab", data=True)}
    assert "skos:broader" in predicates and "skg:hasTarget" in predicates

    papers = [n for n, data in graph.nodes(data=True) if data["kind"] == "Publication"]
    titles = {graph.nodes[n]["label"] for n in papers}
    assert HOSTILE_TITLE in titles  # XML-escaped in the file, intact when read back
    measurement = next(n for n, data in graph.nodes(data=True) if data["kind"] == "OutcomeMeasurement"
                       and data.get("skg:valuePrinted") == "40.0")
    assert graph.nodes[measurement]["label"] == "ORR 40.0%"
    edge = next(d for _, o, d in graph.out_edges(measurement, data=True) if d["predicate"] == "skg:endpoint")
    assert edge["label"] == "endpoint" and edge["graphs"].startswith("skgid:graph/")


# -- determinism and errors -----------------------------------------------------------------------


def test_rebuild_exports_identical_bytes(tmp_path: Path) -> None:
    outputs = []
    for attempt in range(2):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        with KgStore.open(tmp_path / f"store{attempt}") as store:
            load_samples(store, _records(), LEXICON)
            load_samples(store, _records(), LEXICON)  # building again replaces, never adds
            files = []
            for fmt in sorted(EXPORTERS):
                files.extend(export(store, fmt, folder / f"graph.{fmt}").files)
        outputs.append([path.read_bytes() for path in files])
    assert outputs[0] == outputs[1]


def test_unknown_format(store_dir: Path, tmp_path: Path) -> None:
    with KgStore.open(store_dir, read_only=True) as store, pytest.raises(InputError, match="unknown export"):
        export(store, "xml", tmp_path / "x.xml")


def test_unknown_format_is_a_usage_error_listing_the_formats(store_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--store", str(store_dir), "-f", "xml", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "unknown export format 'xml'" in result.stderr
    assert all(name in result.stderr for name in EXPORTERS)


def test_cli_writes_kgx_folder_and_graphml_by_suffix(store_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--store", str(store_dir), "-f", "kgx", "-o", str(tmp_path / "kgx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kgx" / "nodes.tsv").is_file() and (tmp_path / "kgx" / "edges.tsv").is_file()
    assert "nodes" in result.stdout and "edges" in result.stdout
    result = runner.invoke(app, ["export", "--store", str(store_dir), "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 0 and (tmp_path / "g.graphml").is_file(), result.output


def test_output_problems_are_errors(store_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with KgStore.open(store_dir, read_only=True) as store:
        with pytest.raises(OutputError, match="does not exist"):
            export(store, "ttl", tmp_path / "missing" / "x.ttl")
        with pytest.raises(OutputError, match="is a folder"):
            export(store, "ttl", tmp_path)
        with pytest.raises(OutputError, match="is a file"):
            export(store, "kgx", tmp_path / "file")
