"""plangraph's own quantity recogniser: numbers with their scale, unit, range and comparator,
read from the words of a text and independent of any statistical NER.

A text is cut into small pieces (numbers, words, currency signs, other signs) that keep
their character offsets, so glued forms ("RMB300", "14,000P", "$1.5bn", "75%") read as
well as spaced ones; a small table-driven grammar then reads a quantity at each number::

    [comparator] [currency] NUMBER [scale...] [unit] [range tail] [post comparator] [(conversion)]

Tables (scales, currencies, units, comparator phrases, label words) live in
``data/units.json``, loaded once. Values come out in base units: ``300 billion yuan`` is
3e11 CNY. Years, dates, list numbers, labels ("No. 1", "Article 5") and names with a
number in them ("5G", "H100", "COVID-19") are not quantities.

>>> [(m.text, m.quantity.value, m.quantity.unit) for m in find_quantities(
...     "a scale of RMB300 billion and 14,000P by 2025, with 5G in 75 per cent of firms")]
[('RMB300 billion', Decimal('300000000000'), 'CNY'), ('14,000P', Decimal('14000'), 'PFLOPS'), \
('75 per cent', Decimal('75'), 'percent')]
>>> q = parse_quantity("more than 300 billion yuan")
>>> (q.value, q.unit, q.comparator.value)
(Decimal('300000000000'), 'CNY', 'MoreThan')
>>> q = parse_quantity("about five to 10")
>>> (q.value, q.max_value, q.unit, q.comparator.value)
(Decimal('5'), Decimal('10'), 'count', 'Between')
>>> parse_quantity("Rs 10,372 crore").value
Decimal('103720000000')
>>> parse_year("by the end of 2027")
2027
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from text_to_num import text2num

from plangraph.model import Comparator, Quantity

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d|2100)\b")


@dataclass(frozen=True)
class UnitTables:
    scales: dict[str, Decimal]
    glued_scales: dict[str, Decimal]
    currency_words: dict[str, str]
    currency_symbols: dict[str, str]
    percent_words: frozenset[str]
    point_words: frozenset[str]
    multiple_words: frozenset[str]
    physical_units: dict[str, str]
    glued_units: dict[str, str]
    comparators: dict[str, Comparator]
    post_comparators: dict[str, Comparator]
    label_words: frozenset[str]
    months: frozenset[str]
    category_words: frozenset[str]
    glued_currency_letters: dict[str, str]
    multipliers: dict[str, Decimal]
    local_dollars: dict[str, str]


@cache
def tables() -> UnitTables:
    """The unit tables of ``data/units.json``, read once."""
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp").joinpath("data/units.json").read_text("utf-8")
    )

    def decimals(table: dict[str, Any]) -> dict[str, Decimal]:
        return {k: Decimal(str(v)) for k, v in table.items()}

    return UnitTables(
        scales=decimals(raw["scales"]),
        glued_scales=decimals(raw["glued_scales"]),
        currency_words=dict(raw["currency_words"]),
        currency_symbols=dict(raw["currency_symbols"]),
        percent_words=frozenset(raw["percent_words"]),
        point_words=frozenset(raw["point_words"]),
        multiple_words=frozenset(raw["multiple_words"]),
        physical_units=dict(raw["physical_units"]),
        glued_units=dict(raw["glued_units"]),
        comparators={k: Comparator(v) for k, v in raw["comparators"].items()},
        post_comparators={k: Comparator(v) for k, v in raw["post_comparators"].items()},
        label_words=frozenset(raw["label_words"]),
        months=frozenset(raw["months"]),
        category_words=frozenset(raw["category_words"]),
        glued_currency_letters=dict(raw["glued_currency_letters"]),
        multipliers=decimals(raw["multipliers"]),
        local_dollars=dict(raw["local_dollars"]),
    )


# ---------------------------------------------------------------------------------------
# pieces

_PIECES = re.compile(
    r"(?P<cur>(?:[A-Za-z]{1,2})?[$€£¥₩₹₦₱₫฿])"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?)"
    r"|(?P<word>(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>\S)"
)


class Piece(NamedTuple):
    """A number, a word, a currency sign or another sign, with its offsets. A tuple: the
    recogniser makes one per word of every document."""

    kind: str  # "num", "word", "cur" or "sym"
    text: str
    start: int
    end: int
    glued: bool  # nothing between this piece and the one before
    key: str  # lower case without dots: "U.S" -> "us", "Rs" -> "rs"


def _key(text: str) -> str:
    return text.lower().replace(".", "")


def pieces(text: str) -> list[Piece]:
    """The pieces of ``text``.

    >>> [p.text for p in pieces("RMB300 billion (US$42.4bn), 2-3 firms")]
    ['RMB', '300', 'billion', '(', 'US$', '42.4', 'bn', ')', ',', '2', '-', '3', 'firms']
    """
    out: list[Piece] = []
    previous_end = -1
    for match in _PIECES.finditer(text):
        kind = match.lastgroup or "sym"
        found, start = match[0], match.start()
        out.append(Piece(kind, found, start, match.end(), start == previous_end, _key(found)))
        previous_end = match.end()
    return out


def _number(piece: Piece) -> Decimal | None:
    if piece.kind != "num":
        return None
    try:
        return Decimal(piece.text.replace(",", ""))
    except InvalidOperation:
        return None


# ---------------------------------------------------------------------------------------
# spelled numbers

_ONES = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
)
_TENS = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_BIG = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


def _spelled(items: Sequence[Piece], i: int) -> tuple[Decimal, int] | None:
    """A spelled number starting at ``items[i]`` ("five", "twenty-five", "three hundred",
    "a thousand") and the index after it; a scale word after digits is not one."""
    first = items[i]
    if first.kind != "word":
        return None
    key = first.key
    j = i
    if key == "a" and i + 1 < len(items) and items[i + 1].key in {"hundred", "thousand"}:
        j = i + 1
    elif key not in _ONES and key not in _TENS:
        return None
    words: list[str] = ["one"] if j > i else []
    while j < len(items):
        piece = items[j]
        word = piece.key
        if piece.kind == "word" and (word in _ONES or word in _TENS or word in _BIG):
            words.append(word)
            j += 1
        elif (
            piece.text == "-"
            and piece.glued
            and j + 1 < len(items)
            and items[j + 1].glued
            and items[j + 1].key in _ONES
            and words
            and words[-1] in _TENS
        ):
            j += 1  # "twenty-five"
        elif (
            word == "and"
            and "hundred" in words
            and j + 1 < len(items)
            and (items[j + 1].key in _ONES or items[j + 1].key in _TENS)
        ):
            j += 1  # "two hundred and fifty"
        else:
            break
    # a scale word ends the spelled part when digits-like use is meant: "five billion"
    # keeps "billion" as a scale, read by the grammar
    while len(words) > 1 and words[-1] in {"million", "billion", "trillion"}:
        words.pop()
        j -= 1
    if not words:
        return None
    try:
        value = text2num(" ".join(words), "en")
    except ValueError:
        return None
    return Decimal(value), j


# ---------------------------------------------------------------------------------------
# the grammar


@dataclass(frozen=True)
class QuantityMention:
    """A quantity found in a text: its character span and its value in base units.

    ``spelled`` when the number is written in words ("five"); ``changed_from`` when the
    text states it as the start of a change ("from 5,000 to 14,000": the 5,000).
    """

    start: int
    end: int
    text: str
    quantity: Quantity
    spelled: bool = False
    changed_from: bool = False


@dataclass
class _Core:
    value: Decimal
    scale: Decimal
    unit: str | None
    currency: str | None
    end: int  # index after the last piece read
    spelled: bool


class _Reader:
    def __init__(self, text: str, items: list[Piece]) -> None:
        self.text = text
        self.items = items
        self.t = tables()

    def word_at(self, i: int, size: int) -> str | None:
        """The words ``items[i:i+size]`` joined as a table key ("per cent"), or None."""
        chunk = self.items[i : i + size]
        if len(chunk) < size or any(p.kind not in {"word", "sym"} for p in chunk):
            return None
        if any(p.kind == "sym" and p.text not in {"-", "'"} for p in chunk):
            return None
        parts: list[str] = []
        for p in chunk:
            if p.kind == "sym":
                parts.append(p.text)
            else:
                parts.append(("" if parts and parts[-1] in {"-", "'"} else " ") + p.key)
        return "".join(parts).strip().replace(" - ", "-")

    def currency_at(self, i: int, *, before: bool = True) -> tuple[str | None, int]:
        """A currency sign or code starting at ``i`` and the index after it. Before a
        number only signs and codes count ("RMB 50 billion", "Rs 100"), not words that
        are also English ("won", "rand")."""
        if i >= len(self.items):
            return None, i
        piece = self.items[i]
        if piece.kind == "cur":
            return self.t.currency_symbols.get(piece.key), i + 1
        if before and not (piece.text.isupper() or piece.key == "rs"):
            return None, i
        nxt = self.items[i + 1] if i + 1 < len(self.items) else None
        if (
            before
            and piece.text in self.t.glued_currency_letters
            and nxt is not None
            and nxt.glued
            and nxt.kind == "num"
            and i + 2 < len(self.items)
            and self.items[i + 2].key in self.t.scales
        ):
            # "N2.8 billion": the Nigerian press writes the naira as N before an amount
            return self.t.glued_currency_letters[piece.text], i + 1
        for size in (3, 2, 1):
            phrase = self.word_at(i, size)
            if phrase is not None and phrase in self.t.currency_words:
                j = i + size
                if j < len(self.items) and self.items[j].text == "." and self.items[j].glued:
                    j += 1  # "Rs."
                return self.t.currency_words[phrase], j
        return None, i

    def number_at(self, i: int) -> tuple[Decimal, int, bool] | None:
        piece = self.items[i]
        value = _number(piece)
        if value is not None:
            return value, i + 1, False
        spelled = _spelled(self.items, i)
        if spelled is not None:
            return spelled[0], spelled[1], True
        return None

    def unit_at(self, i: int, glued: bool) -> tuple[str | None, int]:
        """A unit right after a number: percent, a currency word, a physical unit, a
        multiple."""
        items = self.items
        if i >= len(items):
            return None, i
        piece = items[i]
        if piece.text == "%":
            return "percent", i + 1
        if glued and piece.glued and piece.kind == "word" and piece.text in self.t.glued_units:
            return self.t.glued_units[piece.text], i + 1
        for size in (3, 2, 1):
            phrase = self.word_at(i, size)
            if phrase is None:
                continue
            if phrase in self.t.point_words:
                return "percentage-points", i + size
            if phrase in self.t.percent_words:
                return "percent", i + size
            if phrase in self.t.multiple_words:
                return "times", i + size
            if phrase in self.t.currency_words:
                return self.t.currency_words[phrase], i + size
            if phrase in self.t.physical_units:
                return self.t.physical_units[phrase], i + size
        if piece.text == "-" and piece.glued and i + 1 < len(items):
            nxt = items[i + 1]
            if nxt.glued and nxt.key in {"fold", "times"}:
                return "times", i + 2  # "20-fold"
        return None, i

    def core(self, i: int, currency: str | None) -> _Core | None:
        """NUMBER [scale...] [unit] from ``items[i]``."""
        read = self.number_at(i)
        if read is None:
            return None
        value, j, spelled = read
        scale = Decimal(1)
        items = self.items
        while j < len(items):
            piece = items[j]
            if (
                piece.text == "-"
                and piece.glued
                and j + 1 < len(items)
                and items[j + 1].glued
                and items[j + 1].key in self.t.scales
            ):
                j += 1  # "a 300-billion-yuan mark"
                piece = items[j]
            key = piece.key
            if (
                piece.kind == "word"
                and key in self.t.scales
                and not (key in {"hundred"} and spelled)
            ):
                scale *= self.t.scales[key]
                j += 1
            elif (
                piece.kind == "word"
                and piece.glued
                and key in self.t.glued_scales
                and (currency is not None or key not in {"m", "b", "k"})
            ):
                scale *= self.t.glued_scales[key]
                j += 1  # "$1.5bn", "10k"
            else:
                break
        glued = j < len(items) and items[j].glued
        if (
            glued
            and items[j].text == "-"
            and j + 1 < len(items)
            and items[j + 1].glued
            and items[j + 1].kind == "word"
            and self.unit_at(j + 1, False)[0] not in {None, "times"}
        ):
            j += 1  # "a 440-billion-yuan target", "a 10-percent rise"
        unit, j = self.unit_at(j, glued)
        if unit is None:
            later, k = self.currency_at(j, before=False)
            if later is not None and k > j and items[j].kind == "word":
                unit, j = later, k
        return _Core(value, scale, unit, currency, j, spelled)

    def comparator_before(self, i: int) -> Comparator | None:
        """The comparator phrase that ends right before ``items[i]``."""
        words = [p.key for p in self.items[max(0, i - 4) : i] if p.kind == "word"]
        tail = self.items[max(0, i - 4) : i]
        if tail and tail[-1].kind != "word":
            return None
        for size in (4, 3, 2, 1):
            if len(words) >= size and (phrase := " ".join(words[-size:])) in self.t.comparators:
                return self.t.comparators[phrase]
        return None

    def post_comparator(self, j: int) -> tuple[Comparator | None, int]:
        items = self.items
        if j < len(items) and items[j].text == "+":
            return Comparator.MORE_THAN, j + 1  # "100+"
        if (
            j + 1 < len(items)
            and items[j].text == "-"
            and items[j].glued
            and items[j + 1].key == "plus"
        ):
            return Comparator.MORE_THAN, j + 2  # "10,000-plus"
        for size in (3, 2, 1):
            phrase = self.word_at(j, size)
            if phrase is not None and phrase in self.t.post_comparators:
                return self.t.post_comparators[phrase], j + size
        return None, j

    def is_name_number(self, i: int, end: int) -> bool:
        """Digits glued to letters that are no unit or currency are part of a name: "5G",
        "H100", "G20", "COVID-19", "Web3", "26th"."""
        items = self.items
        piece = items[i]
        if piece.kind != "num":
            return False
        before = items[i - 1] if i > 0 else None
        if piece.glued and before is not None:
            if (
                before.kind == "word"
                and before.key not in self.t.currency_words
                and self.currency_at(i - 1)[0] is None
            ):
                return True
            if (
                before.text in {"-", "/"}
                and i > 1
                and items[i - 2].kind == "word"
                and before.glued
                and items[i - 2].key not in _ONES | _TENS
            ):
                return True  # "COVID-19", "Top-10"
        # "5G", "3D" (a known unit or scale was read already)
        return end < len(items) and items[end].glued and items[end].kind in {"word", "num"}

    def is_label_number(self, i: int) -> bool:
        """ "No. 1", "Article 5", "(Project 1)", "1." opening a line, "Phase 2"."""
        items = self.items
        piece = items[i]
        if piece.kind != "num":
            return False
        j = i - 1
        if j >= 0 and items[j].text == "." and j > 0 and items[j - 1].key == "no":
            return True
        if j >= 0 and items[j].kind == "word" and items[j].key in self.t.label_words:
            return True
        line_start = self.text.rfind("\n", 0, piece.start) + 1
        lead = self.text[line_start : piece.start].strip()
        after = items[i + 1].text if i + 1 < len(items) else ""
        return lead in {"", "(", "（", "#", "-", "*", "•"} and after in {".", ")", "、", "）"}

    def is_date_or_time(self, i: int, value: Decimal) -> bool:
        items = self.items
        before = items[i - 1] if i > 0 else None
        after = items[i + 1] if i + 1 < len(items) else None
        for near in (before, after):
            if near is not None and near.key in self.t.months and near.text[:1].isupper():
                return True  # May 30, 30 May
        if after is not None and after.text == ":" and after.glued and i + 2 < len(items):
            return items[i + 2].kind == "num" and items[i + 2].glued  # "14:31"
        if before is not None and before.text == ":" and before.glued and items[i].glued:
            return i > 1 and items[i - 2].kind == "num"
        return False

    def is_year(self, i: int, value: Decimal, core: _Core, start: int | None = None) -> bool:
        """A year ("by 2025"), unless something makes it a count: a comparator before it
        or a plural noun after it ("over 2000 enterprises")."""
        piece = self.items[i]
        if not (
            piece.kind == "num"
            and "," not in piece.text
            and "." not in piece.text
            and 1900 <= value <= 2100
            and core.unit is None
            and core.scale == 1
            and core.currency is None
        ):
            return False
        if start is not None and self.comparator_before(start) is not None:
            return False
        nxt = self.items[core.end] if core.end < len(self.items) else None
        before = self.items[i - 1].key if i > 0 else ""
        return not (
            nxt is not None
            and nxt.kind == "word"
            and nxt.text.islower()
            and len(nxt.text) > 3
            and nxt.text.endswith("s")
            and before not in _YEAR_PREPOSITIONS
        )

    def is_name_in_quotes(self, i: int) -> bool:
        """six "ten thousand person R&D bases": a number that opens a quoted name
        counted by the number before it."""
        items = self.items
        return (
            i >= 2
            and items[i - 1].text in {'"', "“", "'", "‘"}
            and (items[i - 2].kind == "num" or _spelled(items, i - 2) is not None)
        )


_BARE_DOLLAR = re.compile(
    r"(?<![A-Za-z])\$|(?<!\bus )(?<!\bu\.s\. )(?<!\bamerican )\bdollars?\b", re.IGNORECASE
)


def in_local_dollars(mention: QuantityMention, currency: str | None) -> QuantityMention:
    """A sum in bare dollars ("$600 billion", "20 million dollars") read in the dollar of
    the place a document is about; "US$" and "US dollars" stay US dollars.

    >>> [m] = find_quantities("up to $600 billion a year")
    >>> in_local_dollars(m, "AUD").quantity.unit
    'AUD'
    >>> [m] = find_quantities("US$87 billion")
    >>> in_local_dollars(m, "AUD").quantity.unit
    'USD'
    """
    if currency is None or mention.quantity.unit != "USD" or not _BARE_DOLLAR.search(mention.text):
        return mention
    return replace(mention, quantity=replace(mention.quantity, unit=currency))


def find_quantities(text: str) -> list[QuantityMention]:
    """Every quantity in ``text``, in order, with character offsets into ``text``."""
    items = pieces(text)
    reader = _Reader(text, items)
    t = reader.t
    found: list[QuantityMention] = []
    i = 0
    while i < len(items):
        start = i
        currency, j = reader.currency_at(i)
        if currency is None or j >= len(items):
            currency, j = None, i
        elif items[j].kind not in {"num", "word"} or (
            items[j].kind == "word" and _spelled(items, j) is None
        ):
            i += 1
            continue
        core = reader.core(j, currency)
        if core is None:
            multiple = _multiplier(items, i, t.multipliers)
            if multiple is not None:
                piece = items[i]
                found.append(
                    QuantityMention(
                        piece.start,
                        piece.end,
                        piece.text,
                        Quantity(
                            multiple,
                            "times",
                            comparator=reader.comparator_before(i) or Comparator.EXACTLY,
                            surface=piece.text,
                        ),
                    )
                )
            i += 1
            continue
        number_index = j
        if (
            (not core.spelled and reader.is_name_number(number_index, core.end))
            or reader.is_label_number(number_index)
            or reader.is_date_or_time(number_index, core.value)
            or reader.is_year(number_index, core.value, core, start)
            or reader.is_name_in_quotes(number_index)
            or _category(items, core.end, t.category_words)
        ):
            i = max(core.end, i + 1)
            continue
        if (
            core.spelled
            and items[number_index].key == "one"
            and (
                core.end < len(items)
                and (
                    items[core.end].key in {"of", "another"}
                    or (items[core.end].text == "-" and items[core.end].glued)
                )
            )
        ):
            i = core.end
            continue  # "one of the", "one-stop"
        comparator = reader.comparator_before(start)
        before_word = items[start - 1].key if start > 0 else ""
        changed_from = before_word == "from"
        maximum: Decimal | None = None
        end = core.end
        unit = core.unit
        # a range: "5 to 10", "2-3", "5-10 billion yuan", "between 800 and 1,000"
        joiner = items[end] if end < len(items) else None
        if (
            joiner is not None
            and not changed_from
            and (
                joiner.text in {"-", "–", "—", "~", "～"}
                or joiner.key == "to"
                or (joiner.key == "and" and comparator is Comparator.BETWEEN)
                or (joiner.key == "or" and core.unit is None and core.scale == 1)
            )
            and end + 1 < len(items)
        ):
            k = end + 1
            high_currency, k2 = reader.currency_at(k)
            if high_currency is not None and k2 < len(items) and items[k2].kind == "num":
                k = k2
            high = reader.core(k, high_currency or currency) if k < len(items) else None
            if (
                high is not None
                and not (
                    joiner.key == "or" and high.unit is None and not _count_follows(items, high.end)
                )
                and not reader.is_year(k, high.value, high)
                and not (not high.spelled and reader.is_name_number(k, high.end))
                and (unit is None or high.unit is None or high.unit == unit)
            ):
                low_scale = core.scale if core.scale != 1 else high.scale
                low = core.value * low_scale
                top = high.value * high.scale
                if top > low:
                    maximum = top
                    unit = unit or high.unit
                    currency = currency or high.currency
                    end = high.end
                    comparator = Comparator.BETWEEN
                    core = replace(core, scale=low_scale)
        post, end_after = reader.post_comparator(end)
        if post is not None and maximum is None:
            comparator, end = post, end_after
        value = core.value * core.scale
        quantity = Quantity(
            value=value,
            unit=unit if unit is not None else (currency or "count"),
            max_value=maximum,
            comparator=comparator or Comparator.EXACTLY,
        )
        if quantity.unit in {"percent", "percentage-points"} and currency is not None:
            quantity = replace(quantity, unit=currency)  # "$5%" is nonsense; keep money
        # a conversion in brackets restates the amount: "300 billion yuan ($42.37 billion)"
        conversion, after_bracket = _conversion(reader, end)
        if conversion is not None and conversion.unit != quantity.unit and _money(quantity):
            quantity = replace(quantity, alt_values=((conversion.value, conversion.unit),))
        span_start = items[start].start
        span_end = items[end - 1].end
        surface = text[span_start:span_end]
        found.append(
            QuantityMention(
                span_start,
                span_end,
                surface,
                replace(quantity, surface=surface),
                spelled=core.spelled,
                changed_from=changed_from,
            )
        )
        i = after_bracket if conversion is not None else end
        if i <= start:
            i = start + 1
    return found


def _multiplier(items: Sequence[Piece], i: int, table: dict[str, Decimal]) -> Decimal | None:
    """ "double the number of unicorns", "at least triple its capacity": a verb that
    multiplies; not "a double", "the double" or "double-digit"."""
    piece = items[i]
    if piece.kind != "word" or piece.key not in table:
        return None
    before = items[i - 1].key if i > 0 else ""
    after = items[i + 1] if i + 1 < len(items) else None
    if before in {"a", "an", "the"} or (after is not None and after.text == "-" and after.glued):
        return None
    if before in _HEDGES:
        return None  # "roughly double its current level": a comparison, not a multiple set
    for j in range(i + 1, min(i + 12, len(items) - 1)):
        if items[j].text in {";", ".", ",", ":"}:
            break
        if items[j].key == "to" and items[j + 1].kind in {"num", "cur"}:
            return None  # "double its pool of engineers to 8,000": the 8,000 is the goal
    return table[piece.key]


def _category(items: Sequence[Piece], j: int, words: frozenset[str]) -> bool:
    """ "10 billion level industrial parks", "100-billion-class": a class, not an amount."""
    if j < len(items) and items[j].text == "-" and items[j].glued:
        j += 1
    return j < len(items) and items[j].key in words


def _count_follows(items: Sequence[Piece], j: int) -> bool:
    return j < len(items) and items[j].kind == "word"


def _money(quantity: Quantity) -> bool:
    return len(quantity.unit) == 3 and quantity.unit.isupper()


_YEAR_PREPOSITIONS = frozenset(
    {"in", "by", "since", "until", "till", "before", "after", "from", "of", "the", "for", "to"}
)
_HEDGES = frozenset(
    {"about", "approximately", "around", "roughly", "nearly", "some", "approx", "or"}
)


def _conversion(reader: _Reader, j: int) -> tuple[Quantity | None, int]:
    """A bracketed restatement of an amount in another currency, and the index after it."""
    items = reader.items
    if j >= len(items) or items[j].text not in {"(", "（", "["}:
        return None, j
    k = j + 1
    while k < len(items) and items[k].key in _HEDGES:
        k += 1
    currency, k2 = reader.currency_at(k)
    if currency is not None and k2 < len(items) and items[k2].kind == "num":
        k = k2
    else:
        currency = None
    if k >= len(items):
        return None, j
    core = reader.core(k, currency)
    if core is None or (core.unit is None and core.currency is None):
        return None, j
    close = core.end
    if close >= len(items) or items[close].text not in {")", "）", "]"}:
        return None, j
    unit = core.unit or core.currency or "count"
    return Quantity(core.value * core.scale, unit), close + 1


# ---------------------------------------------------------------------------------------
# the older entry points, on top of the recogniser


def parse_quantity(text: str, prefix: str = "") -> Quantity | None:
    """The first quantity of ``text``; ``prefix`` is the text just before it ("will
    surpass"), where its comparator often stands. A number with no unit is a count."""
    joined = f"{prefix} {text}" if prefix else text
    offset = len(prefix) + 1 if prefix else 0
    for mention in find_quantities(joined):
        if mention.end > offset:
            return mention.quantity
    return None


def words_to_digits(text: str) -> str:
    """Spelled-out numbers as digits ("five to 10" -> "5 to 10"), other words unchanged.

    >>> words_to_digits("three hundred pilot zones and one to two years, 300 billion")
    '300 pilot zones and 1 to 2 years, 300 billion'
    """
    items = pieces(text)
    out: list[str] = []
    last = 0
    i = 0
    while i < len(items):
        spelled = _spelled(items, i)
        if spelled is None:
            i += 1
            continue
        value, j = spelled
        out.append(text[last : items[i].start])
        out.append(str(value))
        last = items[j - 1].end
        i = j
    out.append(text[last:])
    return "".join(out)


def comparator_of(prefix: str) -> Comparator | None:
    """The comparator a phrase ends with ("will exceed" -> MoreThan), or None.

    >>> comparator_of("the scale will surpass").value
    'MoreThan'
    >>> comparator_of("reaching") is None
    True
    """
    words = prefix.lower().strip().split()
    comparators = tables().comparators
    for size in (4, 3, 2, 1):
        if len(words) >= size and (phrase := " ".join(words[-size:])) in comparators:
            return comparators[phrase]
    return None


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
