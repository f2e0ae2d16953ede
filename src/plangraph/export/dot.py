r"""Graphviz DOT: the view as text for ``dot``, ``neato`` or ``sfdp``.

Every identifier and value is a double-quoted string with ``\`` and ``"`` escaped and
line breaks turned into ``\n``, so no label can break the file or inject statements.

>>> quote('say "hi"\nthen \\ go')
'"say \\"hi\\"\\nthen \\\\ go"'
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import BinaryIO

from plangraph.export.streaming import flushed
from plangraph.export.view import COLOURS, PlainView

_SHAPES = {
    "plan": "box",
    "actor": "ellipse",
    "region": "hexagon",
    "target": "diamond",
    "statistic": "octagon",
    "measure": "parallelogram",
    "document": "note",
}


def quote(text: str) -> str:
    """``text`` as a DOT double-quoted string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def _attributes(fields: dict[str, str]) -> str:
    return ", ".join(f"{name}={quote(value)}" for name, value in fields.items())


def _lines(view: PlainView) -> Iterator[str]:
    directed = view.directed
    arrow = "->" if directed else "--"
    yield f"{'digraph' if directed else 'graph'} plangraph {{\n"
    yield '  graph [rankdir="LR", overlap="false", charset="UTF-8"];\n'
    yield '  node [style="filled", fontname="Helvetica", fontsize="10"];\n'
    yield '  edge [fontname="Helvetica", fontsize="8", color="#888888"];\n'
    for node, data in view.nodes:
        label = str(data.get("label") or node)
        kind = str(data.get("type", ""))
        fields = {
            "label": "\n".join(textwrap.wrap(label, 30, max_lines=3, placeholder=" ...")),
            "tooltip": label,
            "shape": _SHAPES.get(kind, "ellipse"),
            "fillcolor": COLOURS.get(kind, "#dddddd"),
        }
        if kind:
            fields["class"] = kind
        yield f"  {quote(str(node))} [{_attributes(fields)}];\n"
    for source, target, data in view.edges:
        fields = {}
        if data.get("relation"):
            fields["label"] = str(data["relation"])
        weight = data.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            fields["penwidth"] = f"{min(1 + float(weight) / 2, 8):g}"
            fields["weight"] = str(max(int(weight), 0))
        attributes = f" [{_attributes(fields)}]" if fields else ""
        yield f"  {quote(str(source))} {arrow} {quote(str(target))}{attributes};\n"
    yield "}\n"


def write_dot(view: PlainView, output: BinaryIO) -> None:
    """Write the view as a DOT digraph (or graph, for an undirected view), UTF-8, to
    ``output`` as it is produced."""
    flushed(_lines(view), output)
