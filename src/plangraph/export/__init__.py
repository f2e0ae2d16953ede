"""Exports: one module per format, all fed from the same store.

:func:`export` is the single entry point. RDF formats (:mod:`plangraph.export.rdf`)
serialise the store itself; the visual formats draw the property-graph view
(:mod:`plangraph.export.view`) of the store, or of the part a :class:`Selection` picks:
``graphml`` and ``gexf`` for Gephi, ``cytoscape`` (Cytoscape.js JSON), ``dot``
(Graphviz) and ``html`` (a self-contained page) are bytes; ``csv`` writes a folder of
tables, so it needs an output path.

>>> "graphml" in formats() and "csv" in formats()
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from plangraph.errors import ExportError
from plangraph.export.cytoscape import cytoscape_bytes
from plangraph.export.dot import dot_bytes
from plangraph.export.gexf import gexf_bytes
from plangraph.export.graphml import graphml_bytes
from plangraph.export.html import html_bytes
from plangraph.export.rdf import FORMATS as RDF_FORMATS
from plangraph.export.rdf import export_rdf, write_rdf
from plangraph.export.tables import write_tables
from plangraph.export.view import Selection, build_view
from plangraph.store.base import Store

Exporter = Callable[[Store, str], bytes]
ViewWriter = Callable[[nx.Graph], bytes]
PathWriter = Callable[[nx.Graph, Path], object]

VIEW_WRITERS: dict[str, ViewWriter] = {
    "graphml": graphml_bytes,
    "gexf": gexf_bytes,
    "cytoscape": cytoscape_bytes,
    "dot": dot_bytes,
    "html": html_bytes,
}
"""Formats drawn from the property-graph view, as bytes."""

PATH_WRITERS: dict[str, PathWriter] = {"csv": write_tables}
"""Formats drawn from the view that write to a path (a folder of files), not to bytes."""


def _whole_view(writer: ViewWriter) -> Exporter:
    def exporter(store: Store, fmt: str) -> bytes:
        return writer(build_view(store))

    return exporter


EXPORTERS: dict[str, Exporter] = {name: export_rdf for name in RDF_FORMATS}
EXPORTERS.update({name: _whole_view(writer) for name, writer in VIEW_WRITERS.items()})


def formats() -> list[str]:
    return sorted({*EXPORTERS, *PATH_WRITERS})


def _write(output: Path, data: bytes) -> None:
    try:
        output.write_bytes(data)
    except OSError as error:
        raise ExportError(f"{output}: cannot write ({error.strerror})") from None


def export(
    store: Store,
    fmt: str,
    output: Path | None = None,
    *,
    selection: Selection | None = None,
    stream: BinaryIO | None = None,
) -> bytes | None:
    """Export the store as ``fmt``; write to ``output`` when given, else return the bytes.

    ``selection`` picks the part of the property-graph view that the visual formats
    show; RDF formats always export the whole store, streamed to ``output`` (or to
    ``stream`` when there is no ``output``) as the store writes it.
    """
    selection = selection or Selection()
    if fmt in RDF_FORMATS and selection.whole and (output is not None or stream is not None):
        if output is None:
            assert stream is not None
            write_rdf(store, fmt, stream)
            return None
        try:
            with output.open("wb") as handle:
                write_rdf(store, fmt, handle)
        except OSError as error:
            raise ExportError(f"{output}: cannot write ({error.strerror})") from None
        return None
    if fmt in PATH_WRITERS:
        if output is None:
            raise ExportError(f"{fmt} writes a folder of tables; give it with -o FOLDER")
        PATH_WRITERS[fmt](build_view(store, selection), output)
        return None
    if fmt in VIEW_WRITERS:
        data = VIEW_WRITERS[fmt](build_view(store, selection))
    elif fmt in EXPORTERS:
        if not selection.whole:
            visual = ", ".join(sorted({*VIEW_WRITERS, *PATH_WRITERS}))
            raise ExportError(
                f"view options (--plan, --region, --actor, --cooccurrence, --construct) "
                f"apply to {visual}; {fmt} exports the whole store"
            )
        data = EXPORTERS[fmt](store, fmt)
    else:
        raise ExportError(f"unknown export format {fmt!r}; valid: {', '.join(formats())}")
    if output is None:
        return data
    _write(output, data)
    return None
