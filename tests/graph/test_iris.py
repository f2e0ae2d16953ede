"""Document IRIs: stable for the names already stored, unique for any other name."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.graph.iris import document_iri, evidence_iri
from plangraph.graph.slugs import document_slug
from plangraph.ingest import FORMATS, document_id

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/plangraph/id/document/"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shenzhen-2023-ai-action-plan-news", "shenzhen-2023-ai-action-plan-news"),
        ("Shenzhen 2023 AI Plan", "shenzhen-2023-ai-plan"),
        ("plan_a", "plan-a"),
        ("People's plan", "peoples-plan"),
        ("深圳人工智能规划", "深圳人工智能规划"),
        ("广东人工智能规划", "广东人工智能规划"),
        ("北京 AI 规划 2024", "北京-ai-规划-2024"),
        ("Zürich Strategie", "zürich-strategie"),
        ("План развития", "план-развития"),
    ],
)
def test_document_slug(name: str, expected: str) -> None:
    assert document_slug(name) == expected


def test_ascii_names_keep_the_iris_already_stored() -> None:
    # every file of the corpus and its gold: the IRIs gold files and stores hold
    names = [
        document_id(p)
        for p in sorted((ROOT / "corpus").rglob("*"))
        if p.suffix.lower() in FORMATS and p.name.isascii()
    ]
    assert names
    from plangraph.graph.slugs import slug

    for name in names:
        assert str(document_iri(name)) == BASE + slug(name)


def test_names_without_letters_or_digits_are_distinct() -> None:
    names = ["!!!", "???", "——", "😀", "(-)"]
    slugs = {document_slug(n) for n in names}
    assert len(slugs) == len(names)
    assert all(s.startswith("unnamed-") for s in slugs)
    assert document_slug("!!!") == document_slug("!!!"), "stable"


def test_chinese_names_are_distinct_documents_and_evidence() -> None:
    a, b = "深圳人工智能规划", "广东人工智能规划"
    assert document_iri(a) != document_iri(b)
    assert evidence_iri(a, 0, 10) != evidence_iri(b, 0, 10)
    assert str(evidence_iri(a, 0, 10)).endswith("/evidence/深圳人工智能规划/0-10")


def test_names_that_differ_only_in_case_and_punctuation_share_an_iri() -> None:
    # one document, by design; an ingest refuses the second of them in one call
    assert len({document_iri(n) for n in ("plan a", "plan-a", "Plan_A")}) == 1
