"""Stores: where document graphs live. The default is an embedded on-disk pyoxigraph store;
an ``http(s)://`` location is a SPARQL server (:mod:`plangraph.store.remote`).

``open_store(None)`` reads ``PLANGRAPH_STORE`` and falls back to ``./plangraph-store``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from plangraph.store.base import DocumentInfo, NTriples, QueryResult, SelectResult, Store
from plangraph.store.oxigraph import OxigraphStore

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


def is_remote(location: str) -> bool:
    """True for a location that names a server rather than a folder.

    >>> [is_remote(x) for x in ("http://127.0.0.1:7878/", "HTTPS://x/", "plangraph-store")]
    [True, True, False]
    """
    return location.lower().startswith(("http://", "https://"))


def __getattr__(name: str) -> Any:
    # The remote backend (httpx) is imported only for a server's URL: an embedded store,
    # and above all a re-ingest that finds nothing changed, does without it.
    if name == "RemoteStore":
        from plangraph.store.remote import RemoteStore

        return RemoteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        from plangraph.store.remote import RemoteStore

        return RemoteStore.open(resolved, read_only=read_only)
    return OxigraphStore.open(resolved, read_only=read_only)
