#!/usr/bin/env python3
"""Check the corpus gold files against their documents.

    python corpus/check_gold.py [GOLD.json ...]

For every gold file (default: corpus/gold/*.json) it checks that the JSON parses, that
source.starts_with and source.chars match the document, that the fields follow
../shared/eval/GOLD-SCHEMA.md, that every actor is named in the text, that base values
agree with value and unit, and that the content words of every key occur near the fact
(near the number as written for quantitative entries). It also checks that documents
sharing a plan_key agree on the plan, and that "revises" names a known plan_key.
Exit status 1 when an error is found; warnings are printed but do not fail.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
ROOT = CORPUS.parent

KINDS = {"plan-translation", "news-report", "government-notice", "other"}
ACTOR_TYPES = {"GovernmentBody", "Company", "ResearchInstitution", "Person", "Region", "Other"}
CATEGORIES = {
    "financial-support",
    "policy-innovation",
    "mechanism-innovation",
    "infrastructure",
    "talent",
    "platform",
    "procurement-guidance",
    "regulation",
    "international-cooperation",
    "application-demonstration",
    "other",
}
# "at-most" is not in GOLD-SCHEMA.md's list but is pg:AtMost in CONTRACT.md ("up to",
# "no more than"); it is accepted here and the scorer ignores comparators.
COMPARATORS = {"more-than", "at-least", "about", "between", "equal", "less-than", "at-most", "none"}
STOPWORDS = {"the", "a", "an", "of", "and", "to", "in", "for", "on", "with", "by", "its", "at"}
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh crore": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
CURRENCIES = {
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "euro": "EUR",
    "won": "KRW",
    "rupee": "INR",
    "dollar": "USD",
    "$": "USD",
}
WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    15: "fifteen",
    20: "twenty",
    30: "thirty",
    50: "fifty",
    60: "sixty",
    65: "sixty-five",
    100: "one hundred",
    300: "three hundred",
}
# multipliers and ranks written as words ("triple", "a doubling", "ranked sixth")
OTHER_FORMS = {
    2: ["double", "doubling", "second"],
    3: ["triple", "three times"],
    4: ["four times"],
    6: ["sixth"],
}
WINDOW = 300


def normalise_text(raw: str, suffix: str) -> str:
    text = raw
    if suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)  # PDF hyphenation
    text = text.replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def stems(phrase: str) -> list[str]:
    words = re.sub(r"[^\w%$]+", " ", phrase.lower()).split()
    return [w[:5] for w in words if w not in STOPWORDS]


def word_starts(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for match in re.finditer(r"[\w%$]+", text.lower()):
        index.setdefault(match.group()[:5], []).append(match.start())
    return index


def near(positions: list[list[int]], centre: int | None, window: int) -> bool:
    if centre is not None:
        return all(any(abs(p - centre) <= window for p in plist) for plist in positions)
    first, *rest = positions
    return any(all(any(abs(p - q) <= window for p in plist) for plist in rest) for q in first)


def renderings(value: float) -> list[str]:
    out = []
    if float(value).is_integer():
        n = int(value)
        out += [f"{n:,}", str(n)]
        if n in WORDS:
            out += [WORDS[n], WORDS[n].capitalize()]
        out += OTHER_FORMS.get(n, [])
    else:
        out += [f"{value:,}", str(value)]
    return out


def number_positions(text: str, value: float) -> list[int]:
    found = []
    for form in renderings(value):
        pattern = r"(?<![\w.,])" + re.escape(form) + r"(?!\w|,\d|\.\d)"
        found += [m.start() for m in re.finditer(pattern, text)]
    return found


def expected_base(unit: str, value: float) -> tuple[float | None, str | None]:
    u = unit.lower()
    factor = 1.0
    for word, scale in SCALES.items():
        if word in u:
            factor = scale
            break
    currency = next((code for word, code in CURRENCIES.items() if word in u), None)
    if currency:
        return value * factor, currency
    if u in {"percent", "%"}:
        return value, "percent"
    return None, None


class Report:
    def __init__(self) -> None:
        self.errors = 0
        self.warnings = 0

    def error(self, where: str, message: str) -> None:
        self.errors += 1
        print(f"ERROR {where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings += 1
        print(f"warn  {where}: {message}")


def check_fact(report: Report, where: str, item: dict, text: str, index, numeric: bool) -> None:
    key = item.get("key", "")
    key_stems = stems(key)
    if not key_stems:
        report.error(where, "empty key")
        return
    missing = [s for s in key_stems if s not in index]
    if missing:
        report.error(where, f"key {key!r}: {missing} not in text")
        return
    positions = [index[s] for s in key_stems]
    value = item.get("value")
    if numeric and value is not None:
        centres = number_positions(text, value)
        if not centres:
            report.warn(where, f"value {value} not found as written")
            return
        if not any(near(positions, c, WINDOW) for c in centres):
            report.error(where, f"key {key!r} not within {WINDOW} characters of {value}")
        unit = item.get("unit") or ""
        base, code = expected_base(unit, value)
        if code and item.get("base_unit") != code:
            report.error(where, f"base_unit {item.get('base_unit')} but unit {unit!r} means {code}")
        if base is not None and abs(item.get("base_value", 0) - base) > abs(base) * 1e-9:
            report.error(
                where, f"base_value {item.get('base_value')} but {value} {unit} is {base:g}"
            )
        if item.get("value_max") is not None and not number_positions(text, item["value_max"]):
            report.warn(where, f"value_max {item['value_max']} not found as written")
    elif not near(positions, None, WINDOW):
        report.error(
            where, f"words of key {key!r} never occur within {WINDOW} characters of each other"
        )


def check(path: Path, report: Report, plans: dict) -> None:
    where = path.name
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        report.error(where, f"not JSON: {exc}")
        return
    for field in (
        "id",
        "source",
        "language",
        "kind",
        "jurisdiction",
        "actors",
        "targets",
        "measures",
    ):
        if field not in gold:
            report.error(where, f"missing field {field}")
    if gold.get("id") != path.stem:
        report.error(where, f"id {gold.get('id')!r} is not the file name")
    source = gold.get("source", {})
    doc = ROOT / source.get("path", "")
    if not doc.is_file():
        report.error(where, f"document {source.get('path')} not found")
        return
    if doc.stem != path.stem:
        report.error(where, f"document {doc.name} does not match the gold file name")
    raw = doc.read_text(encoding="utf-8")
    if source.get("starts_with") != raw[:60]:
        report.error(where, "starts_with is not the first 60 characters")
    if source.get("chars") != len(raw):
        report.error(where, f"chars {source.get('chars')} but the text has {len(raw)}")
    if gold.get("kind") not in KINDS:
        report.error(where, f"kind {gold.get('kind')!r}")

    text = normalise_text(raw, doc.suffix)
    lower = text.lower()
    index = word_starts(text)

    names = [a["name"] for a in gold["actors"]]
    if len(names) != len(set(names)):
        report.error(where, "duplicate actor names")
    for actor in gold["actors"]:
        label = f"{where} actor {actor['name']!r}"
        if actor.get("type") not in ACTOR_TYPES:
            report.error(label, f"type {actor.get('type')!r}")
        forms = [actor["name"], *actor.get("aliases", [])]
        for alias in actor.get("aliases", []):
            if alias.lower() not in lower:
                report.error(label, f"alias {alias!r} not in text")
        if not any(form.lower() in lower for form in forms):
            report.error(label, "neither name nor any alias occurs in the text")

    for group in ("targets", "statistics"):
        for i, item in enumerate(gold.get(group, [])):
            label = f"{where} {group}[{i}] {item.get('metric')!r}"
            if item.get("comparator", "none") not in COMPARATORS:
                report.error(label, f"comparator {item.get('comparator')!r}")
            qualitative = item.get("qualitative", False)
            if qualitative and item.get("value") is not None:
                report.error(label, "qualitative with a value")
            if not qualitative and item.get("value") is None:
                report.error(label, "quantitative without a value")
            check_fact(report, label, item, text, index, numeric=not qualitative)

    actor_names = set(names)
    for i, item in enumerate(gold.get("measures", [])):
        label = f"{where} measures[{i}] {item.get('key')!r}"
        if item.get("category") not in CATEGORIES:
            report.error(label, f"category {item.get('category')!r}")
        if item.get("actor") is not None and item["actor"] not in actor_names:
            report.error(label, f"actor {item['actor']!r} is not among the actors")
        if not 2 <= len(stems(item.get("key", ""))) <= 4:
            report.warn(label, "key should have 2-4 content words")
        check_fact(report, label, item, text, index, numeric=False)

    plan = gold.get("plan", "absent")
    if plan == "absent":
        report.error(where, "no plan extension object")
    elif plan is not None:
        for field in ("title", "issuer", "jurisdiction", "date", "period", "plan_key"):
            if field not in plan:
                report.error(where, f"plan.{field} missing")
        if plan.get("issuer") is not None and plan["issuer"] not in actor_names:
            report.error(where, f"plan issuer {plan['issuer']!r} is not among the actors")
        plans.setdefault(plan.get("plan_key"), []).append((where, plan, gold.get("revises")))


def main(argv: list[str]) -> int:
    report = Report()
    plans: dict = {}
    files = [Path(a) for a in argv] or sorted((CORPUS / "gold").glob("*.json"))
    for path in files:
        check(path, report, plans)
    for key, entries in plans.items():
        first = entries[0][1]
        for where, plan, _ in entries[1:]:
            for field in ("title", "issuer", "jurisdiction", "period"):
                if plan.get(field) != first.get(field):
                    report.warn(where, f"plan {key}: {field} differs from {entries[0][0]}")
        for where, _, revises in entries:
            if revises is not None and revises not in plans:
                report.error(where, f"revises unknown plan_key {revises!r}")
    print(
        f"{len(files)} gold files, {len(plans)} plans, "
        f"{report.errors} errors, {report.warnings} warnings"
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
