"""Names in a Chinese document: gazetteer hits become actor and region mentions, bodies
named by a bare level prefix (省科技厅) are read in the plan's jurisdiction, and
"（责任单位：…）" makes its first body the lead of its item.

>>> facts = ZhFacts()
>>> text = "深圳市科技创新委员会、华为和腾讯"
>>> read_names(text, text, set(range(len(text) + 1)), facts)
>>> for m in facts.actors:
...     print(m.name, m.type.value, m.surface)
Shenzhen Municipal Science and Technology Innovation Commission GovernmentBody 深圳市科技创新委员会
Huawei Company 华为
Tencent Company 腾讯
>>> dict(facts.labels)["Huawei"]
(('en', 'Huawei'), ('zh', '华为'))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from plangraph.model import ActorType
from plangraph.nlp.mentions import ActorMention, DocFacts, RegionMention
from plangraph.nlp.zh.measures import RESPONSIBLE
from plangraph.nlp.zh.names import Body, Hit, Place, gazetteer
from plangraph.nlp.zh.scope import walk

_BARE = re.compile(r"(?<![各全本城辖该地外湾社园街小郊矿新老市省区县州上级山校])([省市区县])")
# an enumerated institution: 支持华中科技大学、湖北人形机器人创新中心等
_LISTED = re.compile(
    r"(?:(?<=[、，,：:（(])|(?<=支持)|(?<=联合)|(?<=依托)|(?<=推动)|(?<=鼓励))"
    r"([^、，,。；;：:（）()\s的和与及等]{2,18}?"
    r"(?:大学|研究院|研究所|实验室|创新中心|有限公司|股份公司|集团))(?=[、，,。；;）)等和与及]|$)"
)
_INSTITUTION_TYPES = {
    "创新中心": ActorType.RESEARCH,
    "股份公司": ActorType.COMPANY,
    "大学": ActorType.RESEARCH,
    "学院": ActorType.RESEARCH,
    "研究院": ActorType.RESEARCH,
    "研究所": ActorType.RESEARCH,
    "实验室": ActorType.RESEARCH,
    "科学院": ActorType.RESEARCH,
    "研究中心": ActorType.RESEARCH,
    "有限公司": ActorType.COMPANY,
    "公司": ActorType.COMPANY,
    "集团": ActorType.COMPANY,
}


@cache
def _people_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name after a post and before a verb of saying; and the same name alone before
    one (蔡剑峰表示), once the person is known."""
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp.zh").joinpath("data/people.json").read_text("utf-8")
    )
    surnames = "".join(raw["surnames"])
    posts = "|".join(sorted(raw["posts"], key=len, reverse=True))
    speech = "|".join(sorted(raw["speech"], key=len, reverse=True))
    named = re.compile(rf"(?:{posts})([{surnames}][\u4e00-\u9fff]{{1,2}}?)(?={speech})")
    return named, re.compile(rf"(?={speech})")


def read_people(text: str, written: str, facts: DocFacts) -> list[tuple[int, int]]:
    """People named after their post and before what they say; their spans."""
    named, _ = _people_patterns()
    spans: list[tuple[int, int]] = []
    known: set[str] = set()
    for m in named.finditer(text):
        known.add(m[1])
    for name in sorted(known, key=len, reverse=True):
        for at in (i.start() for i in re.finditer(re.escape(name), text)):
            if any(a <= at < b for a, b in spans):
                continue
            end = at + len(name)
            spans.append((at, end))
            facts.actors.append(ActorMention(name, ActorType.PERSON, written[at:end], at, end))
            if isinstance(facts, ZhFacts):
                facts.labels[name] = (("zh", name),)
    return spans


@dataclass
class ZhFacts(DocFacts):
    """The records of a Chinese document, with each name's labels in both languages."""

    labels: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    bare: list[tuple[int, int, str, str]] = field(default_factory=list)


def _label(key: str, zh: str, en: str | None) -> tuple[tuple[str, str], ...]:
    return (("en", en), ("zh", zh)) if en else (("zh", zh),)


def _institution(text: str, hit: Hit, written: str) -> tuple[int, Body] | None:
    """A university, institute or company named after a place: 北京智源人工智能研究院."""
    g = gazetteer()
    m = g.institution.match(text, hit.end)
    if m is None:
        return None
    name = text[hit.start : m.end()]
    kind = next(t for suffix, t in _INSTITUTION_TYPES.items() if name.endswith(suffix))
    if len(name) - len(hit.surface) < 2:
        return None
    surface = written[hit.start : m.end()]
    return m.end(), Body(name, name, None, kind, (surface,))


def read_names(text: str, written: str, boundaries: set[int], facts: DocFacts) -> None:
    """Actor and region mentions of a simplified text (cut from ``written``)."""
    g = gazetteer()
    zh = facts if isinstance(facts, ZhFacts) else None
    people = read_people(text, written, facts)
    for hit in g.scan(text):
        if hit.start not in boundaries and not text.startswith("中共", hit.start):
            continue
        if any(a < hit.end and hit.start < b for a, b in people):
            continue  # 金华 the analyst, not Jinhua the city
        entry = hit.entry
        if isinstance(entry, Place):
            institution = _institution(text, hit, written)
            if institution is not None:
                end, body = institution
                facts.actors.append(
                    ActorMention(body.key, body.type, written[hit.start : end], hit.start, end)
                )
                if zh is not None:
                    zh.labels[body.key] = (("zh", body.zh),)
                continue
            if hit.end not in boundaries:
                continue
            if hit.candidates:
                if zh is not None:
                    zh.hits.append(hit)
                continue
            facts.regions.append(
                RegionMention(
                    entry.key,
                    written[hit.start : hit.end],
                    entry.level,
                    entry.parent,
                    hit.start,
                    hit.end,
                )
            )
            if zh is not None:
                zh.labels[entry.key] = _label(entry.key, entry.zh, entry.en)
                zh.aliases[entry.key] = entry.forms
                zh.hits.append(hit)
            continue
        facts.actors.append(
            ActorMention(entry.key, entry.type, written[hit.start : hit.end], hit.start, hit.end)
        )
        if zh is not None:
            zh.labels[entry.key] = _label(entry.key, entry.zh, entry.en)
            zh.aliases[entry.key] = entry.forms
            zh.hits.append(hit)
    # institutions listed by name with no place before them
    taken = [(m.start, m.end) for m in facts.actors]
    verbs = ("建设", "打造", "组建", "设立", "培育", "布局", "支持", "推动", "创建", "争创", "筹建")
    for m in _LISTED.finditer(text):
        name = m[1]
        if name.startswith(verbs) or any(a < m.end(1) and m.start(1) < b for a, b in taken):
            continue
        if m.start(1) not in boundaries:
            continue
        kind = next(t for suffix, t in _INSTITUTION_TYPES.items() if name.endswith(suffix))
        facts.actors.append(
            ActorMention(name, kind, written[m.start(1) : m.end(1)], m.start(1), m.end(1))
        )
        if zh is not None:
            zh.labels[name] = (("zh", name),)
    # 省科技厅, 市政府: bodies named with a bare level prefix, read once the plan is known
    if zh is not None:
        taken = [(h.start, h.end) for h in zh.hits]
        for m in _BARE.finditer(text):
            start = m.start()
            if any(a <= start < b for a, b in taken):
                continue
            after = g.body_after(text, m.end())
            if after is None:
                continue
            end = after[0]
            zh.bare.append((start, end, m[1], text[m.end() : end]))


def resolve_leads(text: str, written: str, facts: DocFacts) -> None:
    """Bare-prefix bodies in the plan's jurisdiction; ambiguous county names by the places
    the document names; "（责任单位：…）" leads."""
    if not isinstance(facts, ZhFacts):
        return
    g = gazetteer()
    plan = facts.plan
    jurisdiction = g.places.get(plan.jurisdiction or "") if plan is not None else None
    for start, end, prefix, written_body in facts.bare:
        body = g.body_for(prefix, written_body, jurisdiction)
        surface = written[start:end]
        if body is None:
            # no jurisdiction to read it in: the body under its own words
            name = text[start:end]
            body = Body(name, name, None, ActorType.GOVERNMENT, (surface,))
        facts.actors.append(ActorMention(body.key, body.type, surface, start, end))
        facts.labels[body.key] = _label(body.key, body.zh, body.en)
        facts.hits.append(Hit(start, end, surface, body))
    named = {m.name for m in facts.regions} | (
        {plan.jurisdiction} if plan and plan.jurisdiction else set()
    )
    for hit in [h for h in facts.hits if h.candidates]:
        chosen = [p for p in hit.candidates if p.parent in named]
        if len(chosen) == 1:
            place = chosen[0]
            facts.regions.append(
                RegionMention(
                    place.key,
                    written[hit.start : hit.end],
                    place.level,
                    place.parent,
                    hit.start,
                    hit.end,
                )
            )
            facts.labels[place.key] = _label(place.key, place.zh, place.en)
    _leads(text, facts)


# an item closing with the bodies that carry it out: …。（省商务厅、省政府港澳办）
_CLOSING = re.compile(r"[（(]([^（）()]{3,80})[)）]\s*(?=\n|$)")


def _leads(text: str, facts: ZhFacts) -> None:
    items = [ctx.item for ctx in walk(text)]
    found = list(RESPONSIBLE.finditer(text))
    for m in _CLOSING.finditer(text):
        listed = re.split(r"[；;]", m[1])[0]
        parts = [p for p in re.split(r"[、，,]", listed) if p.strip()]
        end = m.start(1) + len(listed)
        named = [h for h in facts.hits if m.start(1) <= h.start < end and isinstance(h.entry, Body)]
        if parts and len(named) >= len(parts) and not RESPONSIBLE.match(m.group()):
            found.append(m)
    for m in found:
        inside = [
            h for h in facts.hits if m.start(1) <= h.start < m.end(1) and isinstance(h.entry, Body)
        ]
        if not inside:
            continue
        first = min(inside, key=lambda h: h.start)
        item = max((i for i in items if i <= m.start()), default=0)
        facts.leads.append((item, m.end(), first.entry.key))
