"""The page in headless Chromium, doing what an analyst does, one test per view.

On the bundled corpus, ingested and served as a new user would (`plangraph ingest
corpus`, `plangraph serve`): open a plan from the overview, follow a target to its
highlighted sentence, compare a metric, search an actor, share a URL and reopen it, read
a plan's neighbourhood in the graph, run a library query; and the acceptance path of
issue 13 from end to end. Every request the page makes is routed through the test: one
to any host but this server fails the test (and is blocked), as does any console
error. Screenshots go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GUANGDONG = "https://w3id.org/plangraph/id/plan/guangdong-2023"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
]


class Watch:
    """What the page did that it must not: console errors, requests to other hosts."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def page_error(self, error: Any) -> None:
        self.errors.append(str(error))

    def route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname in ("127.0.0.1", "localhost") or url.startswith("blob:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, corpus_server: Any) -> Iterator[Any]:
    watch = Watch()
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.on("console", watch.console)
    opened.on("pageerror", watch.page_error)
    opened.route("**/*", watch.route)
    opened.base = corpus_server.url
    yield opened
    context.close()
    assert watch.foreign == [], "the page reached outside the server"
    assert watch.errors == [], "the page logged errors"


def visit(page: Any, route: str = "") -> None:
    page.goto(page.base + route)
    settle(page)


def settle(page: Any) -> None:
    """Wait until the page has drawn the view its URL names."""
    page.wait_for_function("() => window.plangraph && window.plangraph.ready", timeout=60_000)


def go(page: Any, action: Any) -> None:
    """Do what changes the view (a click), then wait until the new view is drawn."""
    page.evaluate("() => { window.plangraph.ready = false; }")
    action()
    settle(page)


def shot(page: Any, name: str, full: bool = False) -> Path:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def test_overview_then_open_a_plan(page: Any) -> None:
    visit(page)
    tiles = page.inner_text(".tiles")
    assert re.match(r"\d\d+\ndocuments", tiles)  # the corpus: dozens of documents
    assert "plans" in tiles and "language" in tiles
    assert page.locator(".histogram .year-bar").count() >= 5
    rows = page.locator("[data-table=plans] tbody tr")
    total = int(page.inner_text("[data-table=plans] .count").split()[0])
    assert total > 20
    assert rows.count() == 20  # one page of the plans
    shot(page, "overview")
    # narrow to Guangdong's plans, then open its plan
    go(page, lambda: page.select_option("#filter-region", label="Guangdong (1)"))
    assert "Plans for Guangdong" in page.inner_text("#view-overview h2")
    assert rows.count() == 1
    go(page, lambda: rows.first.locator("a").first.click())
    assert page.url.endswith("#/plan/guangdong-2023")
    assert "Guangdong" in page.inner_text(".plan-title")
    facts = page.inner_text("#view-plan .facts")
    assert "Guangdong Provincial People's Government" in facts
    assert "4 documents" in facts
    shot(page, "plan-card")


def test_follow_a_target_to_its_highlighted_sentence(page: Any) -> None:
    visit(page, "#/plan/guangdong-2023")
    targets = page.locator("[data-table=targets]")
    row = targets.locator("tbody tr", has_text="300 billion yuan").first
    assert "2025" in row.inner_text()
    sentence = row.locator("a.sentence-link")
    quoted = sentence.inner_text()
    assert "300" in quoted
    go(page, lambda: sentence.click())
    mark = page.wait_for_selector("#document-text mark.evidence")
    assert " ".join(mark.inner_text().split()) == " ".join(quoted.split())
    assert "/document/" in page.url
    shot(page, "target-sentence")
    # every table of the card downloads as CSV, in plain words
    visit(page, "#/plan/guangdong-2023")
    with page.expect_download() as download:
        targets.locator(".csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "What,Target,By,Responsible,Sentence it came from"
    assert "300 billion yuan" in text
    assert "pg:" not in text and "https://w3id.org" not in text


def test_compare_a_metric(page: Any) -> None:
    visit(page, "#/compare")
    go(page, lambda: page.click(".questions a.chip >> text=Which regions target the largest"))
    bars = page.locator("svg.bars g.bar")
    assert bars.count() >= 3
    first = bars.first
    assert first.get_attribute("data-region") in ("Guangdong", "Hangzhou")
    assert first.get_attribute("data-year") == "2025"
    labels = page.locator("svg.bars").text_content()
    assert "300 billion yuan by 2025" in labels
    assert "billion yuan" in page.locator("svg.bars .axis-title").text_content()
    assert "300000000000" not in labels
    # colours follow the deadline: bars due in different years differ
    colours = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('svg.bars g.bar')]
             .map(g => [g.dataset.year, g.querySelector('rect').getAttribute('fill')]))"""
    )
    assert len(set(colours.values())) == len(colours)
    assert page.locator("svg.timeline circle.deadline").count() >= 3
    rows = page.locator("[data-table=comparison] tbody tr")
    assert rows.count() >= 3
    assert "more than 300 billion yuan" in page.inner_text("[data-table=comparison]")
    href = page.get_attribute("[data-table=comparison] a.csv", "href")
    assert "format=csv" in href and "unit=CNY" in href
    shot(page, "compare", full=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.evaluate("() => document.querySelector('#view-compare').scrollTo(0, 0)")
    shot(page, "compare-top")


def test_search_an_actor(page: Any) -> None:
    visit(page)
    page.fill("#search", "huawei")
    result = page.wait_for_selector("#search-results a.result[data-kind=Company]")
    assert "Huawei" in result.inner_text()
    shot(page, "search")
    go(page, lambda: result.click())
    assert "/actor/huawei" in page.url
    assert page.inner_text("#view-actor h1") == "Huawei"
    plans = page.locator("[data-table=plans-naming-it] tbody tr")
    assert plans.count() >= 3
    shot(page, "actor-card")
    # a region opens the overview narrowed to it; a metric opens the comparison
    page.fill("#search", "core industry")
    metric = page.wait_for_selector("#search-results a.result[data-kind=Metric]")
    go(page, lambda: metric.click())
    assert "#/compare?metric=" in page.url


def test_share_a_url_and_reopen_it(page: Any, browser: Any) -> None:
    visit(page, "#/compare")
    page.fill("#compare-metric", "core industry")
    page.fill("#compare-year", "2027")
    go(page, lambda: page.click(".compare-form button[type=submit]"))
    shared = page.url
    assert "metric=core+industry" in shared and "year=2027" in shared
    bars = page.locator("svg.bars g.bar").count()
    other = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        other.goto(shared)
        settle(other)
        assert other.locator("svg.bars g.bar").count() == bars
        assert other.input_value("#compare-year") == "2027"
        other.goto(page.base + "#/plan/guangdong-2023")
        settle(other)
        assert "Guangdong" in other.inner_text(".plan-title")
    finally:
        other.close()


def test_graph_of_a_plan_grouped_by_kind(page: Any) -> None:
    visit(page, "#/plan/guangdong-2023")
    go(page, lambda: page.click("a.button >> text=Show in graph"))
    page.wait_for_function(
        "() => window.plangraph.graph && window.plangraph.graph.nodes().length > 10"
    )
    layout = page.evaluate(
        f"""() => {{
          const graph = window.plangraph.graph;
          const centre = graph.getElementById('{GUANGDONG}').position();
          return graph.nodes().not('.heading').filter(n => n.id() !== '{GUANGDONG}')
            .map(n => ({{kind: n.data('kind'), label: n.data('label'),
                         right: n.position().x > centre.x}}));
        }}"""
    )
    assert all(n["right"] for n in layout if n["kind"] in ("Target", "Measure"))
    assert not any(n["right"] for n in layout if n["kind"] in ("Document", "Region"))
    assert not any(n["label"].startswith("http") for n in layout)
    headings = page.evaluate(
        "() => window.plangraph.graph.nodes('.heading').map(n => n.data('label'))"
    )
    assert any(h.startswith("target (") for h in headings)
    details = page.inner_text("#details")
    assert "pg:" not in details
    assert "issued by" in details or "jurisdiction" in details
    shot(page, "graph")


def test_query_tab_runs_a_library_query(page: Any) -> None:
    visit(page, "#/query?name=deadline-timeline")
    page.wait_for_selector(".yasqe .CodeMirror")
    editor = page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX pg: <https://w3id.org/plangraph/ontology#>" in editor
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr")
    assert "Guangdong" in page.inner_text(".yasr table")
    shot(page, "query")


def test_acceptance_path_without_sparql(page: Any) -> None:
    """Issue 13: which regions target the largest core AI industry by 2025, what
    Guangdong's plan commits to, and which sentence says so; no SPARQL written."""
    visit(page)
    # 1. from the overview to the comparison, and the question asked in plain words
    go(page, lambda: page.click("nav a[data-view=compare]"))
    go(page, lambda: page.click(".questions a.chip >> text=Which regions target the largest"))
    summary = page.inner_text(".chart-summary")
    assert "the largest is Guangdong and Hangzhou, with 300 billion yuan by 2025" in summary
    top = [page.locator("svg.bars g.bar").nth(i).get_attribute("data-region") for i in range(2)]
    assert sorted(top) == ["Guangdong", "Hangzhou"]
    # 2. Guangdong's plan: from the comparison's row to the plan card
    row = page.locator("[data-table=comparison] tbody tr", has_text="Guangdong").first
    go(page, lambda: row.locator("a[href^='#/plan/']").click())
    assert page.url.endswith("#/plan/guangdong-2023")
    commits = page.inner_text("[data-table=targets]")
    assert "300 billion yuan" in commits and "more than 2,000" in commits
    assert "Measures (" in page.inner_text(".measures")
    shot(page, "acceptance-plan")
    # 3. the sentence that says so, highlighted in its document
    target = page.locator("[data-table=targets] tbody tr", has_text="300 billion yuan").first
    go(page, lambda: target.locator("a.sentence-link").click())
    sentence = page.inner_text("#document-text mark.evidence")
    assert "300" in sentence and "2025" in sentence
    shot(page, "acceptance-sentence")
