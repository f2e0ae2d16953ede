"""Measures: the policy instruments a plan commits to, one per instrument, categorised.

Three ways a text commits to an instrument: a list introduced by a list noun ("supporting
measures such as promoting X, strengthening Y and Z"), an action clause whose subject
acts and whose verb looks forward ("the government will guide enterprises to use ..."),
and a plan's own statement of focus ("the plan places a focus on substituting imports").
Goals stated as outcomes ("making breakthroughs") are targets' business, not measures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from plangraph.model import ActorType, Measure, MeasureCategory, Span
from plangraph.nlp import clauses
from plangraph.nlp.lexicon import lexicon
from plangraph.nlp.mentions import DocFacts
from plangraph.nlp.quantities import find_quantities
from plangraph.nlp.scope import SentenceScope, scope_of

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
        "promise",
        "offer",
        "provide",
        "introduce",
        "envisage",
        "ask",
        "direct",
        "instruct",
        "task",
        "expand",
        "commit",
        "back",
        "advocate",
        "underscore",
        "recommend",
    }
)
# "the measures ask the bureau to publish X and to organise Y": the bureau is responsible
_GENERIC = frozenset({"new", "the", "a", "an", "this", "its", "their", "whole", "overall"})
_CONSISTING = frozenset({"include", "comprise", "cover", "involve", "span"})
_ASSIGNING = frozenset({"ask", "require", "urge", "direct", "instruct", "task"})
_DOCUMENT_WORDS = frozenset(
    {"plan", "plans", "guideline", "guidelines", "document", "opinions", "notice", "measures"}
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
        "goal",
        "goals",
        "target",
        "targets",
        "objective",
        "objectives",
    }
)
# running the plan itself ("coordinate implementation", "evaluate the results") is not
# one of its instruments
# what a preamble says a plan follows, not an instrument
_DOCTRINE = frozenset({"spirit", "thought", "philosophy", "instruction", "principle"})
_HOUSEKEEPING = frozenset({"implementation", "progress", "result", "results", "layout"})


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
        quantities = [Span(s, e, "") for s, e in facts.figures]
        for sent in doc.sents:
            if (clauses.in_quote(sent) and clauses.reporter(sent) is None) or len(sent) < 5:
                continue  # a quotation's part without its speaker: whose words is unknown
            speaker = clauses.reporter(sent)
            if clauses.is_quoted(sent) and not (
                speaker is not None
                and (
                    _acts(speaker, facts)
                    or _official(speaker, facts)
                    or _official_statement(speaker, facts)
                )
            ):
                continue  # words of an analyst or a firm; a body's or an official's stay
            scope = scope_of(facts.scopes, sent.start_char)
            if scope.kind == "background":
                continue  # what already is
            if (
                clauses.text_of(sent).strip().endswith((":", "："))
                and sum(t.is_alpha for t in sent) <= 6
            ):
                continue  # "- Grow investment:" heads the items under it
            found = list(self._listed(sent))
            if not found:
                found = list(self._plan_focus(sent))
            if not found:
                found = list(self._actions(sent, facts, scope, quantities))
            else:
                # "the measures back X and Y, and talent: researchers can apply for Z": a
                # clause with its own subject after the plan's list is read on its own
                listed = [label.lower() for label, _ in found]
                found += [
                    (label, subject)
                    for label, subject in self._actions(sent, facts, scope, quantities)
                    if (subject is None or subject.lower_ not in clauses.PLAN_WORDS)
                    and not any(
                        label.lower() in other or other in label.lower() for other in listed
                    )
                ]
            if not found and scope.kind == "tasks":
                found = list(_named_item(sent))
            if not found:
                found = [(label, None) for label in _enumerated(sent)]
            if not found:
                found = [(label, None) for label in _announced_list(sent)]
            found += [
                (label, None)
                for label in (*_means(sent, facts), *_funded(sent, facts))
                if not any(label.lower() in other.lower() for other, _ in found)
            ]
            # an instrument founded inside a longer act is one of its own
            found += [(label, None) for label in _foundings(sent)]
            for label, subject in found:
                key = label.lower()
                if (
                    not label
                    or key in seen
                    or len(label.split()) < 2
                    or not _names_a_thing(label, sent)
                    or set(key.split()) - _GENERIC <= clauses.PLAN_WORDS
                ):
                    continue  # "a new plan" names no instrument of the plan
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
            if token.lower_ not in self.lex.list_heads or token.pos_ == "VERB":
                continue  # "support the conference as a platform" lists nothing
            for child in token.children:
                first = None
                if child.dep_ == "prep" and (
                    child.lower_ in {"including", "like"}
                    or (
                        child.lower_ == "as"
                        and any(c.lower_ == "such" for c in (*child.children, *token.children))
                    )
                ):
                    first = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
                elif child.dep_ == "prep" and child.lower_ == "include":
                    first = next((c for c in child.children if c.dep_ == "pobj"), None)
                if first is None:
                    continue
                for item in _conjuncts(first):
                    if not _is_outcome(item):
                        # "strengthening policy innovation and the scope of financial
                        # support": each coordinated object is an instrument of its own
                        yield from _split_objects(item)

    def _plan_focus(self, sent: SpacySpan) -> Iterator[tuple[str, Token | None]]:
        """ "The plan places a focus on substituting imports", "the guideline calls for
        building corpora, opening public data and supporting chips"."""
        for token in sent:
            if token.dep_ not in {"ROOT", "conj"}:
                continue
            subject = _subject(token)
            if subject is None:
                continue
            # "financial support includes attracting X, subsidising Y and providing Z":
            # what a kind of instrument is made of
            kinds = subject.lower_ in self.lex.list_heads and token.lemma_ in _CONSISTING
            if not kinds and (token.lemma_ not in _PLAN_VERBS or not _plan_subject(subject)):
                continue
            if any(
                c.dep_ in {"advcl", "xcomp"} and c.lemma_ in lexicon()["outcome_verbs"]
                for c in token.children
            ):
                continue  # "calls for the city's capacity to reach 2,000 PFLOPS": a goal
            if token.lemma_ in _ASSIGNING:
                body = next((c for c in token.children if c.dep_ == "dobj"), None)
                tasks = [
                    c for c in token.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"
                ]
                if tasks:
                    for task in tasks:
                        for verb in _conjuncts(task):
                            yield _label(verb), body
                    continue
            for item in _focus_items(token):
                if not _is_outcome(item) and not any(c.dep_ == "nummod" for c in item.children):
                    # "calls for 50 benchmark applications by 2026" counts a goal
                    yield from _split_objects(item)

    def _actions(
        self, sent: SpacySpan, facts: DocFacts, scope: SentenceScope, quantities: list[Span]
    ) -> Iterator[tuple[str, Token | None]]:
        """Clauses that commit someone to do something: a forward-looking verb whose
        subject acts ("the province will set up ..., back ... and study ..."), an
        imperative ("Build large computing centres ..."), or, under a tasks heading, the
        same in the present tense. A clause that carries a quantified goal is a target."""
        opener = _first_word(sent)
        if _item_title(sent, opener):
            return
        if (
            opener is not None
            and opener.lower_ in self.lex.action_verbs
            and opener.text[:1].isupper()
            and not any(
                t.dep_ in {"nsubj", "nsubjpass"} and clauses.item_label_end(sent) <= t.i < opener.i
                for t in sent
            )
        ):
            # Task lists give instructions verb first ("Build X, connect Y and set up Z");
            # the small parser often takes the first verb for a noun, so the clauses are
            # read from the words: each starts with an action verb after a comma or "and".
            yield from ((label, None) for label in self._instructions(sent, opener, facts))
            return
        head = next((t for t in sent if t.dep_ == "ROOT"), None)
        actor = _subject(head) if head is not None else None
        if head is not None and head.lemma_ in _PLEDGES:
            # "the province pledged to tighten X, to test Y and to deepen Z"; "aims to"
            # and "plans to" state goals, not acts
            head = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), head)
        if (
            head is not None
            and actor is not None
            and head.lemma_ in self.lex.action_verbs
            and head.lemma_ not in _STATE_VERBS
            and (clauses.future_aux(head) or head.dep_ == "xcomp")
            and _acts(actor, facts)
            and sum(1 for t in sent if t.text == ",") >= 2
        ):
            # "Wuhan will expand the centre, set up a platform, open public data and
            # publish scenarios": a list of acts the parser often mangles is read from the
            # words, one act per action verb
            found = list(self._instructions(sent, head, facts))
            if len(found) >= 2:
                yield from ((label, actor) for label in found)
                return
        for verb in _committed_verbs(sent):
            founded = _founded_with_size(verb, quantities)
            if founded is not None:
                # "compute infrastructure of 10,000 GPUs will be set up": the size is a
                # goal (a target of its own), the body founded is an instrument
                yield clauses.phrase(_noun_phrase(founded), limit=10), None
                continue
            if verb.i in facts.goal_verbs:
                continue  # the clause states a goal (:mod:`plangraph.nlp.goals`)
            thing = _subject(verb)
            if (
                thing is not None
                and thing.dep_ == "nsubj"
                and looks_ahead(verb)
                and thing.lower_ in self.lex.instrument_heads
                and (_introduced(thing) or not _is_actor_word(thing, facts))
                and not any(
                    c.dep_ == "acl"
                    and c.tag_ == "VBN"
                    and any(a.dep_ == "agent" for a in c.children)
                    for c in thing.children
                )
            ):  # "the new centre, built by a state operator, will serve ...": already there
                # "A Data Union Strategy will create a single market", "a testing centre
                # will help companies": an instrument of the plan is the subject of what
                # it will do; its name, when an apposition gives one ("a new unit, UK
                # Sovereign AI, will ...")
                name = next(
                    (c for c in thing.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None
                )
                yield clauses.phrase(_noun_phrase(name or thing), limit=10), None
                continue
            own = clauses.subtree_without(verb, frozenset({"conj", "cc"}))
            purposes = {t.i for c in _goal_parts(verb) for t in c.subtree}
            counted = any(
                q.start <= t.idx < q.end
                for q in quantities
                for t in own
                if t.like_num and t.i not in purposes
            )
            passive = _subject(verb)
            if (
                passive is not None
                and passive.dep_ == "nsubjpass"
                and (
                    not counted
                    or (
                        # "CA$1 billion will be used to build X": the sum is the act's
                        verb.lemma_ in _SPENDING
                        and not any(
                            q.start <= t.idx < q.end
                            for q in quantities
                            for t in own
                            if t.like_num and t.i not in purposes and t not in passive.subtree
                        )
                    )
                )
                and (clauses.future(verb) or _modal(verb) or scope.kind == "tasks")
            ):
                granted = list(_granted(verb, passive))
                if granted:
                    yield from ((label, None) for label in granted)
                    continue
            if (
                (verb.lemma_ in _STATE_VERBS and verb.lemma_ not in _BENEFITS)
                or verb.pos_ != "VERB"
            ) and not _in_place(verb):
                continue
            if counted:
                continue  # the clause states a quantified goal: a target, not a measure
            if (
                verb.lemma_ in _BENEFITS
                and (_modal(verb) or _is_to_be(verb))
                and any(c.dep_ in {"dobj", "prep"} for c in verb.children)
                # "AI will be applied across all sectors" is no benefit applied for
                and not any(c.dep_ == "auxpass" for c in verb.children)
                and not (
                    verb.dep_ == "conj"
                    and any(c.dep_ == "auxpass" for c in verb.head.children)
                    and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
                )
            ):
                # "top teams can receive funding of up to 100 million yuan": what the
                # plan grants, seen from who receives it, who included
                receiver = _subject(verb)
                # who is eligible stays: "companies whose models complete registration"
                words = (
                    clauses.subtree_without(receiver, frozenset({"punct", "det", "appos"}))
                    if receiver is not None
                    else []
                )
                words += [t for t in clauses.subtree_without(verb, _DROP, _NESTED_DROP)]
                yield clauses.phrase(words, limit=18), None
                continue
            subject = _subject(verb)
            if (
                subject is not None
                and subject.dep_ == "nsubjpass"
                and verb.lemma_ in _INVITING
                and not clauses.past(verb)
            ):
                # "Universities are encouraged to set up joint laboratories": the
                # instrument is what they are supported in, not who is supported
                yield _label(verb), None
                continue
            subject = _subject(verb)
            imperative = (
                subject is None
                and opener is not None
                and opener.tag_ == "VB"
                and (verb is opener or opener.is_ancestor(verb))
            ) or _tasked(verb)
            if imperative:
                subject = None
            looks_forward = (
                clauses.future(verb)
                or _modal(verb)
                or _is_to_be(verb)
                or scope.kind == "tasks"
                or _pledged(verb)
            )
            stranded = _stranded_subject(verb)
            if stranded is not None:
                subject = stranded
            if (
                subject is not None
                and (
                    subject.dep_ == "nsubjpass"
                    or stranded is not None
                    or (_is_to_be(verb) and subject.lower_ in self.lex.instrument_heads)
                    or (_in_place(verb) and subject.dep_ == "nsubj")
                )
                and looks_forward
                and (not _acts(subject, facts) or _introduced(subject) or verb.lemma_ in _FOUNDING)
                and verb.lemma_ not in _SPREADING
            ):
                # "industrial investment funds will be used ...": the subject is the tool
                yield clauses.phrase(_noun_phrase(subject), limit=10), None
                continue
            if any(c.dep_ == "dobj" and c.lower_ in _HOUSEKEEPING for c in verb.children):
                if subject is not None and subject.lower_ in self.lex.instrument_heads:
                    # "the Leading Group for the Digital Economy will coordinate
                    # implementation": the body set up to run the plan is the instrument
                    yield clauses.phrase(_noun_phrase(subject), limit=10), None
                continue
            if not imperative and (
                subject is None
                or not _acts(subject, facts)
                or not (looks_forward or _reported_act(verb, subject, facts))
            ):
                continue
            if any(c.dep_ == "dobj" and c.lemma_ in _OUTCOME_NOUNS for c in verb.children):
                continue  # "make breakthroughs": an outcome
            if any(c.dep_ == "dobj" and c.lemma_ in _DOCTRINE for c in verb.children):
                continue  # "implement the spirit of the congress": a guiding principle
            if verb.lemma_ == "take" and any(
                c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
            ):
                continue  # "take public data as the lead": a guiding principle
            # a purpose that carries a figure is the goal's (a target), not the act's
            goal_words = {
                t.i
                for c in _goal_parts(verb)
                if any(
                    w.like_num and any(q.start <= w.idx < q.end for q in quantities)
                    for w in c.subtree
                )
                for t in c.subtree
            }
            act = [t for t in _label_tokens(verb) if t.i not in goal_words]
            for part in _one_per_object(act, verb, facts):
                yield clauses.phrase(part, limit=18), subject

    def _instructions(self, sent: SpacySpan, opener: Token, facts: DocFacts) -> Iterator[str]:
        """Verb-first clauses split at each action verb after a comma or "and"; what
        follows a purpose marker ("in a bid to ...") or an attribution (", according to
        ...") is why or whose, not what, and is left out."""
        stop = sent.end
        for token in sent:
            if token.i > opener.i and (
                _PURPOSE.match(sent.doc[token.i : token.i + 4].text)
                or (token.lower_ == "according" and sent.doc[token.i - 1].text == ",")
            ):
                stop = token.i  # why it is done, or who says so ("..., according to X")
                break
        sent = sent.doc[sent.start : stop]
        starts = [opener.i]
        for token in sent:
            if token.i <= opener.i:
                continue
            previous = sent.doc[token.i - 1]
            if previous.text == ";" and token.is_alpha:
                starts.append(token.i)  # a semicolon closes an act, whatever follows
                continue
            infinitive = previous.lower_ == "to" and token.tag_ == "VB" and token.i - 2 > opener.i
            if infinitive:
                previous = sent.doc[token.i - 2]  # "to tighten X, to audit Y and to deepen Z"
            elif (
                token.lower_ not in self.lex.action_verbs
                or token.tag_ == "VBG"
                or (token.pos_ == "NOUN" and token.dep_ == "conj" and token.head.pos_ == "NOUN")
            ):
                continue  # "models for manufacturing, finance and education" lists sectors
            elif (
                token.dep_ == "conj"
                and token.head.dep_ in {"relcl", "acl", "advcl"}
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.head.children)
            ):
                continue  # "a platform to organise and deploy computing power": one purpose
            if previous.text in {",", ";", "and"}:
                starts.append(token.i)
        ends = [*starts[1:], sent.end]
        for start, end in zip(starts, ends, strict=True):
            words = [
                t
                for t in sent.doc[start:end]
                if not (t.i == end - 1 and t.text in {",", ";", ".", "and"})
            ]
            while words and words[-1].lower_ in {",", ";", ".", "and", "to"}:
                words.pop()
            if words and words[0].lemma_ == "take" and any(t.lower_ == "as" for t in words):
                continue  # "take public data as the lead": a guiding principle
            if any(
                a <= t.idx < b and t.like_num for t in words for a, b in facts.figures
            ) and clauses.deadline(" ".join(t.text for t in words)):
                continue  # "formulate more than 50 standards by 2026": a goal's clause
            for part in _one_per_object(words, sent.doc[start], facts):
                label = clauses.phrase(part, limit=18)
                if label:
                    yield label

    def _responsible(self, subject: Token | None, sent: SpacySpan, facts: DocFacts) -> str | None:
        if subject is not None:
            for mention in facts.actors:
                if (
                    mention.start <= subject.idx < mention.end
                    and mention.type is ActorType.GOVERNMENT
                ):
                    return mention.name
        lead = facts.lead_at(sent.start_char)
        if lead is not None:
            return lead
        speaker = facts.speakers.get(sent.start_char)
        if speaker is not None:
            return speaker
        reported = clauses.reporter(sent)
        if reported is not None:
            for mention in facts.actors:
                if (
                    mention.start <= reported.idx < mention.end
                    and mention.type is ActorType.GOVERNMENT
                ):
                    return mention.name  # "The ministry said it would ..."
        return facts.plan.issuer if facts.plan is not None else None


_STATE_VERBS = frozenset(
    {
        "be",
        "become",
        "reach",
        "exceed",
        "surpass",
        "grow",
        "rise",
        "account",
        "rank",
        "remain",
        "have",
        "see",
        "achieve",
        "total",
        "top",
        "hit",
        "take",
        "form",
        "say",
        "tell",
        "report",
        "target",
        "note",
        "expect",
        "aim",
        "plan",
        "strive",
        "seek",
        "intend",
        "hope",
        "want",
        "need",
        "pledge",
        "vow",
        "call",
        "include",
        "cover",
        "involve",
        "mean",
        "make",
        "continue",
        "try",
        "get",
        "stand",
        "lead",
        "put",
        "allow",
        "enable",
        "help",
        "let",
        "go",
        "come",
        "do",
    }
)
_ASPECT_VERBS = frozenset(
    {
        "aim",
        "plan",
        "pledge",
        "vow",
        "strive",
        "seek",
        "intend",
        "promise",
        "commit",
        "try",
        "continue",
        "start",
        "begin",
        "move",
        "work",
        "endeavour",
        "endeavor",
        "hope",
        "want",
        "expect",
        "resolve",
        "decide",
        "agree",
        "propose",
        "undertake",
    }
)
# "companies are encouraged to ...": the passive subject is who benefits
_INVITING = frozenset({"support", "encourage", "invite", "guide", "urge"})
# "an institute will be set up": a body being founded is itself an instrument
_FOUNDING = frozenset(
    {"set", "establish", "build", "create", "launch", "found", "form", "introduce"}
)
_PLEDGES = frozenset({"pledge", "vow", "promise", "commit", "undertake", "resolve", "decide"})
_PURPOSE = re.compile(
    r"(?i)(?:in a bid to|in order to|so as to|in an effort to|"
    r"to (?:achieve|reach|realise|realize|attain|meet)\b)\b"
)
_BENEFITS = frozenset({"receive", "get", "enjoy", "obtain", "apply", "qualify", "claim"})
# "would" as the reported "will": "the ministry said it would prepare a basic act"
_MODALS = frozenset({"will", "shall", "should", "must", "can", "may", "'ll", "would"})
_SKIP_OPENERS = frozenset({"(", ")", "-", "*", "•", ":", "."})


def _first_word(sent: SpacySpan) -> Token | None:
    """The first word of a sentence, past list numbers, bullets and bracketed item labels
    ("(6) Build ...", "(Project 1) Expand ...", "Pillar 2: Build ...")."""
    label_end = clauses.item_label_end(sent)
    for token in sent:
        if token.i < label_end:
            continue
        if (
            token.is_punct
            or token.text in _SKIP_OPENERS
            or token.like_num
            or (
                len(token.text) <= 3
                and token.text.rstrip(".").isalpha()
                and token.text.rstrip(".").isupper()
                and token.i + 1 < sent.end
                and sent.doc[token.i + 1].text in {".", ")"}
            )
        ):
            continue
        return token
    return None


def _committed_verbs(sent: SpacySpan) -> Iterator[Token]:
    """Main verbs and their coordinated verbs; through "aims to"/"pledged to" into the
    verbs they govern."""

    def expand(verb: Token) -> Iterator[Token]:
        if verb.lemma_ == "be" and any(c.dep_ == "xcomp" for c in verb.children):
            # "an institute is to open": the arrangement is the verb after "is to"
            for child in verb.children:
                if child.dep_ == "xcomp" and child.pos_ == "VERB":
                    yield from expand(child)
        elif verb.lemma_ == "be" and any(c.lower_ == "able" for c in verb.children):
            # "firms will be able to apply for vouchers"
            for able in verb.children:
                if able.lower_ == "able":
                    for child in able.children:
                        if child.dep_ == "xcomp" and child.pos_ == "VERB":
                            yield from expand(child)
        elif verb.lemma_ in _ASPECT_VERBS:
            if any(c.dep_ == "auxpass" for c in verb.children):
                return  # "universities are expected to supply talent": a forecast
            complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            complements = complements or _displaced_complements(verb)
            # "the city has decided upon using guidance funds": the act is the gerund
            complements = complements or [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                for g in c.children
                if g.dep_ == "pcomp" and g.tag_ == "VBG"
            ]
            for child in complements:
                yield from expand(child)
            if (
                not complements
                and verb.lemma_ == "work"
                and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
            ):
                yield verb  # "the government will work with chipmakers": a partnership
        elif (ways := _ways_to(verb)) is not None:
            yield from expand(ways)  # "look for ways to boost X": the act is boosting X
        else:
            yield verb
        for child in verb.children:
            if child.dep_ == "conj" and child.pos_ == "VERB":
                yield from expand(child)

    for token in sent:
        if token.dep_ == "ROOT":
            yield from expand(token)
            for child in token.children:
                end = child.right_edge.i + 1
                if (
                    (
                        child.dep_ in {"ccomp", "parataxis"}
                        and child.i < token.i
                        and end < len(token.doc)
                        and token.doc[end].text == ";"
                    )
                    or (
                        child.dep_ in {"ccomp", "parataxis", "conj"}
                        and child.i > token.i
                        and token.doc[child.left_edge.i - 1].text in {":", ";"}
                        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
                    )
                    or (
                        child.dep_ == "advcl"
                        and any(
                            c.dep_ == "mark" and c.lower_ in {"while", "whereas"}
                            for c in child.children
                        )
                    )
                ):
                    # "the city shall open X; exchanges shall trade Y", "firms can apply
                    # for vouchers, while public data will be opened": clauses of their own
                    yield from expand(child)
            if token.lemma_ in {"say", "announce", "state", "add", "note"}:
                # "the ministry said it would prepare X and that it would train Y"
                for child in token.children:
                    if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX"}:
                        yield from expand(child)


def _ways_to(verb: Token) -> Token | None:
    """The act of "look for ways to boost X", "seek means to cut Y", else None."""
    if verb.lemma_ not in {"look", "seek", "find", "explore", "search"}:
        return None
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        if noun.lemma_ not in {"way", "means", "option"}:
            continue
        for act in noun.children:
            if (
                act.dep_ in {"relcl", "acl"}
                and act.pos_ == "VERB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in act.children)
            ):
                return act
    return None


_NUMBERING = re.compile(r"(?i)^(?:article|chapter|section|part)\s+\w+$")


def _names_a_thing(label: str, sent: SpacySpan) -> bool:
    """An instrument names something: a label needs a noun ("making up" does not), and a
    bare article number is a reference, not a measure."""
    if _NUMBERING.match(label):
        return False
    words = set(label.split())
    return any(t.pos_ in {"NOUN", "PROPN"} and t.text in words for t in sent)


_ITEM_NUMBER = re.compile(r"^\s*(?:\(?\d+[.)]|\(\d+\)|\(?[a-z][.)]|[IVX]+\.)\s*$")


def _item_title(sent: SpacySpan, opener: Token | None) -> bool:
    """ "(6) Improve the layout." opens a numbered item: the item's title, not a measure."""
    words = [t for t in sent if t.is_alpha]
    if opener is None or len(words) > 5:
        return False
    if opener.i == sent.start:
        # "1. Build up computing capacity." with the number split off as a sentence
        text = clauses.doc_text(sent.doc)
        line = text[text.rfind("\n", 0, sent.start_char) + 1 : sent.start_char]
        return bool(_ITEM_NUMBER.match(line))
    return any(t.like_num or t.text in {"(", ")"} for t in sent.doc[sent.start : opener.i])


def _pledged(verb: Token) -> bool:
    """ "The city has promised to supply green electricity": what a body pledged or
    promised to do looks ahead, whatever the tense of the pledge."""
    head = verb
    while head.dep_ in {"xcomp", "conj"} and head.head is not head:
        head = head.head
        if head.lemma_ in _PLEDGES:
            return True
    decided = _decided_on(verb)
    return decided is not None and decided.lemma_ in _PLEDGES


def _decided_on(verb: Token) -> Token | None:
    """The verb of "decided upon using X" when ``verb`` is its gerund, else None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in {"on", "upon"}:
        return None
    return prep.head if prep.head.lemma_ in _ASPECT_VERBS else None


_TASK_NOUNS = frozenset({"objective", "objectives", "task", "tasks", "goal", "aim", "focus"})
_LOOKING_BACK = re.compile(
    r"\b(?:last|previous|past)\s+(?:year|month|decade)|\bso far\b|\bto date\b|"
    r"\bin (?:19|20)\d\d\b|\bpreviously\b|\bearlier\b|\bago\b",
    re.IGNORECASE,
)


_ISSUING = frozenset(
    {"issue", "publish", "release", "unveil", "announce", "adopt", "approve", "launch", "clear"}
)


def _tasked(verb: Token) -> bool:
    """ "The work objective is to leverage X, promote Y and form Z": the infinitives a
    task noun's copula sets out are the plan's acts, whoever does them."""
    first = verb
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    head = first.head
    return (
        first.dep_ == "xcomp"
        and head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lower_ in _TASK_NOUNS for c in head.children)
    )


def _reported_act(verb: Token, subject: Token, facts: DocFacts) -> bool:
    """A news report tells what a plan does in the past tense: "Anhui has also
    established an investment fund", "the city encouraged its developers to ...". A body of
    government acting, with no time that puts the act before the plan."""
    if not clauses.past(verb) or verb.tag_ not in {"VBD", "VBN"}:
        return False
    issued = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if verb.lemma_ not in lexicon().action_verbs or (
        verb.lemma_ in _ISSUING
        and (
            issued is None
            or issued.lower_ in clauses.PLAN_WORDS
            or issued.lower_ in _DOCUMENT_WORDS
            or issued.lower_ not in lexicon().instrument_heads
        )
    ):
        # "published plans to support large models": issuing the plan itself; "published
        # a list of scenarios", "launched a fund": an instrument of it
        return False
    aside = {t.i for part in _goal_parts(verb) for t in part.subtree}
    clause = " ".join(
        t.text for t in verb.doc[verb.left_edge.i : verb.right_edge.i + 1] if t.i not in aside
    )
    if any(m.quantity.unit == "count" for m in find_quantities(clause)):
        return False  # "has released 111 scenarios": a figure reached
    if (
        not any(
            m.start <= subject.idx < m.end and m.type is ActorType.GOVERNMENT for m in facts.actors
        )
        and not any(r.start <= subject.idx < r.end for r in facts.regions)
        and subject.lower_
        not in {
            "city",
            "province",
            "county",
            "district",
            "municipality",
            "government",
            "ministry",
            "authorities",
        }
    ):
        return False
    return not _LOOKING_BACK.search(clauses.text_of(verb.sent))


def looks_ahead(verb: Token) -> bool:
    return clauses.future_aux(verb) or (verb.dep_ == "conj" and clauses.future_aux(verb.head))


def _is_actor_word(token: Token, facts: DocFacts) -> bool:
    """Any actor or place named at the token, whatever its type."""
    spans = [(m.start, m.end) for m in facts.actors] + [(r.start, r.end) for r in facts.regions]
    return any(start <= token.idx < end for start, end in spans)


def _is_to_be(verb: Token) -> bool:
    """ "A national AI safety institute is to open": a plan's arrangement."""
    head = verb.head if verb.dep_ == "xcomp" else None
    return (
        head is not None
        and head.lemma_ == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _modal(verb: Token) -> bool:
    for candidate in (verb, *verb.ancestors):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _MODALS for c in candidate.children):
            return True
        if candidate.dep_ not in {"conj", "xcomp"} and candidate.lower_ != "able":
            break  # "will be able to apply": the modal is on the verb above "able"
    return False


def _noun_phrase(noun: Token) -> list[Token]:
    """The noun with its modifiers, coordinated ones included ("an ethics and safety
    review mechanism"), without its own coordinated nouns or clauses."""
    return clauses.subtree_without(
        noun,
        frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "det", "poss"}),
        frozenset({"relcl", "acl", "appos", "punct", "det", "poss"}),
    )


def _introduced(noun: Token) -> bool:
    """ "An AI Skills Academy will ...": the indefinite article brings in something new."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _one_per_object(tokens: list[Token], verb: Token, facts: DocFacts) -> list[list[Token]]:
    """The act's words, and each further object it is coordinated with, as instruments of
    their own: "strengthen the safety assessment of models and the protection of personal
    information" is two. A further object is the direct object's conjunct, or a
    conjunct deeper down that opens with its own article ("..., servers and the
    adaptation of models"); coordinated bodies and people ("support the university and
    other institutions in ...", "attract scientists and research teams") are who is
    supported, one act."""
    chosen = {t.i for t in tokens}
    extras: list[Token] = []
    for token in tokens:
        if (
            token.dep_ == "conj"
            and token.pos_ in {"NOUN", "PROPN"}
            and token.head.i in chosen
            and token.head.pos_ in {"NOUN", "PROPN"}
            and ((_has_article(token) and _of_the_object(token, verb)) or _next_object(token, verb))
            and not _is_actor_word(token, facts)
            and not _is_actor_word(token.head, facts)
            and token.lower_ not in lexicon().beneficiaries
            and token.head.lower_ not in lexicon().beneficiaries
            and not any(c.dep_ == "amod" and c.lower_ == "other" for c in token.children)
        ):
            extras.append(token)
    if not extras:
        return [tokens]
    dropped = {t.i for extra in extras for t in extra.subtree}
    for extra in extras:  # and the "and" or comma before it
        before = extra.left_edge.i - 1
        while before >= 0 and verb.doc[before].dep_ in {"cc", "punct"}:
            dropped.add(before)
            before -= 1
    parts = [[t for t in tokens if t.i not in dropped]]
    for extra in extras:
        inner = {
            t.i
            for other in extras
            if other is not extra and other.i > extra.i
            for t in other.subtree
        }
        parts.append(
            [t for t in _noun_phrase(extra) if t.i in chosen and t.i not in inner] or [extra]
        )
    return parts


def _next_object(token: Token, verb: Token) -> bool:
    """ "build a data platform and industry corpora": a conjunct of the verb's direct
    object that is a phrase of its own, not a count ("100 factories and 1,000
    workshops" is one goal-like act), not after the object's own preposition ("pilots
    in manufacturing, health care" lists sectors), not after a nationality ("Chinese
    and industry corpora" coordinates modifiers)."""
    head = token.head
    return (
        head.dep_ == "dobj"
        and head.head.i == verb.i
        and _own_phrase(token)
        and _own_phrase(head)  # "scale up apprenticeship and reskilling programmes" is one
        and not any(c.dep_ == "nummod" for c in token.children)
        and not any(c.dep_ == "prep" and head.i < c.i < token.i for c in head.children)
        and head.ent_type_ != "NORP"
    )


def _own_phrase(token: Token) -> bool:
    """A noun with words of its own ("industry data sets"), not a bare noun ("policies")."""
    return any(
        c.dep_ in {"det", "amod", "compound", "nmod", "poss", "nummod", "prep"}
        for c in token.children
    )


def _of_the_object(token: Token, verb: Token) -> bool:
    """A conjunct inside the act's object or its "of" phrase ("the assessment of models and
    the protection of data"), not inside another preposition ("consultations on the
    Act and the Strategy" are one act about two laws)."""
    head = token.head
    while head.i != verb.i and head.dep_ != "ROOT":
        if head.dep_ == "prep" and head.lower_ != "of":
            return False
        head = head.head
    return True


def _has_article(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in token.children)


def _split_objects(item: Token) -> Iterator[tuple[str, Token | None]]:
    """A gerund with coordinated objects is one instrument per object, when the objects
    are phrases of their own ("strengthening policy innovation and the scope of
    financial support"); bare nouns ("improving laws and policies") are one act."""
    obj = next((c for c in item.children if c.dep_ == "dobj"), None)
    if (
        item.tag_ == "VBG"
        and obj is not None
        and len(_conjuncts(obj)) > 1
        and all(_own_phrase(extra) for extra in _conjuncts(obj)[1:])
    ):
        yield _label(item, split=True), None
        for extra in _conjuncts(obj)[1:]:
            yield _label(extra, split=True), None
    else:
        yield _label(item, split=item.pos_ in {"NOUN", "PROPN"}), None


# "support will be given to ...": what a plan grants, said in the passive
_GRANTING = frozenset({"give", "grant", "offer", "provide", "extend", "allocate"})
# "AI will be applied across all sectors": how far a technology spreads is an outcome
_SPREADING = frozenset({"apply", "adopt", "integrate", "popularise", "popularize", "spread"})
# "X will be used to ...": what a means or a sum is spent on
_SPENDING = frozenset({"use", "allocate", "spend", "earmark", "devote", "channel", "utilise"})
_SUMS = frozenset({"sum", "money", "budget", "funding", "amount", "rest", "remainder"})
# "efforts will be made to ...": a light subject whose act is the purpose that follows
_EFFORTS = frozenset({"effort", "work", "step", "measure", "action"})


def _granted(verb: Token, subject: Token) -> Iterator[str]:
    """The instrument of a passive clause whose subject says little by itself: what is
    granted ("start-ups will be given access to the platform": access to the platform;
    "support will be given to young firms": support to young firms), or the act that
    effort is made for ("work will be taken up to implement X": implement X)."""
    purposes = [
        c
        for c in verb.children
        if c.dep_ in {"advcl", "xcomp"}
        and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    if subject.lemma_ in _EFFORTS and not any(c.dep_ == "dobj" for c in verb.children):
        for purpose in purposes:
            for act in _conjuncts(purpose):
                yield _label(act)
        return
    if verb.lemma_ in _SPENDING:
        # "the approved corpus will be used to build an AI ecosystem", "up to CA$1
        # billion will be used to build supercomputing infrastructure": the act paid for,
        # named with the means when the subject names one
        sum_only = any(t.like_num for t in subject.subtree) or subject.lemma_ in _SUMS
        for purpose in purposes:
            for act in _conjuncts(purpose):
                words = _label_tokens(act)
                if not sum_only:
                    to = [c for c in act.children if c.dep_ == "aux" and c.lower_ == "to"]
                    words = _noun_phrase(subject) + to + words
                yield clauses.phrase(sorted(words, key=lambda t: t.i), limit=18)
        return
    if verb.lemma_ not in _GRANTING:
        return
    given = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if given is not None:
        yield _label(given)  # the receivers are the subject
    elif len(_noun_phrase(subject)) <= 2 and subject.pos_ == "NOUN":
        # a bare "support" or "priority" is named by whom or what it is for
        words = _noun_phrase(subject)
        for child in verb.children:
            if (child.dep_ in {"dative", "prep"} and child.lower_ in {"to", "for"}) or (
                child in purposes
            ):
                words += clauses.subtree_without(child, _DROP, _NESTED_DROP)
        if len(words) > len(_noun_phrase(subject)):
            yield clauses.phrase(sorted(words, key=lambda t: t.i), limit=18)


def _displaced_complements(verb: Token) -> list[Token]:
    """ "The city has pledged in the action plan to offer subsidies": the small parser
    hangs the infinitive on the noun of the phrase in between ("plan to offer"); an
    infinitive right after a prepositional phrase of the verb is the verb's complement."""
    found: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            for acl in noun.children:
                if (
                    acl.dep_ == "acl"
                    and acl.pos_ == "VERB"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in acl.children)
                    and acl.left_edge.i == noun.i + 1
                ):
                    found.append(acl)
    return found


def _official(speaker: Token, facts: DocFacts) -> bool:
    """An official speaks for the government that set the plan, also when named again by
    surname alone ("said Chen Ming Bo, director of the city's commission ... Chen said"):
    the post stated at the first mention holds for the rest of the document."""
    if clauses.official(speaker):
        return True
    if speaker.pos_ != "PROPN":
        return False
    doc = speaker.doc
    for affiliation in facts.affiliations:
        if speaker.text not in affiliation.person.split():
            continue
        at = clauses.doc_text(doc).find(affiliation.person, affiliation.evidence.start)
        first = doc.char_span(at, at + len(affiliation.person)) if at >= 0 else None
        if first is not None and first.root.i != speaker.i and clauses.official(first.root):
            return True
    return False


def _goal_parts(verb: Token) -> list[Token]:
    """The parts of an act's clause whose figures are a goal or a size, not the act's
    own count: its purpose ("to raise 100 billion yuan") and, when it founds an
    instrument, what is said of the instrument's scale ("set up a fund, with an initial
    scale of 6 billion yuan, which is to reach 20 billion")."""
    parts = _purposes(verb)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if (
        obj is not None
        and (verb.lemma_ in _FOUNDING or verb.lemma_ in _ISSUING)
        and (obj.lower_ in lexicon().instrument_heads or obj.lemma_ in lexicon().instrument_heads)
    ):
        parts += [t for t in obj.subtree if t.dep_ in {"relcl", "acl"} and t.i > obj.i]
        # "a list of 26 scenarios": how many a list or catalogue holds is its size
        parts += [
            c
            for c in obj.children
            if obj.lemma_ in {"list", "catalogue", "catalog", "batch"}
            and c.dep_ == "prep"
            and c.lower_ == "of"
        ]
        # "a 1-billion-yuan voucher programme": the sum an instrument carries
        parts += [
            c
            for c in obj.children
            if c.i < obj.i
            and any(
                len(m.quantity.unit) == 3 and m.quantity.unit.isupper()
                for m in find_quantities(verb.doc[c.left_edge.i : c.right_edge.i + 1].text)
            )
        ]
        parts += [
            c for c in (*verb.children, *obj.children) if c.dep_ == "prep" and c.lower_ == "with"
        ]
    return parts


def _purposes(verb: Token) -> list[Token]:
    """ "use guidance funds to raise 100 billion yuan": an infinitive after the act's
    object says what the act is for; a figure there is the goal's, not the act's."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return [
        c
        for c in verb.children
        if c.dep_ in {"advcl", "xcomp"}
        and obj is not None
        and c.i > obj.i
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


# what a list after a colon may be announced as
_KINDS_OF_MEASURE = frozenset(
    {"pillars", "instruments", "priorities", "tools", "measures", "initiatives", "steps"}
)


def _announced_list(sent: SpacySpan) -> Iterator[str]:
    """The items after a colon that a noun before it announces as instruments ("set
    three pillars for its policy: A, B and C", "finalising two instruments: X and Y")."""
    colon = next((t for t in sent if t.text in {":", "："}), None)
    if colon is None or colon.i + 1 >= sent.end:
        return
    if not any(
        t.lower_ in _KINDS_OF_MEASURE for t in sent.doc[max(sent.start, colon.i - 8) : colon.i]
    ):
        return
    first = sent.doc[colon.i + 1]
    while first.head.i > colon.i and first.head.i != first.i and first.head.i < sent.end:
        first = first.head  # up to the head of the first item's phrase
    if first.pos_ not in {"NOUN", "PROPN"}:
        return
    for item in _conjuncts(first):
        if item.i > colon.i:
            words = [t for t in clauses.subtree_without(item, frozenset({"conj", "cc", "punct"}))]
            yield clauses.phrase(words, limit=12)


_MEANS = frozenset({"through", "via"})


def _means(sent: SpacySpan, facts: DocFacts) -> Iterator[str]:
    """What a forward-looking act is done through: "SMEs will get access via the AI
    Compute Access Fund", "farming will be transformed through smart equipment and
    digital tools": the means named after "through" or "via", each conjunct one."""
    for prep in sent:
        if prep.lower_ not in _MEANS or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
            continue
        verb = prep.head
        if not (clauses.future(verb) or _modal(verb) or _pledged(verb) or _modal(verb.head)):
            continue
        if _PURPOSE.search(verb.doc[max(verb.i - 4, sent.start) : verb.i + 1].text):
            continue  # "so as to propel growth through innovation": why, not how
        first = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if first is None or first.like_num or clauses.deadline(first.text):
            continue
        if first.pos_ in {"NOUN", "PROPN"} and (
            not _is_actor_word(first, facts) or first.lower_ in lexicon().instrument_heads
        ):
            # "through smart equipment and digital tools" is one means
            yield clauses.phrase(list(first.subtree), limit=18)


# "the establishment of a computing centre": founding said as a noun
_FOUNDING_NOUNS = frozenset({"establishment", "creation", "launch", "founding", "setting-up"})


# "the creation of a world-class cluster" states an ambition, a goal
_AMBITIONS = frozenset(
    {"world-class", "first-class", "leading", "influential", "top", "globally", "world"}
)


def _foundings(sent: SpacySpan) -> Iterator[str]:
    """Instruments a plan founds, said with a noun ("including the establishment of the
    National AI Computing Center", "calls for the creation of a data trust"), unless the
    sentence looks back ("since the launch of the fund in 2019")."""
    if _LOOKING_BACK.search(clauses.text_of(sent)) or any(
        t.tag_ == "VBD" and t.dep_ == "ROOT" and not clauses.future(t) for t in sent
    ):
        return
    heads = lexicon().instrument_heads
    for noun in sent:
        if noun.lemma_ not in _FOUNDING_NOUNS:
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            thing = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if (
                thing is not None
                and (thing.lower_ in heads or thing.lemma_ in heads)
                and not any(c.dep_ == "nummod" for c in thing.children)  # a count: a goal
                and not any(t.lower_ in _AMBITIONS for t in thing.subtree)
            ):
                yield clauses.phrase(_noun_phrase(thing), limit=10)


_ALLOCATING = frozenset(
    {"allocate", "earmark", "set", "reserve", "budget", "spend", "commit", "devote", "use"}
)


def _funded(sent: SpacySpan, facts: DocFacts) -> Iterator[str]:
    """What a sum of money is set aside for: "RM53 million for the Digital Accelerator
    Grant", "RM18 million to strengthen the AI Office", "20 million dollars has been set
    aside for the GovTech initiative": the instrument or act the money pays for."""
    for mention in facts.quantities:
        if not sent.start_char <= mention.start < sent.end_char:
            continue  # the document's quantities, read once: this sentence's only
        unit = mention.quantity.unit
        if not (len(unit) == 3 and unit.isupper()):
            continue  # an ISO currency code: money
        span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        heads = {t.i for t in span}
        verb = clauses.governing_verb(span.root)
        if verb is not None and verb.lemma_ in _ALLOCATING:
            heads.add(verb.i)  # "RM20 million has been set aside for X"
        copula = verb.i if verb is not None and verb.lemma_ == "be" else -1
        for token in sent:
            if token.i in heads or token.i < span.start:
                continue
            if token.head.i == copula and token.dep_ == "prep" and token.lower_ == "for":
                pass  # "among the initiatives are RM5 million for X"
            elif token.head.i not in heads:
                continue
            if token.dep_ == "prep" and token.lower_ == "for":
                thing = next((c for c in token.children if c.dep_ == "pobj"), None)
                if (
                    thing is not None
                    and thing.pos_ in {"NOUN", "PROPN"}
                    and thing.lower_ not in lexicon().beneficiaries
                    and (
                        not _is_actor_word(thing, facts)
                        or thing.lower_ in lexicon().instrument_heads
                    )
                    and not clauses.deadline(thing.text)
                ):
                    yield _label(thing)
            elif (
                token.pos_ == "VERB"
                and token.dep_ in {"advcl", "xcomp", "acl", "relcl"}
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in token.children)
            ):
                yield _label(token)  # "RM18 million to strengthen the AI Office"


_ITEM_MARK = re.compile(r"^\s*(?:\(?\s*(?:\d+|[a-z]|[ivx]+)\s*[.)]|[-*•])\s+$")


def _named_item(sent: SpacySpan) -> Iterator[tuple[str, Token | None]]:
    """An item of a list of tasks that names its instrument without a verb of its own
    ("b. An investment of $2 million to widen scholarships;", "c. Launching a fund"):
    the item's head phrase."""
    text = clauses.doc_text(sent.doc)
    line = text[text.rfind("\n", 0, sent.start_char) + 1 : sent.start_char]
    if not _ITEM_MARK.match(line) and line.strip():
        return
    rest = text[sent.end_char :]
    if not clauses.text_of(sent).endswith("\n") and rest.lstrip(" \t")[:1] not in {"\n", ""}:
        return  # "(3) Strengthen models. Support ...": an item's title, its text after it
    if sum(1 for t in sent if t.is_alpha) < 4:
        return
    root = sent.root
    if root.pos_ in {"NOUN", "PROPN"} or root.tag_ == "VBG":
        words = [t for t in _label_tokens(root) if not (t.is_punct and t.i == sent.end - 1)]
        yield clauses.phrase(words, limit=18), None


def _founded_with_size(verb: Token, quantities: list[Span]) -> Token | None:
    """The subject of a forward-looking passive founding verb whose only figure is its
    own size ("a cluster of 5,000 servers will be built"), else None."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if (
        subject is None
        or verb.lemma_ not in _FOUNDING
        or subject.pos_ != "NOUN"
        or subject.lemma_ in {"total", "number", "amount", "batch", "series", "set"}
        or not (clauses.future(verb) or _modal(verb))
    ):
        return None
    sized = [
        t
        for c in subject.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for t in c.subtree
        if t.like_num and any(q.start <= t.idx < q.end for q in quantities)
    ]
    rest = [
        t
        for t in clauses.subtree_without(verb, frozenset({"conj", "cc", "nsubjpass"}))
        if t.like_num and any(q.start <= t.idx < q.end for q in quantities)
    ]
    return subject if sized and not rest else None


_STATEMENTS = frozenset({"statement", "release", "announcement", "communique", "readout"})


def _official_statement(speaker: Token, facts: DocFacts) -> bool:
    """ "a government statement said ...", and then "the statement added ...": what a
    body states in writing speaks for it as its officials do; a statement counts when it
    or an earlier one of the document is a government's or a body's that acts."""
    if speaker.lemma_ not in _STATEMENTS:
        return False
    doc = speaker.doc
    for token in doc[: speaker.i + 1]:
        if token.lemma_ not in _STATEMENTS:
            continue
        modifiers = [c for c in token.children if c.dep_ in {"compound", "amod", "poss"}]
        if any(
            m.lower_ in {"government", "official", "cabinet", "ministry", "state"}
            or _acts(m, facts)
            for m in modifiers
        ):
            return True
    return False


def _stranded_subject(verb: Token) -> Token | None:
    """The subject of a passive second clause the parser hung elsewhere: in "..., and a
    strategic advisory committee will be established" the small model often attaches
    the noun to the first clause, leaving "will be established" with none. English puts
    the subject right before the auxiliaries, after the coordinator, so the noun phrase
    there is it."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    if (
        not any(c.dep_ == "auxpass" for c in auxiliaries)
        or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        or min(a.i for a in auxiliaries) == verb.sent.start
    ):
        return None
    first = min(a.i for a in auxiliaries)
    noun = verb.doc[first - 1]
    while noun.dep_ in {"pobj", "prep", "compound", "amod"} and noun.head.i < first:
        noun = noun.head
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.right_edge.i != first - 1:
        return None
    start = min(t.i for t in noun.subtree)
    if start == 0 or verb.doc[start - 1].lower_ not in {"and", "while", "but"}:
        return None
    return noun


def _in_place(verb: Token) -> bool:
    """ "Tailor-made policies will be in place": the plan puts an instrument there."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(g.dep_ == "pobj" and g.lower_ == "place" for g in c.children)
        for c in verb.children
    )


def _displaced_host(verb: Token) -> Token | None:
    """The verb whose complement ``verb`` is, when the parser hung it on a noun between
    (:func:`_displaced_complements`)."""
    if verb.dep_ != "acl" or verb.head.dep_ != "pobj" or verb.head.head.dep_ != "prep":
        return None
    host = verb.head.head.head
    if host.lemma_ not in _ASPECT_VERBS:
        return None
    return host if verb in _displaced_complements(host) else None


def _subject(verb: Token) -> Token | None:
    host = _displaced_host(verb) or _decided_on(verb)
    if host is not None:
        return _subject(host)
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
    return subject.lower_ in lexicon()["acting_nouns"] or subject.lower_ in {"it", "they"}


def _conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


_ORDINALS = frozenset(
    {
        "firstly",
        "secondly",
        "thirdly",
        "fourthly",
        "fifthly",
        "lastly",
        "finally",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
    }
)


def _enumerated(sent: SpacySpan) -> Iterator[str]:
    """ "Secondly, corpus projects aim to ...", "Firstly, there are model projects ...": a
    sentence a list adverb opens, about an instrument (its subject, or what "there are"
    introduces), names one of the instruments the text is counting through."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 4 or words[0].lower_ not in _ORDINALS or words[1].text != ",":
        return
    root = sent.root
    if clauses.past(root):
        return  # "Firstly, the centre was opened in 2021": what was done
    noun = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if noun is None or noun.lower_ == "there":
        noun = next((c for c in root.children if c.dep_ == "attr"), None)
    if noun is not None and noun.lower_ in lexicon().instrument_heads:
        yield clauses.phrase(_noun_phrase(noun), limit=12)


def _plan_subject(subject: Token) -> bool:
    """ "the plan", "the policies", or "they" / "it" when the sentence before spoke of one
    ("The policies propose X. They also advocate Y.")."""
    if subject.lower_ in clauses.PLAN_WORDS:
        return True
    if subject.lemma_ in clauses.PLAN_WORDS:  # "the policies", not "these strategies"
        return any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    if subject.lower_ not in {"they", "it"} or subject.sent.start == 0:
        return False
    before = subject.doc[subject.sent.start - 1].sent
    return any(
        t.dep_ == "nsubj" and (t.lower_ in clauses.PLAN_WORDS or t.lemma_ in clauses.PLAN_WORDS)
        for t in before
        if t.head.dep_ == "ROOT"
    )


def _focus_items(verb: Token) -> list[Token]:
    """What a plan calls for: gerunds ("calls for building X, opening Y") or, failing
    those, its coordinated noun objects ("proposes a voucher scheme and a fund")."""
    items: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "prep", "pcomp", "xcomp"}:
            for grand in child.subtree:
                if grand.tag_ == "VBG" and grand.dep_ in {"pcomp", "pobj", "xcomp", "dobj", "conj"}:
                    items.append(grand)
    if items:
        # a long list of gerunds the parser broke off the verb ("commits to raising X,
        # expanding Y, coordinating Z, supporting W ...") or off its first item ("focuses
        # on building X, promoting Y, developing Z"): the rest of the list follows
        broken = [c for c in verb.children if c.dep_ == "advcl"]
        broken += [
            c
            for item in items
            for c in item.children
            if c.dep_ == "advcl" and c.i > 0 and verb.doc[c.i - 1].text == ","
        ]
        for child in broken:
            if child.tag_ == "VBG" and child.i > items[0].i:
                items.extend(t for t in _conjuncts(child) if t.tag_ == "VBG" and t not in items)
    if not items:
        for child in verb.children:
            target = child
            if child.dep_ == "prep":
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
            if (
                target.dep_ in {"dobj", "pobj"}
                and target.pos_ == "NOUN"
                and target.lower_ not in _DOCUMENT_WORDS
            ):
                # "the use of AI in research, production control and equipment maintenance":
                # what follows the object's own preposition lists where, not what
                items.extend(
                    c
                    for c in _conjuncts(target)
                    if _as_well_as(c)
                    or not any(
                        p.dep_ == "prep" and p.lower_ != "as" and target.i < p.i < c.i
                        for p in target.children
                    )
                )
                # a coordination the parser hung inside the first item's relative clause
                # ("rewards for companies whose models pass X, a fund, and pilot projects")
                items.extend(
                    t
                    for t in target.subtree
                    if t.dep_ == "conj"
                    and t.pos_ == "NOUN"
                    and t not in items
                    and any(c.dep_ == "det" for c in t.children)
                )
    return items


def _as_well_as(token: Token) -> bool:
    """ "..., as well as faster approval procedures": a further item, however far away."""
    start = token.left_edge.i
    return token.doc[max(start - 3, 0) : start].text.lower() == "as well as"


def _is_outcome(token: Token) -> bool:
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return (obj is not None and obj.lower_ in _OUTCOME_NOUNS) or token.lower_ in _OUTCOME_NOUNS


def _label(token: Token, *, split: bool = False) -> str:
    """The instrument as a short phrase: the verb or noun with its objects, without
    coordinated siblings, adverbs, purpose clauses or subjects; with ``split``, without
    coordinated objects either."""
    return clauses.phrase(_label_tokens(token, split=split), limit=18)


def _label_tokens(token: Token, *, split: bool = False) -> list[Token]:
    """The words of :func:`_label`."""
    nested = _NESTED_DROP | {"conj", "cc"} if split else _NESTED_DROP
    tokens = clauses.subtree_without(token, _DROP, nested)
    if token.pos_ == "VERB":
        # what stands before the verb ("To help companies comply ..., the Commission will
        # launch X") frames the act; the instrument is the verb and what follows it
        before = {
            t.i
            for child in token.children
            if child.i < token.i and child.dep_ not in {"prt", "neg"}
            for t in child.subtree
        }
        tokens = [t for t in tokens if t.i not in before]
    return tokens
