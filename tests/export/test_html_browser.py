"""The HTML export in headless Chromium, offline: the graph draws, nothing is fetched,
nothing is logged as an error, and a click shows a node's fields and evidence."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from plangraph.export import export
from plangraph.graph.iris import plan_iri
from plangraph.store.oxigraph import OxigraphStore

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_offline(browser, url: str):  # type: ignore[no-untyped-def]
    """A page at ``url`` whose every request other than file:// is aborted and recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.messages, page.requests = [], []
    page.on("console", lambda m: page.messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: page.messages.append(("pageerror", str(e))))

    def route(found) -> None:  # type: ignore[no-untyped-def]
        if found.request.url.startswith("file:"):
            found.continue_()
        else:
            page.requests.append(found.request.url)
            found.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    return page


def test_page_draws_offline(browser, policy_store: OxigraphStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "graph.html"
    export(policy_store, "html", path)
    page = open_offline(browser, path.as_uri())
    assert page.evaluate("cy.nodes().length") == 24
    assert page.evaluate("cy.edges().length") > 0
    # the graph area has drawn pixels: many colours, not a blank canvas (a screenshot,
    # since reading the canvas back would slow Chromium's later redraws to seconds)
    with Image.open(io.BytesIO(page.locator("#cy").screenshot())) as shot:
        colours = shot.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20
    # a click on a plan shows its fields and the sentence it was read from
    plan = str(plan_iri("Beijing-2024"))
    x, y = page.evaluate(f"(p => [p.x, p.y])(cy.$id({plan!r}).renderedPosition())")
    box = page.locator("#cy").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.evaluate("cy.$(':selected').map(n => n.id())") == [plan]
    details = page.inner_text("#details")
    assert "Beijing Action Plan for Artificial Intelligence (2024-2026)" in details
    assert "Evidence" in details and "beijing-2024-plan, characters 0" in details
    assert "period start\t2024" in details
    # filters: one type off, one region chosen
    page.uncheck("#types input[value=actor]")
    assert page.evaluate("cy.nodes('.hidden').length") == 7
    page.select_option("#region", "Shanghai")
    shown = page.evaluate("cy.nodes().not('.hidden').map(n => n.data('label'))")
    assert "Shanghai Three-Year Plan for AI Industry" in shown
    assert "Beijing Action Plan for Artificial Intelligence (2024-2026)" not in shown
    page.select_option("#region", "")
    page.check("#types input[value=actor]")
    page.evaluate(f"void cy.$id({plan!r}).select()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "export-html.png"))
    assert page.requests == []
    assert [m for m in page.messages if m[0] in {"error", "pageerror", "warning"}] == []
    page.close()


@pytest.mark.slow
def test_sampled_page_says_so(browser, big_view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from plangraph.export import view_bytes
    from plangraph.export.view import plain

    path = tmp_path / "big.html"
    path.write_bytes(view_bytes(plain(big_view), "html"))
    page = open_offline(browser, path.as_uri())
    assert page.evaluate("cy.nodes().length") == 2000
    assert "Showing 2,000 of 100,000 nodes" in page.inner_text("#sampled")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "export-html-sampled.png"))
    assert page.requests == []
    assert [m for m in page.messages if m[0] in {"error", "pageerror"}] == []
    page.close()
