"""Deadlines and scope: which year a goal is due, and what kind of section a sentence is in.

A deadline is read where Chinese plans put it: 到2025年 / 至2025年 / 2025年底 / 2025年前,
the 十四五 and later five-year plan periods (a 十四五 goal is due in 2025), 本世纪中叶.
A deadline opening a sentence ("到2027年，") governs that sentence's clauses and the
sentences after it, until another deadline, a new heading or, outside a goals section,
the end of the paragraph. A heading whose title names goals (主要目标, 发展目标, 工作目标)
opens a goals section; 指导思想 / 基本原则 / 总体要求 open principles, which hold neither
goals nor instruments; everything else holds instruments.

>>> deadline("力争到2027年，全省算力规模达到14EFLOPS"), deadline("2025年底前建成")
(2027, 2025)
>>> deadline("“十四五”期间"), deadline("截至2023年底"), deadline("2023年全市产值")
(2025, None, None)
>>> period("北京市加快建设人工智能创新策源地实施方案（2023-2025年）")
(2023, 2025)
>>> text = "二、主要目标\\n到2025年，建成高地。形成体系。\\n三、重点任务\\n建设平台。"
>>> for c in walk(text):
...     print(c.section, c.deadline, c.sentence.text)
goals 2025 到2025年，建成高地。
goals 2025 形成体系。
tasks None 建设平台。
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from plangraph.nlp.zh.clauses import Piece, Unit, sentences, units

_YEAR = r"(20\d\d)\s*年"
_DEADLINE = re.compile(
    rf"(?:(?:到|至|截至|截止|于|在)\s*)?{_YEAR}\s*(底|末|年底|年末|前|以前|之前)?"
)
_PERIODS = {"十四五": 2025, "十五五": 2030, "十三五": 2020, "十六五": 2035}
_PERIOD_NAMED = re.compile(r"[“\"]?(十[三四五六]五)[”\"]?\s*(?:期间|时期|期末|末|末期|规划期)")
_RANGE = re.compile(r"[（(]\s*(20\d\d)\s*[-–—~～至到]\s*(20\d\d)\s*年?\s*[)）]")
_CENTURY = re.compile(r"本世纪中叶")


@cache
def cues() -> dict[str, Any]:
    """``data/cues.json``, read once."""
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp.zh").joinpath("data/cues.json").read_text("utf-8")
    )
    return raw


def deadline(text: str) -> int | None:
    """The year a clause sets as a deadline, or None (a year looked back on is none)."""
    for m in _DEADLINE.finditer(text):
        lead = m.group()
        if lead.startswith(("截至", "截止")):
            continue
        if lead.startswith(("到", "至")) or m[2]:
            return int(m[1])
    named = _PERIOD_NAMED.search(text)
    if named is not None:
        return _PERIODS[named[1]]
    if _CENTURY.search(text):
        return 2050
    return None


def period(text: str) -> tuple[int, int] | None:
    """A plan period written after a title: （2023-2025年）."""
    m = _RANGE.search(text)
    if m is None or int(m[1]) > int(m[2]):
        return None
    return int(m[1]), int(m[2])


def section_kind(title: str) -> str | None:
    for kind, words in cues()["section_kinds"].items():
        if any(w in title for w in words):
            return str(kind)
    return None


@dataclass(frozen=True)
class Context:
    """A sentence with what governs it."""

    sentence: Piece
    unit: Unit
    section: str
    deadline: int | None
    item: int
    """Where the numbered item holding the sentence starts (its heading or list number)."""


def _opening_deadline(sentence: str) -> int | None:
    """A deadline stated as a lead clause (到2027年，... / 计划提出，到2025年，...), which
    governs the clauses and sentences after it."""
    for clause in re.split(r"[，,：:；;]", sentence)[:3]:
        if len(clause) <= 16 and (year := deadline(clause)) is not None:
            return year
    return None


def walk(text: str) -> Iterator[Context]:
    """Every sentence of the body text, in order, with its section kind and deadline."""
    stack: list[tuple[int, str]] = []  # (heading level, section kind)
    governing: tuple[int, int, bool] | None = None  # year, level set under, set by a heading
    item = 0
    laid_out = list(units(text))
    # what comes before a plan's first heading is its preamble: background and purpose
    headed = any(u.kind == "heading" and u.level == 1 for u in laid_out)
    for unit in laid_out:
        level = stack[-1][0] if stack else 0
        if unit.kind == "heading":
            while stack and stack[-1][0] >= unit.level:
                stack.pop()
            inherited = stack[-1][1] if stack else "tasks"
            kind = section_kind(unit.text) or ("tasks" if inherited == "principles" else inherited)
            stack.append((unit.level, kind))
            item = unit.start
            if governing is not None and unit.level <= governing[1]:
                governing = None
            if (year := deadline(unit.text)) is not None:
                governing = (year, unit.level, True)
            continue
        section = stack[-1][1] if stack else ("preamble" if headed else "tasks")
        if unit.number:
            item = unit.start
        if governing is not None and section != "goals" and not governing[2]:
            governing = None  # outside goals, a lead sentence governs its paragraph only
        for piece in sentences(unit):
            opening = _opening_deadline(piece.text)
            if opening is not None:
                # in a goals section the lead sentence governs the whole section
                goals = [lvl for lvl, kind in stack if kind == "goals"]
                governing = (opening, goals[0] if goals else level + 1, False)
            year = governing[0] if governing else None
            yield Context(piece, unit, section, year, item)
