"""Fixtures of the Chinese pipeline's tests: the pipeline, built once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plangraph.model import Document, Extraction


@pytest.fixture(scope="session")
def extract_zh() -> Callable[[str], Extraction]:
    """Extract a Chinese text of our own (a document id and date are made up)."""
    from plangraph.nlp.dispatch import extract_documents

    def run(text: str, date: str | None = None) -> Extraction:
        document = Document("zh-test", text, "zh-test.txt", "0", date=date, language="zh")
        return next(iter(extract_documents([document])))

    return run
