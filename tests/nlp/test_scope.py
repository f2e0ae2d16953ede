"""The discourse scope: which deadline governs each sentence, and its mood."""

from __future__ import annotations

import re

import pytest

from plangraph.nlp.scope import discourse, headline_deadline, opening_deadline


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences for these tests: up to a full stop, or a line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+[.:]?", text) if m[0].strip()]


def _years(text: str, doc_year: int | None = 2024) -> dict[str, int | None]:
    """Each sentence's first words -> the year that governs it."""
    spans = _sentences(text)
    return {
        text[start:end].strip()[:12]: scope.year
        for (start, end), scope in zip(
            spans, discourse(text, spans, doc_year=doc_year), strict=True
        )
    }


@pytest.mark.parametrize(
    ("text", "sentence", "year"),
    [
        # a lead sentence governs the paragraphs after it
        (
            "By 2025, the goal is to build a hub.\n\nBreakthroughs will be made in chips.\n\n"
            "Unicorns will be nurtured.",
            "Unicorns wil",
            2025,
        ),
        # a headline governs a report that states no deadline of its own
        ("Town to build AI park by 2026\n\nThe park will host 50 firms.", "The park wil", 2026),
        # a nearer deadline overrides the one before it
        ("By 2025, A grows. By 2030, B grows. C grows too.", "C grows too.", 2030),
        # a heading starts afresh
        ("By 2025, A grows.\nII. Main Tasks\nBuild data centres.", "Build data c", None),
        # a deadline already past governs nothing
        ("By 2023, the city had built 5 centres. It will add more.", "It will add ", None),
        # a list after a deadline line takes its year
        (
            "Main goals\nBy 2027:\n(1) output tops 10 billion yuan;\n(2) 50 firms.",
            "(2) 50 firms",
            2027,
        ),
    ],
)
def test_the_deadline_that_governs_a_sentence(text: str, sentence: str, year: int | None) -> None:
    assert _years(text)[sentence] == year


def test_sentences_opening_with_a_deadline_state_goals() -> None:
    text = "The city has 20 parks. By 2027, it has 40 parks."
    spans = _sentences(text)
    moods = [s.mood for s in discourse(text, spans, doc_year=2024)]
    assert moods == [None, "goal"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Beijing to establish AI innovation hub by 2025\n\nBody", 2025),
        ("Province sets goals for 2030 economy\nBody", None),
        ("It will be larger by 2025.\nBody", None),
    ],
)
def test_headline_deadline(text: str, year: int | None) -> None:
    assert headline_deadline(text) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("By 2027, the province ...", 2027),
        ("3. By the end of 2026, ...", 2026),
        ("It will, by 2027", None),
    ],
)
def test_opening_deadline(text: str, year: int | None) -> None:
    assert opening_deadline(text) == year


def test_a_list_intro_that_announces_initiatives_makes_its_items_tasks() -> None:
    from plangraph.nlp.sections import scope_at, sections

    text = (
        "The agency set out three initiatives for the year, including:\n"
        "a. A grant scheme for rural clinics;\n"
        "b. Training for nurses.\n"
        "The agency will report in May.\n"
    )
    scopes = sections(text)
    assert scope_at(scopes, text.index("A grant")).kind == "tasks"
    assert scope_at(scopes, text.index("Training")).kind == "tasks"
    assert scope_at(scopes, text.index("The agency will")).kind is None  # the list ended
    plain = "The agency listed what it saw:\na. Long queues.\n"
    assert scope_at(sections(plain), plain.index("Long")).kind is None
