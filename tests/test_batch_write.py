"""How a build groups the papers its workers finish into batches (kg.build.batch_write)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import batch_write
from kg.build.batch_write import BATCH_PAPERS, PaperBatch, batch_limit
from kg.build.prepare import PreparedPaper
from kg.store.kg_store import KgStore


def _paper(number: int) -> PreparedPaper:
    graph = f"https://example.org/graph/paper-{number}"
    return PreparedPaper(f"paper-{number}.txt", graph, f"https://example.org/pub/{number}", {"triples": 1}, [],
                         f"<{graph}#a> <https://example.org/p> \"{number}\" .", "", "")


def _batch_sizes(papers: int, store: KgStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The batches a build of `papers` writes, driven the way `kg.build.pipeline` drives them."""
    sizes: list[int] = []
    monkeypatch.setattr(batch_write, "write_batch", lambda store, batch, build, described: sizes.append(len(batch)))
    batch = PaperBatch(store, "https://example.org/build/1", lambda pending: sizes.append(1), lambda pending: None)
    for received in range(1, papers + 1):
        batch.near_the_end(papers - received)
        batch.add(_paper(received), Path(f"paper-{received}.txt"), "digest")
    batch.flush()
    return sizes


def test_a_small_build_writes_half_its_papers_while_the_workers_read_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with KgStore.open(tmp_path / "store") as store:
        assert _batch_sizes(10, store, monkeypatch) == [5, 5]
        assert _batch_sizes(4, store, monkeypatch) == [4]  # below the smallest batch worth its fixed cost
        assert _batch_sizes(1, store, monkeypatch) == [1]


def test_the_tail_of_a_large_build_halves_and_never_ends_on_a_lone_paper(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with KgStore.open(tmp_path / "store") as store:
        sizes = _batch_sizes(300, store, monkeypatch)
    assert sum(sizes) == 300
    assert sizes[:3] == [BATCH_PAPERS] * 3  # full batches while a batch or more is still to come
    tail = sizes[3:]
    assert tail[-1] <= batch_write.TAIL_MIN_PAPERS and tail[-1] > 1
    assert all(later <= earlier for earlier, later in zip(tail[1:], tail[2:], strict=False))


def test_no_build_of_several_papers_ends_on_a_batch_of_one() -> None:
    for papers in range(2, 3 * BATCH_PAPERS):
        pending, sizes = 0, []
        for received in range(1, papers + 1):
            pending += 1
            if pending >= batch_limit(papers - received):
                sizes.append(pending)
                pending = 0
        sizes += [pending] if pending else []
        assert sum(sizes) == papers and sizes[-1] > 1, (papers, sizes)


def test_pending_papers_are_a_batch_written_by_write_batch(tmp_path: Path) -> None:
    """The grouping above changes when papers are written, not what: two batches hold every paper."""
    written: list[str] = []
    with KgStore.open(tmp_path / "store") as store:
        batch = PaperBatch(store, "https://example.org/build/1", lambda pending: None,
                           lambda pending: written.append(pending.paper.graph_iri))
        for number in range(1, 7):
            batch.near_the_end(6 - number)
            batch.add(_paper(number), Path(f"paper-{number}.txt"), "digest")
        batch.flush()
        assert written == [_paper(n).graph_iri for n in range(1, 7)]
        assert all(store.holds_graph(_paper(n).graph_iri) for n in range(1, 7))



def test_parallel_workers_take_the_largest_papers_first(tmp_path: Path) -> None:
    from kg.build.pipeline import largest_first

    for name, size in (("short.txt", 10), ("long.txt", 900), ("middle.txt", 300)):
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    given = [tmp_path / "short.txt", tmp_path / "long.txt", tmp_path / "middle.txt", tmp_path / "missing.txt"]
    assert [p.name for p in largest_first(given)] == ["long.txt", "middle.txt", "short.txt", "missing.txt"]
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "short.txt").write_text("x" * 2000, encoding="utf-8")
    twice = [tmp_path / "short.txt", tmp_path / "long.txt", tmp_path / "again" / "short.txt"]
    assert largest_first(twice) == twice  # the later file of a name replaces the earlier: the order stays
