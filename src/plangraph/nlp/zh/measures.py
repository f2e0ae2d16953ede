"""Measures: the instruments a Chinese plan commits to, one per action clause.

In a plan's task sections (and in a news report's account of one) an action clause opens
with an instrument verb (支持, 鼓励, 引导, 建设, 设立, 打造, 实施, 推动 ...), perhaps after an
adverb (加快, 积极, 进一步) or a frame (依托…, 围绕…) that holds the verb later on. Each
such clause is one measure, labelled by the clause as written, so that coordinated
instruments ("加快实验室体系建设，加强基础研究") are two. Headings, goals, guiding
principles, purpose clauses (为…) and clauses that promise an outcome (力争…取得突破) are
not measures. "（责任单位：省科技厅、省发展改革委）" closing an item makes its first unit
the lead, responsible for the item's measures.

>>> [m.label for m in read("（一）强化研究。加快实验室体系建设，瞄准理论前沿，加强基础研究。", "")]
['加快实验室体系建设', '加强基础研究']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from plangraph.model import Measure, MeasureCategory, Span
from plangraph.nlp.zh.clauses import Piece, clauses
from plangraph.nlp.zh.scope import Context, cues, walk

_TRIM = "，,。；;：:、 \t"
RESPONSIBLE = re.compile(
    r"[（(]\s*(?:责任单位|牵头单位|责任部门|牵头部门|负责单位)\s*[:：]([^）)]*)[）)]"
)


@cache
def categories() -> list[tuple[str, MeasureCategory]]:
    """``data/categories.json``: words that put a measure in a category, in order of
    precedence."""
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp.zh").joinpath("data/categories.json").read_text("utf-8")
    )
    return [(w, MeasureCategory(k)) for k, words in raw["categories"].items() for w in words]


def category(label: str) -> MeasureCategory:
    """The first category one of whose words the label holds.

    >>> category("设立人工智能产业投资基金").value, category("建设智能算力中心").value
    ('financial-support', 'infrastructure')
    """
    return next((c for w, c in categories() if w in label), MeasureCategory.OTHER)


def _opens_with(text: str, words: list[str]) -> str | None:
    return next((w for w in words if text.startswith(w)), None)


# what a plan or its reporter says someone will do: 上海将建设…, 措施亦鼓励…
_SUBJECT_MODAL = re.compile(r"[^，,。；;：:、]{1,12}?(?:也将|还将|亦将|将|亦|拟|还要|要)")
# what a beneficiary may receive: 企业…可按一定比例获得费用补贴
_RECEIVES = re.compile(
    r"可(?:按[^，,。]{0,10})?(?:获得|享受|申请|领取)[^，,。]{0,12}(?:补贴|奖励|资助|支持|补助|贴息)"
)


def action_start(text: str) -> int | None:
    """Where the instrument verb of an action clause starts, or None when it has none."""
    start = _action_start(text)
    if start is not None:
        return start
    # a subject and a modal before the verb, as reports and notices put it
    m = _SUBJECT_MODAL.match(text.lstrip(_TRIM))
    if m is not None:
        lead = len(text) - len(text.lstrip(_TRIM)) + m.end()
        after = _action_start(text[lead:])
        if after is not None and after <= 4:
            return lead + after
    if _RECEIVES.search(text):
        return len(text) - len(text.lstrip(_TRIM))
    return None


def _action_start(text: str) -> int | None:
    c = cues()
    verbs = sorted(c["measure_verbs"], key=len, reverse=True)
    adverbs = sorted(c["adverbs"], key=len, reverse=True)
    i = len(text) - len(text.lstrip(_TRIM))
    for _ in range(4):
        rest = text[i:]
        if _opens_with(rest, verbs):
            # 加快 is an adverb before a verb (加快建设) and a verb alone (加快进程)
            adverb = _opens_with(rest, adverbs)
            if adverb and _opens_with(rest[len(adverb) :], verbs):
                i += len(adverb)
                continue
            return i
        adverb = _opens_with(rest, adverbs)
        if adverb is None:
            break
        i += len(adverb)
    framing = _opens_with(text[i:], sorted(c["framing"], key=len, reverse=True))
    if framing is not None:
        for verb in verbs:
            at = text.find(verb, i + len(framing) + 1)
            if 0 < at <= i + 24:
                return i
    return None


def is_measure(clause: str) -> bool:
    c = cues()
    text = clause.strip(_TRIM)
    if len(text) < 4 or any(w in text for w in c["not_measures"]):
        return False
    if text.endswith(tuple(c["frames_end"])):
        return False
    if text.startswith(("为", "以", "坚持")) and action_start(text[1:]) is None:
        return False
    if text.startswith(("对", "对于", "针对")) and ("给予" in text or "予以" in text):
        return True
    return action_start(text) is not None


@dataclass
class _Item:
    start: int
    measures: list[int]


def _enumerated(clause: Piece) -> list[Piece] | None:
    """完善A、提升B、强化C等六方面: a list whose items each open with an instrument verb
    is one instrument per item (the frame before the first and the 等… after the last
    dropped); None when the clause is no such list."""
    parts, start = [], 0
    for m in re.finditer("、", clause.text):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(clause.text)))
    if len(parts) < 3:
        return None
    inner = [clause.text[a:b] for a, b in parts[1:]]
    if not all(_action_start(text) == 0 for text in inner):
        return None
    first_start, first_end = parts[0]
    first = clause.text[first_start:first_end]
    verbs = sorted(cues()["measure_verbs"], key=len, reverse=True)
    at = max((first.rfind(v) for v in verbs), default=-1)
    if at < 0:
        return None
    items = [(at, first_end), *parts[1:]]
    out = []
    for a, b in items:
        text = clause.text[a:b]
        cut = text.find("等")
        if cut > 0:
            text, b = text[:cut], a + cut
        out.append(Piece(clause.start + a, clause.start + b, text))
    return out


def _sets_figure(text: str) -> bool:
    """培育10家龙头企业: a clause that sets a figure to reach states a target."""
    from plangraph.nlp.zh.numbers import quantities

    c = cues()
    return any(not any(w in text[: q.start] for w in c["parameter"]) for q in quantities(text))


def _names_only_whom(text: str) -> bool:
    """支持华中科技大学联合重点企业: a supporting verb whose clause names only whom it
    supports, the instrument itself coming in the next clause."""
    c = cues()
    body = text.strip(_TRIM)
    verb = next((v for v in c["supporting"] if body.startswith(v)), None)
    if verb is None:
        return False
    rest = body[len(verb) :]
    return not any(v in rest for v in c["measure_verbs"])


def _conditions(pieces: list[Piece], text: str, offset: int) -> list[Piece]:
    """对首购用户，给予最高500万元支持: a condition and the support it gets are one
    instrument, labelled by both; so are a supporting verb naming whom it supports and
    what it supports them in (支持高校联合企业，开展芯片攻关)."""
    out: list[Piece] = []
    for piece in pieces:
        joined = bool(out) and (
            (
                out[-1].text.lstrip().startswith(("对", "对于", "针对"))
                and piece.text.lstrip().startswith(("给予", "予以", "按", "奖励", "补贴", "最高"))
            )
            or (_names_only_whom(out[-1].text) and _action_start(piece.text.lstrip(_TRIM)) == 0)
        )
        if joined:
            start = out[-1].start
            out[-1] = Piece(start, piece.end, text[start - offset : piece.end - offset])
            continue
        out.append(piece)
    return out


# 在提升算力运载能力方面: "in the area of raising ...", a task heading inside a sentence
_AREA = re.compile(r"在([^，,。；;：:、在]{4,24}?)方面")


def _goal_sentence(ctx: Context) -> bool:
    """A sentence a deadline opens (到2025年，…) states goals, not instruments."""
    head = re.split(r"[，,：:]", ctx.sentence.text.lstrip(), maxsplit=1)[0]
    return bool(re.search(r"(?:到|至)\s*20\d\d\s*年|20\d\d\s*年(?:底|末|前)", head))


def read_sentence(ctx: Context, written: str, found: list[Measure], leads: dict[int, str]) -> None:
    if ctx.section in ("principles", "goals", "general", "preamble") or ctx.deadline is not None:
        return  # goals, whether under a goals heading or after 到2025年 in a paragraph
    sentence = ctx.sentence
    text = RESPONSIBLE.sub(lambda m: " " * len(m.group()), sentence.text)
    evidence = Span(sentence.start, sentence.end, written[sentence.start : sentence.end])
    reporting = sorted(cues()["reporting"], key=len, reverse=True)
    if text.startswith("为") and any(w in text for w in cues()["not_measures"]):
        return  # 为…，…，现提出如下意见: the plan's purpose, not its instruments
    for area in _AREA.finditer(text):
        # 在完善算力供给体系方面，从…进行部署: a task named as the area the plan works in
        if _action_start(area.group(1)) == 0 and not _sets_figure(area.group(1)):
            start = sentence.start + area.start(1)
            label = written[start : sentence.start + area.end(1)]
            found.append(Measure(label, category(label), evidence, leads.get(ctx.item)))
    pieces = []
    for piece in _conditions(clauses(text, sentence.start), text, sentence.start):
        pieces.extend(_enumerated(piece) or [piece])
    for clause in pieces:
        body: Piece = clause
        # 《指导意见》提出，… : the report's frame is not an instrument
        if any(clause.text.rstrip().endswith(w) for w in reporting) and len(clause.text) < 16:
            continue
        if not is_measure(body.text) or _sets_figure(body.text):
            continue
        start = body.start + (len(body.text) - len(body.text.lstrip(_TRIM)))
        label = written[start : body.end].strip(_TRIM)
        if len(label) < 4:
            continue
        found.append(Measure(label, category(body.text), evidence, leads.get(ctx.item)))


def read(simplified: str, written: str = "") -> list[Measure]:
    """The measures of a whole text (without responsible actors)."""
    written = written or simplified
    found: list[Measure] = []
    for ctx in walk(simplified):
        read_sentence(ctx, written, found, {})
    return found
