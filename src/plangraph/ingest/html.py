"""HTML pages: the article's main text (trafilatura), falling back to all visible text.

Work per page is bounded: pages over :data:`MAX_MARKUP` bytes are refused, and a page
whose structure would make the main-text extractor crawl (trafilatura is quadratic in
the attributes of one element: 200,000 of them take minutes) is read as all its visible
text instead.
"""

from __future__ import annotations

import trafilatura
from bs4 import BeautifulSoup

from plangraph.errors import ReadError
from plangraph.ingest.metadata import Header, parse_date
from plangraph.ingest.text import decode

MAX_MARKUP = 16 * 1024 * 1024
MAX_ATTRIBUTES = 1_000
"""Attributes one element may have before the page skips the main-text extractor."""
MAX_ELEMENTS = 100_000


def _pathological(soup: BeautifulSoup) -> bool:
    """Too many elements, or an element with too many attributes, for trafilatura."""
    for count, tag in enumerate(soup.find_all(True), start=1):
        if count > MAX_ELEMENTS or len(tag.attrs) > MAX_ATTRIBUTES:
            return True
    return False


_BOILERPLATE = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript")


def read_html(data: bytes, name: str) -> tuple[str, Header]:
    if len(data) > MAX_MARKUP:
        raise ReadError(f"{name}: HTML page larger than {MAX_MARKUP // 2**20} MiB, refused")
    markup = decode(data, name)
    if "<" not in markup:
        raise ReadError(f"{name}: no HTML markup found, expected an HTML page")
    soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    meta_date = None
    for key in ("article:published_time", "date", "dc.date", "pubdate", "publishdate"):
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if tag is not None and (content := tag.get("content")):
            meta_date = parse_date(str(content))
            if meta_date:
                break
    text = (
        None
        if _pathological(soup)
        else trafilatura.extract(
            markup,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            deduplicate=False,
        )
    )
    if not text:
        for tag in soup(_BOILERPLATE):
            tag.decompose()
        text = soup.get_text("\n", strip=True)
    if soup.find("h1") is not None:
        heading = soup.find("h1").get_text(" ", strip=True)  # type: ignore[union-attr]
        title = heading or title
        if heading and not text.lstrip().startswith(heading):
            text = heading + "\n\n" + text
    return text, Header(title=title, date=meta_date)
