"""The streamed exports equal the in-memory projections: GraphML reads back (networkx) with the same
nodes, edges and attributes, KGX has the same bytes; on several papers plus awkward hand-made
triples (control characters, quotes, <, &, a carriage return, a blank node, link targets that are
never subjects, a link held by two graphs, the default graph), also when the sort goes through many
small runs on disk."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from sample_paper import load_samples, sample_records

import kg.export.subject_stream as subject_stream
import kg.store.union_stream as union_stream
from kg.core.errors import OutputError
from kg.export.base import curie
from kg.export.graphml import graphml_graph
from kg.export.kgx_tsv import EDGE_COLUMNS, NODE_COLUMNS, KgxProjection, tsv_line
from kg.export.registry import export
from kg.export.resources import ResourceIndex
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon
from ontology.namespace import DATA_IRI, SKG_IRI

LEXICON = Lexicon([
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", synonyms=("ASPS",), parents=("STS",)),
    Concept("subtype", "STS", "soft tissue sarcoma"),
])
ODD = ox.NamedNode(f"{DATA_IRI}thing/odd")
NOTE = ox.NamedNode(f"{SKG_IRI}note")
RELATED = ox.NamedNode(f"{SKG_IRI}relatedTo")
OUTSIDE = ox.NamedNode("https://example.org/look?a=1&b=<2>".replace("<", "%3C").replace(">", "%3E"))
LONELY = ox.NamedNode("https://example.org/only-ever-an-object")
AWKWARD = 'bell\x07 and form\x0c feed, <b>bold</b> & "double" \'single\'\r\nnext line\ttab'
EXTRA_A = ox.NamedNode(f"{DATA_IRI}graph/extra-a")
EXTRA_B = ox.NamedNode(f"{DATA_IRI}graph/extra-b")


def _awkward_quads() -> list[ox.Quad]:
    blank = ox.BlankNode("b0")
    return [
        ox.Quad(ODD, NOTE, ox.Literal(AWKWARD), EXTRA_A),
        ox.Quad(ODD, NOTE, ox.Literal("same text"), EXTRA_A),
        ox.Quad(ODD, NOTE, ox.Literal("same text", language="en"), EXTRA_B),
        ox.Quad(ODD, RELATED, OUTSIDE, EXTRA_A),
        ox.Quad(ODD, RELATED, OUTSIDE, EXTRA_B),  # one edge, two graphs
        ox.Quad(ODD, RELATED, blank, EXTRA_A),
        ox.Quad(blank, NOTE, ox.Literal("a blank node's note"), EXTRA_A),
        ox.Quad(blank, RELATED, LONELY, EXTRA_B),
        ox.Quad(ODD, RELATED, ox.NamedNode(f"{DATA_IRI}thing/unnamed"), ox.DefaultGraph()),
    ]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graphml-stream") / "store"
    records = [sample_records(), sample_records("second paper.txt", doi="10.9999/second"),
               sample_records("third & <odd>.txt", doi="", title='A "third" <i>paper</i> & co')]
    with KgStore.open(path) as store:
        load_samples(store, records, LEXICON)
        store.raw.extend(_awkward_quads())
    return path


def _nodes(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    # GraphML cannot tell an empty attribute from a missing one: networkx reads neither back
    return {node: {k: v for k, v in data.items() if v != ""} for node, data in graph.nodes(data=True)}


def _edges(graph: nx.MultiDiGraph) -> list[tuple]:
    return sorted((u, v, key, tuple(sorted((k, x) for k, x in data.items() if x != "")))
                  for u, v, key, data in graph.edges(keys=True, data=True))


def _reference(store_dir: Path) -> nx.MultiDiGraph:
    with KgStore.open(store_dir, read_only=True) as store:
        return graphml_graph(ResourceIndex.from_quads(store.quads()))


def _export(store_dir: Path, out: Path) -> dict[str, int]:
    with KgStore.open(store_dir, read_only=True) as store:
        return export(store, "graphml", out).counts


def test_streamed_file_reads_back_as_the_in_memory_graph(store_dir: Path, tmp_path: Path) -> None:
    counts = _export(store_dir, tmp_path / "g.graphml")
    expected = _reference(store_dir)
    written = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert counts == {"nodes": expected.number_of_nodes(), "edges": expected.number_of_edges()}
    assert _nodes(written) == _nodes(expected)
    assert _edges(written) == _edges(expected)
    assert written.graph["name"] == "sarcoma-kg"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]  # the runs on disk are gone


def test_awkward_text_and_targets_that_are_never_subjects(store_dir: Path, tmp_path: Path) -> None:
    _export(store_dir, tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    odd = graph.nodes["skgid:thing/odd"]
    notes = odd["skg:note"].split(" | ")
    assert 'bell and form feed, <b>bold</b> & "double" \'single\'\r\nnext line\ttab' in notes
    assert notes.count("same text") == 2  # a plain and a tagged literal: two values
    for lonely in (LONELY.value, OUTSIDE.value, "skgid:thing/unnamed"):
        assert graph.nodes[lonely]["kind"] == "Resource" and graph.nodes[lonely]["label"] == lonely
    two = [d for _, v, d in graph.out_edges("skgid:thing/odd", data=True) if v == OUTSIDE.value]
    assert [d["graphs"] for d in two] == ["skgid:graph/extra-a | skgid:graph/extra-b"]
    blank = next(n for n, d in graph.nodes(data=True) if d.get("skg:note") == "a blank node's note")
    assert graph.has_edge(blank, LONELY.value) and graph.has_edge("skgid:thing/odd", blank)


def test_small_runs_and_batches_give_the_same_bytes(store_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _export(store_dir, tmp_path / "default.graphml")
    monkeypatch.setattr(union_stream, "RUN_TRIPLES", 7)  # dozens of runs: the on-disk merge runs
    monkeypatch.setattr(union_stream, "PARSE_BATCH", 5)  # subjects straddle parse batches
    _export(store_dir, tmp_path / "small.graphml")
    _export(store_dir, tmp_path / "again.graphml")
    default = (tmp_path / "default.graphml").read_bytes()
    assert (tmp_path / "small.graphml").read_bytes() == default == (tmp_path / "again.graphml").read_bytes()


def test_quad_lines_sort_by_subject_first() -> None:
    subject, other = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/a-b")
    lines = sorted(subject_stream.quad_line(q) for q in [
        ox.Quad(subject, NOTE, ox.Literal("z z"), EXTRA_A),
        ox.Quad(other, NOTE, ox.Literal("a"), EXTRA_A),
        ox.Quad(subject, RELATED, other, ox.DefaultGraph()),
        ox.Quad(subject, NOTE, ox.Literal("z z", language="en"), EXTRA_B),
    ])
    firsts = [line.split(" ", 1)[0] for line in lines]
    assert firsts in ([str(subject)] * 3 + [str(other)], [str(other)] + [str(subject)] * 3)  # one run each


# -- KGX ------------------------------------------------------------------------------------------


def _kgx_reference(store_dir: Path) -> tuple[str, str]:
    with KgStore.open(store_dir, read_only=True) as store:
        projection = KgxProjection(store.quads())
    nodes = [tsv_line(NODE_COLUMNS, projection.node_row(k)) for k in sorted(projection.nodes, key=curie)]
    edges = [tsv_line(EDGE_COLUMNS, e.row()) for e in projection.edges()]
    return ("".join(f"{line}\n" for line in ["\t".join(NODE_COLUMNS), *nodes]),
            "".join(f"{line}\n" for line in ["\t".join(EDGE_COLUMNS), *edges]))


def _kgx(store_dir: Path, out: Path) -> tuple[str, str, dict[str, int]]:
    with KgStore.open(store_dir, read_only=True) as store:
        counts = export(store, "kgx", out).counts
    return (out / "nodes.tsv").read_text(encoding="utf-8"), (out / "edges.tsv").read_text(encoding="utf-8"), counts


def test_streamed_kgx_is_the_in_memory_projection(store_dir: Path, tmp_path: Path) -> None:
    nodes, edges, counts = _kgx(store_dir, tmp_path / "kgx")
    expected_nodes, expected_edges = _kgx_reference(store_dir)
    assert nodes == expected_nodes and edges == expected_edges
    assert counts == {"nodes": nodes.count("\n") - 1, "edges": edges.count("\n") - 1}
    assert sorted(p.name for p in (tmp_path / "kgx").iterdir()) == ["edges.tsv", "nodes.tsv"]
    assert [p.name for p in tmp_path.iterdir()] == ["kgx"]  # the runs on disk are gone
    rows = {line.split("\t")[0]: line.split("\t") for line in nodes.splitlines()}
    assert rows[LONELY.value][1] == "biolink:NamedThing"  # a target never a subject is a node
    assert not any(row[1] == "" for row in rows.values())
    assert "& \"double\" 'single' next line tab, same text, same text" in rows["skgid:thing/odd"][3]  # one line
    outcomes = [row for row in rows.values() if row[0].startswith("skgid:outcome/")]
    assert outcomes and all(row[8] for row in outcomes)  # measurements keep the quotes of their evidence


def test_streamed_kgx_with_small_runs_gives_the_same_bytes(store_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    default = _kgx(store_dir, tmp_path / "default")[:2]
    monkeypatch.setattr(union_stream, "RUN_TRIPLES", 7)
    monkeypatch.setattr(union_stream, "PARSE_BATCH", 5)
    assert _kgx(store_dir, tmp_path / "small")[:2] == default


@pytest.mark.parametrize("fmt", ["graphml", "kgx"])
def test_a_disk_error_for_the_sort_runs_names_the_output(fmt: str, store_dir: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(subject_stream.tempfile, "TemporaryDirectory", full_disk)
    with KgStore.open(store_dir, read_only=True) as store, pytest.raises(OutputError, match=r"out\.x.*No space left"):
        export(store, fmt, tmp_path / "out.x")


# -- the pass both exports share ------------------------------------------------------------------


def test_a_subject_pass_gives_the_noted_targets_that_are_never_subjects(store_dir: Path, tmp_path: Path) -> None:
    with KgStore.open(store_dir, read_only=True) as store, \
            subject_stream.subject_pass(tmp_path / "out.x", ".kg-test-") as run:
        folder = run.folder
        subjects = []
        for resource, link_graphs in run.subjects(store):
            subjects.append(resource.key)
            if resource.key == ODD.value:
                assert link_graphs[(RELATED.value, OUTSIDE.value)] == {EXTRA_A.value, EXTRA_B.value}
                run.link_to(OUTSIDE.value)
                run.link_to(ODD.value)  # a target that is a subject too: no bare node
                run.link_to(OUTSIDE.value)  # noted twice, given once
        assert ODD.value in subjects and OUTSIDE.value not in subjects
        assert list(run.bare_targets()) == [OUTSIDE.value]  # LONELY was never noted
        run.nodes.write("a node line\n")
        run.close()
        assert run.paths["nodes"].read_text(encoding="utf-8") == "a node line\n"
    assert not folder.exists()
