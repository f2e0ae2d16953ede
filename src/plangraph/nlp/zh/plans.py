"""The plan a Chinese document states or reports: title, issuer, jurisdiction, date, period.

The title is the first 《…》 that names a plan (规划, 计划, 方案, 意见, 措施, 办法, 纲要,
通知), or a title line of its own; the period is the （2023-2025年） after it. The
issuer is the body that 印发 / 发布 / 出台 / 制定 it, or the body signing the document;
the jurisdiction is the place the title opens with, else the issuer's place, else China
for a central body. The date is the signature's or the header's (2024年12月6日,
2023-05-16).

>>> from plangraph.nlp.zh.names import gazetteer
>>> text = "广东省人民政府印发《广东省加快建设通用人工智能产业创新引领地实施意见》\\n2023年11月30日"
>>> plan = read(text, text, gazetteer().scan(text), None)
>>> print(plan.title, plan.issuer, plan.jurisdiction, plan.date, sep="\\n")
广东省加快建设通用人工智能产业创新引领地实施意见
Guangdong Provincial People's Government
Guangdong
2023-11-30
"""

from __future__ import annotations

import re
from itertools import pairwise

from plangraph.model import Plan, RegionLevel, Span
from plangraph.nlp.zh.names import Body, Hit, Place, gazetteer
from plangraph.nlp.zh.scope import period

_PLAN_WORDS = (
    "规划",
    "计划",
    "方案",
    "意见",
    "措施",
    "办法",
    "纲要",
    "通知",
    "政策",
    "指南",
    "条例",
)
_QUOTED = re.compile(r"《([^《》]{4,80})》")
_ISSUE = re.compile(r"(?:印发|发布|出台|制定|公布|出炉|提出)")
_DATE_ZH = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(20\d\d)[-/.](\d{1,2})[-/.](\d{1,2})")
_CENTRAL = re.compile(r"^(?:国务院|中共中央|国家|中国|中央)|部$|总局$|委员会$")


def _title(simplified: str, written: str) -> tuple[str, int, int] | None:
    for m in _QUOTED.finditer(simplified):
        name = m[1]
        if any(w in name for w in _PLAN_WORDS) and not name.startswith("关于"):
            return written[m.start(1) : m.end(1)], m.start(), m.end()
        if any(w in name for w in _PLAN_WORDS):
            return written[m.start(1) : m.end(1)], m.start(), m.end()
    for line_start, line in _lines(simplified)[:8]:
        bare = re.sub(r"[（(].*?[)）]\s*$", "", line).strip()
        if 8 <= len(bare) <= 60 and bare.endswith(_PLAN_WORDS) and "《" not in bare:
            lead = line_start + (len(line) - len(line.lstrip()))
            return written[lead : lead + len(bare)], lead, lead + len(bare)
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _date(text: str) -> str | None:
    found = [(m.start(), m) for m in _DATE_ZH.finditer(text)]
    found += [(m.start(), m) for m in _DATE_ISO.finditer(text)]
    for _, m in sorted(found, key=lambda p: p[0]):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _place_of(body: Body) -> Place | None:
    g = gazetteer()
    for place in g.places.values():
        if place.level in (RegionLevel.PROVINCE, RegionLevel.CITY) and body.zh.startswith(place.zh):
            return place
    return None


_PERIOD_START = {"十三五": 2016, "十四五": 2021, "十五五": 2026}
_MONTH = re.compile(r"(20\d\d)\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")


def plan_year(plan: Plan | None, simplified: str) -> int | None:
    """The year a plan speaks from, for telling a period looked back on from a deadline:
    its date's, else its period's first, else the five-year plan its title names, else
    the year of a month its header gives (2021年十二月).

    >>> plan_year(Plan("上海市人工智能产业发展“十四五”规划", None, None, None), "")
    2021
    >>> plan_year(None, "印发　2021年十二月\\n正文")
    2021
    """
    if plan is not None:
        if plan.date:
            return int(plan.date[:4])
        if plan.period:
            return plan.period[0]
        for name, year in _PERIOD_START.items():
            if plan.title and name in plan.title:
                return year
    m = _MONTH.search(simplified[:300])
    return int(m[1]) if m else None


def read(simplified: str, written: str, hits: list[Hit], date: str | None) -> Plan | None:
    """The plan of a document, or None when it names none."""
    found = _title(simplified, written)
    bodies = [h for h in hits if isinstance(h.entry, Body)]
    issuer: Body | None = None
    if found is not None:
        _, start, _ = found
        # the body just before 印发《…》 or 发布《…》 in the same sentence
        window = simplified[max(0, start - 40) : start]
        if _ISSUE.search(window):
            near = [h for h in bodies if start - 40 <= h.start < start]
            if near:
                issuer = near[0].entry  # type: ignore[assignment]
    if issuer is None:
        # a signature: a body alone on a line, followed by a date line
        lines = _lines(simplified)
        for (offset, line), (_, following) in pairwise(lines):
            if _DATE_ZH.fullmatch(following.strip()):
                signed = [h for h in bodies if h.start == offset + len(line) - len(line.lstrip())]
                if signed and signed[0].end >= offset + len(line.rstrip()):
                    issuer = signed[0].entry  # type: ignore[assignment]
                    break
    if found is None and issuer is None:
        return None
    title = found[0] if found else None
    jurisdiction: str | None = None
    if found is not None:
        simplified_title = simplified[found[1] : found[2]].strip("《》")
        g = gazetteer()
        lead = g.lookup(simplified_title, 0) if simplified_title else None
        if lead is not None:
            place = next((e for e in lead[1] if isinstance(e, Place)), None)
            if place is not None:
                jurisdiction = place.key
    if jurisdiction is None and issuer is not None:
        place = _place_of(issuer)
        if place is not None:
            jurisdiction = place.key
        elif _CENTRAL.search(issuer.zh):
            jurisdiction = "China"
    evidence = None
    if found is not None:
        start, end = found[1], found[2]
        line_start = simplified.rfind("\n", 0, start) + 1
        line_end = simplified.find("\n", end)
        line_end = len(simplified) if line_end < 0 else line_end
        evidence = Span(line_start, line_end, written[line_start:line_end])
    stated = period(simplified[found[1] : found[2] + 16]) if found else None
    return Plan(
        title,
        issuer.key if issuer is not None else None,
        jurisdiction,
        date or _date(simplified),
        evidence,
        stated,
    )
