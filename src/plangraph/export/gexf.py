"""GEXF 1.2: the view in Gephi's own format, fields typed, edges labelled by relation.

GEXF gives ``start``, ``end`` and ``pid`` on nodes and ``type``, ``start`` and ``end``
on edges a meaning of their own (time intervals, parents, direction), so a field of the
view with one of those names is written as ``field_<name>`` instead. A node's ``label``
and an edge's ``label`` (else its ``relation``) and ``weight`` are GEXF's own
attributes. The file is written node by node and edge by edge as it is produced, and
carries no date, so the same view always gives the same file.

>>> import io, networkx as nx
>>> from plangraph.export.view import plain
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", relation="issued_by")
>>> out = io.BytesIO()
>>> write_gexf(plain(g), out)
>>> b'label="issued_by"' in out.getvalue()
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import BinaryIO

from plangraph.export.streaming import attribute, field_types, flushed
from plangraph.export.view import Fields, FieldValue, PlainView

_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
    "  <meta><creator>plangraph</creator></meta>\n"
)
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_NODE_RESERVED = frozenset({"id", "start", "end", "pid", "viz"})
_EDGE_RESERVED = frozenset({"id", "type", "start", "end", "key"})


def _renamed(fields: Fields, reserved: frozenset[str]) -> Fields:
    if reserved.isdisjoint(fields):
        return fields
    return {f"field_{k}" if k in reserved else k: v for k, v in fields.items()}


def _node(node: str, fields: Fields) -> tuple[str, Fields]:
    """The node's GEXF label (its id when it has none) and the fields left for its
    attribute values."""
    fields = _renamed(fields, _NODE_RESERVED)
    return str(fields.get("label", node)), {k: v for k, v in fields.items() if k != "label"}


def _edge(fields: Fields) -> tuple[dict[str, str], Fields]:
    """The edge's GEXF attributes (label, weight) and the fields left for its values."""
    fields = _renamed(fields, _EDGE_RESERVED)
    own = {}
    if "label" in fields or "relation" in fields:
        own["label"] = str(fields.get("label", fields.get("relation")))
    if "weight" in fields:
        own["weight"] = str(fields["weight"])
    return own, {k: v for k, v in fields.items() if k not in {"label", "weight"}}


def _value(value: FieldValue) -> str:
    if isinstance(value, bool):
        return '"true"' if value else '"false"'
    return attribute(str(value))


def _values(fields: Mapping[str, FieldValue], ids: Mapping[str, str]) -> str:
    if not fields:
        return ""
    inner = "".join(
        f'<attvalue for="{ids[name]}" value={_value(value)} />' for name, value in fields.items()
    )
    return f"<attvalues>{inner}</attvalues>"


def _attributes(kind: str, types: Mapping[str, type], ids: Mapping[str, str]) -> Iterable[str]:
    if not types:
        return
    yield f'    <attributes mode="static" class="{kind}">\n'
    for name, value_type in types.items():
        yield (
            f'      <attribute id="{ids[name]}" title={attribute(name)} '
            f'type="{_TYPES[value_type]}" />\n'
        )
    yield "    </attributes>\n"


def _value_types(
    records: Iterable[Fields], reserved: frozenset[str], own: frozenset[str]
) -> dict[str, type]:
    """The types of the attribute values of ``records`` (renamed as :func:`_renamed`
    renames them, without the fields GEXF holds in attributes of its own), read off the
    records' fields as they are: the records are not renamed twice."""
    types = field_types(records)
    return {
        f"field_{name}" if name in reserved else name: kind
        for name, kind in types.items()
        if name not in own
    }


def _lines(view: PlainView) -> Iterable[str]:
    # the attributes are declared before the nodes: one pass to find them, one to write
    node_types = _value_types((f for _, f in view.nodes), _NODE_RESERVED, frozenset({"label"}))
    edge_types = _value_types(
        (f for *_, f in view.edges), _EDGE_RESERVED, frozenset({"label", "weight"})
    )
    node_ids = {name: str(i) for i, name in enumerate(node_types)}
    edge_ids = {name: str(i + len(node_ids)) for i, name in enumerate(edge_types)}
    yield _HEAD
    default = "directed" if view.directed else "undirected"
    yield f'  <graph defaultedgetype="{default}" mode="static" name={attribute(view.name)}>\n'
    yield from _attributes("node", node_types, node_ids)
    yield from _attributes("edge", edge_types, edge_ids)
    yield "    <nodes>\n"
    for node, fields in view.nodes:
        label, values = _node(node, fields)
        yield (
            f"      <node id={attribute(node)} label={attribute(label)}>"
            f"{_values(values, node_ids)}</node>\n"
        )
    yield "    </nodes>\n    <edges>\n"
    for index, (source, target, fields) in enumerate(view.edges):
        own, values = _edge(fields)
        extra = "".join(f" {name}={attribute(value)}" for name, value in own.items())
        yield (
            f'      <edge source={attribute(source)} target={attribute(target)} id="{index}"'
            f"{extra}>{_values(values, edge_ids)}</edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(view: PlainView, output: BinaryIO) -> None:
    """Write the view as GEXF 1.2, UTF-8, to ``output`` as it is produced."""
    flushed(_lines(view), output)
