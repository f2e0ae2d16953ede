"""Writers on a synthetic view of 100,000 nodes: they finish and their output is usable.

Speed is measured outside the suite; here only that the output is whole (or, for the
HTML page, sampled and saying so)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from plangraph.export import PATH_WRITERS, view_bytes
from plangraph.export.html import MAX_NODES, sample
from plangraph.export.view import PlainView, plain

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_plain(big_view: nx.DiGraph) -> PlainView:
    return plain(big_view)


def test_html_samples_a_large_view_and_says_so(big_view: nx.DiGraph, big_plain: PlainView) -> None:
    page = view_bytes(big_plain, "html").decode("utf-8")
    assert len(page) < 5_000_000
    found = re.search(
        r'<script id="plangraph-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found is not None
    content = json.loads(found[1])
    assert content["sampled"] is True
    assert content["shown_nodes"] == MAX_NODES == len(content["elements"]["nodes"])
    assert (content["total_nodes"], content["total_edges"]) == (100_000, big_view.number_of_edges())
    assert "data.sampled" in page and "Showing" in page  # the notice the page prints


def test_sample_keeps_hubs_and_their_links(big_view: nx.DiGraph, big_plain: PlainView) -> None:
    part = sample(big_plain, 500)
    assert len(part.nodes) == 500
    hub = max(big_view.degree(), key=lambda nd: (nd[1], str(nd[0])))[0]
    assert hub in dict(part.nodes)
    # grown from hubs, so it is mostly one piece, not 500 loose nodes
    drawn = nx.DiGraph((s, t) for s, t, _ in part.edges)
    drawn.add_nodes_from(n for n, _ in part.nodes)
    assert nx.number_weakly_connected_components(drawn) <= 5
    assert drawn.number_of_edges() == big_view.subgraph(drawn.nodes).number_of_edges()
    assert sample(big_plain, 500) == part


def test_cytoscape_and_dot_keep_every_element(big_view: nx.DiGraph, big_plain: PlainView) -> None:
    elements = json.loads(view_bytes(big_plain, "cytoscape"))["elements"]
    assert len(elements["nodes"]) == 100_000
    assert len(elements["edges"]) == big_view.number_of_edges()
    dot = view_bytes(big_plain, "dot").decode("utf-8")
    assert dot.count(" -> ") == big_view.number_of_edges()


def test_csv_tables_of_a_large_view(
    big_view: nx.DiGraph, big_plain: PlainView, tmp_path: Path
) -> None:
    PATH_WRITERS["csv"](big_plain, tmp_path)
    targets = pd.read_csv(tmp_path / "targets.csv")
    expected = sum(1 for _, d in big_view.nodes(data=True) if d["type"] == "target")
    assert len(targets) == expected and targets["value"].dtype == float


def test_graph_files_of_a_large_view_are_whole(
    big_view: nx.DiGraph, big_plain: PlainView, tmp_path: Path
) -> None:
    path = tmp_path / "big.graphml"
    path.write_bytes(view_bytes(big_plain, "graphml"))
    read = nx.read_graphml(path)
    assert read.number_of_nodes() == 100_000
    assert read.number_of_edges() == big_view.number_of_edges()
    # reading GEXF back takes networkx ~40 s at this size; count its elements instead
    gexf = view_bytes(big_plain, "gexf")
    assert gexf.count(b"<node ") == 100_000
    assert gexf.count(b"<edge ") == big_view.number_of_edges()
