"""Targets and statistics: quantities with what they measure, their deadline, and whether
they are goals or figures already achieved; qualitative goals without a number.

A number becomes a target when its clause looks forward (a deadline "by 2025", a modal
"will"/"should", a goal verb "aims to"), a statistic when it looks back (past or perfect
tense, "in 2023" with a past verb). A plan's own structure ("30 key tasks") and a
measure's budget ("a 10 billion yuan fund") are neither.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from plangraph.model import ActorType, Comparator, Quantity, Statistic, Target
from plangraph.nlp import clauses
from plangraph.nlp.actors import gazetteer
from plangraph.nlp.goals import GoalReader
from plangraph.nlp.lexicon import lexicon
from plangraph.nlp.mentions import DocFacts
from plangraph.nlp.names import fold
from plangraph.nlp.quantities import (
    QuantityMention,
    find_quantities,
    in_local_dollars,
    parse_period,
    tables,
)
from plangraph.nlp.scope import SentenceScope, scope_of

_QUANTITY_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
_BUDGET_NOUNS = frozenset(
    {
        "fund",
        "funds",
        "subsidy",
        "subsidies",
        "grant",
        "grants",
        "voucher",
        "vouchers",
        "reward",
        "rewards",
        "budget",
        "outlay",
        "allocation",
        "investment",
        "investments",
        "financing",
        "loan",
        "loans",
        "bonus",
        "support",
        "funding",
        "capital",
        "award",
        "awards",
        "prize",
        "incentive",
        "incentives",
    }
)
_GROWTH = frozenset(
    {
        "growth",
        "increase",
        "rise",
        "grow",
        "expand",
        "expansion",
        "year-on-year",
        "annually",
        "annual",
    }
)
_MEASURE_VERBS = frozenset(
    {
        "reach",
        "exceed",
        "surpass",
        "hit",
        "top",
        "be",
        "achieve",
        "grow",
        "increase",
        "rise",
        "total",
        "account",
        "stand",
        "amount",
        "register",
        "climb",
        "expand",
        "make",
        "see",
        "attain",
        "break",
        "cross",
        "approach",
    }
)
# a phrase cut before its number ends in a linking word: "a core industry of [300 bn]"
_DANGLING = frozenset({"of", "to", "at", "for", "with", "by", "in", "on", "and", "from"})
_SAME_YEAR = re.compile(
    r"\b(?:(?:by|in)\s+the\s+same\s+year|by\s+then|by\s+that\s+(?:time|year))\b", re.I
)
_THIS_YEAR = re.compile(r"\b(?:by\s+the\s+end\s+of\s+the\s+year|this\s+year|by\s+year-end)\b", re.I)
_TIED = re.compile(r"\b(?:by|for|in|before|until)\s+(?:the\s+end\s+of\s+)?(20\d\d)\b", re.I)
_LIST_ITEM = re.compile(r"\s*(?:\(?\d+[.)]|[-*•]|\([a-z]\))\s")
_GOAL_NOUNS = frozenset({"target", "goal", "objective", "aim", "ambition", "milestone"})


@dataclass(frozen=True)
class _Found:
    quantity: Quantity
    tokens: SpacySpan
    counted: SpacySpan | None
    changed_from: bool = False


class FactFinder:
    """The ``plangraph_facts`` component's logic."""

    def __init__(self, vocab: Vocab) -> None:
        self.lex = lexicon()
        self.goals = GoalReader()

    def __call__(self, doc: Doc) -> Doc:
        facts: DocFacts = doc._.pg
        doc_year = int(doc.user_data["pg_date"][:4]) if doc.user_data.get("pg_date") else None
        text = clauses.doc_text(doc)
        # every quantity of the document, read once and handed to its sentence
        dollar = _local_dollar(facts)
        mentions = [in_local_dollars(m, dollar) for m in find_quantities(text)]
        facts.quantities = mentions
        by_sentence: dict[int, list[QuantityMention]] = {}
        starts = [s.start_char for s in doc.sents]
        for mention in mentions:
            index = bisect_right(starts, mention.start) - 1
            by_sentence.setdefault(starts[max(index, 0)], []).append(mention)
        for sent in doc.sents:
            if clauses.text_of(sent).lstrip().startswith("|"):
                continue  # a table row restates the prose; its columns are not read here
            scope = scope_of(facts.scopes, sent.start_char)
            speaker = clauses.reporter(sent)
            # a body reporting its own plan states goals; an analyst's words do not
            quoted = clauses.in_quote(sent) or (
                clauses.is_quoted(sent)
                and not (
                    speaker is not None
                    and (
                        (_is_actorish(speaker, facts) and not _is_person(speaker, facts))
                        or clauses.official(speaker)
                    )
                )
            )
            found = list(self._quantities(sent, by_sentence.get(sent.start_char, [])))
            targeted: set[int] = set()
            for item in found:
                kind = self._kind(item, sent, doc_year, scope, facts)
                if kind is None or (quoted and kind == "target"):
                    continue
                year = self._year(item, sent)
                if year is None and kind == "target":
                    year = _implied_year(clauses.text_of(sent), doc_year, scope.year) or scope.year
                growth = item.quantity.unit in {"percent", "percentage-points"} and any(
                    t.lower_ in _GROWTH
                    for t in sent[
                        max(item.tokens.start - 6, sent.start) : min(item.tokens.end + 3, sent.end)
                    ]
                )
                metric = self._metric(item, facts, sent, growth)
                if kind == "target":
                    if not _committed_sum(item.tokens.root, facts):
                        # a sum committed leaves its clause an act: a measure as well
                        targeted.update(t.i for t in item.tokens)
                        facts.figures.append((item.tokens.start_char, item.tokens.end_char))
                    facts.targets.append(
                        Target(
                            metric=metric,
                            evidence=clauses.evidence(sent),
                            quantity=item.quantity,
                            year=year,
                            is_growth_rate=growth,
                            responsible=facts.lead_at(sent.start_char),
                        )
                    )
                else:
                    facts.statistics.append(
                        Statistic(
                            metric=metric,
                            quantity=item.quantity,
                            evidence=clauses.evidence(sent),
                            year=clauses.year_of(clauses.text_of(sent)) if year is None else year,
                        )
                    )
            if not quoted:
                # every figure of the clause, ranks aside ("rank among the top five")
                numbers = {t.i for item in found for t in item.tokens} | {
                    t.i
                    for m in by_sentence.get(sent.start_char, [])
                    if (span := doc.char_span(m.start, m.end, alignment_mode="expand"))
                    and not (span.start > 0 and doc[span.start - 1].lower_ == "top")
                    for t in span
                }
                for goal in self.goals.read(sent, scope, facts, numbers, targeted):
                    facts.targets.append(
                        Target(
                            metric=goal.label,
                            evidence=clauses.evidence(sent),
                            year=goal.year,
                            responsible=facts.lead_at(sent.start_char),
                        )
                    )
        period = facts.plan.period if facts.plan is not None else None
        if period is not None:
            # a plan's goals that name no year are due when its period ends ("Action Plan
            # (2024-2027)": 2027)
            facts.targets[:] = [
                t if t.year is not None else replace(t, year=period[1]) for t in facts.targets
            ]
        return doc

    # quantities -------------------------------------------------------------------------
    def _quantities(self, sent: SpacySpan, mentions: list[QuantityMention]) -> Iterator[_Found]:
        """The sentence's quantities from plangraph's own recogniser, each with what it
        counts when it is a bare number ("10 unicorns", "the number of firms passes 2,000")."""
        doc = sent.doc
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.start < sent.start or span.end > sent.end:
                continue
            before = doc[span.start - 1] if span.start > sent.start else None
            if before is not None and before.text in {"-", "–"} and span.start - 2 >= sent.start:
                before = doc[span.start - 2]  # "top-three AI power status"
            if before is not None and before.lower_ == "top" and before.pos_ != "VERB":
                continue  # "the top five cities" is a rank, not a count ("to top 440 bn" is)
            quantity = mention.quantity
            counted = None
            end = span.end
            if quantity.unit == "count":
                counted, end = self._counted_after(span)
                if counted is None:
                    if self._counts_structure(span):
                        continue
                    counted = _counted_subject(span)
                    if counted is None:
                        continue
            yield _Found(quantity, doc[span.start : end], counted, mention.changed_from)

    def _counts_structure(self, span: SpacySpan) -> bool:
        head = _counted_noun(span)
        return head is not None and (
            head.lower_ in self.lex["structure_nouns"] or head.lemma_ in self.lex["structure_nouns"]
        )

    def _counted_after(self, span: SpacySpan) -> tuple[SpacySpan | None, int]:
        """What a bare number counts ("10 unicorns"); nothing for the plan's own structure
        ("22 measures") or a duration ("three years")."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].ent_type_ in {"DATE", "TIME"}:
            return None, span.end
        head = _counted_noun(span)
        if head is None or self._counts_structure(span):
            return None, span.end
        return doc[span.end : head.i + 1], head.i + 1

    def _kind(
        self,
        item: _Found,
        sent: SpacySpan,
        doc_year: int | None,
        scope: SentenceScope,
        facts: DocFacts,
    ) -> str | None:
        root = item.tokens.root
        if _committed_sum(root, facts):
            return "target"  # "the government will invest 3 billion euros in AI"
        if _is_budget(root):
            return None
        if item.changed_from:
            return "statistic"  # "from 5,000 to 14,000 PFLOPS": where the change starts
        lead = sent.doc[max(item.tokens.start - 3, sent.start) : item.tokens.start].text.lower()
        if re.search(r"\b(?:up|down|rising|growing) from\b|\bcompared with\b", lead):
            return "statistic"  # "100 billion by 2025, up from about 70 billion last year"
        after = sent.doc[item.tokens.end : min(item.tokens.end + 2, sent.end)]
        if item.quantity.unit == "times" and (
            (after[:1].text.lower() == "as" and after[1:2].text.lower() in _DEGREE)
            or after[:1].text.lower() in {"that", "those", "more", "larger", "higher", "bigger"}
        ):
            return None  # "four times as many as today", "three times that of 2020": a comparison
        if item.quantity.unit not in {"count", "percent"} and any(t.lower_ == "per" for t in after):
            return None  # "less than 100 rupees per GPU hour": a price, an instrument's terms
        if re.search(r"\bcapped at\b|\bcaps? of\b|\bceiling of\b", lead):
            return None  # "subsidies ..., capped at 2 million yuan per enterprise": a budget
        if item.counted is not None and any(
            c.dep_ == "amod" and c.lower_ == "other" for c in item.counted.root.children
        ):
            return None  # "MIIT and five other departments": who issued it, not a figure
        verb = clauses.governing_verb(root)
        if (
            verb is not None
            and any(
                c.dep_ == "aux" and c.lower_ in {"would", "could", "might"} for c in verb.children
            )
            and not _reported(verb, facts)
        ):
            return None  # "reaching it would require 20 percent growth": a condition
        window = clauses.text_of(sent)
        year = clauses.deadline(sent.doc[item.tokens.start : sent.end].text) or clauses.deadline(
            window
        )
        forward = verb is not None and clauses.future(verb)
        tied = _tied_year(item, sent)
        backward = verb is not None and (
            clauses.past(verb)
            or _already(verb)
            or (
                not forward
                and (tied is None or (doc_year is not None and tied < doc_year))
                and _in_clause_stated_as_done(verb)
            )
        )
        if _lacking(root):
            return "statistic"  # "faces a shortage of about 3 million engineers": what is now
        if any(t.lemma_ in _GOAL_NOUN_LEMMAS for t in root.ancestors) and not _is_budget(root):
            return "target"  # "has set a target of 75 per cent": the content of a goal
        if verb is not None and verb.lemma_ in _MOBILISING and verb.tag_ == "VB":
            return "target"  # "parlaying guidance funds to raise 100 billion yuan"
        if (
            item.quantity.unit == "count"
            and verb is not None
            and verb.tag_ in {"VBG", "VB"}
            and verb.lemma_ in self.lex.action_verbs
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            and item.counted is not None
            and item.counted.root.dep_ == "dobj"
            and item.counted.root.head.i == verb.i
            and not any(c.lower_ == "the" for c in item.counted.root.children)
            and not backward
        ):
            return "target"  # "nurturing 10 benchmark enterprises, building six zones"
        if backward and tied is not None and doc_year is not None and tied > doc_year:
            # "in 2017 it set a core industry of 400 billion yuan by 2025", written in
            # 2024: nothing is achieved in a year still to come, so the figure is a goal
            return "target"
        if backward:
            return "statistic"
        if forward or (year is not None and (doc_year is None or year >= doc_year)):
            return "target"
        if any(t.lemma_ in _GOAL_NOUNS for t in root.ancestors):
            return "target"  # "the Digital Decade targets include 20 million ICT specialists"
        # under "Main Targets" goals are stated in the present; under "Development
        # Foundation" the present describes what already is
        if scope.kind == "goals":
            return "target"
        if scope.kind == "background":
            return "statistic"
        if verb is not None and _imperative(verb):
            return "target"  # "Triple the pool of AI practitioners to 15,000": an instruction
        return None

    def _year(self, item: _Found, sent: SpacySpan) -> int | None:
        """The year right after the figure ("440 billion yuan for 2027"), or the first
        deadline after it ("300 billion by 2025 and 440 billion by 2027"), else the
        nearest one before it ("By 2025, the scale exceeds ...")."""
        after = sent.doc[item.tokens.end : sent.end].text
        before = sent.doc[sent.start : item.tokens.start].text
        period = parse_period(sent.doc[item.tokens.end : min(item.tokens.end + 12, sent.end)].text)
        return (
            _tied_year(item, sent)
            or clauses.first_deadline(after)
            or clauses.deadline(before)
            # "KRW 65 trillion ... over four years (2024-2027)": due when the period ends
            or (period[1] if period else None)
        )

    # metric phrases -----------------------------------------------------------------------
    def _metric(self, item: _Found, facts: DocFacts, sent: SpacySpan, growth: bool) -> str:
        if item.counted is not None:
            return "number of " + clauses.phrase(item.counted, limit=8)
        root = item.tokens.root
        noun = _measured_noun(root)
        if noun is not None and _is_actorish(noun, facts):
            # "Nanjing aims to grow its core AI industry to 150 billion yuan": the city
            # acts; what it grows is the metric
            verb = noun.head
            noun = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "dobj" and c.i not in {t.i for t in item.tokens}
                ),
                None,
            )
        text = ""
        if noun is not None:
            figure = {t.i for t in item.tokens}
            text = clauses.phrase([t for t in _noun_phrase(noun) if t.i not in figure], limit=10)
        if growth and (noun is None or noun.lower_ in _GROWTH):
            previous = [t for t in facts.targets if t.evidence.start == sent.start_char]
            if previous:
                base = previous[-1].metric.removesuffix(" scale")
                return f"{base} growth"
        # a comparator verb the parser took for a noun ("industry surpass") is not the metric
        words = text.split()
        while words and (
            words[-1].lower() in tables().comparators or words[-1].lower() in _DANGLING
        ):
            words.pop()
        return " ".join(words) or "target of " + clauses.phrase(item.tokens, limit=8)


def _local_dollar(facts: DocFacts) -> str | None:
    """The dollar of the place the document's plan is of (Australia's, Hong Kong's), if
    that place or one above it has its own."""
    place = facts.plan.jurisdiction if facts.plan is not None else None
    local = tables().local_dollars
    regions = gazetteer().regions
    seen: set[str] = set()
    while place is not None and place not in seen:
        if place in local:
            return local[place]
        seen.add(place)
        region = regions.get(fold(place))
        place = region.parent if region is not None else None
    return None


_COMMITTING = frozenset(
    {"invest", "provide", "allocate", "inject", "spend", "mobilise", "mobilize"}
)


def _committed_sum(root: Token, facts: DocFacts) -> bool:
    """A sum a government commits to put in, as the object of a forward-looking verb:
    "will invest CA$2 billion", "wants to invest 3 billion euros", "said it would
    provide $1 billion", "intends to make 3 billion euros available". A sum that a fund
    or a grant carries, or a yearly pool, stays its instrument's budget."""
    verb = clauses.governing_verb(root)
    if verb is None or not _puts_in(verb):
        return False
    money = _object_of(root, verb)
    if money is None or any(
        t.lower_ in _BUDGET_NOUNS for t in money.subtree if not t.like_num and t.i != root.i
    ):
        return False  # "provide a 10-billion-yuan fund": the fund's budget
    if any(
        t.lower_ in {"annually", "yearly"}
        or (t.lower_ == "year" and t.i > 0 and t.nbor(-1).lower_ in {"each", "every", "per"})
        for t in verb.sent
    ):
        return False  # "each year the city will make 50 million yuan available": a pool
    if _reported(verb, facts):
        return True  # "the government said it would invest": a body's reported "will"
    if not (
        clauses.future(verb)
        or (verb.dep_ == "xcomp" and verb.head.lemma_ in lexicon()["goal_verbs"])
    ):
        return False
    while verb.dep_ in {"xcomp", "conj"} and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is None or clauses.official(subject) or _governmental(subject, facts)


def _puts_in(verb: Token) -> bool:
    """invest, provide, allocate ...; or "make ... available"."""
    if verb.lemma_ == "make":
        return any(c.lower_ == "available" for c in verb.children)
    return verb.lemma_ in _COMMITTING


def _object_of(root: Token, verb: Token) -> Token | None:
    """The verb's direct object that holds the figure, if the figure is in one."""
    for token in (root, *root.ancestors):
        if token.dep_ == "dobj" and token.head.i == verb.i:
            return token
        if token.i == verb.i:
            return None
    return None


def _governmental(subject: Token, facts: DocFacts) -> bool:
    """A government, a public body or a place (not a company, a person or a product)."""
    for actor in facts.actors:
        if actor.start <= subject.idx < actor.end:
            return actor.type is ActorType.GOVERNMENT
    if any(r.start <= subject.idx < r.end for r in facts.regions):
        return True
    return subject.lower_ in lexicon()["acting_nouns"]


_NOW = frozenset({"already", "currently"})
_LACKS = frozenset({"shortage", "shortfall", "deficit"})


def _already(verb: Token) -> bool:
    """ "There are already 650 firms", "is currently home to 40 labs": a state reached."""
    return any(c.dep_ == "advmod" and c.lower_ in _NOW for c in verb.children)


def _in_clause_stated_as_done(verb: Token) -> bool:
    """A participle without an auxiliary takes its time from the clause it hangs on:
    "reached 6 billion, driving the related industry up to 60 billion", "launched a
    megaproject involving eight hubs" report what was done."""
    if verb.tag_ not in {"VBG", "VBN"} or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    if verb.dep_ not in {"advcl", "acl", "xcomp", "conj"} or verb.head is verb:
        return False
    finite = clauses.governing_verb(verb.head)
    return finite is not None and (clauses.past(finite) or _already(finite))


def _lacking(root: Token) -> bool:
    """A figure that measures what is missing ("a shortage of 3 million")."""
    return any(t.lemma_ in _LACKS for t in list(root.ancestors)[:3])


def _reported(verb: Token, facts: DocFacts) -> bool:
    """ "the mayor said the city would build 17 centres": "would" as the reported "will"
    of a government or an official (a company's "would create 1,000 jobs" is its own)."""
    head = verb
    while head.dep_ in {"ccomp", "conj", "xcomp"} and head.head is not head:
        head = head.head
        if head.lemma_ in {"say", "announce", "state", "add", "tell", "pledge", "promise"}:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            return subject is not None and (
                clauses.official(subject)
                or (
                    _is_actorish(subject, facts)
                    and not _is_person(subject, facts)
                    and not any(
                        a.start <= subject.idx < a.end and a.type is ActorType.COMPANY
                        for a in facts.actors
                    )
                )
            )
    return False


def _implied_year(text: str, doc_year: int | None, last_year: int | None) -> int | None:
    """ "by the same year", "by then": the deadline stated last; "by the end of the year",
    "this year": the document's year."""
    if _SAME_YEAR.search(text):
        return last_year
    if _THIS_YEAR.search(text):
        return doc_year
    return None


def _imperative(verb: Token) -> bool:
    """A verb that opens its sentence in the base form, without a subject: an instruction
    ("Train 100,000 workers", "(3) Triple the pool to 15,000")."""
    sent = verb.sent
    label_end = clauses.item_label_end(sent)
    first = next(
        (
            t
            for t in sent
            if t.i >= label_end and not (t.is_punct or t.like_num or len(t.text) == 1)
        ),
        None,
    )
    return (
        first is not None
        and first.i == verb.i
        and verb.tag_ == "VB"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    )


def _tied_year(item: _Found, sent: SpacySpan) -> int | None:
    """The year a deadline right after the figure names ("440 billion yuan for 2027")."""
    after = sent.doc[item.tokens.end : min(item.tokens.end + 6, sent.end)].text
    found = _TIED.search(after)
    return int(found[1]) if found else None


def _counted_noun(ent: SpacySpan) -> Token | None:
    """The noun a number counts: "18 national pilot zones" -> zones."""
    root = ent.root
    if (
        root.dep_ in {"nummod", "quantmod"}
        and root.head.pos_ in {"NOUN", "PROPN"}
        and root.head.i >= ent.end
    ):
        return root.head
    doc = ent.doc
    for token in doc[ent.end : min(ent.end + 5, len(doc))]:
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"compound", "amod"}:
            return token
        if token.pos_ not in {"ADJ", "NOUN", "PROPN", "VERB"} or token.is_punct:
            return None
    return None


def _counted_subject(ent: SpacySpan) -> SpacySpan | None:
    """A bare number whose clause says what it counts: "the number of AI enterprises
    passes 2,000" -> AI enterprises; "its pool of AI practitioners to 15,000" -> pool of
    AI practitioners."""
    head = ent.root.head
    grown = None
    if ent.root.dep_ == "pobj" and head.lower_ == "to":
        # "triple its pool of AI practitioners to 15,000": the noun that grows to it
        grown = head.head if head.head.pos_ == "NOUN" else None
        grown = grown or next((c for c in head.head.children if c.dep_ == "dobj"), None)
    if grown is not None:
        tokens = [
            t
            for t in clauses.subtree_without(
                grown, frozenset({"relcl", "acl", "punct", "det", "poss"})
            )
            if t.i < head.i
        ]
        return ent.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    verb = clauses.governing_verb(ent.root)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        # "with the number of AI enterprises exceeding 2,000": what exceeds it
        subject = verb.head
        if subject.dep_ == "pobj" and subject.head.lower_ == "of":
            subject = subject.head.head
    if subject is None:
        return None
    if subject.lower_ in {"number", "total"}:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if noun is not None:
            tokens = clauses.subtree_without(noun, frozenset({"relcl", "acl", "punct", "det"}))
            return ent.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    return None


_DEGREE = frozenset({"many", "much", "large", "big", "high", "fast", "great", "long"})


def _owners(root: Token) -> list[Token]:
    """The things a figure describes, up through "of"/"with"/"worth": "funds with a total
    size of RMB 100 billion" -> size, funds (a "with" the parser hung on the verb
    describes the verb's object: "set up a cluster of funds with a total size of ...")."""
    owners: list[Token] = []
    token = root
    for _ in range(8):
        head = token.head
        if head is token:
            break
        if head.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"pobj", "nummod", "compound", "appos"}:
            token = head
            continue
        if head.dep_ != "prep" and head.pos_ != "ADP" and head.lower_ != "worth":
            break
        if head.lower_ not in {"of", "with", "worth", "totalling", "totaling"}:
            break
        above = head.head
        if above.pos_ in {"NOUN", "PROPN"}:
            owners.append(above)
            token = above
            continue
        if above.pos_ == "VERB" and head.lower_ == "with":
            owners.extend(c for c in above.children if c.dep_ == "dobj")
        break
    return owners


_GOAL_NOUN_LEMMAS = frozenset({"target", "goal", "objective", "aim", "ambition", "milestone"})
# investment a plan sets out to draw in is a goal ("stimulate private investment of KRW 65
# trillion", "raise 100 billion yuan in funds"), not money it spends
_MOBILISING = frozenset(
    {
        "attract",
        "stimulate",
        "mobilise",
        "mobilize",
        "raise",
        "leverage",
        "draw",
        "bring",
        "spur",
        "crowd",
        "lure",
        "drive",
        "unlock",
    }
)


def _is_budget(root: Token) -> bool:
    """Money that a fund, subsidy or investment carries is the measure's, not a goal."""
    verb = clauses.governing_verb(root)
    if verb is not None and verb.lemma_ in _MOBILISING:
        return False
    for owner in _owners(root):
        if any(
            t.lower_ in _BUDGET_NOUNS and t.lower_ not in {"investment", "investments", "capital"}
            for t in owner.subtree
            if not t.like_num
        ):
            return True
    for token in (root, *list(root.ancestors)[:3]):
        if token.lower_ in _BUDGET_NOUNS or token.lemma_ in {
            "invest",
            "allocate",
            "earmark",
            "subsidise",
            "subsidize",
            "spend",
            "provide",
            "offer",
            "inject",
            "fund",
            "award",
        }:
            return True
    head = root.head
    if (
        any(c.lower_ in _BUDGET_NOUNS for c in head.children if c.dep_ in {"pobj", "dobj"})
        and head.lemma_ not in _MEASURE_VERBS
    ):
        return True
    # "issue computing power vouchers worth 250 million yuan": the amount a verb's
    # instrument is worth
    verb = clauses.governing_verb(root)
    return (
        verb is not None
        and verb.lemma_ not in _MEASURE_VERBS
        and any(
            c.dep_ == "dobj" and (c.lower_ in _BUDGET_NOUNS or c.lemma_ in _BUDGET_NOUNS)
            for c in verb.subtree
        )
    )


def _measured_noun(root: Token) -> Token | None:
    """What a quantity measures, read off the parse:
    "a scale of 300 billion yuan" -> scale; "the scale ... surpass 1 trillion" -> scale;
    "a 300 billion yuan industry" -> industry; "growth of more than 10 percent" -> growth."""
    head = root.head
    if root.dep_ in {"compound", "nummod", "amod"} and head.pos_ in {"NOUN", "PROPN"}:
        return head
    via_preposition = head.dep_ == "prep" or head.pos_ == "ADP"
    if via_preposition:
        target = head.head
        if target.pos_ in {"NOUN", "PROPN"}:
            return target
        head = target
    verb = head if head.pos_ in {"VERB", "AUX"} else None
    if verb is not None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if via_preposition and obj is not None:
            return obj  # "grow its core AI industry to 150 billion yuan" -> industry
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
            return subject
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            return verb.head
        to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None and to.i > 0 and verb.doc[to.i - 1].pos_ in {"NOUN", "PROPN"}:
            # "call for the city's capacity to reach 2,000 PFLOPS": who is to reach it
            return verb.doc[to.i - 1]
        if verb.dep_ in {"ccomp", "xcomp"}:
            subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if subject is not None:
                return subject
    return None


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and "of"/"in" complements, without relative clauses,
    coordinated extras or "such as" examples."""
    tokens = clauses.subtree_without(
        noun,
        frozenset(
            {
                "relcl",
                "acl",
                "appos",
                "conj",
                "cc",
                "punct",
                "advcl",
                "det",
                "poss",
                "nummod",
                "quantmod",
            }
        ),
    )
    out = []
    for token in sorted(tokens, key=lambda t: t.i):
        if token.ent_type_ in _QUANTITY_LABELS or token.ent_type_ == "DATE":
            continue
        out.append(token)
    # a scale "with" which an industry is built: "industry with a scale" -> "industry scale"
    owner = None
    if noun.head.lower_ == "with" and noun.head.head.pos_ == "NOUN":
        owner = noun.head.head
    elif noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB":
        owner = next((c for c in noun.head.head.children if c.dep_ == "dobj"), None)
    if owner is not None and noun.lower_ not in _GROWTH:
        owner_tokens = [
            t
            for t in clauses.subtree_without(
                owner, frozenset({"prep", "relcl", "acl", "det", "punct", "conj", "cc"})
            )
        ]
        return [*sorted(owner_tokens, key=lambda t: t.i), *out]
    return out


def _is_person(token: Token, facts: DocFacts) -> bool:
    return any(a.start <= token.idx < a.end and a.type is ActorType.PERSON for a in facts.actors)


def _is_actorish(subject: Token, facts: DocFacts) -> bool:
    """A subject that is an actor or a place acts: its clause is a measure, not a goal."""
    for actor in facts.actors:
        if actor.start <= subject.idx < actor.end:
            return actor.type is not ActorType.OTHER  # a product or a medium does not act
    if any(r.start <= subject.idx < r.end for r in facts.regions):
        return True
    # "the city will ...", "we will ...": common nouns and pronouns that stand for a body;
    # "the plan" acts in the sense that it sets what others do
    return subject.lower_ in lexicon()["acting_nouns"] or subject.lower_ == "plan"


__all__ = ["Comparator", "FactFinder"]
