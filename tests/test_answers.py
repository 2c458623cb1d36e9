"""The outcome question's precomputed rows (kg/build/answers.py), big papers' bulk writes
(kg/build/bulk_write.py) and batched writes (kg/build/batch_write.py): the same rows as the query,
kept right through writes, rewrites and removals, and a half-written paper never seen by readers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from sample_paper import SAMPLE_TEXT, sample_records
from typer.testing import CliRunner

from kg.build.answers import read_frame, read_rows
from kg.build.paper_write import hide_update
from kg.build.pipeline import BuildEvent, build_paths, remove_papers
from kg.core.errors import StoreError
from kg.core.iris import ANSWERS_GRAPH, BUILDS_GRAPH, graph_iri, is_index_graph, is_rows_graph, paper_answers_graph
from kg.present.cli import app
from kg.query.api import OUTCOME_HIDDEN, OUTCOME_QUERY
from kg.store.canned import load_query
from kg.store.kg_store import KgStore, bind_parameters, substitutions
from ontology.lexicon import load_lexicon

LEXICON = load_lexicon()
PARAMS = [
    {},
    {"endpoint": "ORR"},
    {"endpoint": "ORR", "subtype": "ASPS", "min": Decimal(30)},
    {"subtype": "STS"},
    {"endpoint": "ORR", "scope": "cited"},
    {"endpoint": "ORR", "max": Decimal("38.5")},
    {"component": "demolimab"},
]


def fake_extract(path: Path):  # noqa: ANN201 - module level: worker processes import it by name
    return sample_records(path.name, doi="", text=SAMPLE_TEXT)


def _papers(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"{SAMPLE_TEXT}\n{name}\n", encoding="utf-8")
    return [folder / name for name in names]


def _query_rows(store: KgStore, params: dict) -> list[dict[str, str]]:
    return store.select(load_query(OUTCOME_QUERY), params).without(*OUTCOME_HIDDEN).records()


def _answers(store: KgStore) -> set[str]:
    """The answers graph and the papers' parts graphs; rows as the answers graph's, whether a build
    rewrote them there or wrote them with a batch of papers into that batch's rows graph."""
    return {str(ox.Quad(q.subject, q.predicate, q.object,
                        ox.NamedNode(str(ANSWERS_GRAPH)) if is_rows_graph(q.graph_name.value) else q.graph_name))
            for q in store.raw if q.graph_name.value.startswith(str(ANSWERS_GRAPH))}


@pytest.fixture(scope="module")
def two_papers(tmp_path_factory: pytest.TempPathFactory) -> KgStore:
    folder = tmp_path_factory.mktemp("answers")
    store = KgStore.open(folder / "s")
    build_paths(_papers(folder / "in", "a.txt", "b.txt"), store, lexicon=LEXICON, extract=fake_extract)
    yield store
    store.close()


@pytest.mark.parametrize("params", PARAMS)
def test_packed_rows_are_the_rows_of_the_query(two_papers: KgStore, params: dict) -> None:
    packed = read_rows(two_papers, params).records()
    assert packed == _query_rows(two_papers, params)


@pytest.mark.parametrize("params", PARAMS)
def test_the_frame_of_the_packed_rows_is_the_frame_of_the_query(two_papers: KgStore, params: dict) -> None:
    frame = read_frame(two_papers, params)
    query = two_papers.select(load_query(OUTCOME_QUERY), params).without(*OUTCOME_HIDDEN).to_frame()
    assert list(frame.columns) == list(query.columns) and len(frame) == len(query)
    assert frame.to_dict("records") == query.to_dict("records")


def test_a_frame_with_no_rows_still_has_the_columns(two_papers: KgStore) -> None:
    frame = read_frame(two_papers, {"endpoint": "ORR", "min": Decimal(1000)})
    assert frame.empty and list(frame.columns) == list(read_rows(two_papers, {}).columns)


def test_the_cited_claim_both_papers_state_is_one_row_and_each_claim_is_listed_once(two_papers: KgStore) -> None:
    rows = read_rows(two_papers, {"endpoint": "ORR"}).records()
    cited = [r for r in rows if r["scope"] == "cited"]
    assert len(cited) == 1 and cited[0]["papers"] == "2" and cited[0]["source_file"].count(";") == 1
    # no subtype given: one row per claim, not one per subtype the population lies under
    everything = read_rows(two_papers, {}).records()
    assert len({r["claim"] for r in everything}) == len(everything) and not any(r["subtype"] for r in everything)
    assert {r["subtype"] for r in read_rows(two_papers, {"subtype": "STS"}).records()} == {"STS"}


def test_the_selector_is_derived_before_planning() -> None:
    text = bind_parameters(load_query(OUTCOME_QUERY), substitutions({"endpoint": "ORR", "subtype": "ASPS"}))
    assert "BIND (IRI(" not in text
    assert "VALUES (?endpoint ?subtype ?selector)" in text and "/answer/ORR%20ASPS>" in text


def test_rows_follow_rewrites_and_removals(tmp_path: Path) -> None:
    a, b = _papers(tmp_path / "in", "a.txt", "b.txt")
    with KgStore.open(tmp_path / "only_a") as only_a:
        build_paths([a], only_a, lexicon=LEXICON, extract=fake_extract)
        expected = _answers(only_a)
        expected_rows = read_rows(only_a, {}).records()
    with KgStore.open(tmp_path / "both") as both:
        build_paths([b, a], both, lexicon=LEXICON, extract=fake_extract)
        build_paths([b], both, lexicon=LEXICON, extract=fake_extract, force=True)  # a rewrite
        assert _answers(both) != expected
        remove_papers(["b.txt"], both)
        assert _answers(both) == expected
        assert read_rows(both, {}).records() == expected_rows


def test_rows_of_another_version_are_an_error_that_says_what_to_do_and_a_build_rewrites_them(tmp_path: Path) -> None:
    papers = _papers(tmp_path / "in", "a.txt")
    with KgStore.open(tmp_path / "empty") as empty:  # nothing built yet: no rows, no error
        assert read_rows(empty, {"endpoint": "ORR"}).rows == []
    with KgStore.open(tmp_path / "s") as store:
        build_paths(papers, store, lexicon=LEXICON, extract=fake_extract)
        expected = read_rows(store, {"endpoint": "ORR"}).records()
        assert expected
        # what an older sarcoma-kg left: its version record (its rows would be misread as this version's)
        store.update(f"DELETE WHERE {{ GRAPH <{BUILDS_GRAPH}> {{ <{ANSWERS_GRAPH}> ?p ?v }} }}")
        with pytest.raises(StoreError, match=r"another version of sarcoma-kg.*Run `kg build` on its papers"):
            read_frame(store, {"endpoint": "ORR"})
    runner = CliRunner()
    asked = runner.invoke(app, ["outcomes", "--store", str(tmp_path / "s"), "--endpoint", "ORR"])
    assert asked.exit_code == 2 and "another version of sarcoma-kg" in asked.stderr
    viewed = runner.invoke(app, ["view", "--store", str(tmp_path / "s"), "-o", str(tmp_path / "v.html")])
    assert viewed.exit_code == 0 and "note: this store was built by another version" in viewed.stderr
    with KgStore.open(tmp_path / "s") as store:
        events: list[BuildEvent] = []
        build_paths(papers, store, lexicon=LEXICON, extract=fake_extract,  # unchanged: skipped, rows rewritten
                    on_event=events.append)
        assert read_rows(store, {"endpoint": "ORR"}).records() == expected
    recomputed = [(event.detail, event.index, event.total) for event in events if event.kind == "recompute"]
    assert recomputed[0] == ("parts", 1, 1) and recomputed[-1][0] == "rows"
    assert recomputed[-1][1] == recomputed[-1][2] > 0


def test_a_big_paper_is_bulk_loaded_to_the_same_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papers = _papers(tmp_path / "in", "a.txt", "b.txt")
    with KgStore.open(tmp_path / "normal") as normal:
        build_paths(papers, normal, lexicon=LEXICON, extract=fake_extract)
        expected = [read_rows(normal, params).records() for params in PARAMS]
        content = {str(q) for q in normal.raw if not is_index_graph(q.graph_name.value)}
    monkeypatch.setattr("kg.build.bulk_write.BULK_BYTES", 0)
    with KgStore.open(tmp_path / "bulk") as bulk:
        build_paths(papers, bulk, lexicon=LEXICON, extract=fake_extract)
        build_paths(papers[:1], bulk, lexicon=LEXICON, extract=fake_extract, force=True)  # rewrite, bulk again
        assert not bulk.hidden_graphs()
        assert [read_rows(bulk, params).records() for params in PARAMS] == expected
        assert [_query_rows(bulk, params) for params in PARAMS] == expected
        assert {str(q) for q in bulk.raw if not is_index_graph(q.graph_name.value)} == content
        assert {paper_answers_graph(str(graph_iri(n))) for n in ("a.txt", "b.txt")} <= set(bulk.named_graphs())
        remove_papers(["a.txt", "b.txt"], bulk)
        assert read_rows(bulk, {}).records() == []
        assert not [g for g in bulk.named_graphs() if g.endswith(".txt")]


def test_a_half_written_big_paper_is_invisible_and_dropped_by_the_next_build(tmp_path: Path) -> None:
    (paper,) = _papers(tmp_path / "in", "a.txt")
    half = str(graph_iri("half.txt"))
    with KgStore.open(tmp_path / "s") as store:
        build_paths([paper], store, lexicon=LEXICON, extract=fake_extract)
        counted = "SELECT (COUNT(*) AS ?n) WHERE { ?s skg:sourceFile ?f }"
        before = store.select(counted).records()
        # what a kill between the bulk load and the last step leaves
        store.update(hide_update([half]))
        store.bulk_load(half, f"<{half}> <https://w3id.org/sarcoma-kg/ontology#sourceFile> \"half.txt\" .")
        assert half not in store.named_graphs()
        assert store.select(counted).records() == before
        assert not store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p \"half.txt\" } }").rows
        assert all("half.txt" not in str(q) for q in store.quads())
        build_paths([paper], store, lexicon=LEXICON, extract=fake_extract)
        assert not store.hidden_graphs() and half not in {g.value for g in store.raw.named_graphs()}


def test_shared_claim_rows_wait_for_the_end_of_the_build_and_a_killed_build_leaves_them_due(tmp_path: Path) -> None:
    from kg.build.answer_parts import ADDED
    from kg.build.answers import refresh_pending_rows
    from kg.build.pipeline import write_paper
    from kg.build.prepare import prepare_records
    from kg.core.iris import BUILDS_GRAPH

    a, b = _papers(tmp_path / "in", "a.txt", "b.txt")
    with KgStore.open(tmp_path / "built") as built:
        build_paths([a, b], built, lexicon=LEXICON, extract=fake_extract)
        expected = read_rows(built, {}).records()
        due = f"ASK {{ GRAPH <{BUILDS_GRAPH}> {{ ?row <{ADDED}> ?parts }} }}"
        assert built.query(due) is False  # a finished build leaves nothing due
    with KgStore.open(tmp_path / "killed") as killed:
        build_paths([a], killed, lexicon=LEXICON, extract=fake_extract)
        # a build killed right after writing b: its shared claims' rows are marked due, not yet recomputed
        write_paper(killed, prepare_records(fake_extract(b), LEXICON), b)
        assert killed.query(due) is True
        assert read_rows(killed, {}).records() != expected
        assert refresh_pending_rows(killed) > 0
        assert killed.query(due) is False
        assert read_rows(killed, {}).records() == expected


def test_a_paper_added_by_a_later_build_gives_the_rows_of_one_build(tmp_path: Path) -> None:
    a, b, c = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    with KgStore.open(tmp_path / "together") as together:
        build_paths([a, b, c], together, lexicon=LEXICON, extract=fake_extract)
        expected, expected_quads = read_rows(together, {}).records(), _answers(together)
    with KgStore.open(tmp_path / "one_by_one") as one_by_one:
        for paper in (c, a, b):  # the shared rows grow from their stored state, never re-read
            build_paths([paper], one_by_one, lexicon=LEXICON, extract=fake_extract)
        assert read_rows(one_by_one, {}).records() == expected
        assert _answers(one_by_one) == expected_quads


def test_a_paper_written_again_unchanged_rewrites_no_row(tmp_path: Path) -> None:
    from kg.build.answers import refresh_pending_rows
    from kg.build.pipeline import write_paper
    from kg.build.prepare import prepare_records

    a, b = _papers(tmp_path / "in", "a.txt", "b.txt")
    with KgStore.open(tmp_path / "s") as store:
        build_paths([a, b], store, lexicon=LEXICON, extract=fake_extract)
        before = _answers(store)
        write_paper(store, prepare_records(fake_extract(b), LEXICON), b)
        assert refresh_pending_rows(store) == 0
        assert _answers(store) == before
        remove_papers(["b.txt"], store)
        assert refresh_pending_rows(store) == 0  # the removal already brought them up to date
        shared = [r for r in read_rows(store, {}).records() if r["scope"] == "cited"]
        assert shared and all(r["papers"] == "1" and r["source_file"] == "a.txt" for r in shared)


def test_the_refresh_commits_by_size_and_drops_the_marks_without_listing_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build.answers as answers
    from kg.build.answer_parts import ADDED
    from kg.core.iris import BUILDS_GRAPH

    papers = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    monkeypatch.setattr("kg.build.batch_write.BATCH_PAPERS", 1)  # the shared rows wait for the refresh
    with KgStore.open(tmp_path / "whole") as whole:
        build_paths(papers, whole, lexicon=LEXICON, extract=fake_extract)
        expected = _answers(whole)
    updates: list[tuple[int, str]] = []
    rewrite = answers._rewrite
    monkeypatch.setattr(answers, "_rewrite", lambda held, rows, marked: updates.append(
        (len(marked), text := rewrite(held, rows, marked))) or text)
    monkeypatch.setattr(answers, "REFRESH_UPDATE_BYTES", 1)  # every row its own transaction
    with KgStore.open(tmp_path / "row_by_row") as store:
        build_paths(papers, store, lexicon=LEXICON, extract=fake_extract)
        assert _answers(store) == expected
        assert store.query(f"ASK {{ GRAPH <{BUILDS_GRAPH}> {{ ?row <{ADDED}> ?parts }} }}") is False
        parts_graphs = [g for g in store.named_graphs() if g.startswith(f"{ANSWERS_GRAPH}/") and not is_rows_graph(g)]
    assert len(parts_graphs) == 3
    assert len(updates) > 1 and {marked for marked, _ in updates} == {1}
    # a mark names the graph of the part it marks: the marks go by pattern, their number never in the text
    assert not any(graph in text for _, text in updates for graph in parts_graphs)


def _content(store: KgStore) -> set[str]:
    return {str(q) for q in store.raw if not is_index_graph(q.graph_name.value)}


def test_papers_written_in_a_batch_are_what_papers_written_one_by_one_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papers = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    with KgStore.open(tmp_path / "batched") as batched:
        build_paths(papers, batched, lexicon=LEXICON, extract=fake_extract)
        build_paths(papers[:2], batched, lexicon=LEXICON, extract=fake_extract, force=True)  # a batch of rewrites
        assert not batched.hidden_graphs()
        expected = [read_rows(batched, params).records() for params in PARAMS]
        content = _content(batched)
    monkeypatch.setattr("kg.build.batch_write.BATCH_PAPERS", 1)  # each paper its own update
    with KgStore.open(tmp_path / "single") as single:
        build_paths(papers, single, lexicon=LEXICON, extract=fake_extract)
        assert [read_rows(single, params).records() for params in PARAMS] == expected
        assert [_query_rows(single, params) for params in PARAMS] == expected
        assert _content(single) == content


def test_rows_a_batch_alone_states_are_written_with_it_and_a_row_the_store_holds_waits_for_the_refresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build.pipeline as pipeline

    rewritten: list[int] = []
    refresh = pipeline.refresh_pending_rows
    monkeypatch.setattr(pipeline, "refresh_pending_rows",
                        lambda store, *progress: rewritten.append(refresh(store, *progress)) or 0)
    a, b, c, d = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt", "d.txt")
    with KgStore.open(tmp_path / "s") as store:
        build_paths([a, b], store, lexicon=LEXICON, extract=fake_extract)
        assert rewritten == [0]  # every row of the first batch, the cited row both state included
        assert any(is_rows_graph(g) for g in store.named_graphs())
        events = []
        build_paths([c, d], store, lexicon=LEXICON, extract=fake_extract, on_event=events.append)
        # the cited row the store held is joined at the end of the build; the new papers' own rows are not
        assert rewritten[1] == 1
        assert [(e.index, e.total) for e in events if e.kind == "rows"] == [(1, 1)]  # and the build says so
        cited = [r for r in read_rows(store, {"endpoint": "ORR"}).records() if r["scope"] == "cited"]
        assert len(cited) == 1 and cited[0]["papers"] == "4"
        assert cited[0]["source_file"] == "a.txt; b.txt; c.txt; d.txt"
        assert read_rows(store, {}).records() == _query_rows(store, {})


def test_a_batch_killed_before_its_last_step_is_invisible_and_written_by_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    with KgStore.open(tmp_path / "s") as store:
        build_paths([a], store, lexicon=LEXICON, extract=fake_extract)
        before, rows_before = _content(store), read_rows(store, {}).records()

        def killed(*args: object) -> str:
            raise KeyboardInterrupt

        with monkeypatch.context() as patch:
            patch.setattr("kg.build.batch_write.finish_hidden_papers_update", killed)
            with pytest.raises(KeyboardInterrupt):
                build_paths([b, c], store, lexicon=LEXICON, extract=fake_extract)
        hidden = store.hidden_graphs()
        assert hidden  # b and c are loaded, hidden from every reader
        assert any(is_rows_graph(g) for g in hidden)  # and so are the rows only they state
        assert {str(q) for q in store.raw if not is_index_graph(q.graph_name.value)
                and q.graph_name.value not in hidden} == before
        assert not {str(graph_iri("b.txt")), str(graph_iri("c.txt"))} & set(store.named_graphs())
        assert read_rows(store, {}).records() == rows_before
        build_paths([a, b, c], store, lexicon=LEXICON, extract=fake_extract)  # a is unchanged: skipped
        assert not store.hidden_graphs()
        assert {str(graph_iri(n)) for n in ("a.txt", "b.txt", "c.txt")} <= set(store.named_graphs())
    with KgStore.open(tmp_path / "clean") as clean:
        build_paths([a, b, c], clean, lexicon=LEXICON, extract=fake_extract)
        with KgStore.open(tmp_path / "s") as store:
            assert [read_rows(store, p).records() for p in PARAMS] == [read_rows(clean, p).records() for p in PARAMS]


def test_a_paper_s_n_triples_become_n_quads_in_its_graph_whatever_its_literals_hold() -> None:
    from kg.core.nt import as_nquads
    from kg.store.kg_store import ntriples

    a, b = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b")
    triples = [(a, b, ox.Literal("ends with a dot .\nthen a line that ends with one .")), (a, b, b),
               (a, b, ox.Literal("x", language="en"))]
    text = ntriples(triples)
    quads = list(ox.parse(as_nquads("https://example.org/g", text).encode(), format=ox.RdfFormat.N_QUADS))
    assert [ox.Triple(q.subject, q.predicate, q.object) for q in quads] == [ox.Triple(*t) for t in triples]
    assert {q.graph_name for q in quads} == {ox.NamedNode("https://example.org/g")}
    assert as_nquads("https://example.org/g", "") == ""
