"""Stores: where document graphs live. The default is an embedded on-disk pyoxigraph store;
an ``http(s)://`` location is a SPARQL server (:mod:`plangraph.store.remote`).

``open_store(None)`` reads ``PLANGRAPH_STORE`` and falls back to ``./plangraph-store``.
"""

from __future__ import annotations

import os
from pathlib import Path

from plangraph.store.base import DocumentInfo, NTriples, QueryResult, SelectResult, Store
from plangraph.store.oxigraph import OxigraphStore
from plangraph.store.remote import RemoteStore, is_remote

DEFAULT_LOCATION = "plangraph-store"
__all__ = [
    "DocumentInfo",
    "NTriples",
    "QueryResult",
    "SelectResult",
    "Store",
    "is_remote",
    "open_store",
    "resolve_location",
]


def resolve_location(location: str | Path | None) -> str:
    """The store location from the option, else ``PLANGRAPH_STORE``, else the default."""
    if location:
        return str(location)
    return os.environ.get("PLANGRAPH_STORE") or DEFAULT_LOCATION


def open_store(
    location: str | Path | None = None, *, read_only: bool = False, memory: bool = False
) -> Store:
    """Open the store; ``memory=True`` gives an empty in-memory one (tests, ``extract``).

    A folder is an embedded store, a URL (``http://host:7878/``) a SPARQL server.
    """
    if memory:
        return OxigraphStore.open(None)
    resolved = resolve_location(location)
    if is_remote(resolved):
        return RemoteStore.open(resolved, read_only=read_only)
    return OxigraphStore.open(resolved, read_only=read_only)
