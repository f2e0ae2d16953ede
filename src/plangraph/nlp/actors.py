"""Actors and regions: named entities resolved to canonical names and typed.

The gazetteer (``data/actors.json``, ``data/regions.json``) names well-known actors and
every region; everything else is found by the statistical NER and typed by the head noun
of its own name ("... Academy of Social Sciences"), by its context ("companies such as
X") and, for people, by their form. Governments named through their place ("the Beijing
municipal government") resolve to the official name of that place's government.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from plangraph.model import ActorType, Affiliation
from plangraph.nlp import clauses
from plangraph.nlp.lexicon import GazetteerRegion, lexicon
from plangraph.nlp.mentions import ActorMention, DocFacts, RegionMention
from plangraph.nlp.names import clean_surface, fold, head_word, looks_like_person, type_by_head
from plangraph.nlp.sections import is_heading

_GOVERNMENT_WORDS = [
    "municipal",
    "provincial",
    "city",
    "local",
    "regional",
    "district",
    "county",
    "autonomous",
    "region",
    "people",
    "'s",
    "’s",
]
_LEAD_UNIT = re.compile(
    r"[(（]\s*(?:responsible|lead(?:ing)?)(?:\s+(?:units?|departments?|bodies|body))?\s*[:：]"
    r"\s*([^)）\n]+)[)）]",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?m)(?:^|\|)[ \t]*By\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})(?=\s*(?:[|,;\n]|$|and\b))"
)
_TITLES = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Prof|Professor|Sir|Madam)\.?\s+")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]$")


@dataclass(frozen=True)
class Gazetteer:
    """Lookups by folded name, built once from the lexicon."""

    actors: dict[str, tuple[str, ActorType]]
    regions: dict[str, GazetteerRegion]
    governed: dict[str, str]
    """Folded name of a region's government -> the region's name."""
    countries: dict[str, str]
    """Canonical name of a national body -> its country."""

    def regions_in(self, name: str) -> list[GazetteerRegion]:
        """Regions a name mentions, the longest-named first ("Hefei", "Anhui")."""
        words = fold(name).split()
        found: dict[str, GazetteerRegion] = {}
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                region = self.regions.get(" ".join(words[i : i + size]))
                if region is not None:
                    found.setdefault(region.name, region)
        return sorted(found.values(), key=lambda r: _LEVEL_ORDER.get(r.kind, 9))

    def actor(self, text: str) -> tuple[str, ActorType] | None:
        return self.actors.get(fold(text))

    def region(self, text: str) -> GazetteerRegion | None:
        key = fold(text)
        return self.regions.get(key) or self.regions.get(
            re.sub(r" (?:province|city|municipality)$", "", key)
        )


# the most specific place first: a district's body before its city's, a city's before its
# province's
_LEVEL_ORDER = {
    "district": 0,
    "new-area": 0,
    "city": 1,
    "municipality": 2,
    "province": 3,
    "autonomous-region": 3,
    "special-administrative-region": 3,
    "country": 4,
    "supranational": 5,
}


@cache
def gazetteer() -> Gazetteer:
    lex = lexicon()
    actors: dict[str, tuple[str, ActorType]] = {}
    regions: dict[str, GazetteerRegion] = {}
    governed: dict[str, str] = {}
    for region in lex.regions:
        for form in (region.name, *region.aliases):
            regions.setdefault(fold(form), region)
        if region.level is not None:
            governed.setdefault(fold(region.government), region.name)
            if region.kind != "country":
                actors.setdefault(
                    fold(region.government), (region.government, ActorType.GOVERNMENT)
                )
    for actor in lex.actors:
        for form in (actor.name, *actor.aliases):
            actors.setdefault(fold(form), (actor.name, actor.type))
    countries = {a.name: a.country for a in lex.actors if a.country}
    return Gazetteer(actors, regions, governed, countries)


def ruler_patterns() -> list[dict[str, object]]:
    """EntityRuler patterns for the gazetteer. A name's first word must match in case (so
    "MOST" is not "most" and "Scale AI" is not "scale AI"); the other words of a longer
    name match in any case ("Beijing Municipal Government", "Beijing municipal government")."""
    lex = lexicon()
    patterns: list[dict[str, object]] = []

    def add(label: str, form: str, ident: str) -> None:
        # phrase patterns (hashed, fast): the name as listed, and with the words after the
        # first in lower and in title case; the first word keeps its case
        first, _, rest = form.partition(" ")
        variants = {form}
        if rest:
            variants |= {f"{first} {rest.lower()}", f"{first} {rest.title()}"}
        patterns.extend({"label": label, "pattern": v, "id": ident} for v in sorted(variants))

    for actor in lex.actors:
        for form in (actor.name, *actor.aliases):
            add("ORG", form, actor.name)
    for region in lex.regions:
        for form in (region.name, *region.aliases):
            add("GPE", form, region.name)
    return patterns


def government_matcher(vocab: Vocab) -> Matcher:
    """ "the Beijing municipal government", "Zhejiang Provincial People's Government",
    "People's Government of Hubei Province"."""
    matcher = Matcher(vocab)
    matcher.add(
        "PLACE_GOVERNMENT",
        [
            [
                {"ENT_TYPE": "GPE", "OP": "+"},
                {"LOWER": {"IN": _GOVERNMENT_WORDS}, "OP": "*"},
                {"LOWER": "government"},
            ]
        ],
    )
    matcher.add(
        "GOVERNMENT_OF_PLACE",
        [
            [
                {"LOWER": "people"},
                {"LOWER": {"IN": ["'s", "’s"]}},
                {"LOWER": "government"},
                {"LOWER": "of"},
                {"LOWER": "the", "OP": "?"},
                {"ENT_TYPE": "GPE", "OP": "+"},
                {
                    "LOWER": {"IN": ["province", "municipality", "city", "autonomous", "region"]},
                    "OP": "*",
                },
            ]
        ],
    )
    return matcher


def _region_in(span: SpacySpan) -> GazetteerRegion | None:
    for ent in span.ents:
        if ent.label_ == "GPE" and (region := gazetteer().region(ent.text)):
            return region
    return None


class ActorFinder:
    """The ``plangraph_actors`` component's logic."""

    def __init__(self, vocab: Vocab) -> None:
        self.matcher = government_matcher(vocab)
        self.lex = lexicon()
        self.gaz = gazetteer()
        # one-word heads that make a body of a place's name: "Zhengzhou University"
        self._heads = frozenset(
            h for h in (*self.lex["research_heads"], *self.lex["government_heads"]) if " " not in h
        )

    def __call__(self, doc: Doc) -> Doc:
        facts: DocFacts = doc._.pg
        taken: list[tuple[int, int]] = []
        text = clauses.doc_text(doc)
        governments = list(self._governments(doc))
        for mention in (*self._place_organisations(doc, governments), *governments):
            if any(s < mention.end and mention.start < e for s, e in taken):
                continue
            facts.actors.append(mention)
            taken.append((mention.start, mention.end))
        for ent in _joined_units(list(doc.ents)):
            if any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue  # part of a body already read whole ("The [Science and Technology
                # Commission] of Shanghai Municipality")
            if (
                ent.label_ == "ORG"
                and not ent.ent_id_
                and _on_heading_line(ent, text)
                and type_by_head(ent.text) is None
            ):
                continue  # "Safeguard Measures"; a line "Westbridge Policy Lab" names a body
            if ent.label_ in {"GPE", "LOC"}:
                region = self._region(ent)
                if region is not None:
                    facts.regions.append(region)
            elif ent.label_ in {"ORG", "PERSON", "NORP", "PRODUCT", "FAC"}:
                for mention in self._actors(ent):
                    facts.actors.append(mention)
                    taken.append((mention.start, mention.end))
        facts.actors.extend(self._anaphoric_governments(doc, facts, taken))
        facts.actors.extend(self._defined_names(doc, taken))
        facts.actors.extend(self._named_people(doc, facts))
        facts.actors.extend(self._bylines(doc, facts))
        self._resolve_short_forms(doc, facts)
        facts.affiliations.extend(self._affiliations(doc, facts))
        self._speakers(doc, facts)
        self._leads(text, facts)
        return doc

    def _leads(self, text: str, facts: DocFacts) -> None:
        """ "(Responsible: Chongqing Municipal Science and Technology Bureau)": plan
        translations close an item with its lead unit, named first, for the whole item."""
        for match in _LEAD_UNIT.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            bodies = sorted(
                (m for m in facts.actors if match.start(1) <= m.start < match.end(1)),
                key=lambda m: m.start,
            )
            lead = next((m for m in bodies if m.type is ActorType.GOVERNMENT), None)
            if lead is not None:
                facts.leads.append((start, len(text) if end == -1 else end, lead.name))

    def _speakers(self, doc: Doc, facts: DocFacts) -> None:
        """A sentence that reports an official's words commits that official's body."""
        bodies = {m.name for m in facts.actors if m.type is ActorType.GOVERNMENT}
        for affiliation in facts.affiliations:
            if affiliation.organisation not in bodies:
                continue
            sent = affiliation.evidence
            span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is not None and any(
                t.lemma_ in {"say", "tell", "announce", "state", "add"} for t in span
            ):
                facts.speakers[sent.start] = affiliation.organisation

    # governments named through their place ------------------------------------------
    def _governments(self, doc: Doc) -> Iterator[ActorMention]:
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        for span in _longest(spans):
            region = _region_in(span)
            if region is None or region.level is None:
                continue
            name = region.government
            start = span.start_char
            if span.start > 0 and doc[span.start - 1].lower_ == "the":
                start = doc[span.start - 1].idx
            yield ActorMention(
                name, ActorType.GOVERNMENT, clean_surface(span.text), start, span.end_char
            )

    def _place_organisations(
        self, doc: Doc, governments: list[ActorMention]
    ) -> Iterator[ActorMention]:
        """Bodies named around a place or a government: "Hefei Municipal Bureau of Economy
        and Information Technology", "Department of Science and Technology of Anhui
        Province", "General Office of the Zhejiang Provincial People's Government". The
        gazetteer fixes the place as GPE, so the statistical NER cannot see the whole."""
        anchors = [(e.start, e.end, True) for e in doc.ents if e.label_ == "GPE"]
        for mention in governments:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                anchors.append((span.start, span.end, False))
        for start, end, extend_right in sorted(set(anchors)):
            sent = doc[start].sent
            left = _title_run_before(doc, start, sent.start)
            right = end
            while (
                extend_right
                and right < sent.end
                and (
                    doc[right].is_title
                    or doc[right].text in {"'s", "’s"}
                    or (
                        doc[right].lower_ in {"of", "and", "for"}
                        and right + 1 < sent.end
                        and doc[right + 1].is_title
                    )
                )
            ):
                if doc[right].lower_ == "and" and doc[right - 1].lower_ in self._heads:
                    break  # "Zhengzhou University and Shandong University" are two
                right += 1
            while right > end and doc[right - 1].lower_ in {"of", "and", "for"}:
                right -= 1
            if left < start and head_word(doc[left:start].text + " x") == "government":
                left = start  # "People's Government of X Province" is the place's government
            if (
                left == start
                and start > sent.start
                and doc[start - 1].lower_ in _QUALIFIERS
                and doc[start - 1].is_title
            ):
                left = start - 1  # "South China University of Technology"
            if left == start and (
                right - end < 1 or (right - end == 1 and doc[end].lower_ not in self._heads)
            ):
                continue  # "Zhengzhou University" is a body; "Hefei Daily" is not ours to say
            span = doc[left:right]
            name = clean_surface(span.text)
            known = self.gaz.actor(name)
            kind = known[1] if known else type_by_head(name)
            if kind is None or kind is ActorType.OTHER:
                continue
            yield ActorMention(
                known[0] if known else name, kind, name, span.start_char, span.end_char
            )

    def _local_body(self, span: SpacySpan, surface: str) -> ActorMention | None:
        """ "the Provincial Development and Reform Commission" in a Zhejiang plan is the
        Zhejiang Provincial Development and Reform Commission."""
        facts: DocFacts = span.doc._.pg
        level = {
            "provincial": {"province", "autonomous-region"},
            "municipal": {"municipality", "city"},
        }[fold(surface).split()[0]]
        counts: dict[str, int] = {}
        for region in facts.regions:
            known = self.gaz.region(region.name)
            if known is not None and known.kind in level:
                counts[known.name] = counts.get(known.name, 0) + 1
        kind = type_by_head(surface)
        if not counts or kind is None:
            return None
        place = max(counts, key=lambda name: (counts[name], name))
        name = f"{place} {surface}"
        listed = self.gaz.actor(name)
        return ActorMention(
            listed[0] if listed else name,
            listed[1] if listed else kind,
            surface,
            span.start_char,
            span.end_char,
        )

    def _named_people(self, doc: Doc, facts: DocFacts) -> Iterator[ActorMention]:
        """People the NER missed, named with their post: "Tang Lei, co-founder of ...",
        "said Han Bo, deputy director of ..."."""
        known = [(m.start, m.end) for m in facts.actors]
        known += [(r.start, r.end) for r in facts.regions]
        posts = "|".join(re.escape(p) for p in sorted(self.lex["posts"], key=len, reverse=True))
        pattern = re.compile(
            r"(?<![\w-])([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}),\s+(?:(?:a|an|the|its)\s+)?"
            r"(?:[\w-]+\s+){0,3}?(?:" + posts + r")\b"
        )
        for match in pattern.finditer(clauses.doc_text(doc)):
            start, end = match.span(1)
            if any(s < end and start < e for s, e in known):
                continue
            name = match[1]
            if (
                not looks_like_person(name)
                or self.gaz.region(name)
                or self.gaz.actor(name)
                or fold(name).split()[0] in {"the", "said", "by"}
            ):
                continue
            known.append((start, end))
            yield ActorMention(name, ActorType.PERSON, name, start, end)

    def _bylines(self, doc: Doc, facts: DocFacts) -> Iterator[ActorMention]:
        """ "By Zhao Lei | Photo: Xinhua": a byline at the start of a line names the
        reporter, whom the NER often misses next to the credits."""
        known = [(m.start, m.end) for m in facts.actors]
        for match in _BYLINE.finditer(clauses.doc_text(doc)):
            start, end = match.span(1)
            name = match[1]
            if (
                any(s < end and start < e for s, e in known)
                or not looks_like_person(name)
                or self.gaz.region(name)
                or self.gaz.actor(name)
            ):
                continue
            yield ActorMention(name, ActorType.PERSON, name, start, end)

    def _defined_names(self, doc: Doc, taken: list[tuple[int, int]]) -> Iterator[ActorMention]:
        """ "Digital India Corporation (DIC)": a name the text defines by its acronym is an
        organisation's name, when the acronym spells its initials and the NER missed it."""
        text = clauses.doc_text(doc)
        for match in _DEFINED_NAME.finditer(text):
            name, acronym = match[1], match[2]
            initials = "".join(w[0] for w in name.split() if w.lower() not in _MINOR_WORDS)
            if initials.upper() != acronym.upper() or len(acronym) < 2:
                continue
            start = match.start(1)
            if any(s <= start < e or s < match.end(1) <= e for s, e in taken):
                continue
            kind = type_by_head(name)
            if kind is None or fold(name) in self.lex["non_actors"]:
                continue
            taken.append((start, match.end(1)))
            yield ActorMention(name, kind, name, start, match.end(1))

    def _anaphoric_governments(
        self, doc: Doc, facts: DocFacts, taken: list[tuple[int, int]]
    ) -> Iterator[ActorMention]:
        """ "the provincial government", "the municipal government": the government of the
        province or city the document is about (the one it names most)."""
        counts: dict[str, int] = {}
        for region in facts.regions:
            counts[region.name] = counts.get(region.name, 0) + 1
        text = clauses.doc_text(doc)
        bodies: list[tuple[int, int]] = []
        for match in (*_ANAPHORIC_BODY.finditer(text), *_ANAPHORIC_GOVERNMENT.finditer(text)):
            if any(s <= match.start() < e for s, e in [*taken, *bodies]):
                continue
            levels = _ANAPHORA_LEVELS[match[1].lower()]
            candidates = [
                (n, name)
                for name, n in counts.items()
                if (r := self.gaz.region(name)) is not None and r.kind in levels
            ]
            if not candidates:
                continue
            place = self.gaz.region(max(candidates)[1])
            assert place is not None
            if match.re is _ANAPHORIC_BODY:
                # "the provincial department of science and technology": that province's
                # department, named as its own name would be
                level = "Provincial" if match[1].lower() == "provincial" else "Municipal"
                name = f"{place.name} {level} {_title_case(match[2])}"
                bodies.append((match.start(), match.end()))
            else:
                name = place.government
            yield ActorMention(
                name, ActorType.GOVERNMENT, clean_surface(match[0]), match.start(), match.end()
            )

    # named entities --------------------------------------------------------------------
    def _region(self, ent: SpacySpan) -> RegionMention | None:
        surface = clean_surface(ent.text)
        known = self.gaz.region(surface)
        if known is not None:
            return RegionMention(
                known.name, surface, known.level, known.parent, ent.start_char, ent.end_char
            )
        if fold(surface) in self.lex["non_actors"] or not surface[:1].isupper():
            return None
        if self.gaz.actor(surface) is not None:
            return None
        if ent.start == ent.sent.start and all(t.tag_ in {"NN", "NNS"} for t in ent):
            return None  # "Breakthroughs will be made ...": a common noun capitalised to open
        return RegionMention(surface, surface, None, None, ent.start_char, ent.end_char)

    def _actors(self, ent: SpacySpan) -> Iterator[ActorMention]:
        if ent.ent_id_:
            known = self.gaz.actor(ent.ent_id_)
            if known is not None:
                yield ActorMention(
                    known[0], known[1], clean_surface(ent.text), ent.start_char, ent.end_char
                )
                return
        if ent.label_ == "NORP":
            return
        ent = _whole_name(ent)
        for part in _split_coordination(ent):
            mention = self._actor(part)
            if mention is not None:
                yield mention

    def _actor(self, span: SpacySpan) -> ActorMention | None:
        span = _strip_descriptors(span)
        bracket = next((t for t in span if t.text == "("), None)
        if bracket is not None and bracket.i > span.start:
            # "IndiaAI Independent Business Division (IBD": the name ends at its bracket; the
            # acronym inside is read as its short form
            span = SpacySpan(span.doc, span.start, bracket.i, label=span.label_)
        if len(span) and span[0].tag_ == "VBG":
            return None  # "Fostering Startups and Talent": a heading's gerund, not a body
        cut = next((t for t in span if "/" in t.text), None)
        if cut is not None and span.label_ == "PERSON":
            # a photo credit: "(Chen Lu / Jiangnan Business Weekly)", "Yang Lin/Zhongwei"
            end = cut.i if cut.text == "/" else cut.i + 1
            span = SpacySpan(span.doc, span.start, end, label=span.label_)
            if cut.text != "/":
                name = clean_surface(span.text.split("/")[0])
                if looks_like_person(name):
                    return ActorMention(
                        name, ActorType.PERSON, name, span.start_char, span.start_char + len(name)
                    )
                return None
            if not len(span):
                return None
        surface = clean_surface(_TITLES.sub("", span.text))
        if not surface or fold(surface) in self.lex["non_actors"]:
            return None
        words = fold(surface).split()
        if words and words[-1] in {"of", "the", "and", "for", "on"}:
            return None  # a name the NER cut short ("General Office of the")
        if len(words) > 1 and words[-1] in self.lex["posts"]:
            return None  # "Commission President" is a title, not a body
        if words and words[0] in {"provincial", "municipal"} and len(words) > 1:
            return self._local_body(span, surface)
        # a plan, a strategy, a portal or a summit is not an actor; nor is a post
        if words and (
            head_word(surface) in self.lex["non_actor_heads"]
            or (
                # "... Digital Economy" ends a ministry's field, not a plan's title
                words[-1] in self.lex["non_actor_heads"]
                and not (head_word(surface) != words[-1] and type_by_head(surface))
            )
            or " ".join(words[:2]) in self.lex["posts"]
            or (words[0] in self.lex["posts"] and len(words) > 1 and words[1] in {"of", "for"})
        ):
            return None
        if not any(ch.isupper() for ch in surface) or surface[0].isdigit():
            return None
        if self.gaz.region(surface) is not None:
            return None
        known = self.gaz.actor(surface)
        if known is not None:
            return ActorMention(known[0], known[1], surface, span.start_char, span.end_char)
        label = span.label_ or span.root.ent_type_
        actor_type = type_by_head(surface)
        if actor_type is None:
            if label == "PERSON" or (
                label == "ORG" and looks_like_person(surface) and _is_speaker(span)
            ):
                if not looks_like_person(surface):
                    return None
                actor_type = ActorType.PERSON
            else:
                actor_type = self._type_by_context(span)
        if actor_type is None:
            return None
        return ActorMention(surface, actor_type, surface, span.start_char, span.end_char)

    def _type_by_context(self, span: SpacySpan) -> ActorType | None:
        """Companies and products are told apart by the nouns around them."""
        lex = self.lex
        if span.start > 0 and span.doc[span.start - 1].lower_ in lex["product_cues"]:
            return ActorType.OTHER
        context = [t for t in span.root.ancestors][:4]
        window = list(span.doc[max(span.start - 4, span.sent.start) : span.start])
        for token in (*context, *window):
            lower = token.lower_
            if lower in lex["product_cues"] and token.i < span.start and token.head.i >= span.start:
                return ActorType.OTHER
            if lower in lex["product_cues"] and token.dep_ == "appos":
                return ActorType.OTHER
        for token in (*context, *window):
            if token.lower_ in lex["company_cues"]:
                return ActorType.COMPANY
        if span.label_ == "PRODUCT":
            return ActorType.OTHER
        if span.label_ == "ORG":
            words = span.text.split()
            if len(words) == 1 and (len(span.text) <= 2 or span.root.pos_ != "PROPN"):
                return None  # "Digital", "Safe": a capitalised word, not a name
            if len(words) == 1 and span.text.isupper() and len(span.text) <= 4:
                return None  # an acronym no full name introduced: PUE, IPv6-like terms
            if any(w in {"of", "on", "for"} for w in words):
                # a company's name rarely runs "X of Y": "Innovative Development of General
                # AI" is a title or a topic (bodies named so are typed by their head word)
                return None
            return ActorType.COMPANY
        return None

    # short forms -----------------------------------------------------------------------
    def _resolve_short_forms(self, doc: Doc, facts: DocFacts) -> None:
        """ "Ministry of Industry and Information Technology (MIIT)": MIIT is that ministry;
        a later bare "MIIT" or a person's surname alone ("Wang noted") is not a new actor."""
        text = clauses.doc_text(doc)
        acronyms: dict[str, ActorMention] = {}
        for mention in facts.actors:
            after = re.match(r"\s*\(([A-Z][A-Za-z&]{1,9})\)", text[mention.end : mention.end + 14])
            if after and mention.type is not ActorType.PERSON:
                acronyms[after[1]] = mention
        people = [m for m in facts.actors if m.type is ActorType.PERSON]
        # "the Commission" after "the European Commission": a body's head word alone
        # stands for the one body of the document with that head
        heads: dict[str, set[str]] = {}
        for mention in facts.actors:
            if " " in mention.name and mention.type is not ActorType.PERSON:
                # a body named after its place: "Union Cabinet of India" -> cabinet
                before, _, place = mention.name.partition(" of ")
                named_for = place and self.gaz.region(place.removeprefix("the ")) is not None
                head = fold(before if named_for else mention.name).split()[-1]
                heads.setdefault(head, set()).add(mention.name)
        by_name = {m.name: m for m in facts.actors}
        resolved: list[ActorMention] = []
        for mention in facts.actors:
            named = heads.get(fold(mention.surface), set())
            if " " not in mention.surface and len(named) == 1 and mention.name not in named:
                full = by_name[next(iter(named))]
                resolved.append(
                    ActorMention(full.name, full.type, mention.surface, mention.start, mention.end)
                )
                continue
            if mention.surface in acronyms and _ACRONYM.match(mention.surface):
                full = acronyms[mention.surface]
                resolved.append(
                    ActorMention(full.name, full.type, mention.surface, mention.start, mention.end)
                )
                continue
            if " " not in mention.surface and any(
                p.name.split()[0] == mention.surface or p.name.split()[-1] == mention.surface
                for p in people
                if p is not mention
            ):
                continue
            resolved.append(mention)
        for acronym, full in acronyms.items():
            resolved.append(ActorMention(full.name, full.type, acronym, full.end, full.end))
        facts.actors[:] = resolved

    # people and their posts --------------------------------------------------------------
    def _affiliations(self, doc: Doc, facts: DocFacts) -> Iterator[Affiliation]:
        posts = self.lex["posts"]
        organisations = [m for m in facts.actors if m.type is not ActorType.PERSON]
        for person in (m for m in facts.actors if m.type is ActorType.PERSON):
            span = doc.char_span(person.start, person.end, alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            evidence = clauses.evidence(sent)
            before = _title_before(span, posts)
            if before is not None:
                post, org_name = before
                org = self._organisation(org_name, organisations)
                if (
                    org is not None
                    and org_name
                    and not any(a.name == org.name for a in facts.actors)
                ):
                    facts.actors.append(
                        ActorMention(org.name, org.type, org_name, span.start_char, span.start_char)
                    )
                yield Affiliation(person.name, org.name if org else None, post, evidence)
                continue
            after = _appositive_after(span, posts)
            if after is not None:
                post, org_span = after
                org = next(
                    (
                        o
                        for o in organisations
                        if org_span is not None
                        and o.start >= org_span[0]
                        and o.end <= org_span[1] + 1
                    ),
                    None,
                )
                yield Affiliation(person.name, org.name if org else None, post, evidence)

    def _organisation(self, name: str | None, known: list[ActorMention]) -> ActorMention | None:
        if not name:
            return None
        found = self.gaz.actor(name)
        if found is not None:
            return ActorMention(found[0], found[1], name, 0, 0)
        for mention in known:
            if fold(mention.surface) == fold(name) or fold(mention.name) == fold(name):
                return mention
        actor_type = type_by_head(name)
        return ActorMention(name, actor_type, name, 0, 0) if actor_type else None


_QUALIFIERS = frozenset(
    {
        "south",
        "north",
        "east",
        "west",
        "central",
        "southwest",
        "southeast",
        "northwest",
        "northeast",
        "greater",
        "inner",
    }
)
_ANAPHORIC_GOVERNMENT = re.compile(
    r"\b[Tt]he\s+(provincial|municipal|city)\s+(?:people's\s+)?government\b"
)
# "the provincial department of science and technology", "the municipal government
# information office": a body of the province or city, named in lower case
_ANAPHORIC_BODY = re.compile(
    r"\b[Tt]he\s+(provincial|municipal|city)\s+"
    r"((?:[a-z]+\s+){0,4}?(?:office|department|bureau|commission|administration|committee)"
    r"(?:\s+of\s+[a-z]+(?:\s+(?:and|of|for)\s+[a-z]+){0,4})?)\b"
)
_MINOR_WORDS = frozenset({"and", "of", "for", "the", "on", "in"})
# a Title Case name followed by its acronym in brackets
_DEFINED_NAME = re.compile(
    r"((?:[A-Z][\w&'’-]*\s+(?:(?:of|and|for|the|on)\s+)*){1,7}[A-Z][\w&'’-]*)\s*\(([A-Z]{2,8})\)"
)


def _title_case(phrase: str) -> str:
    """ "department of science and technology" -> "Department of Science and Technology"."""
    return " ".join(w if w in _MINOR_WORDS else w[:1].upper() + w[1:] for w in phrase.split())


_ANAPHORA_LEVELS = {
    "provincial": frozenset({"province", "autonomous-region"}),
    "municipal": frozenset({"municipality", "city"}),
    "city": frozenset({"municipality", "city"}),
}


def _title_run_before(doc: Doc, start: int, floor: int) -> int:
    """Where a body's name begins when it stands before "of (the) PLACE": "Department
    of Science and Technology of [Anhui Province]"; else ``start``."""
    i = start - 1
    if i >= floor and re.fullmatch(r"\d+(?:st|nd|rd|th)", doc[i].text):
        i -= 1  # "Standing Committee of the 15th [Shanghai Municipal People's Congress]"
    if i >= floor and doc[i].lower_ == "the":
        i -= 1
    if i < floor or doc[i].lower_ != "of":
        return start
    j = i - 1
    while j >= floor and (
        doc[j].is_title or doc[j].lower_ in {"and", "of", "for", "&"} or doc[j].text in {"'s", "’s"}
    ):
        j -= 1
    first = j + 1
    while first < i and (
        doc[first].lower_ in {"and", "of", "for", "&", "the"}
        or (first == floor and doc[first].lower_ in {"the", "a"})
    ):
        first += 1
    if first >= i or doc[first].text == "The":
        return start if first >= i else first + 1
    return first


def _on_heading_line(ent: SpacySpan, text: str) -> bool:
    """An entity on a heading line ("I. General Requirements", "Safeguard Measures")."""
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return is_heading(line)


def _capitalised(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and not token.ent_type_
        and token.lower_ not in {"the", "a", "an", "and", "said", "by"}
    )


def _whole_name(ent: SpacySpan) -> SpacySpan:
    """The NER often cuts a name short: "Yoon Suk [Yeol]", "[CCID] Consulting",
    "[Tech] Forward Europe". Capitalised words next to it, inside the sentence and not
    part of another entity, belong to it."""
    if ent.label_ not in {"ORG", "PERSON"}:
        return ent
    doc, sent = ent.doc, ent.sent
    start, end = ent.start, ent.end
    # a person's name is not extended to the left, where titles stand ("Minister of
    # Science and Technology Wang Zhigang")
    while ent.label_ == "ORG" and start - 1 > sent.start and _capitalised(doc[start - 1]):
        start -= 1
    if (
        ent.label_ == "ORG"
        and type_by_head(doc[start : ent.end].text) is None
        and start - 2 > sent.start
        and doc[start - 1].lower_ in {"for", "of"}
        and _capitalised(doc[start - 2])
        and type_by_head(doc[start - 2].text) is not None
    ):
        # "Agency for [Science, Technology and Research]": the NER kept the field, not the
        # body it belongs to
        start -= 2
        while start - 1 > sent.start and _capitalised(doc[start - 1]):
            start -= 1
    while end < sent.end and _capitalised(doc[end]) and end - start < 8:
        end += 1
    if ent.label_ == "PERSON":
        # "Ursula von der Leyen": name particles and the surname after them, which the
        # NER may take for a place
        particle = end
        if doc[end - 1].lower_ in _PARTICLES:
            particle = end - 1
        while particle < sent.end and doc[particle].lower_ in _PARTICLES:
            particle += 1
        if (
            particle > end - 1
            and particle < sent.end
            and doc[particle].text[:1].isupper()
            and doc[particle].is_alpha
        ):
            end = particle + 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return SpacySpan(doc, start, end, label=ent.label_)


def _joined_units(ents: list[SpacySpan]) -> list[SpacySpan]:
    """ "[Provincial Government Services] and [Data Administration]": two pieces the NER
    made of one standard department's name are put back together."""
    units = lexicon()["local_units"]
    out: list[SpacySpan] = []
    for ent in ents:
        previous = out[-1] if out else None
        gap = ent.doc[previous.end : ent.start].text.replace(" ", "") if previous else ""
        if (
            previous is not None
            and previous.label_ == "ORG"
            and ent.label_ == "ORG"
            and gap in {"and", ",and"}
        ):
            whole = SpacySpan(ent.doc, previous.start, ent.end, label="ORG")
            if (gap == "and" and any(fold(whole.text).endswith(u) for u in units)) or (
                _second_complement(previous, ent, ents)
            ):
                out[-1] = whole
                continue
        out.append(ent)
    return out


def _second_complement(previous: SpacySpan, ent: SpacySpan, ents: list[SpacySpan]) -> bool:
    """ "[Ministry of Communication] and [Digital Affairs]": a piece with no head of its
    own, after a body's name that ends in its field ("of ...", "for ..."), and never named
    on its own elsewhere in the text, is the name's second field, not a second body."""
    words = fold(previous.text).split()
    if type_by_head(previous.text) is None or not {"of", "for"} & set(words[1:-1]):
        return False
    if type_by_head(ent.text) is not None or gazetteer().actor(ent.text) is not None:
        return False
    if not all(t.is_title or not t.is_alpha for t in ent):
        return False
    alone = fold(ent.text)
    return not any(fold(other.text) == alone for other in ents if other.start != ent.start)


_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "di", "du", "le", "la", "bin", "al"}
)


def _longest(spans: list[SpacySpan]) -> list[SpacySpan]:
    chosen: list[SpacySpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def _split_coordination(ent: SpacySpan) -> list[SpacySpan]:
    """ "Alibaba, Tencent and Baidu" is three actors; "Ministry of Industry and Information
    Technology" is one: a name with a lower-case linking word inside is never split."""
    tokens = list(ent)
    if not any(t.text in {",", "and", "&"} for t in tokens):
        return [ent]
    if any(t.is_lower and t.text not in {"and"} and t.is_alpha for t in tokens):
        # "Chongqing University and Chongqing University of Posts and Telecommunications":
        # split at an "and" only where both sides name a body by their own head word
        for token in tokens:
            if token.lower_ != "and":
                continue
            before, after = ent.doc[ent.start : token.i], ent.doc[token.i + 1 : ent.end]
            if (
                before.text
                and after.text
                and type_by_head(before.text) is not None
                and type_by_head(after.text) is not None
                and head_word(before.text) == fold(before.text).split()[-1]
            ):
                return [
                    SpacySpan(ent.doc, before.start, before.end, label=ent.label_),
                    SpacySpan(ent.doc, after.start, after.end, label=ent.label_),
                ]
        return [ent]
    if any(fold(ent.text).endswith(unit) for unit in lexicon()["local_units"]):
        return [ent]  # "Provincial Development and Reform Commission" shares one head
    parts: list[SpacySpan] = []
    start = ent.start
    for token in tokens:
        if token.text in {",", "and", "&"}:
            if token.i > start:
                parts.append(ent.doc[start : token.i])
            start = token.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    if len(parts) < 2 or any(len(p) > 3 for p in parts):
        return [ent]
    return [SpacySpan(ent.doc, p.start, p.end, label=ent.label_) for p in parts]


def _strip_descriptors(span: SpacySpan) -> SpacySpan:
    """ "Chinese AI firm iFlytek" -> "iFlytek": leading demonyms and common nouns go, and
    "AI" or "tech" when a common noun follows it."""
    start = span.start
    while start < span.end - 1:
        token = span.doc[start]
        if token.ent_type_ == "NORP" or token.is_lower or token.lower_ == "the":
            start += 1
            continue
        if token.lower_ in {"ai", "tech"} and span.doc[start + 1].is_lower:
            start += 1  # "AI firm iFlytek"; but "AI Energy Council" is a name
            continue
        break
    if start == span.start:
        return span
    return SpacySpan(span.doc, start, span.end, label=span.label_)


def _is_speaker(span: SpacySpan) -> bool:
    return any(t.lemma_ in {"say", "tell", "note", "add"} for t in span.root.ancestors)


def _title_before(span: SpacySpan, posts: frozenset[str]) -> tuple[str, str | None] | None:
    """ "Minister of Science and Technology Wang Zhigang" -> ("Minister", "Ministry of ...")."""
    doc = span.doc
    i = span.start - 1
    words: list[str] = []
    while (
        i >= span.sent.start
        and (doc[i].is_title or doc[i].lower_ in {"of", "and", "for"} or doc[i].is_upper)
        and len(words) < 10
    ):
        words.insert(0, doc[i].text)
        i -= 1
    if not words:
        return None
    phrase = " ".join(words)
    lower = phrase.lower()
    for post in sorted(posts, key=len, reverse=True):
        if lower.startswith(post + " of "):
            field_name = phrase[len(post) + 4 :]
            institution = lexicon().ministry_of_posts.get(post)
            org = f"{institution} of {field_name}" if institution == "Ministry" else None
            return phrase[: len(post)], org
        if lower == post or lower.endswith(" " + post):
            org_words = phrase[: len(phrase) - len(post)].strip()
            return phrase[len(phrase) - len(post) :], org_words or None
    return None


def _appositive_after(
    span: SpacySpan, posts: frozenset[str]
) -> tuple[str, tuple[int, int] | None] | None:
    """ "Wang Peng, a research fellow at the Beijing Academy ..." -> post and the org's span."""
    doc = span.doc
    end = min(span.sent.end, span.end + 14)
    if span.end >= end or doc[span.end].text != ",":
        return None
    window = doc[span.end + 1 : end]
    text = window.text.lower()
    for post in sorted(posts, key=len, reverse=True):
        match = re.match(
            rf"(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){{0,3}}?{re.escape(post)}\b", text
        )
        if match is None:
            continue
        post_end = window[0].idx + match.end()
        org: tuple[int, int] | None = None
        for ent in doc.ents:
            if ent.start_char >= post_end and ent.end <= end and ent.label_ == "ORG":
                gap = clauses.doc_text(doc)[post_end : ent.start_char].strip().lower()
                if re.fullmatch(r"(?:at|of|with|from|for|in)(?:\s+the)?", gap):
                    org = (ent.start_char, ent.end_char)
                break
        return post, org
    return None
