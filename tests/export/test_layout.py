"""The packed force layout: every node placed, components apart, the same picture every
time, its BLAS work on one thread whatever the process has set."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from plangraph.export import layout
from plangraph.export.layout import Position, packed_layout


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.fixture
def two_pieces() -> nx.Graph:
    graph = nx.grid_2d_graph(8, 8)  # 64 nodes: the layout's products are real matrices
    graph.add_edges_from([("a", "b"), ("b", "c"), ("c", "a")])
    graph.add_node("alone")
    return graph


def _box(positions: dict[Hashable, Position], nodes: set[Hashable]) -> tuple[float, ...]:
    xs = [positions[n][0] for n in nodes]
    ys = [positions[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def test_every_node_is_placed_and_components_stay_apart(two_pieces: nx.Graph) -> None:
    positions = packed_layout(two_pieces)
    assert set(positions) == set(two_pieces)
    boxes = [_box(positions, c) for c in nx.connected_components(two_pieces)]
    for i, (left, top, right, bottom) in enumerate(boxes):
        for other_left, other_top, other_right, other_bottom in boxes[i + 1 :]:
            apart = right < other_left or other_right < left
            assert apart or bottom < other_top or other_bottom < top


def test_the_same_graph_gets_the_same_picture(two_pieces: nx.Graph) -> None:
    assert packed_layout(two_pieces) == packed_layout(nx.Graph(two_pieces))


def test_blas_runs_on_one_thread_and_the_setting_comes_back(
    two_pieces: nx.Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not _blas_threads():
        pytest.skip("NumPy reports no BLAS library whose threads can be set")
    seen: list[list[int]] = []
    force_layout = layout.force_layout

    def watched(*pieces: Any, **options: int) -> dict[Hashable, Position]:
        seen.append(_blas_threads())
        return force_layout(*pieces, **options)

    monkeypatch.setattr(layout, "force_layout", watched)
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        packed_layout(two_pieces)
        assert _blas_threads() == before
    assert seen and all(threads == [1] * len(before) for threads in seen)


def test_the_picture_does_not_depend_on_the_process_threads() -> None:
    # from about 1,000 nodes OpenBLAS splits a product between two threads, and the
    # rounding of the split, amplified by the iterations, moved every node
    graph = nx.barabasi_albert_graph(1200, 3, seed=1)
    with threadpool_limits(limits=1, user_api="blas"):
        one = packed_layout(graph)
    with threadpool_limits(limits=2, user_api="blas"):
        two = packed_layout(graph)
    assert one == two
