"""The query library on the real corpus: every query runs, and the questions the corpus
can answer get answers.

Extraction is still being improved, so no exact rows are asserted here: the hand-made
store of records.py pins the rows; this checks the queries meet real graphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from plangraph.graph import parts
from plangraph.graph.links import LINKS_GRAPH, LINKS_STALE, stale_marker, store_links
from plangraph.graph.vocab import PG
from plangraph.query import _parted_page, library, parts_library, run_named
from plangraph.store import open_store
from plangraph.store.base import SelectResult, Store
from plangraph.store.oxigraph import OxigraphStore
from plangraph.workflow import ingest

pytestmark = pytest.mark.slow

# sensible questions for this corpus, by query
PARAMETERS: dict[str, dict[str, str]] = {
    "targets-by-region": {"region": "Guangdong"},
    "metric-across-regions": {"metric": "core"},
    "targets-above": {"metric": "core industry", "min": "100000000000", "year": "2027"},
    "actors-in-several-plans": {},
    "companies-and-governments": {"company": "Huawei"},
    "measures-by-category": {"region": "Guangdong"},
    "plans": {},
    "deadline-timeline": {},
    "progress": {"region": "Zhejiang"},
    "conflicts": {},
    "revisions": {"region": "Zhejiang"},
    "targets-rollup": {"region": "China"},
    "people": {},
}
# the corpus holds answers to these
ANSWERED = {
    "targets-by-region",
    "metric-across-regions",
    "plans",
    "deadline-timeline",
    "measures-by-category",
    "actors-in-several-plans",
    "people",
}
# the Chinese original and three English reports of one plan
GUANGDONG_REPORTS = {
    "guangdong-2023-general-ai-news",
    "guangdong-2023-general-ai-opinions",
    "guangdong-2023-general-ai-opinions-zh",
    "guangdong-2023-general-ai-web",
}


@pytest.fixture(scope="module")
def corpus_store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("corpus") / "store")
    report = ingest([corpus_dir], store)
    assert report.ok, report.failed
    yield store
    store.close()


def select(store: Store, name: str, params: dict[str, str]) -> list[dict[str, str]]:
    result = run_named(store, name, params)
    assert isinstance(result, SelectResult)
    return [
        {var: str(v) for var, v in zip(result.variables, row, strict=True) if v is not None}
        for row in result.rows
    ]


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_runs_on_the_corpus(corpus_store: Store, name: str) -> None:
    rows = select(corpus_store, name, PARAMETERS.get(name, {}))
    if name in ANSWERED:
        assert rows, f"{name} found nothing in the corpus"


def test_each_query_is_asked_here(corpus_store: Store) -> None:
    assert set(library()) - set(PARAMETERS) == {"plan-documents", "evidence"}


def test_the_guangdong_plan_is_reported_in_both_languages(corpus_store: Store) -> None:
    plans = select(corpus_store, "plans", {"region": "Guangdong"})
    assert len(plans) >= 1
    iri = plans[0]["planIri"]
    documents = select(corpus_store, "plan-documents", {"plan": iri})
    assert {row["document"] for row in documents} == GUANGDONG_REPORTS
    by_tail = select(corpus_store, "plan-documents", {"plan": iri.rsplit("/", 1)[-1]})
    assert [row["document"] for row in by_tail] == [row["document"] for row in documents]


def test_evidence_offsets_point_into_the_corpus_texts(corpus_store: Store) -> None:
    content = corpus_store.query(
        "SELECT ?id ?text WHERE { ?d a pg:Document ; dcterms:identifier ?id ; pg:content ?text }"
    )
    assert isinstance(content, SelectResult)
    texts = {str(doc): str(text) for doc, text in content.rows}
    targets = select(corpus_store, "targets-by-region", {"region": "Guangdong"})
    for node in sorted({row["targetIri"] for row in targets}):
        evidence = select(corpus_store, "evidence", {"node": node})
        assert evidence, f"no evidence for {node}"
        for row in evidence:
            assert texts[row["document"]][int(row["start"]) : int(row["end"])] == row["text"]


@pytest.mark.parametrize(
    "name",
    [
        "targets-by-region",
        "measures-by-category",
        "targets-rollup",
        "evidence",
        "companies-and-governments",
        "actors-in-several-plans",
        "targets-above",
    ],
)
def test_pages_read_group_by_group_are_windows_of_the_whole_answer(
    corpus_store: Store, name: str
) -> None:
    """The rows counted per group at ingest (a region, a document, a group of pairs:
    plangraph.graph.row_counts and plangraph.graph.ranks) add up to the whole answer,
    and every page read from them is its window, across group borders."""
    counted = corpus_store.query("ASK { ?c pg:rowQuery ?q }", {"q": Literal(name)})
    assert counted is True
    whole = run_named(corpus_store, name, {}, limit=0)
    assert isinstance(whole, SelectResult)
    if name == "targets-above":  # values the engine cannot compare (below): Python's order
        assert isinstance(corpus_store, OxigraphStore)
        ordered = corpus_store.query_page(
            library()[name].text, {"metricPattern": Literal("")}, 0, None
        )
        assert isinstance(ordered, SelectResult) and ordered.variables == whole.variables
        assert sorted(map(str, ordered.rows)) == sorted(map(str, whole.rows))
        whole = ordered
    cells = [tuple(str(v) for v in row) for row in whole.rows]
    for offset, limit in [(0, 1000), (0, 7), (5, 40), (len(cells) - 3, 10), (len(cells), 5)]:
        page = run_named(corpus_store, name, {}, limit=limit, offset=offset)
        assert isinstance(page, SelectResult)
        assert page.total == len(cells)
        assert page.variables == whole.variables
        assert [tuple(str(v) for v in row) for row in page.rows] == cells[offset : offset + limit]


@pytest.fixture
def parted_store(corpus_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The corpus store with its regions cut into parts of a few rows (a corpus region
    has fewer rows than PART_ROWS), derived as every write derives them."""
    held = corpus_store.select_text(_PARTS_HELD)
    monkeypatch.setattr(parts, "PART_ROWS", 4)
    store_links(corpus_store)
    assert corpus_store.select_text(_PARTS_HELD) != held
    yield corpus_store
    monkeypatch.undo()
    store_links(corpus_store)
    assert corpus_store.select_text(_PARTS_HELD) == held


_PARTS_HELD = """
SELECT ?unit ?part ?rows WHERE { ?unit pg:inPart ?part . ?part pg:rowCount ?rows }
ORDER BY ?unit ?part
"""


_PARTED_VALUES = """
SELECT ?value (COUNT(?part) AS ?parts) WHERE {
  ?links pg:partsComplete true . ?part pg:partQuery ?query ; pg:groupName ?value
} GROUP BY ?value
"""


@pytest.mark.parametrize("name", sorted(parts.PARTED))
def test_pages_read_part_by_part_are_windows_of_the_whole_answer(
    parted_store: Store, name: str
) -> None:
    """The parts of the answer for a parameter's value (a region, a kind of actor, a
    company: plangraph.graph.parts) hold its rows, each once: every page read from
    them, across part borders, is the window of that value's whole answer."""
    assert isinstance(parted_store, OxigraphStore)
    parameter = parts.PARTED[name].parameter
    counted = parted_store.query(_PARTED_VALUES, {"query": Literal(name)})
    assert isinstance(counted, SelectResult)
    values = [str(value) for value, n in counted.rows if int(str(n)) > 1]
    assert values, "the corpus's answers have more than one part of four rows"
    for value in values:
        bindings = {parameter: Literal(value)}
        whole = parted_store.query_page(library()[name].text, bindings, 0, None)
        assert isinstance(whole, SelectResult)
        cells = [tuple(str(v) for v in row) for row in whole.rows]
        for offset, limit in [(0, 100), (0, 3), (3, 6), (max(0, len(cells) - 4), 10)]:
            page = run_named(parted_store, name, {parameter: value}, limit=limit, offset=offset)
            assert isinstance(page, SelectResult)
            assert (page.total, page.variables) == (len(cells), whole.variables)
            assert [tuple(str(v) for v in row) for row in page.rows] == cells[
                offset : offset + limit
            ]


def test_parts_are_read_only_while_they_are_complete(parted_store: Store) -> None:
    """A write takes away the mark that parts are complete before anything else changes:
    without it, a region's page is read whole, and gives the same rows."""
    name, asked = "measures-by-category", {"region": "Guangdong"}
    parted = parts_library()[name]
    bindings = {"region": Literal("Guangdong")}
    read = _parted_page(parted_store, parted, bindings, 2, 5)
    assert read is not None
    mark = Graph()
    mark.add((LINKS_GRAPH, PG.partsComplete, Literal(True)))
    parted_store.patch_derived(LINKS_GRAPH, mark, Graph())
    assert _parted_page(parted_store, parted, bindings, 2, 5) is None
    whole = run_named(parted_store, name, asked, limit=5, offset=2)
    assert isinstance(whole, SelectResult)
    assert (whole.total, whole.rows) == (read.total, read.rows)
    store_links(parted_store)  # every derivation writes the parts and the mark again
    assert _parted_page(parted_store, parted, bindings, 2, 5) is not None
    # nor while a write is under way: documents may have changed, their parts not yet
    parted_store.put_document(LINKS_STALE, stale_marker())
    assert _parted_page(parted_store, parted, bindings, 2, 5) is None
    parted_store.remove_document(LINKS_STALE)
    assert _parted_page(parted_store, parted, bindings, 2, 5) is not None


# pyoxigraph 0.5 holds a decimal in 128 bits with 18 decimals: beyond about 1.7e20 it
# cannot compare one (the corpus's 1,800 EB of storage is 1.8e21 bytes), and orders it
# apart from the numbers; the embedded store's pages order it by its value
ENGINE_DECIMALS = Decimal("170141183460469231731")


@pytest.mark.parametrize("name", sorted(n for n, q in library().items() if q.page is not None))
@pytest.mark.parametrize("asked", ["parameter", "none"])
def test_a_page_ordered_here_is_a_window_of_the_engines_answer(
    corpus_store: Store, name: str, asked: str
) -> None:
    """The embedded store orders a page in Python and reads the details of its rows
    alone (plangraph.store.paging); the engine, answering the query as written, gives
    the same rows in the same order, but for numbers it cannot compare."""
    params = PARAMETERS.get(name, {}) if asked == "parameter" else {}
    whole = run_named(corpus_store, name, params, limit=0)  # the engine's own ORDER BY
    assert isinstance(whole, SelectResult)
    cells = [tuple(str(v) for v in row) for row in whole.rows]
    ordered = run_named(corpus_store, name, params, limit=max(1, len(cells)))
    assert isinstance(ordered, SelectResult)
    here = [tuple(str(v) for v in row) for row in ordered.rows]
    assert sorted(here) == sorted(cells)
    for offset, limit in [(0, 100), (0, 3), (2, 9), (max(0, len(cells) - 2), 5)]:
        page = run_named(corpus_store, name, params, limit=limit, offset=offset)
        assert isinstance(page, SelectResult)
        assert page.total == len(cells)
        assert [tuple(str(v) for v in row) for row in page.rows] == here[offset : offset + limit]
    values = [
        Decimal(str(row[ordered.variables.index("value")]))
        for row in ordered.rows
        if "value" in ordered.variables and row[ordered.variables.index("value")] is not None
    ]
    if all(abs(v) <= ENGINE_DECIMALS for v in values):
        assert here == cells
    if name == "targets-above":  # ordered by value first, largest first
        assert values == sorted(values, reverse=True)


def test_progress_reads_the_pairs_its_test_accepts_at_ingest(corpus_store: Store) -> None:
    """With no words asked for, progress reads the statistic metrics and targets its
    test accepts from the derived data (plangraph.graph.progress.matches); the library
    form, testing every likely pair itself, gives the same rows on real graphs."""
    derived = run_named(corpus_store, "progress", {}, limit=0)
    tested = corpus_store.query(library()["progress"].text, {"metricPattern": Literal("")})
    assert isinstance(derived, SelectResult) and isinstance(tested, SelectResult)
    assert derived.variables == tested.variables
    assert sorted(map(str, derived.rows)) == sorted(map(str, tested.rows))
    assert tested.rows, "the corpus sets statistics beside targets"
