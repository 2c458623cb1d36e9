"""A literature-sized store: vocabulary once, incremental writes and removal, resumable builds,
per-paper time budgets, honest exit codes, and pushing graphs to a Graph Store endpoint."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from sample_paper import SAMPLE_TEXT, graph_size, sample_records
from typer.testing import CliRunner

from kg.build.answers import read_rows
from kg.build.paper_write import start_build_update
from kg.build.pipeline import build_paths, remove_papers
from kg.core.iris import ANSWERS_GRAPH, BUILDS_GRAPH, data_iri, is_index_graph, is_rows_graph
from kg.present.cli import BUILD_FAILURES_EXIT, app
from kg.store.kg_store import KgStore
from ontology.lexicon import Lexicon, load_lexicon

LEXICON = load_lexicon()


def fake_extract(path: Path):  # noqa: ANN201 - module level: worker processes import it by name
    text = path.read_text(encoding="utf-8")
    if "SLOW" in text:
        time.sleep(30)
    if not text.strip():
        raise ValueError("empty file")
    return sample_records(path.name, doi="", text=SAMPLE_TEXT)


def _papers(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        (folder / name).write_text(f"{SAMPLE_TEXT}\n{name}\n", encoding="utf-8")
        paths.append(folder / name)
    return paths


def _content(store: KgStore) -> set[str]:
    """Every quad except the build bookkeeping (which records when and by which build); answer rows as
    the answers graph's, whichever batch's rows graph (named at random) holds them."""
    return {str(ox.Quad(q.subject, q.predicate, q.object,
                        ox.NamedNode(str(ANSWERS_GRAPH)) if is_rows_graph(q.graph_name.value) else q.graph_name))
            for q in store.raw if q.graph_name.value != str(BUILDS_GRAPH)}


def test_vocabulary_lives_once_and_paper_graphs_hold_no_keys(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "s") as store:
        build_paths(_papers(tmp_path / "in", "a.txt", "b.txt"), store, lexicon=LEXICON, extract=fake_extract)
        repeated = store.select("SELECT ?c (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c skg:key ?k } } "
                                "GROUP BY ?c HAVING (COUNT(*) > 1)")
        papers = [g for g in store.named_graphs() if g.endswith(".txt") and not is_index_graph(g)]
        in_papers = [g for g in papers if graph_size(store, g) and store.select(
            f"SELECT ?c WHERE {{ GRAPH <{g}> {{ ?c skg:key ?k }} }} LIMIT 1").rows]
    assert not repeated.rows, "a concept's key is stored once, however many papers use it"
    assert len(papers) == 2 and not in_papers


def test_remove_and_order_leave_the_store_as_if_built_without(tmp_path: Path) -> None:
    a, b = _papers(tmp_path / "in", "a.txt", "b.txt")
    with KgStore.open(tmp_path / "only_a") as only_a:
        build_paths([a], only_a, lexicon=LEXICON, extract=fake_extract)
        expected = _content(only_a)
    with KgStore.open(tmp_path / "both") as both:
        build_paths([b], both, lexicon=LEXICON, extract=fake_extract)
        build_paths([a], both, lexicon=LEXICON, extract=fake_extract)
        assert len(_content(both)) > len(expected)
        remove_papers(["b.txt"], both)
        assert _content(both) == expected
        with pytest.raises(Exception, match="no paper named b.txt"):
            remove_papers([b], both)


def test_unchanged_papers_are_skipped_and_force_rebuilds(tmp_path: Path) -> None:
    paths = _papers(tmp_path / "in", "a.txt", "b.txt")
    with KgStore.open(tmp_path / "s") as store:
        first = build_paths(paths, store, lexicon=LEXICON, extract=fake_extract)
        before = _content(store)
        again = build_paths(paths, store, lexicon=LEXICON, extract=fake_extract)
        assert [p.name for p in again.skipped] == ["a.txt", "b.txt"] and not again.built
        assert again.papers == first.papers == 2
        assert _content(store) == before
        paths[1].write_text(SAMPLE_TEXT + "\nchanged\n", encoding="utf-8")
        changed = build_paths(paths, store, lexicon=LEXICON, extract=fake_extract)
        assert [r.source_file for r in changed.built] == ["b.txt"]
        forced = build_paths(paths, store, lexicon=LEXICON, extract=fake_extract, force=True)
        assert len(forced.built) == 2


def test_an_interrupted_build_is_reported_by_queries(tmp_path: Path) -> None:
    where = tmp_path / "s"
    with KgStore.open(where) as store:
        build_paths(_papers(tmp_path / "in", "a.txt"), store, lexicon=LEXICON, extract=fake_extract)
    runner = CliRunner()
    clean = runner.invoke(app, ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", str(where)])
    assert "did not finish" not in clean.stderr
    with KgStore.open(where) as store:  # what a kill -9 after the start of a build leaves
        store.update(start_build_update(str(data_iri("build/crashed")), "kg build papers/ --store x"))
    result = runner.invoke(app, ["outcomes", "--store", str(where)])
    assert result.exit_code == 0
    assert "did not finish" in result.stderr and "kg build papers/ --store x" in result.stderr
    assert "written 0 paper(s)" in result.stderr


def test_the_python_api_warns_about_an_unfinished_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg import KnowledgeGraph

    where = tmp_path / "s"
    with KgStore.open(where) as store:
        build_paths(_papers(tmp_path / "in", "a.txt"), store, lexicon=LEXICON, extract=fake_extract)
        store.update(start_build_update(str(data_iri("build/crashed")), "kg build more/"))
    with KnowledgeGraph.open(where) as graph:
        assert len(graph) > 0
    assert "did not finish" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", [0, 1])
def test_a_paper_over_its_time_budget_fails_with_its_stage_and_the_build_goes_on(tmp_path: Path, jobs: int) -> None:
    slow, good = _papers(tmp_path / "in", "slow.txt", "good.txt")
    slow.write_text("SLOW\n", encoding="utf-8")
    with KgStore.open(tmp_path / "s") as store:
        started = time.monotonic()
        report = build_paths([slow, good], store, lexicon=Lexicon([]), extract=fake_extract, jobs=jobs,
                             paper_timeout=2)
        assert time.monotonic() - started < 25
    assert [r.source_file for r in report.built] == ["good.txt"]
    (failure,) = report.failures
    assert failure.path == slow and failure.stage == "extracting"
    assert "per-paper budget" in failure.reason and "stage: extracting" in failure.reason


def test_build_exit_codes_and_a_summary_of_what_the_store_holds(tmp_path: Path) -> None:
    good = _papers(tmp_path / "one", "paper.txt")[0]
    twin = _papers(tmp_path / "two", "paper.txt")[0]
    twin.write_text(SAMPLE_TEXT + "\nanother version\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    runner = CliRunner()
    store = str(tmp_path / "s")
    result = runner.invoke(app, ["build", str(good), str(twin), "--store", store, "--jobs", "0"])
    assert result.exit_code == 0, result.output
    assert "1 in store (1 replaced a same-named file)" in result.stdout
    result = runner.invoke(app, ["build", str(good), str(bad), "--store", store, "--jobs", "0"])
    assert result.exit_code == BUILD_FAILURES_EXIT == 3
    assert "bad.txt" in result.stderr
    result = runner.invoke(app, ["build", str(bad), "--store", store, "--jobs", "0"])
    assert result.exit_code == 2


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _remote_count(base: str, graph: str) -> int:
    import json
    import urllib.parse
    import urllib.request

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{base}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_push_writes_each_paper_graph_and_replaces_it_on_rebuild(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys
    import urllib.request

    server = Path(sys.executable).with_name("oxigraph")
    if not server.exists() and shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server binary is not installed")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(server if server.exists() else "oxigraph"), "serve", "--location",
                                str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # bounded wait for the server to listen
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        a, b = _papers(tmp_path / "in", "a.txt", "b.txt")
        where = str(tmp_path / "s")
        runner = CliRunner()
        assert runner.invoke(app, ["build", str(a), str(b), "--store", where, "--jobs", "0"]).exit_code == 0
        result = runner.invoke(app, ["push", "--to", f"{base}/store", "--store", where])
        assert result.exit_code == 0, result.output
        with KgStore.open(where, read_only=True) as store:
            graphs = {g: graph_size(store, g) for g in store.named_graphs()}
        paper = next(g for g in graphs if g.endswith("/a.txt"))
        assert all(_remote_count(base, g) == n for g, n in graphs.items())
        # a rebuilt paper replaces its graph on the server, it does not add to it
        with KgStore.open(where) as store:
            remove_papers(["a.txt"], store)
            store.replace_graph(paper, [])
        result = runner.invoke(app, ["push", "--to", f"{base}/store", "--store", where, "--paper", "b.txt"])
        assert result.exit_code == 0, result.output
        assert _remote_count(base, paper) == graphs[paper]
        assert runner.invoke(app, ["push", "--to", "ftp://x", "--store", where]).exit_code == 2
    finally:
        process.terminate()
        process.wait(10)


def test_build_on_a_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from kg.build.distributed import dask_preparer

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        paths = _papers(tmp_path / "in", "a.txt", "b.txt")
        (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
        with KgStore.open(tmp_path / "s") as store:
            report = build_paths([tmp_path / "in"], store, lexicon=LEXICON, extract=fake_extract,
                                 prepare=dask_preparer(cluster.scheduler_address))
            remote = _content(store)
        with KgStore.open(tmp_path / "local") as store:
            build_paths(paths, store, lexicon=LEXICON, extract=fake_extract)
            local = _content(store)
    assert sorted(r.source_file for r in report.built) == ["a.txt", "b.txt"]
    assert [f.path.name for f in report.failures] == ["empty.txt"]
    assert remote == local


def test_a_worker_starts_its_next_paper_before_the_last_one_is_written(tmp_path: Path) -> None:
    from kg.build.workers import prepare_all

    papers = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    started: list[str] = []
    outcomes = prepare_all(papers, Lexicon([]), jobs=1, extract=fake_extract, on_start=lambda p: started.append(p.name))
    first = next(outcomes)
    # while the writer holds the first paper, the one worker is already on the second
    assert first.path.name == "a.txt" and started == ["a.txt", "b.txt"]
    assert [o.path.name for o in outcomes] == ["b.txt", "c.txt"] and started == ["a.txt", "b.txt", "c.txt"]


def test_a_long_build_flushes_its_write_buffers_as_it_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papers = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    KgStore.memory().flush()  # nothing to write: no error
    with KgStore.open(tmp_path / "real") as real:
        build_paths(papers[:1], real, lexicon=Lexicon([]), extract=fake_extract)
        real.flush()
        assert len(real.named_graphs()) >= 1
    flushes: list[int] = []
    monkeypatch.setattr("kg.build.pipeline.FLUSH_BYTES", 1)
    monkeypatch.setattr(KgStore, "flush", lambda self: flushes.append(len(self.named_graphs())))
    with KgStore.open(tmp_path / "s") as store:
        build_paths(papers, store, lexicon=Lexicon([]), extract=fake_extract)
    assert len(flushes) == 3 and flushes == sorted(flushes)  # after each paper, the store growing


def test_the_rows_refreshed_at_the_end_of_a_build_flush_the_write_buffers_as_they_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papers = _papers(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    flushes: list[int] = []
    monkeypatch.setattr("kg.build.pipeline.FLUSH_BYTES", 10**12)  # the papers' writes never flush here
    monkeypatch.setattr("kg.build.answers.REFRESH_FLUSH_BYTES", 1)
    # papers written one by one: their rows wait for the refresh (a batch writes the rows it states alone)
    monkeypatch.setattr("kg.build.batch_write.BATCH_PAPERS", 1)
    monkeypatch.setattr(KgStore, "flush", lambda self: flushes.append(1))
    with KgStore.open(tmp_path / "s") as store:
        build_paths(papers, store, lexicon=LEXICON, extract=fake_extract)
        assert read_rows(store, {}).records()  # the rows were written
    assert flushes  # by the refresh: a long build's rows do not pile up in memory
