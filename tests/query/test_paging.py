"""Paging a library query: a window of its rows, in its order, and how many there are.

Runs on the hand-made store of records.py, embedded (the engine's rows are counted and
only the page converted) and on an Oxigraph server (the answer is sliced).
"""

from __future__ import annotations

import pytest

from plangraph.errors import QueryError
from plangraph.query import library, run_named
from plangraph.store.base import SelectResult

from .records import Library


def rows(result: object) -> list[tuple[str, ...]]:
    assert isinstance(result, SelectResult)
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows]


@pytest.mark.parametrize(
    "name",
    [
        "evidence",
        "companies-and-governments",
        "actors-in-several-plans",
        "targets-by-region",
        "measures-by-category",
        "targets-rollup",
        "people",
        "targets-above",
        "metric-across-regions",
    ],
)
@pytest.mark.parametrize(("offset", "limit"), [(0, 2), (1, 3), (2, 5), (4, 100), (1000, 5)])
def test_a_page_is_a_window_of_the_whole_answer(
    library_store: Library, name: str, offset: int, limit: int
) -> None:
    whole = run_named(library_store.store, name, {}, limit=0)
    assert isinstance(whole, SelectResult)
    page = run_named(library_store.store, name, {}, limit=limit, offset=offset)
    assert isinstance(page, SelectResult)
    assert rows(page) == rows(whole)[offset : offset + limit]
    assert page.total == len(whole.rows)
    assert page.offset == offset
    assert page.variables == whole.variables


def test_queries_that_can_return_the_store_page_by_default(library_store: Library) -> None:
    paged = {name for name, query in library().items() if query.page is not None}
    assert {"evidence", "companies-and-governments"} <= paged
    first = run_named(library_store.store, "evidence", {})
    assert isinstance(first, SelectResult)
    assert first.total is not None and first.total == len(first.rows)  # small store: one page


def test_every_row_when_the_limit_is_zero_or_the_query_has_no_page(
    library_store: Library,
) -> None:
    assert library()["deadline-timeline"].page is None
    timeline = run_named(library_store.store, "deadline-timeline", {})
    assert isinstance(timeline, SelectResult) and timeline.total is None
    whole = run_named(library_store.store, "evidence", {}, limit=0)
    assert isinstance(whole, SelectResult) and whole.total is None


def test_a_page_keeps_the_parameters(library_store: Library) -> None:
    zhejiang = library_store.rows("targets-by-region", region="Zhejiang")
    page = run_named(library_store.store, "targets-by-region", {"region": "Zhejiang"}, limit=1)
    assert rows(page) == zhejiang[:1]
    assert isinstance(page, SelectResult) and page.total == len(zhejiang)


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (5, -2)])
def test_negative_windows_are_refused(library_store: Library, limit: int, offset: int) -> None:
    with pytest.raises(QueryError, match="0 or more"):
        run_named(library_store.store, "evidence", {}, limit=limit, offset=offset)
