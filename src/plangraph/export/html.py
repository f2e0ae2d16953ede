"""A self-contained HTML page: the view drawn by Cytoscape.js, opened offline from a file.

The vendored Cytoscape.js, the page's own script and style (``templates/``) and the
view's elements are inlined, so the file needs no network and no server: send it to a
colleague and it opens. The page filters by node type and region, finds nodes by label,
and shows a clicked node's fields and the sentence it was read from.

A browser draws a few thousand nodes comfortably, not a hundred thousand: a larger view
is sampled to its ``max_nodes`` most connected nodes, and the page says so.

>>> import io, networkx as nx
>>> from plangraph.export.view import plain
>>> out = io.BytesIO()
>>> write_html(plain(nx.path_graph(5)), out, title="five <nodes>")
>>> page = out.getvalue().decode()
>>> "<title>five &lt;nodes&gt;</title>" in page and "cytoscape" in page
True
"""

from __future__ import annotations

import heapq
import html
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

import networkx as nx

from plangraph.errors import ExportError
from plangraph.export.cytoscape import edge_elements, node_elements
from plangraph.export.layout import Position, packed_layout
from plangraph.export.view import COLOURS, PlainView

PIXELS_PER_UNIT = 60.0
"""Layout units to screen pixels: a component of n nodes gets a box about 60 * sqrt(n)
pixels wide, so neighbouring nodes sit about 50 pixels apart."""

MAX_NODES = 2000
"""The most nodes the page draws; a larger view is sampled down to this many."""


@cache
def _resource(package: str, name: str) -> str:
    try:
        return resources.files(package).joinpath(name).read_text("utf-8")
    except OSError as error:
        raise ExportError(f"{package}/{name}: missing from the installation ({error})") from None


def sample(view: PlainView, max_nodes: int) -> PlainView:
    """The view itself when small enough, else ``max_nodes`` of its nodes grown from the
    hubs: start at the node of highest degree and keep adding the best-connected node
    next to those taken, moving to the next hub when a component is used up. The sample
    keeps the hubs and the links around them (the top nodes by degree alone would be
    mostly unconnected); ties go by id, so the same view gives the same sample."""
    if len(view.nodes) <= max_nodes:
        return view
    neighbours: dict[str, list[str]] = {node: [] for node, _ in view.nodes}
    for source, target, _ in view.edges:
        neighbours[source].append(target)
        neighbours[target].append(source)
    degree = {node: len(around) for node, around in neighbours.items()}
    # every node by degree then id, in a heap: the next hub is taken only when the
    # frontier runs dry, and one or two hubs usually fill the sample
    hubs = [(-links, node) for node, links in degree.items()]
    heapq.heapify(hubs)
    chosen: set[str] = set()
    frontier: list[tuple[int, str]] = []
    while len(chosen) < max_nodes:
        _, node = heapq.heappop(frontier or hubs)
        if node in chosen:
            continue
        chosen.add(node)
        for neighbour in neighbours[node]:
            if neighbour not in chosen:
                heapq.heappush(frontier, (-degree[neighbour], neighbour))
    return PlainView(
        [(n, d) for n, d in view.nodes if n in chosen],
        [(s, t, d) for s, t, d in view.edges if s in chosen and t in chosen],
        name=view.name,
        selection=view.selection,
        directed=view.directed,
    )


def _layout(view: PlainView) -> dict[str, Position]:
    graph = nx.Graph()
    graph.add_nodes_from(node for node, _ in view.nodes)
    graph.add_edges_from((source, target) for source, target, _ in view.edges)
    return {str(node): position for node, position in packed_layout(graph).items()}


def _pixels(positions: Mapping[str, Position]) -> dict[str, Position]:
    return {
        node: (round(x * PIXELS_PER_UNIT, 1), round(y * PIXELS_PER_UNIT, 1))
        for node, (x, y) in positions.items()
    }


def _script_safe(text: str) -> str:
    # inside <script> only "</script" (any case) ends the element early
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def _json_for_script(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_MARKER = re.compile(r"<!-- plangraph:(\w+) -->|/\* plangraph:(\w+) \*/")


def _fill(template: str, parts: dict[str, str]) -> str:
    """Put each part in place of its marker, in one pass: no part is searched for markers."""
    missing = set(parts) - {a or b for a, b in _MARKER.findall(template)}
    if missing:
        raise ExportError(f"templates/page.html: markers missing for {', '.join(sorted(missing))}")
    return _MARKER.sub(lambda m: parts.get(m[1] or m[2], m[0]), template)


def write_html(
    view: PlainView, output: BinaryIO, *, title: str | None = None, max_nodes: int = MAX_NODES
) -> None:
    """Write the view as one self-contained HTML page, UTF-8; ``title`` defaults to the
    view's name."""
    title = title or view.name or "plangraph"
    shown = sample(view, max_nodes)
    positions = _pixels(_layout(shown))
    payload = {
        "selection": view.selection,
        "directed": view.directed,
        "total_nodes": len(view.nodes),
        "total_edges": len(view.edges),
        "shown_nodes": len(shown.nodes),
        "shown_edges": len(shown.edges),
        "sampled": len(shown.nodes) < len(view.nodes),
        "colours": COLOURS,
        "elements": {
            "nodes": list(node_elements(shown, positions)),
            "edges": list(edge_elements(shown)),
        },
    }
    parts = {
        "title": html.escape(title),
        "css": _resource("plangraph.export", "templates/page.css"),
        "data": _json_for_script(payload),
        "cytoscape": _script_safe(_resource("plangraph.vendor", "cytoscape/cytoscape.min.js")),
        "js": _script_safe(_resource("plangraph.export", "templates/page.js")),
    }
    page = _fill(_resource("plangraph.export", "templates/page.html"), parts)
    output.write(page.encode("utf-8"))
