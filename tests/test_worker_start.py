"""Workers forked from a fork server that loaded the pipeline once; never a stale one."""

from __future__ import annotations

import gc
import importlib
import multiprocessing as mp
from pathlib import Path

import pytest

from kg.build import workers
from kg.build.prepare import code_fingerprint
from kg.build.workers import _worker_main, prepare_all
from ontology.lexicon import load_lexicon

PAPER = """A phase II trial of drugamab in leiomyosarcoma

Abstract

Twenty patients received drugamab. The objective response rate was 25% (5 of 20).
"""


def test_the_preload_records_the_code_its_pipeline_was_built_from(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "preloaded_fingerprint", None)
    try:
        importlib.reload(importlib.import_module("kg.build.worker_preload"))
    finally:
        gc.unfreeze()  # the preload freezes what is loaded, for the server's sake, not the test process's
    assert workers.preloaded_fingerprint == code_fingerprint()


def test_the_preload_leaves_the_collector_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "preloaded_fingerprint", None)
    preload = importlib.import_module("kg.build.worker_preload")
    try:
        importlib.reload(preload)  # off while loading, on again for the workers forked after it
        assert gc.isenabled()
        gc.disable()
        importlib.reload(preload)  # a caller that had it off keeps it off
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_worker_forked_from_a_server_with_other_code_says_so_and_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "preloaded_fingerprint", "built-from-older-files")
    parent, child = mp.Pipe()
    _worker_main(child, None, None, code_fingerprint())
    assert parent.recv() == ("stale", None)
    assert not parent.poll()  # it prepared nothing


def test_a_worker_of_a_custom_extraction_is_never_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "preloaded_fingerprint", "built-from-older-files")
    parent, child = mp.Pipe()
    parent.send(None)  # no paper: it ends after saying it is ready
    _worker_main(child, None, len, "")  # type: ignore[arg-type]  (never called)
    assert parent.recv() == ("ready", None)


def test_a_build_whose_files_changed_after_the_server_started_still_reads_its_papers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    expected = sorted(next(prepare_all([paper], load_lexicon(), jobs=0)).papers[0].graph_nt.splitlines())
    monkeypatch.setattr(workers, "code_fingerprint", lambda: "the files as the build read them")
    outcomes = list(prepare_all([paper], load_lexicon(), jobs=1))
    assert [o.reason for o in outcomes] == [""]
    assert sorted(outcomes[0].papers[0].graph_nt.splitlines()) == expected  # triple order is no part of it


def test_a_fork_server_started_before_the_build_serves_it(tmp_path: Path) -> None:
    from kg.build.workers import start_fork_server

    start_fork_server()
    start_fork_server()  # already running: nothing more
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    outcomes = list(prepare_all([paper], load_lexicon(), jobs=2))
    assert [o.reason for o in outcomes] == [""] and outcomes[0].papers[0].source_file == "paper.txt"


def test_workers_are_spawned_when_the_fork_server_cannot_be_reached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    def refused(fds: list[int]) -> None:
        raise ConnectionRefusedError("no fork server here")

    monkeypatch.setattr(forkserver, "connect_to_new_process", refused)
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    outcomes = list(prepare_all([paper], load_lexicon(), jobs=1))
    assert [o.reason for o in outcomes] == [""] and outcomes[0].papers[0].source_file == "paper.txt"
