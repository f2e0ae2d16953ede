"""Actors and regions in Chinese text: a bilingual gazetteer read once, and the names of
local government bodies built from a place and a body (广东省 + 科技厅).

What is read (all in ``data/``, simplified characters; traditional text is matched
through :func:`plangraph.nlp.zh.script.simplified`):

- ``actors.json``: central bodies, companies, universities and institutes with their
  English names (the canonical names ``nlp/data/actors.json`` uses) and Chinese forms;
- ``divisions.tsv``: every province, prefecture and county with its short form and, down
  to prefectures, its English name; ``regions.json``: Chinese names of countries,
  districts and new areas ``nlp/data/regions.json`` lists in English;
- ``bodies.json``: the standard working bodies of local governments (人民政府, 发展改革委,
  科技厅 ...), named after a place (深圳市科技创新委员会) or after a bare level prefix that
  the document's jurisdiction fills in (省科技厅 in a Zhejiang plan is Zhejiang's).

A name's key is its English canonical name where one is known, else its full Chinese
name, so that one actor or region is one node across documents and languages.

>>> g = gazetteer()
>>> for hit in g.scan("工业和信息化部、国家发展改革委和深圳市科技创新委员会"):
...     print(hit.surface, hit.entry.key)
工业和信息化部 Ministry of Industry and Information Technology
国家发展改革委 National Development and Reform Commission
深圳市科技创新委员会 Shenzhen Municipal Science and Technology Innovation Commission
>>> [(h.surface, h.entry.key, len(h.candidates)) for h in g.scan("支持广东、北京朝阳区")]
[('广东', 'Guangdong', 0), ('北京', 'Beijing', 0), ('朝阳区', 'Chaoyang', 2)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from plangraph.model import ActorType, RegionLevel

_TYPES = {t.value: t for t in ActorType}


@dataclass(frozen=True)
class Place:
    """A region: its key, names in both languages, level and parent's key."""

    key: str
    zh: str
    en: str | None
    forms: tuple[str, ...]
    level: RegionLevel
    parent: str | None
    municipal: bool = False
    """A city, or a province-level municipality: its bodies are 'Municipal'."""


@dataclass(frozen=True)
class Body:
    """An actor: its key, names in both languages, type and every known form."""

    key: str
    zh: str
    en: str | None
    type: ActorType
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    entry: Place | Body
    candidates: tuple[Place, ...] = ()
    """For a county name several places share (鼓楼区), all of them."""


@dataclass(frozen=True)
class BodyKind:
    zh: str
    forms: tuple[str, ...]
    en: str


def _data(name: str) -> str:
    return resources.files("plangraph.nlp.zh").joinpath(f"data/{name}").read_text("utf-8")


@dataclass
class Gazetteer:
    forms: dict[str, list[Place | Body]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    kinds: list[tuple[str, BodyKind]] = field(default_factory=list)
    generic: re.Pattern[str] = re.compile("")
    party: re.Pattern[str] = re.compile("")
    institution: re.Pattern[str] = re.compile("")

    def add(self, form: str, entry: Place | Body) -> None:
        if len(form) < 2:
            return
        found = self.forms.setdefault(form, [])
        if entry not in found:
            found.append(entry)

    def finish(self) -> None:
        by_first: dict[str, set[int]] = {}
        for form in self.forms:
            by_first.setdefault(form[0], set()).add(len(form))
        self.lengths = {ch: tuple(sorted(n, reverse=True)) for ch, n in by_first.items()}

    def lookup(self, text: str, i: int) -> tuple[str, list[Place | Body]] | None:
        """The longest known form starting at ``i``."""
        for n in self.lengths.get(text[i], ()):
            form = text[i : i + n]
            if form in self.forms:
                return form, self.forms[form]
        return None

    def body_after(self, text: str, i: int) -> tuple[int, BodyKind | None] | None:
        """A body's name starting at ``i`` (科技厅, or any name ending in 局, 厅 ...); after
        委 or 政府, an office or department of it (委网信办, 政府港澳办) is the body."""
        for form, kind in self.kinds:
            if text.startswith(form, i):
                if form in ("委", "政府", "人民政府"):
                    office = self.party.match(text, i + len(form))
                    if office is not None:
                        return office.end(), None
                return i + len(form), kind
        m = self.generic.match(text, i)
        if m is not None and text[m.end() - 2 : m.end()] not in _NOT_BODIES:
            return m.end(), None
        return None

    def scan(self, text: str) -> list[Hit]:
        """Known names, longest first, left to right; places followed by a body's name
        are that body."""
        hits: list[Hit] = []
        i = 0
        while i < len(text):
            found = self.lookup(text, i)
            if found is None:
                i += 1
                continue
            form, entries = found
            hit = self._resolve(text, i, form, entries)
            hits.append(hit)
            i = hit.end
        return hits

    def _resolve(self, text: str, i: int, form: str, entries: list[Place | Body]) -> Hit:
        end = i + len(form)
        body = next((e for e in entries if isinstance(e, Body)), None)
        places = tuple(e for e in entries if isinstance(e, Place))
        if body is not None:
            # a body of a central organ in a place: 中国人民银行山东省分行
            after = self.lookup(text, end) if end < len(text) else None
            if after is not None and any(isinstance(e, Place) for e in after[1]):
                tail = self.body_after(text, end + len(after[0]))
                if tail is not None and tail[1] is None:
                    whole = text[i : tail[0]]
                    return Hit(i, tail[0], whole, Body(whole, whole, None, body.type, (whole,)))
            return Hit(i, end, form, body)
        place = places[0]
        start = i - 2 if text[max(0, i - 2) : i] == "中共" else i
        tail = self.body_after(text, end)
        if tail is not None and len(places) == 1:
            stop, kind = tail
            return Hit(start, stop, text[start:stop], self.local_body(place, kind, text[end:stop]))
        return Hit(i, end, form, place, places if len(places) > 1 else ())

    def local_body(self, place: Place, kind: BodyKind | None, written: str) -> Body:
        """A local government body: its full Chinese name, and its English name where the
        kind of body and the place's English name are known."""
        zh = place.zh + (kind.zh if kind is not None else written)
        en = None
        if (
            kind is not None
            and place.en
            and place.level in (RegionLevel.PROVINCE, RegionLevel.CITY)
            and not place.zh.endswith(("自治区", "自治州", "特别行政区", "地区", "盟"))
        ):
            adjective = "Municipal" if place.municipal else "Provincial"
            named = f"{place.en} {adjective}"
            en = kind.en.replace("{of}", named) if "{of}" in kind.en else f"{named} {kind.en}"
        kind_type = ActorType.GOVERNMENT
        return Body(en or zh, zh, en, kind_type, (zh,))

    def body_for(self, prefix: str, written: str, jurisdiction: Place | None) -> Body | None:
        """省科技厅, 市政府: a body named with a bare level prefix, in the document's
        jurisdiction (the province for 省, the city for 市), if it has one."""
        kind = next((k for f, k in self.kinds if written == f), None)
        place = None
        if jurisdiction is not None:
            if prefix == "省":
                place = (
                    jurisdiction
                    if jurisdiction.level is RegionLevel.PROVINCE
                    else (self.places.get(jurisdiction.parent or ""))
                )
                if place is not None and place.municipal:
                    place = None
            elif (prefix == "市" and jurisdiction.municipal) or (
                prefix in ("区", "县") and jurisdiction.level is RegionLevel.DISTRICT
            ):
                place = jurisdiction
        if place is None:
            return None
        return self.local_body(place, kind, written)


# 格局, 布局: words ending like a body's name that are not bodies
_NOT_BODIES = frozenset({"格局", "布局", "结局", "开局", "当局", "僵局", "大局", "全局", "邮局"})


def _places(g: Gazetteer) -> None:
    raw: dict[str, Any] = json.loads(_data("regions.json"))
    stoplist = set(raw["short_form_stoplist"])
    generic = set(raw["generic_counties"])
    english = {p["en"]: p for p in raw["places"]}
    english_parent = {
        r["name"]: r["parent"]
        for r in json.loads(
            resources.files("plangraph.nlp").joinpath("data/regions.json").read_text("utf-8")
        )["regions"]
    }
    rows = [line.split("\t") for line in _data("divisions.tsv").splitlines()[1:] if line]
    by_code = {r[0]: r for r in rows}
    taken_en = {r[5] for r in rows if r[5]}
    zh_count: dict[str, int] = {}
    for r in rows:
        zh_count[r[3]] = zh_count.get(r[3], 0) + 1
    key_of: dict[str, str] = {}
    for code, level, parent, zh, short, en in rows:
        if zh in generic or short in generic:
            continue
        parent_key = key_of.get(parent, "China") if parent else "China"
        if level == "District":
            named = next((k for k, p in english.items() if p["zh"] == zh), None)
            if named is not None and (
                zh_count[zh] == 1 or english_parent.get(named) == key_of.get(parent)
            ):
                key = named
            elif zh_count[zh] == 1:
                key = zh
            else:  # 鼓楼区 of several cities: named with its city, as Chinese does
                key = (by_code[parent][3] if parent in by_code else "") + zh
        else:
            key = en
        key_of[code] = key
        municipal = level == "City" or zh in {"北京市", "上海市", "天津市", "重庆市"}
        forms = [zh]
        if level != "District" and short and short not in stoplist and len(short) >= 2:
            forms.append(short)
        if level == "District" and key in english:
            forms += english[key]["aliases"]
        place = Place(
            key,
            zh,
            en or (key if key in english or key in taken_en else None),
            tuple(forms),
            RegionLevel(level),
            parent_key,
            municipal,
        )
        g.places.setdefault(key, place)
        for form in forms:
            g.add(form, place)
        if key in english:
            parent_key = english_parent.get(key) or parent_key
            g.places[key] = place = Place(
                key, zh, key, place.forms, place.level, parent_key, place.municipal
            )
    for en, p in english.items():
        if en in g.places:
            continue
        place = Place(en, p["zh"], en, (p["zh"], *p["aliases"]), RegionLevel.COUNTRY, None)
        if (en != "China" and p["zh"].endswith(("区", "新区"))) or en in {"Hengqin", "Qianhai"}:
            place = Place(en, p["zh"], en, place.forms, RegionLevel.DISTRICT, None)
        g.places[en] = place
        for form in place.forms:
            g.add(form, place)


def _actors(g: Gazetteer) -> None:
    raw: dict[str, Any] = json.loads(_data("actors.json"))
    for a in raw["actors"]:
        body = Body(a["en"], a["zh"], a["en"], _TYPES[a["type"]], (a["zh"], *a["aliases"]))
        g.bodies[body.key] = body
        for form in body.forms:
            g.add(form, body)


def _kinds(g: Gazetteer) -> None:
    raw: dict[str, Any] = json.loads(_data("bodies.json"))
    kinds = [
        (form, BodyKind(b["zh"], tuple(b["forms"]), b["en"]))
        for b in raw["bodies"]
        for form in b["forms"]
    ]
    g.kinds = sorted(kinds, key=lambda fk: len(fk[0]), reverse=True)
    stop = re.escape(raw["stop"])
    suffixes = "|".join(sorted(raw["suffixes"], key=len, reverse=True))
    g.generic = re.compile(rf"[^{stop}\d]{{0,10}}?(?:{suffixes})")
    continuation = "|".join(sorted(raw["continuation"], key=len, reverse=True))
    g.party = re.compile(rf"[^{stop}\d]{{1,14}}?(?:{continuation})(?![\u4e00-\u9fff]{{0,1}}[长员])")
    g.institution = re.compile(
        rf"[^{stop}\d]{{1,10}}?(?:大学|学院|研究院|研究所|实验室|科学院|研究中心|创新中心|有限公司|公司|集团)"
    )


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process and never changed after."""
    g = Gazetteer()
    _places(g)
    _actors(g)
    _kinds(g)
    g.finish()
    return g


def iter_places(g: Gazetteer) -> Iterator[Place]:
    yield from g.places.values()
