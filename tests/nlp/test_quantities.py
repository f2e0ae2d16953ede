from decimal import Decimal
from pathlib import Path

import pytest

from plangraph.evaluation import quantity_recall
from plangraph.model import Comparator
from plangraph.nlp.quantities import (
    comparator_of,
    find_quantities,
    parse_period,
    parse_quantity,
    parse_year,
    words_to_digits,
)

D = Decimal
ROOT = Path(__file__).resolve().parents[2]
REAL_GOLD = [
    ROOT.parent / "shared" / "eval" / "realworld" / "gold",
    *sorted((ROOT / "realworld").glob("*/gold")),
]


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


@pytest.mark.parametrize("text", ["", "billion", "several", "dozens of firms"])
def test_no_quantity(text: str) -> None:
    assert parse_quantity(text) is None


# text -> every quantity the recogniser reads in it: (surface, value, max, unit, comparator)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # glued and spaced currencies, scales and units
        ("a core industry of RMB300 billion", [("RMB300 billion", "3e11", None, "CNY", "Exactly")]),
        ("RMB 1 trillion (EUR 130 billion)", [("RMB 1 trillion", "1e12", None, "CNY", "Exactly")]),
        (
            "private investment of KRW 65 trillion",
            [("KRW 65 trillion", "6.5e13", None, "KRW", "Exactly")],
        ),
        (
            "a $1.5bn fund and US$ 20 million",
            [
                ("$1.5bn", "1.5e9", None, "USD", "Exactly"),
                ("US$ 20 million", "2e7", None, "USD", "Exactly"),
            ],
        ),
        (
            "₹10,372 crore and Rs 2 lakh crore",
            [
                ("₹10,372 crore", "1.0372e11", None, "INR", "Exactly"),
                ("Rs 2 lakh crore", "2e12", None, "INR", "Exactly"),
            ],
        ),
        ("computing power of 14,000P (Peta)", [("14,000P", "14000", None, "PFLOPS", "Exactly")]),
        (
            "over 100 EFLOPS and 500 TB",
            [
                ("100 EFLOPS", "100", None, "EFLOPS", "MoreThan"),
                ("500 TB", "500", None, "TB", "Exactly"),
            ],
        ),
        (
            "75 per cent of firms and 70% of services",
            [
                ("75 per cent", "75", None, "percent", "Exactly"),
                ("70%", "70", None, "percent", "Exactly"),
            ],
        ),
        (
            "up 2 percentage points",
            [("2 percentage points", "2", None, "percentage-points", "Exactly")],
        ),
        # currencies of other presses: Canadian, Malaysian, Nigerian
        ("CA$300m for access", [("CA$300m", "3e8", None, "CAD", "Exactly")]),
        ("RM248.5 million", [("RM248.5 million", "2.485e8", None, "MYR", "Exactly")]),
        ("a N2.8 billion grant, N95 masks", [("N2.8 billion", "2.8e9", None, "NGN", "Exactly")]),
        # multiples
        (
            "at least double the number, double-digit growth",
            [("double", "2", None, "times", "AtLeast")],
        ),
        (
            "expand capacity by 15 times, a 20-fold rise",
            [
                ("15 times", "15", None, "times", "Exactly"),
                ("20-fold", "20", None, "times", "Exactly"),
            ],
        ),
        # ranges
        ("form 2-3 industrial clusters", [("2-3", "2", "3", "count", "Between")]),
        ("3 to 4 clusters", [("3 to 4", "3", "4", "count", "Between")]),
        ("Five to 10 new unicorns", [("Five to 10", "5", "10", "count", "Between")]),
        ("between 800 and 1,000 firms", [("800 and 1,000", "800", "1000", "count", "Between")]),
        ("5-10 billion yuan", [("5-10 billion yuan", "5e9", "1e10", "CNY", "Between")]),
        ("70%-80% of plants", [("70%-80%", "70", "80", "percent", "Between")]),
        # a change is two figures, not a range
        (
            "grow from 5,000 to 14,000",
            [
                ("5,000", "5000", None, "count", "Exactly"),
                ("14,000", "14000", None, "count", "Exactly"),
            ],
        ),
        ("10 to 5", [("10", "10", None, "count", "Exactly"), ("5", "5", None, "count", "Exactly")]),
        # comparators before and after
        ("no less than 50 models", [("50", "50", None, "count", "AtLeast")]),
        (
            "10,000-plus and 100+ projects",
            [
                ("10,000-plus", "10000", None, "count", "MoreThan"),
                ("100+", "100", None, "count", "MoreThan"),
            ],
        ),
        ("1,000 or more firms", [("1,000 or more", "1000", None, "count", "AtLeast")]),
        (
            "up to 30mil yuan and 570bil yuan",
            [
                ("30mil yuan", "3e7", None, "CNY", "AtMost"),
                ("570bil yuan", "5.7e11", None, "CNY", "Exactly"),
            ],
        ),
        ("over 2000 enterprises", [("2000", "2000", None, "count", "MoreThan")]),
        # spelled numbers
        (
            "two hundred and fifty firms",
            [("two hundred and fifty", "250", None, "count", "Exactly")],
        ),
        (
            "one hundred billion yuan",
            [("one hundred billion yuan", "1e11", None, "CNY", "Exactly")],
        ),
        # not quantities: years, dates, times, labels, list numbers, names, classes
        ("by 2025, at the 2023 Forum", []),
        ("On May 30, at 14:31", []),
        ("(Project 1) No. 1 and No.7, Article 5", []),
        ("5G, H100 chips, COVID-19, the 1st meeting, Web3", []),
        ("one of the one-stop services", []),
        ("cultivate 10 billion level parks", []),
    ],
)
def test_find_quantities(text: str, expected: list[tuple[str, str, str | None, str, str]]) -> None:
    found = [
        (
            m.text,
            m.quantity.value,
            m.quantity.max_value,
            m.quantity.unit,
            m.quantity.comparator.value,
        )
        for m in find_quantities(text)
    ]
    assert found == [
        (surface, D(value), None if top is None else D(top), unit, comparator)
        for surface, value, top, unit, comparator in expected
    ]


@pytest.mark.parametrize(
    ("text", "alt"),
    [
        ("300 billion yuan ($42.37 billion)", (D("4.237e10"), "USD")),
        ("RMB 1 trillion (EUR 130 billion)", (D("1.3e11"), "EUR")),
        ("600 billion yuan (about 83.6 billion U.S. dollars)", (D("8.36e10"), "USD")),
        ("100 billion yuan (S$20.5 million)", (D("2.05e7"), "SGD")),
    ],
)
def test_conversion_in_brackets_is_an_alternative_value(
    text: str, alt: tuple[Decimal, str]
) -> None:
    (mention,) = find_quantities(text)
    assert mention.quantity.alt_values == (alt,)


def test_offsets_point_into_the_text() -> None:
    text = "It will reach RMB300 billion by 2025."
    (mention,) = find_quantities(text)
    assert text[mention.start : mention.end] == "RMB300 billion"


def test_recogniser_finds_the_numbers_of_gold_targets_and_statistics() -> None:
    """Of the numbers that belong to a gold target or statistic in the real-text sets,
    the recogniser finds at least 99 % with the right value and range."""
    folders = [f for f in REAL_GOLD if f.is_dir()]
    if not folders:
        pytest.skip("no real-text gold here (../shared/eval/realworld, realworld/)")
    found, total, missed = quantity_recall(folders)
    assert total > 50
    assert found / total >= 0.99, missed


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
