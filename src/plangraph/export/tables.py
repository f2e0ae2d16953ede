"""CSV tables: one spreadsheet per kind of node, ready for pandas or a spreadsheet.

``plans.csv``, ``targets.csv``, ``measures.csv``, ``actors.csv``, ``statistics.csv``,
``regions.csv`` and ``documents.csv`` hold one row per node of the view, keyed by
``iri``; facts carry the sentence they were read from (``sentence``, ``document``,
``start``, ``end``: character offsets into the document's text). ``relations.csv``
lists every edge. Values are in base units (``value`` 3e11 with ``unit`` CNY); an absent
value is an empty cell, which pandas reads as missing. Every file is written, with its
header, even when the view has no such node, so a script can always read all of them.

>>> import networkx as nx, tempfile, pathlib
>>> from plangraph.export.view import plain
>>> g = nx.DiGraph()
>>> g.add_node("t", type="target", metric="AI core industry", value=3e11, unit="CNY")
>>> with tempfile.TemporaryDirectory() as folder:
...     paths = write_tables(plain(g), pathlib.Path(folder))
...     text = (pathlib.Path(folder) / "targets.csv").read_text("utf-8")
>>> text.splitlines()[1]
't,,,AI core industry,,300000000000.0,,CNY,,,,,,,,'
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from plangraph.errors import ExportError
from plangraph.export.view import FieldValue, PlainView

_EVIDENCE = ("sentence", "document", "start", "end")

# file -> (node type, columns, columns to sort rows by)
TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "plans.csv": (
        "plan",
        (
            *("iri", "label", "region", "issuer", "issued", "period_start", "period_end"),
            *("targets", "measures", "documents", *_EVIDENCE),
        ),
        ("region", "label"),
    ),
    "targets.csv": (
        "target",
        (
            *("iri", "plan", "region", "metric", "comparator", "value", "max_value", "unit"),
            *("year", "growth_rate", "responsible", "surface", *_EVIDENCE),
        ),
        ("region", "year", "metric"),
    ),
    "measures.csv": (
        "measure",
        ("iri", "plan", "region", "label", "category", "responsible", *_EVIDENCE),
        ("region", "category", "label"),
    ),
    "actors.csv": (
        "actor",
        ("iri", "label", "actor_type", "alt_labels", "post", "affiliated_with", "documents"),
        ("label",),
    ),
    "statistics.csv": (
        "statistic",
        ("iri", "metric", "value", "max_value", "unit", "year", "surface", *_EVIDENCE),
        ("metric", "year"),
    ),
    "regions.csv": (
        "region",
        ("iri", "label", "region_level", "part_of", "alt_labels", "documents"),
        ("label",),
    ),
    "documents.csv": (
        "document",
        ("iri", "doc_id", "title", "source", "issued"),
        ("doc_id",),
    ),
}
RELATIONS_COLUMNS = ("source", "source_label", "relation", "target", "target_label", "weight")

# a column whose view field has another name
_FIELD = {"start": "sentence_start", "end": "sentence_end"}


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _rows(
    nodes: list[tuple[str, dict[str, FieldValue]]],
    columns: tuple[str, ...],
    order: tuple[str, ...],
) -> list[list[str]]:
    fields = [_FIELD.get(c, c) for c in columns[1:]]  # the first column is the iri
    keys = [columns.index(c) for c in order]
    rows = []
    for node, data in nodes:
        row = [node, *(_cell(data.get(f)) for f in fields)]
        rows.append(([row[k] for k in keys], row))
    rows.sort()
    return [row for _, row in rows]


def _write(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror})") from None


def write_tables(view: PlainView, folder: Path) -> list[Path]:
    """Write the view's tables into ``folder`` (created when needed); returns their paths."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: is a file; csv writes a folder of tables, give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot create the folder ({error.strerror})") from None
    nodes, edges = view.nodes, view.edges
    by_type: dict[FieldValue | None, list[tuple[str, dict[str, FieldValue]]]] = defaultdict(list)
    for node, data in nodes:
        by_type[data.get("type")].append((node, data))
    written = []
    for name, (kind, columns, order) in TABLES.items():
        _write(folder / name, columns, _rows(by_type[kind], columns, order))
        written.append(folder / name)
    labels = {node: _cell(data.get("label")) for node, data in nodes}
    links = [
        [s, labels[s], _cell(d.get("relation")), t, labels[t], _cell(d.get("weight"))]
        for s, t, d in edges
    ]
    _write(folder / "relations.csv", RELATIONS_COLUMNS, links)
    written.append(folder / "relations.csv")
    return written
