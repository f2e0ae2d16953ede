"""Pure parsers for quantities, comparators and years: no spaCy, no state.

Tables (scales, currencies, units, comparator phrases) live in ``data/units.json``, loaded
once. Values come out in base units: ``300 billion yuan`` is 3e11 CNY.

>>> q = parse_quantity("more than 300 billion yuan")
>>> (q.value, q.unit, q.comparator.value)
(Decimal('300000000000'), 'CNY', 'MoreThan')
>>> q = parse_quantity("about five to 10")
>>> (q.value, q.max_value, q.unit, q.comparator.value)
(Decimal('5'), Decimal('10'), 'count', 'Between')
>>> parse_quantity("Rs 10,372 crore").value
Decimal('103720000000')
>>> parse_quantity("$42.37 billion").unit
'USD'
>>> parse_quantity("12 percent").unit
'percent'
>>> parse_year("by the end of 2027")
2027
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from text_to_num import alpha2digit

from plangraph.model import Comparator, Quantity

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d|2100)\b")
_RANGE_JOINERS = frozenset({"to", "-", "–", "—", "and", "~"})


@dataclass(frozen=True)
class UnitTables:
    scales: dict[str, Decimal]
    currency_words: dict[str, str]
    currency_symbols: dict[str, str]
    percent_words: frozenset[str]
    point_words: frozenset[str]
    physical_units: dict[str, str]
    comparators: dict[str, Comparator]


@cache
def tables() -> UnitTables:
    """The unit tables of ``data/units.json``, read once."""
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp").joinpath("data/units.json").read_text("utf-8")
    )
    return UnitTables(
        scales={k: Decimal(str(v)) for k, v in raw["scales"].items()},
        currency_words=dict(raw["currency_words"]),
        currency_symbols=dict(raw["currency_symbols"]),
        percent_words=frozenset(raw["percent_words"]),
        point_words=frozenset(raw["point_words"]),
        physical_units=dict(raw["physical_units"]),
        comparators={k: Comparator(v) for k, v in raw["comparators"].items()},
    )


_UNITS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety"
)
# A run of number words that starts with a unit word: "five", "three hundred", but not
# the "billion" of "300 billion", which is a scale on a number in digits.
_NUMBER_WORDS = re.compile(
    rf"\b(?:{_UNITS})(?:[\s-]+(?:and[\s-]+)?(?:{_UNITS}|hundred|thousand|million|billion|trillion))*\b",
    re.IGNORECASE,
)


def words_to_digits(text: str) -> str:
    """Spelled-out numbers as digits ("five to 10" -> "5 to 10"), other words unchanged.

    >>> words_to_digits("three hundred pilot zones and one to two years, 300 billion")
    '300 pilot zones and 1 to 2 years, 300 billion'
    """

    def convert(match: re.Match[str]) -> str:
        converted: str = alpha2digit(match[0], "en", threshold=0)
        return converted

    return _NUMBER_WORDS.sub(convert, text)


def comparator_of(prefix: str) -> Comparator | None:
    """The comparator a phrase ends with ("will exceed" -> MoreThan), or None.

    >>> comparator_of("the scale will surpass").value
    'MoreThan'
    >>> comparator_of("reaching") is None
    True
    """
    words = prefix.lower().strip().split()
    comparators = tables().comparators
    for size in (3, 2, 1):
        if len(words) >= size and (phrase := " ".join(words[-size:])) in comparators:
            return comparators[phrase]
    return None


@dataclass(frozen=True)
class _Token:
    text: str
    number: Decimal | None = None


def _tokens(text: str) -> list[_Token]:
    spaced = re.sub(r"([$€₩₹£¥%()~–—]|,(?!\d{3}))", r" \1 ", text)
    spaced = re.sub(r"(?<=\d)-(?=\d)", " - ", spaced)
    spaced = re.sub(r"(?<=\d)([a-zA-Z])", r" \1", spaced)
    out: list[_Token] = []
    for word in spaced.split():
        match = _NUMBER.fullmatch(word)
        if match:
            digits = match[1].replace(",", "") + ("." + match[2] if match[2] else "")
            try:
                out.append(_Token(word, Decimal(digits)))
                continue
            except InvalidOperation:
                pass
        out.append(_Token(word))
    return out


def _unit_at(words: list[str], i: int) -> tuple[str | None, int]:
    """The unit starting at words[i] (longest phrase first) and how many words it spans."""
    t = tables()
    for size in (3, 2, 1):
        phrase = " ".join(words[i : i + size]).lower()
        if len(words[i : i + size]) < size:
            continue
        if phrase in t.point_words:
            return "percentage-points", size
        if phrase in t.percent_words:
            return "percent", size
        if phrase in t.currency_words:
            return t.currency_words[phrase], size
        if phrase in t.physical_units:
            return t.physical_units[phrase], size
    return None, 0


_COMPOUND_HYPHEN = re.compile(r"(?<=[0-9A-Za-z])-(?=[A-Za-z])")


def parse_quantity(text: str, prefix: str = "") -> Quantity | None:
    """Read the first number of ``text`` with its scale, unit, range and comparator.

    ``prefix`` is the text just before the span ("will surpass"), where the comparator
    often stands. A number with no unit is a count.
    """
    t = tables()
    # "a 300-billion-yuan mark" is "300 billion yuan"; a range "2023-2025" keeps its hyphen
    tokens = _tokens(words_to_digits(_COMPOUND_HYPHEN.sub(" ", text)))
    words = [tok.text for tok in tokens]
    first = next((i for i, tok in enumerate(tokens) if tok.number is not None), None)
    if first is None:
        return None
    currency: str | None = None
    for word in words[:first]:
        currency = (
            t.currency_symbols.get(word.lower()) or t.currency_words.get(word.lower()) or currency
        )
    before = " ".join(w for w in words[:first] if w.lower() not in t.currency_symbols)
    comparator = comparator_of(f"{prefix} {before}") or Comparator.EXACTLY

    def read(i: int) -> tuple[Decimal, Decimal, str | None, int]:
        value = tokens[i].number
        assert value is not None
        scale, unit, j = Decimal(1), None, i + 1
        while j < len(words) and words[j].lower() in t.scales:
            scale *= t.scales[words[j].lower()]
            j += 1
        found, size = _unit_at(words, j) if j < len(words) else (None, 0)
        if found is not None:
            unit, j = found, j + size
        return value, scale, unit, j

    value, scale, unit, end = read(first)
    maximum: Decimal | None = None
    if end + 1 < len(words) and words[end].lower() in _RANGE_JOINERS:
        k = end + 1
        while k < len(words) and words[k] in t.currency_symbols:
            currency = currency or t.currency_symbols[words[k]]
            k += 1
        if k < len(words) and tokens[k].number is not None:
            high, high_scale, high_unit, end = read(k)
            unit = unit or high_unit
            if scale == 1:
                scale = high_scale
            maximum = high * high_scale
            comparator = Comparator.BETWEEN
    unit = unit or currency or "count"
    base = value * scale
    if maximum is not None and maximum < base:
        return None
    surface = text.strip()
    return Quantity(
        value=base, unit=unit, max_value=maximum, comparator=comparator, surface=surface
    )


def parse_year(text: str) -> int | None:
    """The last four-digit year in a phrase ("by the end of 2027" -> 2027), or None."""
    years = _YEAR.findall(text)
    return int(years[-1]) if years else None


def parse_period(text: str) -> tuple[int, int] | None:
    """A plan period written as "2023-2025" or "2023 to 2025".

    >>> parse_period("Action Plan (2023-2025)")
    (2023, 2025)
    """
    match = re.search(r"\b(20\d\d)\s*(?:-|–|—|to|through)\s*(20\d\d)\b", text)
    if match and int(match[1]) < int(match[2]) <= int(match[1]) + 15:
        return int(match[1]), int(match[2])
    return None
