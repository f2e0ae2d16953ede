"""plangraph eval: the scorer's matching rules, and the command on a gold file of our own."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import URIRef

from plangraph.evaluation import (
    Prediction,
    actor_matches,
    evaluate,
    phrase_matches,
    score,
    target_matches,
)

NODE = URIRef("https://example.org/x")


def prediction(
    texts: set[str] = frozenset(),
    numbers: tuple[str, ...] = (),  # type: ignore[assignment]
    years: tuple[int, ...] = (),
    units: tuple[str, ...] = (),
) -> Prediction:
    return Prediction(
        NODE,
        texts=set(texts),
        numbers={Decimal(n) for n in numbers},
        years=set(years),
        units=set(units),
    )


GOLD_TARGET = {
    "value": 300,
    "base_value": 3e11,
    "unit": "billion yuan",
    "base_unit": "CNY",
    "year": 2025,
    "key": "core industry",
    "alt_values": [42e9],
}


@pytest.mark.parametrize(
    ("numbers", "years", "units", "expected"),
    [
        (("300000000000",), (2025,), ("CNY",), True),
        (("301000000000",), (2025,), ("CNY",), True),  # within 0.5 %
        (("310000000000",), (2025,), ("CNY",), False),
        (("42000000000",), (2025,), ("USD",), True),  # the conversion matches too
        (("300000000000",), (2027,), ("CNY",), False),  # wrong deadline
    ],
)
def test_quantified_target_matching(numbers, years, units, expected) -> None:  # type: ignore[no-untyped-def]
    assert (
        target_matches(prediction(numbers=numbers, years=years, units=units), GOLD_TARGET)
        is expected
    )


def test_percent_never_matches_money() -> None:
    gold = {
        "value": 10,
        "base_value": 10,
        "unit": "percent",
        "base_unit": "percent",
        "year": None,
        "key": "growth",
    }
    assert not target_matches(prediction(numbers=("10",), units=("CNY",)), gold)


def test_phrase_and_actor_matching() -> None:
    assert phrase_matches(
        prediction({"substitute imports with homegrown products"}), {"key": "substituting imports"}
    )
    assert not phrase_matches(prediction({"imports"}), {"key": "substituting imports"})
    assert actor_matches(
        prediction({"beijing municipal government"}),
        {
            "name": "Beijing Municipal People's Government",
            "aliases": ["the Beijing municipal government"],
        },
    )


def test_optional_gold_counts_neither_way() -> None:
    predictions = [prediction({"alibaba"}), prediction({"sparkdesk"}), prediction({"noise"})]
    gold = [
        {"name": "Alibaba", "aliases": []},
        {"name": "SparkDesk", "aliases": [], "optional": True},
    ]
    result = score(predictions, gold, actor_matches)
    assert (result.tp, result.optional, result.fp, result.missed) == (1, 1, 1, 0)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == 1.0


TEXT = (
    "Date: 2024-04-02\n\nSuzhou aims to build a core AI industry of 150 billion yuan by "
    "2026, according to a plan released by the Suzhou municipal government. The city will "
    "set up an AI industry fund."
)


@pytest.mark.slow
def test_eval_on_a_gold_file_of_our_own(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "suzhou.txt").write_text(TEXT, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {
        "id": "suzhou",
        "source": {"path": str(tmp_path / "suzhou.txt")},
        "actors": [
            {
                "name": "Suzhou Municipal People's Government",
                "type": "GovernmentBody",
                "aliases": [],
            },
            {"name": "Suzhou", "type": "Region", "aliases": []},
            {"name": "Wuxi University", "type": "ResearchInstitution", "aliases": []},
        ],
        "targets": [
            {
                "value": 150,
                "base_value": 1.5e11,
                "base_unit": "CNY",
                "year": 2026,
                "key": "core industry",
                "comparator": "equal",
            }
        ],
        "measures": [{"key": "industry fund", "category": "financial-support"}],
    }
    (gold_dir / "suzhou.json").write_text(json.dumps(gold), encoding="utf-8")
    result = evaluate(gold_dir)
    assert (result.actors.tp, result.actors.missed) == (1, 1)
    assert (result.targets.tp, result.targets.fp) == (1, 0)
    assert result.measures.tp == 1
    assert result.field_accuracy() == {"value": 1.0, "unit": 1.0, "comparator": 1.0, "year": 1.0}
    run = cli("eval", str(gold_dir), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["micro"]["targets"]["f1"] == 1.0


def test_eval_without_gold_files_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("eval", str(tmp_path))
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "no gold files" in run.stderr


def test_the_table_marks_what_there_was_nothing_to_find(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "note.txt").write_text("The weather was mild in Suzhou last week.", "utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {
        "id": "note",
        "source": {"path": str(tmp_path / "note.txt")},
        "actors": [],
        "targets": [],
        "measures": [],
    }
    (gold_dir / "note.json").write_text(json.dumps(gold), encoding="utf-8")
    run = cli("eval", str(gold_dir))
    assert run.returncode == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if line.strip().startswith("note"))
    assert row.split()[1:] == ["-", "-", "-"]
