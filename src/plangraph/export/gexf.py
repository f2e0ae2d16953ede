"""GEXF 1.2: the view in Gephi's own format, fields typed, edges labelled by relation.

GEXF gives ``start``, ``end`` and ``pid`` on nodes and ``type``, ``start`` and ``end``
on edges a meaning of their own (time intervals, parents, direction), so a field of the
view with one of those names is written as ``field_<name>`` instead.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", relation="issued_by")
>>> b'label="issued_by"' in gexf_bytes(g)
True
"""

from __future__ import annotations

import io

import networkx as nx

from plangraph.export.view import portable

_NODE_RESERVED = frozenset({"id", "start", "end", "pid", "viz"})
_EDGE_RESERVED = frozenset({"id", "type", "start", "end", "key"})


def _rename(data: dict[str, object], reserved: frozenset[str]) -> None:
    for name in reserved & data.keys():
        data[f"field_{name}"] = data.pop(name)


def gexf_bytes(view: nx.Graph) -> bytes:
    """The view as GEXF 1.2, UTF-8."""
    graph = portable(view)
    for _, data in graph.nodes(data=True):
        _rename(data, _NODE_RESERVED)
    for *_, data in graph.edges(data=True):
        _rename(data, _EDGE_RESERVED)
        if "relation" in data and "label" not in data:
            data["label"] = data["relation"]
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()
