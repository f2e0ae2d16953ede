"""Qualitative goals read from clauses: sentences of our own, each a form real plans use."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def goals(extract_text, text: str) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    return [(t.metric, t.year) for t in extract_text(text).targets if t.quantity is None]


@pytest.mark.parametrize(
    ("text", "label", "year"),
    [
        # an outcome made or coming about
        (
            "By 2026, breakthroughs will be made in the basic theory of machine learning.",
            "breakthroughs made in the basic theory of machine learning",
            2026,
        ),
        (
            "By 2027, a full industrial chain for sensors will take shape.",
            "full industrial chain for sensors take shape",
            2027,
        ),
        # the state that comes with a goal, set off by a comma
        (
            "By 2028, a data market will take shape, with a marked rise in the share of "
            "licensed data products.",
            "marked rise in the share of licensed data products",
            2028,
        ),
        # what a goal noun or a goal verb seeks, whole, with its own deadline
        (
            "By 2030, the goal is to build a centre for robotics research with worldwide reach.",
            "build a centre for robotics research with worldwide reach",
            2030,
        ),
        (
            "By 2035, the county plans to enter a new stage of smart farming.",
            "enter a new stage of smart farming",
            2035,
        ),
        # verbs coordinated with a goal are goals of their own
        (
            "The opinions state that by 2026 the region will achieve leadership in drones, "
            "construct a complete testing system and expand pilot airspace.",
            "construct a complete testing system",
            2026,
        ),
        # an infinitive listed with its deadline
        (
            "• To become the main hub for marine data by 2029.",
            "become the main hub for marine data",
            2029,
        ),
        # a second infinitive coordinated with the first sought one
        (
            "The measures aim to produce ten industry models by 2026 and to make the town a "
            "leading centre for model testing.",
            "make the town a leading centre for model testing",
            2026,
        ),
        # a rank to reach
        (
            "The notice says the county's data capacity should be the largest in the region by "
            "2027.",
            "county's data capacity be the largest in the region",
            2027,
        ),
        # an argument "with" stays in the label
        (
            "By 2030, the sector keeps pace with the best in the world.",
            "sector keeps pace with the best in the world",
            2030,
        ),
        # a state beside an act, under "while"
        (
            "By 2027, large firms will expand research spending, while the number of "
            "start-ups continues to grow.",
            "number of start-ups continues to grow",
            2027,
        ),
    ],
)
def test_goal_clauses(extract_text, text: str, label: str, year: int | None) -> None:  # type: ignore[no-untyped-def]
    found = goals(extract_text, text)
    assert (label, year) in found, found


@pytest.mark.parametrize(
    "text",
    [
        # a headline restates the report below it
        "Port city to build data hub by 2026\n\nThe city issued a plan on Monday.",
        # what a body does to bring a goal about is an instrument, whatever it hopes
        "Through the measures, the city hopes to encourage and guide private investment.",
        # a purpose is not a goal
        "Anchor new labs in companies, so that more research takes place here.",
        # the plan speaking of itself
        "By 2026, the plan sets out 12 tasks under four headings.",
        # outcome verbs need their complement; "take" states a state only as "take shape"
        "By 2026, the core industry exceeds",
        "The skills gap will take longer.",
        "Local experts will take a more active part in standards work by 2026.",
        # what a goal verb frames, and a description inside a relative clause
        "Under the strategy, the region aims to:",
        "Build a safe market for data, in which trade is supported and risks are managed.",
    ],
)
def test_not_goal_clauses(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert goals(extract_text, text) == []


def test_a_common_noun_opening_a_sentence_is_no_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    extraction = extract_text("Breakthroughs will be made in chip design by 2027.")
    assert [r.name for r in extraction.regions] == []
    assert goals(extract_text, "Breakthroughs will be made in chip design by 2027.")


def test_the_noun_before_an_infinitive_is_what_a_figure_measures(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "They call for the county's storage capacity to reach 500 PB by 2026."
    (target,) = [t for t in extract_text(text).targets if t.quantity]
    assert "storage capacity" in target.metric


def test_a_hedged_multiple_is_a_comparison(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Capacity is to reach 900 PFLOPS by 2026, roughly double its current level."
    values = [t.quantity.value for t in extract_text(text).targets if t.quantity]
    assert values == [900]


def test_what_is_to_happen_is_a_goal_not_a_measure(extract_text) -> None:  # type: ignore[no-untyped-def]
    extraction = extract_text("By 2035, the region is to enter a new stage of smart industry.")
    assert [t.metric for t in extraction.targets] == ["enter a new stage of smart industry"]
    assert extraction.measures == ()


def test_setting_up_an_instrument_beside_a_goal_is_a_measure(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The town will build 12 model farms by 2027 and set up a seed exchange."
    extraction = extract_text(text)
    assert [m.label for m in extraction.measures] == ["set up a seed exchange"]
    assert [t.quantity.value for t in extraction.targets if t.quantity] == [12]


def test_a_fund_sized_through_with_is_a_budget(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The port will set up a cluster of data funds with a total size of RMB 20 billion."
    assert [t for t in extract_text(text).targets if t.quantity] == []


def test_investment_to_be_drawn_in_is_a_goal_with_the_period_end(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "(Item 2) Stimulate private investment of KRW 30 trillion over three years (2025-2027)."
    (target,) = [t for t in extract_text(text).targets if t.quantity]
    assert (target.quantity.value, target.year) == (30 * 10**12, 2027)
