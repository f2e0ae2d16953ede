"""GraphML: the view as a typed XML graph that Gephi, yEd, Cytoscape and networkx open.

Every field becomes a GraphML key of one type (numbers as ``double``, years and offsets
as ``long``, flags as ``boolean``, written ``true`` or ``false``), named after the
field, and no value is ever empty; Gephi shows the ``label`` field as the node's label.
The file is written node by node and edge by edge as it is produced: no XML tree of
the whole view is built first.

>>> import io, networkx as nx
>>> from plangraph.export.view import plain
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", relation="issued_by")
>>> out = io.BytesIO()
>>> write_graphml(plain(g), out)
>>> b"<graphml" in out.getvalue()
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import BinaryIO

from plangraph.export.streaming import attribute, escape, field_types, flushed
from plangraph.export.view import FieldValue, PlainView

_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _key_ids(domains: Mapping[str, Mapping[str, type]]) -> dict[tuple[str, str], str]:
    """An id per (domain, field), quoted for XML: the field's name, or ``domain_name``
    when another domain took the name first (ids are unique in a file)."""
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for domain, fields in domains.items():
        for name in fields:
            key = name if name not in taken else f"{domain}_{name}"
            taken.add(key)
            ids[(domain, name)] = attribute(key)
    return ids


def _value(value: FieldValue) -> str:
    if type(value) is str:
        return escape(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _data(domain: str, fields: Mapping[str, FieldValue], ids: Mapping[tuple[str, str], str]) -> str:
    return "".join(
        f"<data key={ids[(domain, name)]}>{_value(value)}</data>" for name, value in fields.items()
    )


def _lines(view: PlainView) -> Iterable[str]:
    graph: dict[str, FieldValue] = {"name": view.name}
    if view.selection:
        graph["selection"] = view.selection
    domains: dict[str, dict[str, type]] = {
        "node": field_types(d for _, d in view.nodes),
        "edge": field_types(d for *_, d in view.edges),
        "graph": {name: str for name in graph},
    }
    ids = _key_ids(domains)
    yield _HEAD
    for domain, types in domains.items():
        for name, kind in types.items():
            yield (
                f'  <key id={ids[(domain, name)]} for="{domain}" '
                f'attr.name={attribute(name)} attr.type="{_TYPES[kind]}" />\n'
            )
    edgedefault = "directed" if view.directed else "undirected"
    yield f'  <graph edgedefault="{edgedefault}">{_data("graph", graph, ids)}\n'
    for node, fields in view.nodes:
        yield f"    <node id={attribute(node)}>{_data('node', fields, ids)}</node>\n"
    for source, target, fields in view.edges:
        yield (
            f"    <edge source={attribute(source)} target={attribute(target)}>"
            f"{_data('edge', fields, ids)}</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def write_graphml(view: PlainView, output: BinaryIO) -> None:
    """Write the view as GraphML, UTF-8, to ``output`` as it is produced."""
    flushed(_lines(view), output)
