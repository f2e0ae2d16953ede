"""Stores: where document graphs live. The default is an embedded on-disk pyoxigraph store.

``open_store(None)`` reads ``PLANGRAPH_STORE`` and falls back to ``./plangraph-store``.
"""

from __future__ import annotations

import os
from pathlib import Path

from plangraph.store.base import DocumentInfo, QueryResult, SelectResult, Store
from plangraph.store.oxigraph import OxigraphStore

DEFAULT_LOCATION = "plangraph-store"
__all__ = ["DocumentInfo", "QueryResult", "SelectResult", "Store", "open_store", "resolve_location"]


def resolve_location(location: str | Path | None) -> str:
    """The store location from the option, else ``PLANGRAPH_STORE``, else the default."""
    if location:
        return str(location)
    return os.environ.get("PLANGRAPH_STORE") or DEFAULT_LOCATION


def open_store(
    location: str | Path | None = None, *, read_only: bool = False, memory: bool = False
) -> OxigraphStore:
    """Open the store; ``memory=True`` gives an empty in-memory one (tests, ``extract``)."""
    if memory:
        return OxigraphStore.open(None)
    return OxigraphStore.open(resolve_location(location), read_only=read_only)
