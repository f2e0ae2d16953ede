"""Targets and statistics: which figures are goals, which are figures already reached, and
which qualitative clauses are goals.

A figure is a **statistic** when its sentence looks back (截至, 已, 累计, 目前, 去年, 同比,
a year before the plan's) and sets no deadline. It is a **target** when a deadline
governs it (到2025年, a lead sentence, a goals section), when it stands in a goals
section, or when a goal verb sets it (培育20家, 建设10个); a budget or cap of an
instrument (给予最高1000万元奖励) and a count of the plan's own parts (25项重点任务) are
neither. A clause without a figure is a **qualitative target** when a deadline governs
it in a goals section, or it opens with one, and it states an outcome (建成…高地,
形成…体系, 达到国际先进水平).

A target is named by the words around its figure, as written: the subject before a
comparator verb (算力规模 of 算力规模超过300EFLOPS), or the thing counted after a goal
verb (生态型企业 of 培育2-3家生态型企业); a qualitative target by its clause.

>>> found = read("到2025年，算力规模超过300EFLOPS，培育2-3家生态型企业。", "")
>>> [(t.metric, t.year, t.quantity.value) for t in found.targets]
[('算力规模', 2025, Decimal('300')), ('生态型企业', 2025, Decimal('2'))]
>>> found = read("截至2023年底，全省算力规模已达10EFLOPS。", "")
>>> [(s.metric, s.year) for s in found.statistics], found.targets
([('算力规模', 2023)], [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plangraph.model import Quantity, Span, Statistic, Target
from plangraph.nlp.zh.clauses import Piece, clauses
from plangraph.nlp.zh.numbers import Found, quantities
from plangraph.nlp.zh.scope import Context, cues, deadline, walk

_PAST_YEAR = re.compile(r"(20\d\d)\s*年")
_TRIM = "，,。；;：:、 \t（）()“”\"'《》"


@dataclass
class Facts:
    targets: list[Target] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)


def _lead_length(text: str) -> int:
    """How many characters open a clause but name nothing: deadlines, 力争, 全省, 其中."""
    c = cues()
    words = sorted(c["lead_words"], key=len, reverse=True)
    i = 0
    while i < len(text):
        if text[i] in _TRIM:
            i += 1
            continue
        m = re.match(r"(?:到|至|于|在)?\s*20\d\d\s*年(?:底|末|前)?", text[i:])
        if m is not None and m.end():
            i += m.end()
            continue
        word = next((w for w in words if text.startswith(w, i) and len(text) > i + len(w)), None)
        if word is None:
            break
        i += len(word)
    return i


def _tail_length(text: str) -> int:
    """How many characters end a subject but belong to its verb (算力规模达到 -> 达到)."""
    words = sorted(
        [*cues()["comparator_verbs"], "已经", "已", "累计", "将", "共"], key=len, reverse=True
    )
    end = len(text)
    while end > 0:
        if text[end - 1] in _TRIM:
            end -= 1
            continue
        word = next((w for w in words if text.endswith(w, 0, end) and end > len(w)), None)
        if word is None:
            break
        end -= len(word)
    return len(text) - end


def _strip_leads(text: str) -> str:
    return text[_lead_length(text) :].strip(_TRIM)


def metric(part: str, q: Found, written: str = "") -> str:
    """What a figure measures, from the words of its clause (or list part): the subject
    before it, or what a goal verb before it counts after it. Offsets are found in the
    simplified ``part`` and the words cut from ``written``, the same text as written."""
    written = written or part
    lead = _lead_length(part[: q.start])
    before_end = q.start - _tail_length(part[lead : q.start])
    before = part[lead:before_end].strip(_TRIM)
    after = part[q.end :].strip(_TRIM)
    verbs = sorted(cues()["target_verbs"], key=len, reverse=True)
    verb = next((v for v in verbs if before.endswith(v)), None)
    if (verb is not None or not before) and after:
        return written[q.end :].strip(_TRIM)
    if before:
        return written[lead:before_end].strip(_TRIM)
    return written[q.start : q.end]


def _parts(clause: Piece) -> list[Piece]:
    """A clause split at 、 where each part holds its own figure (集群10个、园区100个)."""
    pieces, start = [], 0
    for m in re.finditer("、", clause.text):
        pieces.append(
            Piece(clause.start + start, clause.start + m.start(), clause.text[start : m.start()])
        )
        start = m.end()
    pieces.append(Piece(clause.start + start, clause.end, clause.text[start:]))
    if len(pieces) > 1 and all(quantities(p.text) for p in pieces):
        return pieces
    return [clause]


def _looks_back(sentence: str, before: str, plan_year: int | None) -> int | bool | None:
    """The year a figure was reached, True when reached with no year, False otherwise."""
    c = cues()
    if any(w in before for w in c["statistic"]) or any(
        w in sentence for w in ("同比", "比上年", "较上年", "截至", "截止", "去年")
    ):
        m = _PAST_YEAR.search(before) or _PAST_YEAR.search(sentence)
        return int(m[1]) if m else True
    if plan_year is not None:
        m = _PAST_YEAR.search(before)
        if m is not None and int(m[1]) < plan_year and deadline(before) is None:
            return int(m[1])
    return False


def _growth(before: str, q: Found) -> bool:
    return q.unit == "percent" and any(w in before[-8:] for w in cues()["growth"])


def _structure(part: str, q: Found) -> bool:
    """25项重点任务, 六方面: counts of the plan's own parts."""
    after = part[q.end : q.end + 6]
    return q.unit == "count" and any(after.startswith(w) for w in cues()["structure"])


def _quantity(q: Found) -> Quantity:
    return Quantity(q.value, q.unit, q.max_value, q.comparator, q.surface)


def _qualitative(text: str) -> bool:
    c = cues()
    return len(text) >= 6 and any(w in text for w in c["outcomes"])


def read_sentence(
    ctx: Context, written: str, plan_year: int | None, period_end: int | None, found: Facts
) -> None:
    """The targets and statistics of one sentence. ``written`` is the document as written
    (the same length as the simplified text ``ctx`` was read from): names are cut from it."""
    if ctx.section in ("principles", "general") and ctx.deadline is None:
        return
    sentence = ctx.sentence
    evidence = Span(sentence.start, sentence.end, written[sentence.start : sentence.end])
    c = cues()
    governing = ctx.deadline
    for clause in clauses(sentence.text, sentence.start):
        own = deadline(clause.text)
        year = own or governing
        if year is not None and plan_year is not None and year < plan_year:
            year = own = None  # 十三五期间 in a 2021 plan: a period looked back on
        if own is not None and len(_strip_leads(clause.text)) < 2:
            # a clause that is only a deadline (力争到2027年) governs the rest of its
            # sentence, wherever in the sentence it stands
            governing = own
        offset = clause.start - sentence.start
        figures = False
        for part in _parts(clause):
            local = part.start - clause.start
            found_here = quantities(part.text)
            for q in found_here:
                figures = True
                before = part.text[: q.start]
                if any(w in clause.text for w in c["parameter"]) and year is None:
                    continue
                if any(w in before for w in c["parameter"]):
                    continue
                if _structure(part.text, q):
                    continue
                if part.text[q.end : q.end + 1] == "的" and any(
                    o.unit == "count" and o.end <= q.start for o in found_here
                ):
                    continue  # 2-3家估值超百亿元的企业: a figure describing what is counted
                if "每" in part.text[max(0, q.start - 3) : q.start]:
                    continue  # 每秒百亿亿次: a rate in a unit's gloss
                label = metric(part.text, q, written[part.start : part.end])
                # looking back is said in the figure's own clause, or by a sentence's
                # opening (截至2023年底，…)
                opening = re.split(r"[，,：:]", sentence.text, maxsplit=1)[0]
                window = (opening if offset else "") + clause.text[: local + q.start]
                reached = _looks_back(clause.text, window, plan_year)
                if reached is not False and own is None:
                    ref = (
                        reached
                        if isinstance(reached, int) and not isinstance(reached, bool)
                        else None
                    )
                    found.statistics.append(Statistic(label, _quantity(q), evidence, ref))
                    continue
                goal = (
                    year is not None
                    or ctx.section == "goals"
                    or any(v in before for v in c["target_verbs"])
                )
                if not goal:
                    continue
                found.targets.append(
                    Target(
                        label,
                        evidence,
                        _quantity(q),
                        year or period_end,
                        is_growth_rate=_growth(before, q),
                    )
                )
        if figures or year is None:
            continue
        text = _strip_leads(clause.text)
        if text.endswith(tuple(c["frames_end"])) or any(w in text for w in c["not_targets"]):
            continue
        if _qualitative(text):
            lead = _lead_length(clause.text)
            label = written[clause.start + lead : clause.end].strip(_TRIM)
            found.targets.append(Target(label, evidence, None, year))


def read(
    simplified: str, written: str, plan_year: int | None = None, period_end: int | None = None
) -> Facts:
    """Targets and statistics of a whole text (``written`` defaults to ``simplified``)."""
    written = written or simplified
    found = Facts()
    for ctx in walk(simplified):
        read_sentence(ctx, written, plan_year, period_end, found)
    return found
