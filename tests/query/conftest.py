"""Fixtures of the query tests: the hand-made store of records.py, built once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .records import Library, build_store


@pytest.fixture(scope="module")
def library_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """Built once per test module: the queries only read it."""
    store = build_store(tmp_path_factory.mktemp("library") / "store")
    yield Library(store)
    store.close()
