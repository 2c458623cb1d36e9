"""The worker pool is served by a thread of its own: the workers read on while the writer is busy."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from extractors.records import PaperRecords
from kg.build import workers
from kg.build.workers import prepare_all
from ontology.lexicon import Lexicon


def marking_extract(path: Path) -> PaperRecords:  # module level: worker processes import it by name
    """Records of nothing, leaving a mark beside the paper once it is read."""
    text = path.read_text(encoding="utf-8")
    if "FAIL" in text:
        raise ValueError("unreadable on purpose")
    path.with_suffix(".read").touch()
    return PaperRecords(source_file=path.name, title=f"On {path.stem}", authors=[], doi="", journal="", year=None)


def _papers(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"A paper called {name}.\n", encoding="utf-8")
    return [folder / name for name in names]


def _wait_for(path: Path, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.05)
    return False


def test_the_workers_read_on_while_the_writer_holds_an_outcome(tmp_path: Path) -> None:
    papers = _papers(tmp_path, "a.txt", "b.txt", "c.txt")
    outcomes = prepare_all(papers, Lexicon([]), jobs=1, extract=marking_extract)
    first = next(outcomes)
    # the caller now "writes" and asks for nothing; the one worker still gets the third paper
    assert _wait_for(tmp_path / "c.read")
    assert [first.path.name, *(o.path.name for o in outcomes)] == ["a.txt", "b.txt", "c.txt"]


def test_a_busy_writer_is_kept_at_most_read_ahead_outcomes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "READ_AHEAD", 1)
    names = [f"p{n}.txt" for n in range(6)]
    papers = _papers(tmp_path, *names)
    outcomes = prepare_all(papers, Lexicon([]), jobs=1, extract=marking_extract)
    next(outcomes)
    time.sleep(3)  # the pool holds one item for the writer, then waits: the last papers are not read yet
    assert not (tmp_path / "p4.read").exists() and not (tmp_path / "p5.read").exists()
    assert [o.path.name for o in outcomes] == names[1:]


def test_a_build_that_stops_early_stops_the_pool(tmp_path: Path) -> None:
    papers = _papers(tmp_path, *(f"p{n}.txt" for n in range(8)))
    outcomes = prepare_all(papers, Lexicon([]), jobs=2, extract=marking_extract)
    next(outcomes)
    outcomes.close()  # the writer gave up (an error in the store, Ctrl-C): no thread nor worker is left
    assert not any(t.name == "kg-worker-pool" and t.is_alive() for t in threading.enumerate())


def test_failures_still_come_back_as_outcomes(tmp_path: Path) -> None:
    papers = _papers(tmp_path, "good.txt")
    (tmp_path / "bad.txt").write_text("FAIL\n", encoding="utf-8")
    outcomes = {o.path.name: o for o in prepare_all([*papers, tmp_path / "bad.txt"], Lexicon([]), jobs=2,
                                                      extract=marking_extract)}
    assert outcomes["good.txt"].reason == "" and "unreadable on purpose" in outcomes["bad.txt"].reason
