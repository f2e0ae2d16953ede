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

from plangraph.export import PATH_WRITERS, VIEW_WRITERS
from plangraph.export.html import MAX_NODES, sample

pytestmark = pytest.mark.slow


def test_html_samples_a_large_view_and_says_so(big_view: nx.DiGraph) -> None:
    page = VIEW_WRITERS["html"](big_view).decode("utf-8")
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


def test_sample_keeps_hubs_and_their_links(big_view: nx.DiGraph) -> None:
    part = sample(big_view, 500)
    assert part.number_of_nodes() == 500
    hub = max(big_view.degree(), key=lambda nd: (nd[1], str(nd[0])))[0]
    assert hub in part
    # grown from hubs, so it is mostly one piece, not 500 loose nodes
    assert nx.number_weakly_connected_components(part) <= 5
    assert sample(big_view, 500).nodes == part.nodes


def test_cytoscape_and_dot_keep_every_element(big_view: nx.DiGraph) -> None:
    elements = json.loads(VIEW_WRITERS["cytoscape"](big_view))["elements"]
    assert len(elements["nodes"]) == 100_000
    assert len(elements["edges"]) == big_view.number_of_edges()
    dot = VIEW_WRITERS["dot"](big_view).decode("utf-8")
    assert dot.count(" -> ") == big_view.number_of_edges()


def test_csv_tables_of_a_large_view(big_view: nx.DiGraph, tmp_path: Path) -> None:
    PATH_WRITERS["csv"](big_view, tmp_path)
    targets = pd.read_csv(tmp_path / "targets.csv")
    expected = sum(1 for _, d in big_view.nodes(data=True) if d["type"] == "target")
    assert len(targets) == expected and targets["value"].dtype == float


def test_graph_files_of_a_large_view_are_whole(big_view: nx.DiGraph, tmp_path: Path) -> None:
    path = tmp_path / "big.graphml"
    path.write_bytes(VIEW_WRITERS["graphml"](big_view))
    read = nx.read_graphml(path)
    assert read.number_of_nodes() == 100_000
    assert read.number_of_edges() == big_view.number_of_edges()
    # reading GEXF back takes networkx ~40 s at this size; count its elements instead
    gexf = VIEW_WRITERS["gexf"](big_view)
    assert gexf.count(b"<node ") == 100_000
    assert gexf.count(b"<edge ") == big_view.number_of_edges()
