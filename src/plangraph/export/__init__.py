"""Exports: one module per format family, all fed from the same store.

:func:`export` writes to a path, or returns bytes for standard output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plangraph.errors import ExportError
from plangraph.export.rdf import FORMATS as RDF_FORMATS
from plangraph.export.rdf import export_rdf
from plangraph.store.base import Store

Exporter = Callable[[Store, str], bytes]

EXPORTERS: dict[str, Exporter] = {name: export_rdf for name in RDF_FORMATS}


def formats() -> list[str]:
    return sorted(EXPORTERS)


def export(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Export the store as ``fmt``; write to ``output`` when given, else return the bytes."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ExportError(f"unknown export format {fmt!r}; valid: {', '.join(formats())}")
    data = exporter(store, fmt)
    if output is None:
        return data
    try:
        output.write_bytes(data)
    except OSError as error:
        raise ExportError(f"{output}: cannot write ({error.strerror})") from None
    return None
