"""Cytoscape.js JSON: ``{"elements": {"nodes": [...], "edges": [...]}}``.

Each element's ``data`` holds the view's fields; a node also gets ``name`` (its label,
which Cytoscape desktop shows) and an edge ``interaction`` (its relation), so the file
opens in Cytoscape desktop and in Cytoscape.js (``cytoscape({elements: ...})``) alike.

>>> import json, networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("a", label="Beijing", type="region")
>>> g.add_edge("b", "a", relation="jurisdiction")
>>> data = json.loads(cytoscape_bytes(g))
>>> [e["data"]["interaction"] for e in data["elements"]["edges"]]
['jurisdiction']
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from plangraph.export.view import portable_items


def elements(
    view: nx.Graph, positions: Mapping[Hashable, tuple[float, float]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The view's nodes and edges as Cytoscape.js element definitions; ``positions``
    places nodes (Cytoscape's ``preset`` layout)."""
    items, links = portable_items(view)
    nodes = []
    for node, data in items:
        fields = {"name": data.get("label", str(node)), **data}
        fields["id"] = str(node)
        element: dict[str, Any] = {"data": fields}
        if positions is not None and node in positions:
            x, y = positions[node]
            element["position"] = {"x": x, "y": y}
        nodes.append(element)
    edges = []
    for index, (source, target, data) in enumerate(links):
        fields = {"interaction": data.get("relation", ""), **data}
        fields.update(id=f"e{index}", source=str(source), target=str(target))
        edges.append({"data": fields})
    return {"nodes": nodes, "edges": edges}


def cytoscape_bytes(view: nx.Graph) -> bytes:
    """The view as Cytoscape.js JSON, UTF-8."""
    document = {
        "format_version": "1.0",
        "generated_by": "plangraph",
        "data": {"name": str(view.graph.get("name", "plangraph"))},
        "directed": bool(view.is_directed()),
        "elements": elements(view),
    }
    return json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
