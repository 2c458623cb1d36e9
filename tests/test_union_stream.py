"""kg.store.union_stream: the union of graphs as distinct sorted triples, merged from runs on disk."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import union_stream
from kg.store.union_stream import sorted_distinct_lines, union_triples

EX = "http://example.org/"


def _quads() -> list[ox.Quad]:
    """Triples repeated across graphs, with the awkward texts: a language tag, a typed literal, a
    literal with spaces, quotes and a line break, a blank node, IRIs that are prefixes of each other."""
    subjects = [ox.NamedNode(EX + "a"), ox.NamedNode(EX + "a-b"), ox.NamedNode(EX + "a/b"), ox.BlankNode("b1"),
                ox.BlankNode("b12")]
    objects = [ox.Literal("x y"), ox.Literal("x"), ox.Literal("x", language="en"), ox.Literal("say \"hi\"\nnow"),
               ox.Literal("40.0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
               ox.NamedNode(EX + "o")]
    quads = []
    for graph in ("g1", "g2", "g3"):
        for i, subject in enumerate(subjects):
            for j, obj in enumerate(objects):
                if (i + j) % 2 or graph != "g3":
                    quads.append(ox.Quad(subject, ox.NamedNode(EX + f"p{j % 2}"), obj, ox.NamedNode(EX + graph)))
    return quads


def _expected(quads: list[ox.Quad]) -> list[ox.Triple]:
    distinct = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(distinct, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


@pytest.mark.parametrize("run", [1, 3, 7, 1_000])
def test_the_union_is_the_distinct_triples_in_term_order_whatever_the_run_size(
        run: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(union_stream, "RUN_TRIPLES", run)
    monkeypatch.setattr(union_stream, "PARSE_BATCH", 4)
    quads = _quads()
    assert list(union_triples(quads, tmp_path)) == _expected(quads)
    assert list(tmp_path.iterdir()) == []  # the runs' folder is gone


def test_runs_are_written_to_disk_and_merged_without_duplicates(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(union_stream, "RUN_TRIPLES", 2)
    lines = ["c", "a", "b", "a", "d", "c", "b", "e"]
    merged = sorted_distinct_lines(lines, tmp_path)
    assert next(merged) == "a"
    assert len(list(tmp_path.glob("run*.nt"))) >= 2  # the runs were on disk while merging
    assert list(merged) == ["b", "c", "d", "e"]


def test_an_empty_store_gives_no_triples(tmp_path: Path) -> None:
    assert list(union_triples([], tmp_path)) == []
