"""HTML pages: the article's main text (trafilatura), falling back to all visible text."""

from __future__ import annotations

import trafilatura
from bs4 import BeautifulSoup

from plangraph.errors import ReadError
from plangraph.ingest.metadata import Header, parse_date
from plangraph.ingest.text import decode

_BOILERPLATE = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript")


def read_html(data: bytes, name: str) -> tuple[str, Header]:
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
    text = trafilatura.extract(
        markup,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
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
