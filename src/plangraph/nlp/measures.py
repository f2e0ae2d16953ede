"""Measures: the policy instruments a plan commits to, one per instrument, categorised.

Three ways a text commits to an instrument: a list introduced by a list noun ("supporting
measures such as promoting X, strengthening Y and Z"), an action clause whose subject
acts and whose verb looks forward ("the government will guide enterprises to use ..."),
and a plan's own statement of focus ("the plan places a focus on substituting imports").
Goals stated as outcomes ("making breakthroughs") are targets' business, not measures.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from plangraph.model import ActorType, Measure, MeasureCategory
from plangraph.nlp import clauses
from plangraph.nlp.lexicon import lexicon
from plangraph.nlp.mentions import DocFacts

_DROP = frozenset(
    {
        "conj",
        "cc",
        "punct",
        "advmod",
        "aux",
        "auxpass",
        "nsubj",
        "nsubjpass",
        "mark",
        "advcl",
        "npadvmod",
        "parataxis",
        "prep_purpose",
    }
)
# Below the instrument's own word, coordinated objects stay ("highlands and platforms").
_NESTED_DROP = frozenset({"advmod", "advcl", "parataxis", "mark", "punct"})
_PLAN_WORDS = frozenset(
    {
        "plan",
        "guideline",
        "guidelines",
        "document",
        "blueprint",
        "strategy",
        "roadmap",
        "measures",
        "policy",
        "opinions",
        "notice",
        "programme",
        "program",
        "mission",
        "initiative",
    }
)
_PLAN_VERBS = frozenset(
    {
        "place",
        "call",
        "propose",
        "outline",
        "list",
        "focus",
        "stress",
        "emphasise",
        "emphasize",
        "prioritise",
        "prioritize",
        "include",
        "highlight",
        "require",
        "detail",
        "specify",
        "set",
        "urge",
        "encourage",
        "support",
    }
)
_OUTCOME_NOUNS = frozenset(
    {
        "breakthrough",
        "breakthroughs",
        "progress",
        "improvement",
        "development",
        "growth",
        "level",
        "levels",
        "leadership",
    }
)
_SUBJECT_ACTORS = frozenset(
    {
        "government",
        "city",
        "province",
        "capital",
        "ministry",
        "country",
        "nation",
        "we",
        "authorities",
        "bureau",
        "commission",
        "state",
        "department",
        "municipality",
        "region",
        "it",
        "they",
    }
)


def categorise(label: str) -> MeasureCategory:
    """The first category whose cue occurs in the label ("financial support" ->
    financial-support); "other" when none does.

    >>> categorise("promoting mechanism innovation").value
    'mechanism-innovation'
    >>> categorise("use homegrown AI chips").value
    'procurement-guidance'
    """
    text = f" {label.lower()} "
    for category, cues in lexicon().categories:
        if any(cue in text for cue in cues):
            return category
    return MeasureCategory.OTHER


class MeasureFinder:
    """The ``plangraph_measures`` component's logic."""

    def __init__(self) -> None:
        self.lex = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        facts: DocFacts = doc._.pg
        seen: set[str] = set()
        target_sentences = {t.evidence.start for t in facts.targets if t.quantity is not None}
        for sent in doc.sents:
            if clauses.in_quote(sent) or clauses.is_quoted(sent):
                continue
            found = list(self._listed(sent))
            if not found:
                found = list(self._plan_focus(sent))
            if not found and sent.start_char not in target_sentences:
                found = list(self._actions(sent, facts))
            for label, subject in found:
                key = label.lower()
                if not label or key in seen:
                    continue
                seen.add(key)
                facts.measures.append(
                    Measure(
                        label=label,
                        category=categorise(label),
                        evidence=clauses.evidence(sent),
                        responsible=self._responsible(subject, sent, facts),
                    )
                )
        return doc

    def _listed(self, sent: SpacySpan) -> Iterator[tuple[str, Token | None]]:
        """ "measures such as promoting X, strengthening Y and the scope of Z"."""
        for token in sent:
            if token.lower_ not in self.lex.list_heads:
                continue
            for child in token.children:
                first = None
                if child.dep_ == "prep" and child.lower_ in {"as", "including", "like"}:
                    first = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
                elif child.dep_ == "prep" and child.lower_ == "include":
                    first = next((c for c in child.children if c.dep_ == "pobj"), None)
                if first is None:
                    continue
                for item in _conjuncts(first):
                    if _is_outcome(item):
                        continue
                    obj = next((c for c in item.children if c.dep_ == "dobj"), None)
                    if item.tag_ == "VBG" and obj is not None and len(_conjuncts(obj)) > 1:
                        # "strengthening policy innovation and the scope of financial
                        # support": each coordinated object is an instrument of its own
                        yield _label(item, split=True), None
                        for extra in _conjuncts(obj)[1:]:
                            yield _label(extra, split=True), None
                    else:
                        yield _label(item), None

    def _plan_focus(self, sent: SpacySpan) -> Iterator[tuple[str, Token | None]]:
        """ "The plan places a focus in substituting imports ... and making ..."."""
        for token in sent:
            if token.dep_ != "ROOT" or token.lemma_ not in _PLAN_VERBS:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lower_ not in _PLAN_WORDS:
                continue
            for item in _focus_items(token):
                if not _is_outcome(item):
                    label = _label(item)
                    if label:
                        yield label, None

    def _actions(self, sent: SpacySpan, facts: DocFacts) -> Iterator[tuple[str, Token | None]]:
        """Action clauses whose subject acts and whose verb looks forward, or imperatives."""
        for token in sent:
            if token.pos_ != "VERB" or token.lemma_ not in self.lex.action_verbs:
                continue
            if token.dep_ not in {"ROOT", "conj", "xcomp"}:
                continue
            subject = _subject(token)
            imperative = token.i == sent.start and token.tag_ == "VB"
            if not imperative:
                if subject is None or not _acts(subject, facts):
                    continue
                if not clauses.future(token) and not clauses.future(subject.head):
                    continue
            if any(c.dep_ == "dobj" and c.lemma_ in _OUTCOME_NOUNS for c in token.children):
                continue
            label = _label(token)
            if label and len(label.split()) >= 2:
                yield label, subject

    def _responsible(self, subject: Token | None, sent: SpacySpan, facts: DocFacts) -> str | None:
        if subject is not None:
            for mention in facts.actors:
                if (
                    mention.start <= subject.idx < mention.end
                    and mention.type is ActorType.GOVERNMENT
                ):
                    return mention.name
        speaker = facts.speakers.get(sent.start_char)
        if speaker is not None:
            return speaker
        return facts.plan.issuer if facts.plan is not None else None


def _subject(verb: Token) -> Token | None:
    for candidate in (verb, *verb.ancestors):
        subject = next((c for c in candidate.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
        if candidate.dep_ not in {"xcomp", "conj", "ccomp"}:
            break
    return None


def _acts(subject: Token, facts: DocFacts) -> bool:
    for mention in facts.actors:
        if mention.start <= subject.idx < mention.end:
            return mention.type in {ActorType.GOVERNMENT, ActorType.RESEARCH}
    for region in facts.regions:
        if region.start <= subject.idx < region.end:
            return True
    return subject.lower_ in _SUBJECT_ACTORS


def _conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _focus_items(verb: Token) -> list[Token]:
    items: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "prep", "pcomp", "xcomp"}:
            for grand in child.subtree:
                if grand.tag_ == "VBG" and grand.dep_ in {"pcomp", "pobj", "xcomp", "dobj", "conj"}:
                    items.append(grand)
    return items


def _is_outcome(token: Token) -> bool:
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return (obj is not None and obj.lower_ in _OUTCOME_NOUNS) or token.lower_ in _OUTCOME_NOUNS


def _label(token: Token, *, split: bool = False) -> str:
    """The instrument as a short phrase: the verb or noun with its objects, without
    coordinated siblings, adverbs, purpose clauses or subjects; with ``split``, without
    coordinated objects either."""
    nested = _NESTED_DROP | {"conj", "cc"} if split else _NESTED_DROP
    tokens = clauses.subtree_without(token, _DROP, nested)
    return clauses.phrase(tokens, limit=16)
