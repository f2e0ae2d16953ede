"""The plan a document reports: title, issuer, jurisdiction, date and period.

Titles are read from quotation after "titled"/"entitled"/"called" or from capitalised
names ending in a plan word ("... Action Plan"); the issuer from "issued by X" or "X
issued/released/unveiled"; the date from the sentence ("on Tuesday", resolved against
the document's date) or the document.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from plangraph.ingest.metadata import parse_date
from plangraph.model import ActorType, Plan, Span
from plangraph.nlp import clauses
from plangraph.nlp.actors import gazetteer
from plangraph.nlp.mentions import ActorMention, DocFacts
from plangraph.nlp.names import fold, head_word
from plangraph.nlp.quantities import parse_period

_PLAN_WORDS = (
    r"(?:plan|guideline|guidelines|opinions|measures|strategy|programme|program|"
    r"blueprint|roadmap|notice|mission|policy|scheme|initiative|outline)"
)
_QUOTED_TITLE = re.compile(
    r"(?:titled|entitled|called|named|dubbed|the)\s*,?\s*[\"“]([^\"”]{8,200}?)[,.]?[\"”]",
    re.IGNORECASE,
)
_NAMED_TITLE = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|on|to|and|the|in|a|an)\s+)*){1,14}?"
    r"(?:Action Plan|Implementation Plan|Development Plan|Plan|Guidelines?|Opinions|Measures|"
    r"Strategy|Programme|Program|Mission|Outline|Roadmap)"
    r"(?:\s+(?:for|on|of|to)\s+(?:the\s+)?(?:[A-Z][\w'’-]*|and|of|the|in|for|to)(?:\s+(?:[A-Z][\w'’-]*|and|of|the|in|for|to))*)?"
    r"(?:\s*\(\s*20\d\d\s*[-–—]\s*20\d\d\s*\))?)"
)
_ISSUED_BY = re.compile(
    rf"{_PLAN_WORDS}\b[^.]{{0,80}}?\b(?:issued|released|unveiled|published|announced|"
    r"launched|jointly issued|drawn up|formulated)\s+by\s+",
    re.IGNORECASE,
)
_ISSUER_VERB = re.compile(
    r"\b(?:issued|released|unveiled|published|announced|launched|rolled out|printed and "
    r"distributed|presented|adopted|approved)\b",
    re.IGNORECASE,
)
_ISSUED_LINE = re.compile(
    r"(?im)^[ \t*_>]*(?:(?:jointly\s+)?issued\s+by\s*:?|adopted\s+(?:at|by)\b)\s*(.+)$"
)
# a translation's header names its issuer on a line of its own: "General Office of the X
# People's Government", "Source: X People's Government (unofficial translation)",
# "X People's Government | 2024-07-09 | Unofficial translation"
_HEADER_FIELD = re.compile(
    r"^\s*(?:(?:source|issuer|issued by|from|author)\s*:\s*)?(.+?)\s*(?:\(.*\))?\s*$", re.I
)
# one plan named by its kind: "An implementation plan ... was announced", "according to
# the plan", "This plan aims to", "the plan (also) states/proposes"
_ONE_PLAN = re.compile(
    rf"\b(?:(?:an?|the|this)\s+(?:[\w-]+\s+){{0,2}}{_PLAN_WORDS}\b[^.;]{{0,160}}?"
    r"\b(?:was|were|has been|have been)\s+(?:issued|released|unveiled|published|announced|"
    r"launched|adopted)\b|\baccording to the plan\b|\b[Tt]his plan (?:aims|sets|is)\b|"
    rf"\bthe {_PLAN_WORDS} (?:also\s+)?(?:states|proposes|says|sets out|calls for)\b)",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PLAN_MENTION = re.compile(rf"\b{_PLAN_WORDS}\b", re.IGNORECASE)


def _issuer_in_title(title: str | None, facts: DocFacts) -> ActorMention | None:
    """ "Notice of the General Office of the Zhejiang Provincial People's Government on
    Issuing ...", "Implementation Opinions of the People's Government of Guangdong Province
    on ...": a notice's or opinions' title names who issues it."""
    if not title or not re.match(
        r"^(?:(?:Implementation|Guiding)\s+)?(?:Notice|Circular|Opinions|Decision|Reply)\s+of\s",
        title,
    ):
        return None
    bodies = [
        m
        for m in facts.actors
        if m.type is ActorType.GOVERNMENT and (m.surface in title or m.name in title)
    ]
    return max(bodies, key=lambda m: len(m.surface), default=None)


def _header_issuer(text: str, bodies: list[ActorMention]) -> tuple[ActorMention, Span] | None:
    """A body that a header line (before the first blank line) names on its own or as
    one of its "|" fields."""
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip() or number >= 5:
            return None
        position = offset
        for field in line.split("|"):
            match = _HEADER_FIELD.match(field)
            start = position + (match.start(1) if match else 0)
            position += len(field) + 1
            if match is None:
                continue
            end = start + len(match[1])
            found = next(
                (m for m in bodies if abs(m.start - start) <= 4 and m.end >= end - 1), None
            )
            if found is not None:
                return found, Span(offset, offset + len(line), line)
        offset += len(line) + 1
    return None


def _dateline(text: str, start: int, end: int) -> bool:
    """ "LONDON - ...", "SUZHOU, Oct 15 - ...": a place in capitals opening a line."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        not text[line_start:start].strip()
        and text[start:end].isupper()
        and bool(re.match(r"\s*(?:[-–—,]|\()", text[end : end + 3]))
    )


def _looks_back(sent: Span | None, published: str | None) -> bool:
    """Whether the sentence that names the plan dates it two or more years before the
    document ("published ... in 2017", read in 2024)."""
    if sent is None or published is None:
        return False
    years = [int(y) for y in re.findall(r"\bin\s+((?:19|20)\d\d)\b", sent.text)]
    return bool(years) and max(years) <= int(published[:4]) - 2


def resolve_weekday(weekday: str, published: str) -> str | None:
    """ "on Tuesday" in a report published on ``published``: that day or the one before it.

    >>> resolve_weekday("Tuesday", "2023-05-30"), resolve_weekday("Monday", "2023-05-30")
    ('2023-05-30', '2023-05-29')
    """
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return None
    wanted = _WEEKDAYS.index(weekday.lower())
    return (day - timedelta(days=(day.weekday() - wanted) % 7)).isoformat()


class PlanFinder:
    """The ``plangraph_plans`` component's logic."""

    def __call__(self, doc: Doc) -> Doc:
        facts: DocFacts = doc._.pg
        published = doc.user_data.get("pg_date")
        doc_title = doc.user_data.get("pg_title")
        title, title_span = self._title(doc, doc_title)
        heads = [
            doc_title,
            *[line for line in clauses.doc_text(doc).split("\n", 8)[:8] if line.strip()][:5],
        ]
        issuer = next((found for line in heads if (found := _issuer_in_title(line, facts))), None)
        issuer_sent = None
        if issuer is None:
            issuer, issuer_sent = self._issuer(doc, facts)
        reported = None
        if title is None and issuer is None:
            reported = self._reported_plan(doc, facts)
            if reported is None:
                # a text that names no plan and no issuer compares plans or reports on
                # none: giving its figures one invented plan would merge goals of many
                return doc
            issuer_sent = reported
        if _looks_back(issuer_sent or title_span, published):
            # "When the State Council published its plan in 2017, ..." in a 2024 piece: the
            # plan is background to a commentary, not the plan the text reports
            return doc
        jurisdiction = self._jurisdiction(issuer, facts, clauses.doc_text(doc))
        when = self._date(issuer_sent, published)
        period = parse_period(title or "") or parse_period(doc_title or "")
        evidence = issuer_sent or title_span
        facts.plan = Plan(
            title=title,
            issuer=issuer.name if issuer else None,
            jurisdiction=jurisdiction,
            date=when,
            evidence=evidence,
            period=period,
        )
        return doc

    def _reported_plan(self, doc: Doc, facts: DocFacts) -> Span | None:
        """ "An implementation plan for ... in Beijing was announced on May 30", "according
        to the plan", "This plan aims to ...": one plan, reported without its title or
        issuer, in a text about one place (most of the places it names are that one)."""
        regions = [r.name for r in facts.regions if r.level is not None]
        if not regions:
            return None
        top = max(set(regions), key=regions.count)
        if regions.count(top) * 2 < len(regions):
            return None  # a text about many places compares their plans
        for sent in doc.sents:
            if _ONE_PLAN.search(clauses.text_of(sent)):
                return clauses.evidence(sent)
        return None

    def _title(self, doc: Doc, doc_title: str | None) -> tuple[str | None, Span | None]:
        for sent in doc.sents:
            match = _QUOTED_TITLE.search(clauses.text_of(sent))
            if match and (
                re.search(r"titled|entitled|called|named|dubbed", match[0], re.I)
                or _PLAN_MENTION.search(match[1])
            ):
                return match[1].strip(), clauses.evidence(sent)
        for sent in doc.sents:
            match = _NAMED_TITLE.search(clauses.text_of(sent))
            if match and len(match[1].split()) >= 3:
                return match[1].strip(), clauses.evidence(sent)
        if (
            doc_title
            and _PLAN_MENTION.search(doc_title)
            and not re.search(r"\b(?:says|said|unveils|aims|eyes|targets|to)\b", doc_title)
            and re.fullmatch(
                _PLAN_WORDS, head_word(re.sub(r"\s*\([^)]*\)\s*$", "", doc_title)), re.I
            )
        ):
            # "... Action Plan (2024-2026)" names a plan; "POLICY BRIEF No. 7" does not
            return doc_title, None
        return None, None

    def _issuer(self, doc: Doc, facts: DocFacts) -> tuple[ActorMention | None, Span | None]:
        bodies = [m for m in facts.actors if m.type is ActorType.GOVERNMENT]
        header = _header_issuer(clauses.doc_text(doc), bodies)
        if header is not None:
            return header
        # a translation's header line: "Issued by the General Office of ..."
        for line in _ISSUED_LINE.finditer(clauses.doc_text(doc)):
            found = next((m for m in bodies if line.start(1) <= m.start < line.end()), None)
            if found is not None:
                sent = doc.char_span(line.start(), line.end(), alignment_mode="expand")
                span = clauses.evidence(sent) if sent else None
                return found, span
        for sent in doc.sents:
            match = _ISSUED_BY.search(clauses.text_of(sent))
            if match is None:
                continue
            at = sent.start_char + match.end()
            found = next((m for m in bodies if at <= m.start <= at + 5), None)
            if found is not None:
                return found, clauses.evidence(sent)
        for sent in doc.sents:
            if not _PLAN_MENTION.search(clauses.text_of(sent)):
                continue
            verb = _ISSUER_VERB.search(clauses.text_of(sent))
            if verb is None:
                continue
            at = sent.start_char + verb.start()
            before = [m for m in bodies if sent.start_char <= m.start < at]
            if before:
                return before[-1], clauses.evidence(sent)
        return None, None

    def _jurisdiction(self, issuer: ActorMention | None, facts: DocFacts, text: str) -> str | None:
        gaz = gazetteer()
        if issuer is not None:
            governed = gaz.governed.get(fold(issuer.name))
            if governed is not None:
                return governed
            # "General Office of the Anhui Provincial People's Government",
            # "Hefei Municipal Bureau of ...": the place the issuer's own name carries
            named = [r for r in gaz.regions_in(issuer.name) if r.level is not None]
            if named:
                return named[0].name
            # a national body (a ministry) issues for its country
            country = gaz.countries.get(issuer.name)
            if country is not None:
                return country
        counts: dict[str, int] = {}
        # "LONDON - The British government ...": a dateline says where the report was
        # filed, not where the plan applies
        regions = [r for r in facts.regions if not _dateline(text, r.start, r.end)]
        for region in regions:
            counts[region.name] = counts.get(region.name, 0) + 1
        if not counts:
            return None
        first = regions[0].name
        if counts[first] == max(counts.values()):
            return first
        return max(counts, key=counts.__getitem__)

    def _date(self, sent: Span | None, published: str | None) -> str | None:
        """ "issued ... on Tuesday" against the document's date; "Issued by the State
        Council on 8 July 2017": the date the issuing sentence states; else the
        document's own."""
        if sent is None:
            return published
        match = re.search(r"\bon\s+(" + "|".join(_WEEKDAYS) + r")\b", sent.text, re.I)
        if match and published is not None:
            return resolve_weekday(match[1], published)
        found = parse_date(sent.text)
        if found is None and published is not None:
            # "announced on May 30" in a report of 2023-06-02: that year's May 30
            day = re.search(r"\bon\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\b", sent.text)
            if day:
                found = parse_date(f"{day[1]} {day[2]}, {published[:4]}")
                if found is not None and found > published:
                    found = parse_date(f"{day[1]} {day[2]}, {int(published[:4]) - 1}")
        return found or published
