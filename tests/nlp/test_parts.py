"""Long documents read in parts: cut at paragraph breaks, offsets into the whole text."""

from __future__ import annotations

from decimal import Decimal

import pytest

import plangraph.nlp.parts as parts_module
from plangraph.model import Actor, ActorType, Document, Extraction, Quantity, Span, Target
from plangraph.nlp.parts import cut, merge, parts


@pytest.mark.parametrize("limit", [40, 100, 1000])
def test_parts_join_back_into_the_text_each_within_the_limit(limit: int) -> None:
    text = "\n\n".join(f"Paragraph {i} says something about plan {i}." for i in range(60))
    pieces = list(cut(text, limit))
    assert "".join(part for _, part in pieces) == text
    assert all(len(part) <= limit for _, part in pieces)
    assert [start for start, _ in pieces] == [
        sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))
    ]
    if limit >= 100:
        # every part but the last ends at a paragraph break
        assert all(part.endswith("\n\n") for _, part in pieces[:-1])


def test_a_text_without_breaks_is_still_cut() -> None:
    assert [len(p) for _, p in cut("x" * 250, 100)] == [100, 100, 50]


def test_a_short_document_is_one_part() -> None:
    document = Document("d", "Short text.", "d.txt", "0")
    assert parts(document) == [(0, document)]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def test_merged_offsets_point_into_the_whole_text() -> None:
    text = "Wuhan aims high.\n\nHefei aims higher."
    document = Document("d", text, "d.txt", "0")
    (first_at, first), (second_at, second) = parts(document, 20)
    assert second_at == 18
    target = Target("industry", _span(second.text, 0, 18), Quantity(Decimal(1), "CNY"))
    pieces = [
        (
            first_at,
            Extraction(
                first,
                actors=(
                    Actor("Wuhan", ActorType.GOVERNMENT, ("Wuhan",), (_span(first.text, 0, 16),)),
                ),
            ),
        ),
        (
            second_at,
            Extraction(
                second,
                actors=(
                    Actor(
                        "Wuhan", ActorType.GOVERNMENT, ("Wuhan city",), (_span(second.text, 0, 18),)
                    ),
                ),
                targets=(target,),
            ),
        ),
    ]
    merged = merge(document, pieces)
    assert merged.document == document
    (actor,) = merged.actors
    assert actor.surface_forms == ("Wuhan", "Wuhan city")
    for span in (*actor.evidence, merged.targets[0].evidence):
        assert text[span.start : span.end] == span.text
    assert merged.targets[0].evidence.start == 18


@pytest.mark.slow
def test_a_long_document_is_extracted_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from plangraph.nlp.dispatch import extract_documents

    cities = ["Wuhan", "Hefei", "Nanjing", "Xi'an", "Jinan", "Harbin"]
    text = "\n\n".join(
        f"{city} aims to build an AI industry of {100 + i} billion yuan by 2026, according to "
        f"a plan issued by the {city} municipal government."
        for i, city in enumerate(cities)
    )
    monkeypatch.setattr(parts_module, "PART_CHARS", 300)
    document = Document("long", text, "long.txt", "0", date="2024-03-01")
    assert len(parts(document)) > 2
    (extraction,) = extract_documents([document])
    assert extraction.document == document
    values = sorted(int(t.quantity.value) // 10**9 for t in extraction.targets if t.quantity)
    assert values == [100 + i for i in range(len(cities))], "a target from every part"
    spans = [t.evidence for t in extraction.targets] + [
        s for a in extraction.actors for s in a.evidence
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text
