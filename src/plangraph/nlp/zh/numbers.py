"""Chinese numerals, quantities, units and comparators: pure functions over strings.

Tables (numeral characters, scales, units, comparator words) are ``data/units.json``,
read once. Values come out in base units, as in the English pipeline: 3000亿元 is 3e11
CNY, 35% is 35 percent, 2-3家 is a count between 2 and 3, 300EFLOPS stays 300 EFLOPS.

>>> numeral("三千亿"), numeral("两"), numeral("一百二十"), numeral("1.5万")
(Decimal('300000000000'), Decimal('2'), Decimal('120'), Decimal('15000'))
>>> [(q.value, q.max_value, q.unit, q.comparator.value) for q in quantities("培育2-3家企业")]
[(Decimal('2'), Decimal('3'), 'count', 'Between')]
>>> q = quantities("总营业收入突破10000亿元")[0]
>>> (q.value, q.unit, q.comparator.value, q.surface)
(Decimal('1000000000000'), 'CNY', 'MoreThan', '突破10000亿元')
>>> [(q.value, q.comparator.value) for q in quantities("打造500个左右应用场景，占比30%以上")]
[(Decimal('500'), 'About'), (Decimal('30'), 'AtLeast')]
>>> quantities("千亿级产业集群")
[]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from plangraph.model import Comparator


@dataclass(frozen=True)
class Tables:
    digits: dict[str, int]
    small_scales: dict[str, int]
    large_scales: dict[str, int]
    money: dict[str, tuple[str, Decimal]]
    percent: tuple[str, ...]
    counts: frozenset[str]
    physical: dict[str, tuple[str, Decimal]]
    before: dict[str, Comparator]
    after: dict[str, Comparator]
    pattern: re.Pattern[str]


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@cache
def tables() -> Tables:
    """``data/units.json`` and the quantity pattern built from it, once per process."""
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp.zh").joinpath("data/units.json").read_text("utf-8")
    )
    digits, small, large = raw["digits"], raw["small_scales"], raw["large_scales"]
    chinese = f"[{''.join(digits)}{''.join(small)}{''.join(large)}]+"
    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?"
    number = rf"(?:{arabic}|{chinese})"
    scale = f"(?:{_alternation(large)}|千|百)"
    units = [*raw["money"], *raw["percent"], *raw["counts"], *raw["physical"]]
    # money units also follow a scale directly (亿元, 万元); a scale may stand before any
    unit = rf"(?:{_alternation(units)})"
    joiner = r"(?:-|–|—|~|～|至|到)"
    pattern = re.compile(
        rf"(?P<before>{_alternation(raw['comparators_before'])})?"
        rf"(?<![第\d.])(?P<low>{number})(?P<lowscale>{scale})?\s?(?P<lowunit>%|％)?"
        rf"(?:{joiner}(?P<high>{number}))?"
        rf"(?P<scale>{scale})?(?P<more>多|余)?\s?(?P<unit>{unit})"
        rf"(?P<after>{_alternation(raw['comparators_after'])})?"
        r"(?![级型A-Za-z])"
    )
    return Tables(
        digits=digits,
        small_scales=small,
        large_scales=large,
        money={k: (v[0], Decimal(str(v[1]))) for k, v in raw["money"].items()},
        percent=tuple(raw["percent"]),
        counts=frozenset(raw["counts"]),
        physical={k: (v[0], Decimal(str(v[1]))) for k, v in raw["physical"].items()},
        before={k: Comparator(v) for k, v in raw["comparators_before"].items()},
        after={k: Comparator(v) for k, v in raw["comparators_after"].items()},
        pattern=pattern,
    )


def tidy(value: Decimal) -> Decimal:
    """A whole number without a fraction or exponent, else the shortest decimal.

    >>> tidy(Decimal("15000.0")), tidy(Decimal("1.50"))
    (Decimal('15000'), Decimal('1.5'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def numeral(text: str) -> Decimal | None:
    """A number written in Arabic digits, Chinese numerals or both (1.5万, 三千亿)."""
    t = tables()
    text = text.replace(",", "")
    head = re.match(r"\d+(?:\.\d+)?", text)
    if head is not None:
        value = Decimal(head.group())
        rest = text[head.end() :]
        for ch in rest:
            if ch in t.large_scales:
                value *= t.large_scales[ch]
            elif ch in t.small_scales:
                value *= t.small_scales[ch]
            else:
                return None
        return tidy(value)
    if not text or any(
        ch not in t.digits and ch not in t.small_scales and ch not in t.large_scales for ch in text
    ):
        return None
    total, section, number = Decimal(0), Decimal(0), Decimal(0)
    for ch in text:
        if ch in t.digits:
            number = Decimal(t.digits[ch])
        elif ch in t.small_scales:
            section += (number or 1) * t.small_scales[ch]
            number = Decimal(0)
        elif ch == "万":
            total += (section + number) * 10000
            section = number = Decimal(0)
        else:  # 亿 multiplies everything before it, 万 included (三万亿)
            total = (total + section + number) * 100000000
            section = number = Decimal(0)
    return total + section + number


@dataclass(frozen=True)
class Found:
    """A quantity in a string: where it is and what it means."""

    start: int
    end: int
    value: Decimal
    unit: str
    max_value: Decimal | None
    comparator: Comparator
    surface: str
    classifier: str


def _unit(word: str, scale: Decimal) -> tuple[str, Decimal]:
    t = tables()
    if word in t.money:
        code, factor = t.money[word]
        return code, factor * scale
    if word in t.percent:
        return "percent", scale
    if word in t.physical:
        symbol, factor = t.physical[word]
        return symbol, factor * scale
    return "count", scale


_YEAR_DIGITS = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_CHINESE_YEAR = re.compile(r"(?:一九|二[〇零])[〇零一二三四五六七八九]{2}(?=\s*年)")


def arabic_years(text: str) -> str:
    """Years written in Chinese digits in Arabic ones, character for character, so the
    text keeps its length: 二〇二五年 -> 2025年.

    >>> arabic_years("展望二〇三五年，到二零二五年底")
    '展望2035年，到2025年底'
    """
    return _CHINESE_YEAR.sub(lambda m: "".join(_YEAR_DIGITS[ch] for ch in m.group()), text)


def _percent_words(text: str) -> list[Found]:
    """百分之十五, 百分之六十左右: percentages written out."""
    t = tables()
    number = f"(?:\\d+(?:\\.\\d+)?|[{''.join(t.digits)}{''.join(t.small_scales)}]+)"
    before = _alternation(t.before)
    after = _alternation(t.after)
    pattern = re.compile(
        rf"(?P<before>{before})?百分之(?P<low>{number})(?:[至到~-](?:百分之)?(?P<high>{number}))?(?P<after>{after})?"
    )
    found = []
    for m in pattern.finditer(text):
        low = numeral(m["low"])
        high = numeral(m["high"]) if m["high"] else None
        if low is None:
            continue
        comparator = Comparator.EXACTLY
        if m["before"]:
            comparator = t.before[m["before"]]
        if m["after"]:
            comparator = t.after[m["after"]]
        if high is not None:
            comparator = Comparator.BETWEEN
        found.append(
            Found(m.start(), m.end(), tidy(low), "percent", high, comparator, m.group(), "百分之")
        )
    return found


def _implicit_one(text: str) -> list[Found]:
    """超万亿元, 突破千亿元: a comparator before a bare scale means one of it."""
    t = tables()
    money = _alternation(t.money)
    before = _alternation(t.before)
    pattern = re.compile(rf"(?P<before>{before})(?P<scale>万亿|千亿|百亿|亿|万)(?P<unit>{money})")
    found = []
    for m in pattern.finditer(text):
        code, factor = t.money[m["unit"]]
        value = tidy((numeral("1" + m["scale"]) or Decimal(1)) * factor)
        found.append(
            Found(
                m.start(), m.end(), value, code, None, t.before[m["before"]], m.group(), m["unit"]
            )
        )
    return found


def quantities(text: str) -> list[Found]:
    """Every quantity with a unit in ``text``, in order; bare numbers and years are not.

    >>> [(q.value, q.comparator.value) for q in quantities("年均增速保持在百分之十五左右")]
    [(Decimal('15'), 'About')]
    """
    t = tables()
    found = _percent_words(text) + _implicit_one(text)
    taken = [(f.start, f.end) for f in found]
    for m in t.pattern.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        low, high = numeral(m["low"]), numeral(m["high"]) if m["high"] else None
        if low is None or (m["high"] and high is None):
            continue
        if m["low"] == "一" and not m["scale"] and not m["lowscale"]:
            continue  # 一个, 一项: an article more than a figure
        scale = Decimal(1)
        for part in (m["scale"],):
            if part:
                scale *= Decimal(numeral("1" + part) or 1)
        low_scale = Decimal(numeral("1" + m["lowscale"]) or 1) if m["lowscale"] else scale
        unit, factor = _unit(m["unit"], Decimal(1))
        comparator = Comparator.EXACTLY
        if m["before"]:
            comparator = t.before[m["before"]]
        if m["more"]:
            comparator = Comparator.MORE_THAN
        if m["after"]:
            comparator = t.after[m["after"]]
        value = low * low_scale * factor
        maximum = high * scale * factor if high is not None else None
        if maximum is not None:
            comparator = Comparator.BETWEEN
            if maximum < value:  # "10-5" is no range
                continue
        try:
            value, maximum = tidy(value), tidy(maximum) if maximum is not None else None
        except InvalidOperation:
            continue
        found.append(
            Found(m.start(), m.end(), value, unit, maximum, comparator, m.group(), m["unit"])
        )
    return sorted(found, key=lambda f: f.start)
