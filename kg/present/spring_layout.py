"""A seeded Fruchterman-Reingold spring layout in numpy, for the graphs of `kg view`.

networkx's `spring_layout` (the same forces and cooling) switches to a loop over the nodes in Python
at 500 nodes: a capped view of 1,000 papers has about 1,000 nodes and took 6 s to lay out. Here each
iteration compares all pairs of nodes as arrays, a block of rows at a time, so memory stays a few
megabytes whatever the graph, and the attraction runs over the edge list.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

BLOCK_PAIRS = 262144
"""Node pairs compared in one array step (about 16 MB of float64 differences)."""
MIN_DISTANCE = 0.01
STOP_THRESHOLD = 1e-4
"""Mean step below which the layout has settled (as networkx)."""


def spring_positions(graph: nx.Graph, iterations: int, seed: int) -> dict[Hashable, tuple[float, float]]:
    """Node -> (x, y), centred on 0 and scaled into [-1, 1]; the same graph and seed give the same layout."""
    nodes = list(graph)
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges() if a != b], dtype=np.intp).reshape(-1, 2)
    positions = np.random.RandomState(seed).rand(count, 2)
    optimal = np.sqrt(1.0 / count)
    temperature = max(np.ptp(positions[:, 0]), np.ptp(positions[:, 1])) * 0.1
    cooling = temperature / (iterations + 1)
    rows = max(1, BLOCK_PAIRS // count)
    for _ in range(iterations):
        displacement = _repulsion(positions, optimal, rows) - _attraction(positions, edges, optimal)
        length = np.sqrt((displacement ** 2).sum(axis=1))
        length[length < MIN_DISTANCE] = 0.1
        step = displacement * (temperature / length)[:, None]
        positions += step
        temperature -= cooling
        if np.linalg.norm(step) / count < STOP_THRESHOLD:
            break
    positions -= positions.mean(axis=0)
    limit = np.abs(positions).max()
    if limit > 0:
        positions /= limit
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, positions, strict=True)}


def _repulsion(positions: np.ndarray, optimal: float, rows: int) -> np.ndarray:
    """Every node pushed from every other by optimal^2 / distance, along their difference."""
    pushed = np.zeros_like(positions)
    x, y = positions[:, 0], positions[:, 1]
    for start in range(0, len(positions), rows):
        dx = x[start:start + rows, None] - x[None, :]
        dy = y[start:start + rows, None] - y[None, :]
        weight = dx * dx
        weight += dy * dy
        np.maximum(weight, MIN_DISTANCE ** 2, out=weight)
        np.divide(optimal * optimal, weight, out=weight)
        pushed[start:start + rows, 0] = np.einsum("ij,ij->i", dx, weight)
        pushed[start:start + rows, 1] = np.einsum("ij,ij->i", dy, weight)
    return pushed


def _attraction(positions: np.ndarray, edges: np.ndarray, optimal: float) -> np.ndarray:
    """The two ends of every edge pulled together by distance^2 / optimal."""
    pulled = np.zeros_like(positions)
    if not len(edges):
        return pulled
    delta = positions[edges[:, 0]] - positions[edges[:, 1]]
    distance = np.sqrt((delta ** 2).sum(axis=1))
    np.maximum(distance, MIN_DISTANCE, out=distance)
    force = delta * (distance / optimal)[:, None]
    np.add.at(pulled, edges[:, 0], force)
    np.subtract.at(pulled, edges[:, 1], force)
    return pulled
