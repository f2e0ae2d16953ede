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

import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from plangraph.errors import ExportError
from plangraph.export.cytoscape import write_cytoscape
from plangraph.export.dot import write_dot
from plangraph.export.gexf import write_gexf
from plangraph.export.graphml import write_graphml
from plangraph.export.html import write_html
from plangraph.export.rdf import FORMATS as RDF_FORMATS
from plangraph.export.rdf import export_rdf, write_rdf
from plangraph.export.tables import write_tables
from plangraph.export.view import PlainView, Selection, plain_view
from plangraph.store.base import Store

ViewWriter = Callable[[PlainView, BinaryIO], None]
PathWriter = Callable[[PlainView, Path], object]

VIEW_WRITERS: dict[str, ViewWriter] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cytoscape": write_cytoscape,
    "dot": write_dot,
    "html": write_html,
}
"""Formats drawn from the property-graph view, each written to a binary stream."""

PATH_WRITERS: dict[str, PathWriter] = {"csv": write_tables}
"""Formats drawn from the view that write to a path (a folder of files), not to bytes."""


def formats() -> list[str]:
    return sorted({*RDF_FORMATS, *VIEW_WRITERS, *PATH_WRITERS})


def view_bytes(view: PlainView, fmt: str) -> bytes:
    """The view in one of :data:`VIEW_WRITERS`' formats, as bytes."""
    buffer = io.BytesIO()
    VIEW_WRITERS[fmt](view, buffer)
    return buffer.getvalue()


def export(
    store: Store,
    fmt: str,
    output: Path | None = None,
    *,
    selection: Selection | None = None,
    stream: BinaryIO | None = None,
) -> bytes | None:
    """Export the store as ``fmt`` to the file ``output``, else to ``stream``; with
    neither, return the bytes. Every format but the CSV tables (a folder) is written as
    it is made: RDF formats as the store writes them, the view's formats element by
    element.

    ``selection`` picks the part of the property-graph view that the visual formats
    show; RDF formats always export the whole store.
    """
    selection = selection or Selection()
    if fmt not in formats():
        raise ExportError(f"unknown export format {fmt!r}; valid: {', '.join(formats())}")
    if fmt in RDF_FORMATS:
        if not selection.whole:
            visual = ", ".join(sorted({*VIEW_WRITERS, *PATH_WRITERS}))
            raise ExportError(
                f"view options (--plan, --region, --actor, --cooccurrence, --construct) "
                f"apply to {visual}; {fmt} exports the whole store"
            )
        if output is None and stream is None:
            return export_rdf(store, fmt)
        return _written(output, stream, lambda handle: write_rdf(store, fmt, handle))
    if fmt in PATH_WRITERS:
        if output is None:
            raise ExportError(f"{fmt} writes a folder of tables; give it with -o FOLDER")
        PATH_WRITERS[fmt](plain_view(store, selection), output)
        return None
    view = plain_view(store, selection)
    return _written(output, stream, lambda handle: VIEW_WRITERS[fmt](view, handle))


def _written(
    output: Path | None, stream: BinaryIO | None, write: Callable[[BinaryIO], None]
) -> bytes | None:
    """Run ``write`` on the file ``output``, else on ``stream``; with neither, return
    what it wrote."""
    if output is not None:
        try:
            with output.open("wb") as handle:
                write(handle)
        except OSError as error:
            raise ExportError(f"{output}: cannot write ({error.strerror})") from None
        return None
    if stream is not None:
        write(stream)
        return None
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()
