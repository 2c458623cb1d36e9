"""kg.present.spring_layout: a seeded spring layout that compares node pairs as arrays."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.present import spring_layout
from kg.present.spring_layout import spring_positions


def _distance(positions: dict, a: object, b: object) -> float:
    return math.dist(positions[a], positions[b])


def test_the_same_graph_and_seed_give_the_same_layout_and_another_seed_another() -> None:
    graph = nx.karate_club_graph()
    assert spring_positions(graph, 50, 7) == spring_positions(graph, 50, 7)
    assert spring_positions(graph, 50, 7) != spring_positions(graph, 50, 8)


def test_positions_are_centred_and_scaled_into_the_unit_square() -> None:
    positions = spring_positions(nx.path_graph(40), 50, 7)
    xs, ys = zip(*positions.values(), strict=True)
    assert max(map(abs, xs + ys)) == pytest.approx(1.0)
    assert abs(sum(xs) / len(xs)) < 1e-9 and abs(sum(ys) / len(ys)) < 1e-9


def test_linked_nodes_end_closer_than_unlinked_ones() -> None:
    graph = nx.disjoint_union(nx.complete_graph(12), nx.complete_graph(12))  # two clusters, no link between
    positions = spring_positions(graph, 80, 7)
    inside = [_distance(positions, a, b) for a, b in graph.edges]
    across = [_distance(positions, a, b) for a in range(12) for b in range(12, 24)]
    assert max(inside) < min(across)


def test_the_block_size_does_not_change_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = nx.barabasi_albert_graph(300, 3, seed=1)
    whole = spring_positions(graph, 30, 7)
    monkeypatch.setattr(spring_layout, "BLOCK_PAIRS", 1_000)  # three rows at a time
    assert spring_positions(graph, 30, 7) == whole


def test_small_and_odd_graphs() -> None:
    assert spring_positions(nx.Graph(), 10, 7) == {}
    assert spring_positions(nx.path_graph(1), 10, 7) == {0: (0.0, 0.0)}
    looped = nx.path_graph(3)
    looped.add_edge(1, 1)
    positions = spring_positions(looped, 30, 7)
    assert len(set(positions.values())) == 3
    assert spring_positions(nx.empty_graph(5), 30, 7).keys() == {0, 1, 2, 3, 4}  # no edges at all
