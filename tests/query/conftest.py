"""Fixtures of the query tests: the hand-made store of records.py, built once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .records import Library, build_store


@pytest.fixture(scope="module", params=["embedded", "server"])
def library_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, start_oxigraph
) -> Iterator[Library]:
    """Built once per test module, in the embedded store and in an Oxigraph server: every
    expectation of the library holds on both. The queries only read it."""
    folder = tmp_path_factory.mktemp("library")
    server = start_oxigraph(folder / "server") if request.param == "server" else None
    store = build_store(server.url if server else folder / "store")
    yield Library(store)
    store.close()
    if server is not None:
        server.stop()
