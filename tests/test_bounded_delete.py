"""Large removals go in bounded transactions and remove exactly what they name."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import bounded_delete
from kg.store.bounded_delete import BoundedRemover
from kg.store.kg_store import KgStore

EX = "https://example.org/"
GRAPH = ox.NamedNode(EX + "g")
OTHER = ox.NamedNode(EX + "other")
AWKWARD = ['a "quoted" } text', "line\nbreak\tand tab", "ünïcödé – dash", "back\\slash", "", "\x1b[31m"]


def _quads(graph: ox.NamedNode, count: int) -> list[ox.Quad]:
    quads = [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"),
                     ox.Literal(AWKWARD[i % len(AWKWARD)] + str(i)), graph) for i in range(count)]
    quads.append(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "q"), ox.Literal("tagged", language="en"), graph))
    quads.append(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "n"),
                         ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), graph))
    quads.append(ox.Quad(ox.BlankNode("b1"), ox.NamedNode(EX + "p"), ox.Literal("blank"), graph))
    return quads


def test_a_graph_is_dropped_in_bounded_transactions_and_nothing_else_is_touched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded_delete, "DELETE_BATCH_BYTES", 2_000)
    monkeypatch.setattr(bounded_delete, "FLUSH_BYTES", 5_000)
    with KgStore.open(tmp_path / "s") as store:
        store.raw.extend(_quads(GRAPH, 300) + _quads(OTHER, 5))
        updates: list[str] = []
        update = store.update
        monkeypatch.setattr(store, "update", lambda text: (updates.append(text), update(text))[1])
        progress: list[int] = []
        assert BoundedRemover(store).drop_graph(GRAPH.value, progress.append) == 303
        assert not list(store.raw.quads_for_pattern(None, None, None, GRAPH))
        assert GRAPH not in set(store.raw.named_graphs())
        assert len(list(store.raw.quads_for_pattern(None, None, None, OTHER))) == 8
        removing = [text for text in updates if text.startswith("DELETE DATA")]
        assert len(removing) > 10  # many small transactions, none much above the bound
        assert max(len(text) for text in removing) < 2_000 + 200
        assert progress == sorted(progress) and progress[-1] == 303


def test_removing_quads_removes_exactly_those(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "s") as store:
        quads = _quads(GRAPH, 20)
        store.raw.extend(quads)
        default = ox.Quad(ox.NamedNode(EX + "d"), ox.NamedNode(EX + "p"), ox.Literal("in the default graph"))
        store.raw.add(default)
        assert BoundedRemover(store).remove([quads[3], quads[-1], default]) == 3
        left = set(store.raw.quads_for_pattern(None, None, None, None))
        assert left == set(quads) - {quads[3], quads[-1]}


def test_the_remover_flushes_what_is_left_once_and_only_when_it_removed_something(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flushes: list[int] = []
    monkeypatch.setattr(KgStore, "flush", lambda self: flushes.append(1))
    with KgStore.open(tmp_path / "s") as store:
        idle = BoundedRemover(store)
        idle.remove([])
        idle.finish()
        assert flushes == []
        store.raw.extend(_quads(GRAPH, 10))
        remover = BoundedRemover(store)
        remover.drop_graph(GRAPH.value)
        remover.finish()
        remover.finish()
        assert flushes == [1]
