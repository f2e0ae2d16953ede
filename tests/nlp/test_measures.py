"""Measures read from clauses: sentences of our own, each a form real reports use."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def labels(extract_text, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.label for m in extract_text(text).measures]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a gerund list the parser breaks off its first item
        (
            "The plan focuses on building data centres, promoting the sharing of public "
            "data, training engineers and attracting chip firms.",
            "promoting the sharing of public data",
        ),
        # an official speaks for the government that set the plan
        (
            "Wang Lei, director of the provincial bureau of industry, said the province "
            "should set up a fund for robotics start-ups.",
            "set up a fund for robotics start-ups",
        ),
        # a report tells what the plan does in the past tense
        ("The city has also introduced a voucher scheme for cloud computing.", "voucher scheme"),
        # what a task noun's copula sets out
        (
            "The work objective is to leverage the port's logistics data, promote pilot "
            "projects and form a testing ecosystem.",
            "promote pilot projects",
        ),
        # an instruction ends where its purpose begins
        (
            "(Item 2) Drive a regional digital transformation to achieve a cloud adoption rate "
            "of 80% by 2028",
            "Drive a regional digital transformation",
        ),
        # a second passive clause whose subject the parser hung on the first
        (
            "Loans will be offered to start-ups in the port area, and a review panel of "
            "engineers will be set up to guide the city's chip projects, the mayor said.",
            "review panel of engineers",
        ),
        # an instrument the plan puts in place
        (
            "Targeted tax policies will be in place for companies that train drivers of "
            "autonomous lorries.",
            "Targeted tax policies",
        ),
        # an official named by post once, then by surname, still speaks for the plan
        (
            "Zhou Minghui, director of the provincial department of industry, presented the "
            "plan on Monday. New testing grounds will be set up along the coast, and a "
            "robotics fund will be established to back start-ups, Zhou said.",
            "robotics fund",
        ),
        # a pledge whose infinitive the parser hangs on the phrase before it
        (
            "The county has also pledged in its work plan to offer rent subsidies to attract "
            "drone makers.",
            "offer rent subsidies",
        ),
        # what the policies advocate, said again of "they"
        (
            "The policies propose a voucher scheme for small firms. They also advocate for a"
            " wider rollout of the open data strategy.",
            "open data strategy",
        ),
        # what a plan underscores the importance of
        (
            "The guidelines underscore the importance of widening access to public data.",
            "widening access to public data",
        ),
    ],
)
def test_measure_clauses(extract_text, text: str, label: str) -> None:  # type: ignore[no-untyped-def]
    found = labels(extract_text, text)
    assert any(label in found_label for found_label in found), found


@pytest.mark.parametrize(
    "text",
    [
        # a past act with a time before the plan, and a figure reached
        "The city introduced a voucher scheme in 2019.",
        "The province has released 120 application scenarios.",
        # issuing the plan itself
        "The city government published plans to support large models on Monday.",
        # strategies a text names, not the plan's; a call for a figure is a goal
        "These strategies include development of the river economic belt.",
        "The measures took effect on Monday. They also call for the city's computing capacity"
        " to reach 500 PFLOPS by 2026.",
    ],
)
def test_not_measure_clauses(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert labels(extract_text, text) == []


def test_items_of_a_list_of_initiatives_are_measures_and_titles_are_not(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministry announced four initiatives, including:\n"
        "a. New programmes to train hospital data scientists;\n"
        "b. An investment of $5 million to widen the number of rural scholarships;\n"
        "c. Launching a Clinic Data Exchange for small hospitals; and\n"
        "d. Cloud credits.\n"
    )
    labels = [m.label for m in extract_text(text).measures]
    assert any("train hospital data scientists" in label for label in labels), labels
    assert any("rural scholarships" in label for label in labels), labels
    assert any("Clinic Data Exchange" in label for label in labels), labels
    assert not any(label == "Cloud credits" for label in labels)  # too short to say what
    titled = "II. Main Tasks\n\n(3) Strengthen models and algorithms. Support open models.\n"
    assert not any(
        m.label.lower().startswith("strengthen models") for m in extract_text(titled).measures
    )


def test_sentences_a_list_adverb_opens_about_an_instrument_name_it(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The scheme funds three kinds of work. Firstly, there are robotics pilot projects,"
        " run with hospitals. Secondly, open dataset programmes aim to help small labs."
        " Finally, the scheme was announced in 2021."
    )
    found = labels(extract_text, text)
    assert "robotics pilot projects" in found
    assert "open dataset programmes" in found
    assert not any("announced" in label for label in found)
