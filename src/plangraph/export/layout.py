"""Positions for drawing a view: a force-directed layout per connected component, the
components packed in rows, largest first.

One force layout of a whole graph pushes unconnected groups to the far corners and
leaves the rest in a heap; laying out each component in a box sized to it keeps every
group readable. The force layout is Fruchterman-Reingold on NumPy arrays (networkx's own
needs SciPy past 500 nodes, and plangraph does not depend on SciPy); it is seeded, so a
view always gets the same picture. Its cost grows with the square of a component's
size: about 0.6 s of CPU for one component of 2,000 nodes.

The layout's matrix products run on one BLAS thread, whatever the process has set: each
is an n*n array times a few columns, bound by a pass over memory, so a second thread
saves little even on an idle machine, and on a busy one the threads wait for each
other's cores (at a load of 1.6, 2,000 nodes took 0.7-1.7 s and 1.3-1.7 s of CPU with
OpenBLAS's default of two threads, 0.6-0.7 s and as much CPU with one).

>>> import networkx as nx
>>> positions = packed_layout(nx.path_graph(3))
>>> sorted(positions) == [0, 1, 2] and all(len(p) == 2 for p in positions.values())
True
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np
from threadpoolctl import threadpool_limits

Position = tuple[float, float]


def force_layout(
    nodes: Iterable[Hashable],
    links: Iterable[tuple[Hashable, Hashable]],
    *,
    iterations: int = 60,
    seed: int = 7,
) -> dict[Hashable, Position]:
    """Fruchterman-Reingold positions in the unit square for nodes that the links join
    into one connected piece."""
    ordered = sorted(nodes, key=str)
    n = len(ordered)
    if n == 1:
        return {ordered[0]: (0.5, 0.5)}
    index = {node: i for i, node in enumerate(ordered)}
    # each link pulls both its ends, once however often it is listed
    pairs = {(index[a], index[b]) for a, b in links if a != b}
    both_ways = sorted({*pairs, *((j, i) for i, j in pairs)})
    first = np.array([i for i, _ in both_ways], dtype=np.intp)
    second = np.array([j for _, j in both_ways], dtype=np.intp)
    positions = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    k = math.sqrt(1.0 / n)  # the ideal distance between nodes
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    ones = np.ones((n, 1), dtype=np.float32)
    for _ in range(iterations):
        # pairwise squared distances |a|^2 + |b|^2 - 2 a.b, the n*n array written once,
        # by one product of n*4 matrices: the passes over it are what the layout costs
        squares = (positions * positions).sum(axis=1, keepdims=True)
        d2 = np.hstack((positions, squares, ones)) @ np.hstack((-2.0 * positions, ones, squares)).T
        np.clip(d2, 1e-4, None, out=d2)
        # attraction d^2/k along the links only (few), repulsion k^2/d between all pairs;
        # each as a force per unit vector: sum_j force_ij (p_i - p_j), that is
        # p_i sum_j force_ij - sum_j force_ij p_j, both sums read in one product
        pull = np.sqrt(d2[first, second]) / k
        repulsion = np.divide(k * k, d2, out=d2)
        np.fill_diagonal(repulsion, 0.0)
        sums = repulsion @ np.hstack((positions, ones))
        displacement = positions * sums[:, 2:] - sums[:, :2]
        along = (positions[first] - positions[second]) * pull[:, None]
        for axis in (0, 1):
            displacement[:, axis] -= np.bincount(first, weights=along[:, axis], minlength=n)
        length = np.sqrt((displacement * displacement).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        positions += displacement * (temperature / length)[:, None]
        temperature -= cooling
    low, high = positions.min(axis=0), positions.max(axis=0)
    span = np.maximum(high - low, 1e-9)
    scaled = (positions - low) / span
    return {node: (float(scaled[i, 0]), float(scaled[i, 1])) for node, i in index.items()}


def packed_layout(graph: nx.Graph, *, seed: int = 7) -> dict[Hashable, Position]:
    """Positions for every node: each connected component laid out in a square box of
    side about the square root of its size, boxes in rows, largest first, y downwards."""
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    components = sorted(
        nx.connected_components(undirected), key=lambda c: (-len(c), min(map(str, c)))
    )
    row_width = max(4.0, 1.6 * math.sqrt(graph.number_of_nodes()))
    with threadpool_limits(limits=1, user_api="blas"):
        # a component's links are all the links of its nodes: no subgraph view filters them
        laid_out = [force_layout(c, undirected.edges(c), seed=seed) for c in components]
    positions: dict[Hashable, Position] = {}
    x = y = row_height = 0.0
    for component, local in zip(components, laid_out, strict=True):
        side = 0.6 + 0.9 * math.sqrt(len(component))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        margin = 0.15 * side if len(component) > 1 else 0.0
        for node, (px, py) in local.items():
            positions[node] = (
                x + margin + px * (side - 2 * margin),
                y + margin + py * (side - 2 * margin),
            )
        x += side
        row_height = max(row_height, side)
    return positions
