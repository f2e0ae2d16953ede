"""The explorer page in headless Chromium: query, search, open a target, read its evidence.

Every request the page makes is routed through the test: one to any host but this
server fails the test (and is blocked), as does any console error. Screenshots of each
step go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
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
EVIDENCE = "By 2025, the scale of Beijing's AI core industry will exceed 300 billion yuan."

pytestmark = [
    pytest.mark.browser,
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
        if urlsplit(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


@pytest.fixture
def page(server: Any) -> Iterator[tuple[Any, Watch]]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    watch = Watch()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", watch.console)
            page.on("pageerror", watch.page_error)
            page.route("**/*", watch.route)
            page.goto(server.url)
            yield page, watch
        finally:
            browser.close()
    assert watch.foreign == [], "the page reached outside the server"
    assert watch.errors == [], "the page logged errors"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_query_search_target_evidence_document(page: tuple[Any, Watch]) -> None:
    browser_page, watch = page
    p = browser_page

    # 1. the query editor, preloaded from the library: run it, see the targets
    p.wait_for_selector(".yasqe .CodeMirror")
    p.select_option("#library", "targets-by-region")
    editor = p.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX pg: <https://w3id.org/plangraph/ontology#>" in editor
    assert "pg:hasTarget" in editor
    p.click(".yasqe_queryButton")
    p.wait_for_selector(".yasr table tbody tr")
    rows = p.locator(".yasr table tbody tr")
    assert rows.count() == 4
    table = p.inner_text(".yasr table")
    for metric in ("AI core industry scale", "computing capacity", "AI enterprises"):
        assert metric in table
    shot(p, "1-query-library")

    # 2. the graph view: search an actor and pick it
    p.click("#tab-graph")
    p.fill("#search", "beijing municipal people")
    p.wait_for_selector("#search-results button")
    first = p.locator("#search-results button").first
    assert "Beijing Municipal People's Government" in first.inner_text()
    first.click()
    p.wait_for_function("() => window.plangraph.graph && window.plangraph.graph.nodes().length > 3")
    p.wait_for_selector("#details h2:has-text('Beijing Municipal People')")
    kinds = p.evaluate("() => window.plangraph.graph.nodes().map(n => n.data('kind')).sort()")
    assert {"GovernmentBody", "Plan", "Target", "Measure", "Document"} <= set(kinds)
    colours = p.evaluate(
        """() => Object.fromEntries(window.plangraph.graph.nodes()
             .map(n => [n.data('kind'), n.style('background-color')]))"""
    )
    assert colours["Target"] != colours["Plan"] != colours["GovernmentBody"]
    shot(p, "2-graph-actor")

    # 3. click the target node on the canvas: its fields and its sentence, highlighted
    where = p.evaluate(
        """() => {
          const graph = window.plangraph.graph;
          const node = graph.nodes().filter(n => n.data('label') === 'AI core industry scale')[0];
          const box = graph.container().getBoundingClientRect();
          const at = node.renderedPosition();
          return {x: box.left + at.x, y: box.top + at.y};
        }"""
    )
    p.mouse.click(where["x"], where["y"])
    p.wait_for_selector("#details h2:has-text('AI core industry scale')")
    mark = p.wait_for_selector("#details mark.evidence")
    assert mark.inner_text() == EVIDENCE
    fields = p.inner_text("#details table.fields")
    assert "pg:metric" in fields
    assert "300,000,000,000" in fields
    assert "MoreThan" in fields
    # the highlight sits where the offsets say: text before it is the document's text up
    # to pg:start, counted in code points across the title's U+1D538
    before = p.evaluate(
        "() => document.querySelector('#details mark.evidence').previousSibling.data"
    )
    assert before.endswith("15 January 2024.\n\n")
    assert "\U0001d538" in before
    assert p.inner_text("#details .note") == ""
    shot(p, "3-target-evidence")

    # 4. the document view, from the evidence: what was extracted, the sentence marked
    p.click("#details p.muted button.link")
    p.wait_for_selector("#document-text mark.evidence")
    assert p.inner_text("#document-text mark.evidence") == EVIDENCE
    items = p.inner_text("#document-items")
    for heading in ("Plan (1)", "Targets (3)", "Measures (2)", "Statistics (1)", "Mentions (7)"):
        assert heading.upper() in items.upper()
    p.locator("#document-items button", has_text="set up an AI industry fund").click()
    assert p.inner_text("#document-text mark.evidence").startswith("The city will set up")
    shot(p, "4-document")

    assert watch.foreign == []
    assert watch.errors == []
