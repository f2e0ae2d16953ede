from decimal import Decimal

import pytest

from plangraph.model import Comparator
from plangraph.nlp.quantities import (
    comparator_of,
    parse_period,
    parse_quantity,
    parse_year,
    words_to_digits,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "prefix", "value", "maximum", "unit", "comparator"),
    [
        ("300 billion yuan", "", D("3e11"), None, "CNY", Comparator.EXACTLY),
        ("$42.37 billion", "", D("4.237e10"), None, "USD", Comparator.EXACTLY),
        ("US$1.5 billion", "", D("1.5e9"), None, "USD", Comparator.EXACTLY),
        ("more than 10 percent", "", D(10), None, "percent", Comparator.MORE_THAN),
        ("1 trillion yuan", "will surpass", D("1e12"), None, "CNY", Comparator.MORE_THAN),
        ("about five to 10", "", D(5), D(10), "count", Comparator.BETWEEN),
        ("between 5 and 10 percent", "", D(5), D(10), "percent", Comparator.BETWEEN),
        ("5-10 billion yuan", "", D("5e9"), D("1e10"), "CNY", Comparator.BETWEEN),
        ("three hundred", "", D(300), None, "count", Comparator.EXACTLY),
        ("twenty-five percent", "at least", D(25), None, "percent", Comparator.AT_LEAST),
        ("Rs 10,372 crore", "", D("1.0372e11"), None, "INR", Comparator.EXACTLY),
        ("10,372 crore rupees", "", D("1.0372e11"), None, "INR", Comparator.EXACTLY),
        ("5 lakh", "", D("5e5"), None, "count", Comparator.EXACTLY),
        ("€20 billion", "up to", D("2e10"), None, "EUR", Comparator.AT_MOST),
        ("200 billion euros", "", D("2e11"), None, "EUR", Comparator.EXACTLY),
        ("1 trillion won", "nearly", D("1e12"), None, "KRW", Comparator.ABOUT),
        ("RMB 50 billion", "", D("5e10"), None, "CNY", Comparator.EXACTLY),
        ("5,000 PFLOPS", "", D(5000), None, "PFLOPS", Comparator.EXACTLY),
        ("300 EFLOPS", "over", D(300), None, "EFLOPS", Comparator.MORE_THAN),
        ("2 percentage points", "", D(2), None, "percentage-points", Comparator.EXACTLY),
        ("1.5 million", "around", D("1.5e6"), None, "count", Comparator.ABOUT),
        ("less than 5 percent", "", D(5), None, "percent", Comparator.LESS_THAN),
    ],
)
def test_parse_quantity(
    text: str,
    prefix: str,
    value: Decimal,
    maximum: Decimal | None,
    unit: str,
    comparator: Comparator,
) -> None:
    quantity = parse_quantity(text, prefix)
    assert quantity is not None
    assert quantity.value == value
    assert quantity.max_value == maximum
    assert quantity.unit == unit
    assert quantity.comparator is comparator


@pytest.mark.parametrize("text", ["", "billion", "several", "10 to 5"])
def test_no_quantity(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("will exceed", Comparator.MORE_THAN),
        ("no less than", Comparator.AT_LEAST),
        ("reaching", None),
        ("a minimum of", Comparator.AT_LEAST),
        ("close to", Comparator.ABOUT),
    ],
)
def test_comparator_of(prefix: str, expected: Comparator | None) -> None:
    assert comparator_of(prefix) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five to 10 unicorns", "5 to 10 unicorns"),
        ("one hundred and twenty zones", "120 zones"),
        ("300 billion yuan", "300 billion yuan"),
        ("billion-dollar firms", "billion-dollar firms"),
    ],
)
def test_words_to_digits(text: str, expected: str) -> None:
    assert words_to_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("by 2025", 2025), ("by the end of 2027", 2027), ("in 2030", 2030), ("soon", None)],
)
def test_parse_year(text: str, expected: int | None) -> None:
    assert parse_year(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Action Plan (2023-2025)", (2023, 2025)),
        ("from 2024 to 2027", (2024, 2027)),
        ("2025-2024", None),
        ("2020-2050", None),
    ],
)
def test_parse_period(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_period(text) == expected
