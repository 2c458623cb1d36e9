"""The on-disk store: replace semantics, parameter binding, errors, and the build pipeline."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from sample_paper import SAMPLE_TEXT, graph_size, sample_records

from kg.build.pipeline import build_paths
from kg.build.rdf_build import build_paper
from kg.core.errors import InputError, QueryError, StoreError
from kg.store.kg_store import KgStore, parse_param, store_path
from ontology.lexicon import Lexicon
from ontology.namespace import SKG

HOSTILE = ['x" } DROP ALL { "', "} DROP ALL", "it's \"quoted\" {braces}", "\\u0022 back\\slash", "<script>"]


@pytest.fixture
def store(tmp_path: Path) -> KgStore:
    with KgStore.open(tmp_path / "store") as opened:
        yield opened


def _fake_extract(path: Path):  # noqa: ANN202
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise ValueError("empty file")
    return sample_records(path.name, doi="", text=SAMPLE_TEXT)


def test_replace_graph_replaces_and_leaves_other_graphs(store: KgStore) -> None:
    a = build_paper(sample_records("a.txt", doi="10.1/a"))
    b = build_paper(sample_records("b.txt", doi="10.1/b"))
    assert store.replace_graph(a.graph_iri, a.graph) == len(a.graph)
    store.replace_graph(b.graph_iri, b.graph)
    total = len(store)
    store.replace_graph(a.graph_iri, a.graph)  # the same paper again: nothing added
    assert len(store) == total
    smaller = build_paper(sample_records("a.txt", doi="10.1/a", title="Shorter"))
    smaller.graph.remove((None, SKG.authorName, None))
    store.replace_graph(a.graph_iri, smaller.graph)
    assert graph_size(store, a.graph_iri) == len(smaller.graph)
    assert graph_size(store, b.graph_iri) == len(b.graph)
    authors = "SELECT ?a ?n WHERE { GRAPH ?a { ?p skg:authorName ?n } }"
    assert not store.select(authors, {"a": URIRef(a.graph_iri)}).rows
    assert store.select(authors, {"a": URIRef(b.graph_iri)}).rows
    assert store.named_graphs() == sorted([str(a.graph_iri), str(b.graph_iri)])


def test_store_round_trips_hostile_literals_exactly(store: KgStore) -> None:
    triples = [(URIRef(f"https://example.org/s{i}"), SKG.quote, Literal(v)) for i, v in enumerate(HOSTILE)]
    triples.append((URIRef("https://example.org/t"), SKG.quote, Literal("tab\tnew\nline \x01 \u2028 é")))
    store.replace_graph("https://example.org/g", triples)
    got = {(str(q.subject.value), q.object.value) for q in store.quads()}
    assert got == {(str(s), str(o)) for s, _, o in triples}


def test_hostile_parameters_match_literally_and_change_nothing(store: KgStore) -> None:
    triples = [(URIRef(f"https://example.org/s{i}"), SKG.quote, Literal(v)) for i, v in enumerate(HOSTILE)]
    store.replace_graph("https://example.org/g", triples)
    before = store.quads()
    query = "SELECT ?s ?q WHERE { ?s skg:quote ?q }"
    for i, value in enumerate(HOSTILE):
        rows = store.select(query, {"q": value}).records()
        assert rows == [{"s": f"https://example.org/s{i}", "q": value}]
        name, term = parse_param(f"q={value}")
        assert store.select(query, {name: term}).records() == rows
    assert store.select(query, {"q": "no such quote"}).rows == []
    assert store.quads() == before


def test_parse_param_types() -> None:
    assert parse_param("x=hello") == ("x", ox.Literal("hello"))
    assert parse_param("?x=<https://example.org/a>") == ("x", ox.NamedNode("https://example.org/a"))
    assert parse_param("n:integer=5") == ("n", ox.Literal("5", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")))
    assert parse_param("s:string=<not an iri>") == ("s", ox.Literal("<not an iri>"))
    assert parse_param("eq=a=b") == ("eq", ox.Literal("a=b"))
    assert parse_param("x=<script>") == ("x", ox.Literal("<script>"))
    for bad in ("noequals", "bad name=1", "n:integer=5.5", "n:float=1", "i:iri=not an iri"):
        with pytest.raises(QueryError):
            parse_param(bad)


def test_query_errors_are_query_errors(store: KgStore) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELECT WHERE {")
    with pytest.raises(QueryError, match="SELECT clause"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": "x"})
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("DROP ALL")  # updates are not queries
    assert store.query("ASK { ?s ?p ?o }") is False


def test_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*; run `kg build` first"):
        KgStore.open(tmp_path / "nowhere", read_only=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        KgStore.open(tmp_path / "file")


def test_store_path_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SARCOMA_KG_STORE", raising=False)
    assert store_path(None) == Path(".kg-store")
    monkeypatch.setenv("SARCOMA_KG_STORE", "/tmp/from-env")
    assert store_path(None) == Path("/tmp/from-env")
    assert store_path("given") == Path("given")


def test_build_paths_reports_failures_and_keeps_the_store(tmp_path: Path, store: KgStore) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(SAMPLE_TEXT, encoding="utf-8")
    bad.write_text("", encoding="utf-8")
    events = []
    report = build_paths([good, bad, tmp_path / "missing.txt"], store, lexicon=Lexicon([]),
                         extract=_fake_extract, on_event=events.append)
    assert [r.source_file for r in report.built] == ["good.txt"]
    assert {f.path.name: f.reason for f in report.failures} == {
        "missing.txt": "no such file or directory", "bad.txt": "ValueError: empty file"}
    assert {e.kind for e in events} == {"start", "file", "built", "failed", "rows"}  # rows: its parts joined
    assert any("sample problem" in p.message for p in report.problems)
    count = len(store)
    # building again with only a bad file loses nothing already in the store
    report = build_paths([bad], store, lexicon=Lexicon([]), extract=_fake_extract)
    assert not report.built and len(store) == count


def test_build_paths_directories_and_nothing_to_build(tmp_path: Path, store: KgStore) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("b.txt", "a.txt", "notes.md"):
        (folder / name).write_text(SAMPLE_TEXT, encoding="utf-8")
    report = build_paths([folder], store, lexicon=Lexicon([]), extract=_fake_extract)
    assert [r.source_file for r in report.built] == ["a.txt", "b.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no input files"):
        build_paths([empty], store, lexicon=Lexicon([]), extract=_fake_extract)


def test_close_releases_the_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = KgStore.open(path)
    paper = build_paper(sample_records())
    writer.replace_graph(str(paper.graph_iri), paper.graph)
    with pytest.raises(StoreError, match="another"):
        KgStore.open(path)  # locked while the first writer is open
    writer.close()
    with pytest.raises(StoreError, match="closed"):
        len(writer)
    with KgStore.open(path) as again:  # the lock is gone
        assert len(again) == len(paper.graph)


def test_a_new_store_may_live_in_a_folder_that_does_not_exist_yet(tmp_path: Path) -> None:
    store = KgStore.open(tmp_path / "new" / "deeper" / "store")
    store.close()
    assert (tmp_path / "new" / "deeper" / "store").is_dir()
