"""Qualitative goals: the outcomes a plan sets without a number, read from its clauses.

A goal is a clause, and its label is the clause's own words, whole: the state to be
reached and what it is about ("breakthroughs made in the foundational theories of AI",
"build a hub for AI innovation with global influence"), never cut inside a phrase.
Four clause shapes state one:

- what a goal verb or goal noun seeks: "aims to build X", "the goal is to achieve X",
  "hopes to have built X", "aims for X"; each coordinated verb is a goal of its own;
- an outcome stated as coming about: "X will take shape", "breakthroughs will be made
  in Y", "X will achieve Y", "there will be X", in the future or under a goals scope;
- an infinitive or an instruction listed as a goal: "To reach X by 2025." and, under a
  goals heading, "Build a trusted market for data";
- what comes with a goal: "..., with a significant increase in the share of X".

What a body does to something ("the city will build a platform") is a measure's
business (:mod:`plangraph.nlp.measures`) unless it is sought by a goal verb or stated
under a goals scope; forecasts ("is expected to grow"), caveats and conditions are
neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from plangraph.nlp import clauses
from plangraph.nlp.lexicon import lexicon
from plangraph.nlp.mentions import DocFacts
from plangraph.nlp.scope import SentenceScope

# words left out of a goal's label: the clause's frame, not its content
_FRAME = frozenset(
    {
        "aux",
        "auxpass",
        "punct",
        "mark",
        "advcl",
        "cc",
        "conj",
        "npadvmod",
        "parataxis",
        "nsubj",
        "nsubjpass",
        "expl",
        "neg",
        "dep",
        "meta",
    }
)
_NESTED_FRAME = frozenset({"advcl", "parataxis", "meta"})
_PRONOUNS = frozenset({"it", "this", "that", "which", "they", "we", "he", "she", "these"})
_GOAL_NOUNS = frozenset({"goal", "goals", "target", "targets", "objective", "objectives", "aim"})
_GOAL_NOUNS |= frozenset({"aims", "ambition", "vision", "mission", "purpose"})
_LABEL_WORDS = 20
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Goal:
    """A qualitative goal read from a clause: its label and the verb it hangs on."""

    label: str
    verb: Token
    year: int | None
    shape: str
    """Which clause shape stated it: sought, coordinated, outcome, ... (for tests)."""


class GoalReader:
    """Reads the qualitative goals of a sentence."""

    def __init__(self) -> None:
        lex = lexicon()
        self.goal_verbs = frozenset(lex["goal_verbs"])
        self.outcome_verbs = frozenset(lex["outcome_verbs"])
        self.actor_outcomes = frozenset(lex["actor_outcome_verbs"])
        self.outcome_nouns = frozenset(lex["outcome_nouns"])
        self.instrument_heads = lex.instrument_heads
        self.acting_nouns = frozenset(lex["acting_nouns"])
        self.policy_acts = frozenset(lex["policy_acts"])
        self.action_verbs = lex.action_verbs

    def read(
        self,
        sent: SpacySpan,
        scope: SentenceScope,
        facts: DocFacts,
        numbers: set[int],
        targeted: set[int],
    ) -> Iterator[Goal]:
        """The sentence's goals. ``numbers`` are the token indices of its quantities,
        whose clauses are not qualitative goals; ``targeted`` those of its quantified
        targets, whose clauses are goals already. The verbs of every goal clause are
        added to ``facts.goal_verbs`` so that no measure is read from them."""
        in_goals = scope.kind == "goals" or scope.mood == "goal"
        # under a tasks heading, what something "aims to" do is an instrument's purpose
        among_tasks = scope.kind == "tasks" and clauses.deadline(clauses.text_of(sent)) is None
        if _headline(sent):
            return  # a headline restates what the report under it says
        goal_verbs: set[int] = {
            v.i for i in targeted if (v := clauses.governing_verb(sent.doc[i])) is not None
        }
        labels: set[str] = set()
        for token in sent:
            if token.pos_ not in {"VERB", "AUX", "PROPN", "NOUN"}:
                continue
            found = self._clause(token, in_goals, facts, goal_verbs, among_tasks)
            if found is None:
                continue
            verb, label, shape = found
            goal_verbs.add(verb.i)
            before = sent.doc[sent.start : verb.i].text
            year = clauses.deadline(before) or clauses.deadline(clauses.text_of(sent)) or scope.year
            own = {t.i for t in _own(verb)}
            if label and not numbers & own and label.lower() not in labels:
                labels.add(label.lower())
                yield Goal(label, verb, year, shape)
            for extra in self._accompanying(verb, year, numbers):
                if extra.label.lower() not in labels:
                    labels.add(extra.label.lower())
                    yield extra
        facts.goal_verbs.update(goal_verbs)

    # the clause shapes --------------------------------------------------------------------
    def _clause(
        self,
        token: Token,
        in_goals: bool,
        facts: DocFacts,
        goal_verbs: set[int],
        among_tasks: bool = False,
    ) -> tuple[Token, str, str] | None:
        if token.pos_ == "NOUN":
            # "aims for mass production of delivery drones"
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "for"
                and token.head.head.lemma_ in {"aim", "strive", "push", "hope", "target"}
                and self._seeks(token.head.head)
                and not any(t.like_num for t in token.subtree)
            ):
                return token, _label(token, with_subject=False), "sought-noun"
            return None
        if token.pos_ == "PROPN" and not _instruction(token, in_goals):
            return None
        if _negated(token) or self._frames(token) or self._seeks(token):
            return None  # "Singapore aims to:": the goal verb frames what follows
        if any(a.dep_ in {"relcl", "acl"} for a in (token, *token.ancestors)):
            return None  # "an environment in which risks are managed": a description
        if (
            (self._sought(token) and not among_tasks)
            or _instruction(token, in_goals)
            or (_infinitive_item(token))
        ):
            return token, _label(token, with_subject=False), "sought"
        if (
            token.dep_ == "conj"
            and _conjunct_of(token).i in goal_verbs
            and token.pos_ in {"VERB", "AUX"}
            and not self._instrumental(token)
            # "reaches the leading level in China and approaches the world's": one state
            and (
                _own_subject(token)
                or token.lemma_ not in self.outcome_verbs
                or _conjunct_of(token).lemma_ not in self.outcome_verbs
            )
            and (_own_subject(token) or any(c.dep_ in {"dobj", "attr"} for c in token.children))
        ):
            # "achieve leadership, construct a complete system and expand scenarios": what
            # is coordinated with a goal is a goal, when it is about a thing of its own
            # ("50 models are developed and put into use" is one goal)
            return token, _label(token, with_subject=_own_subject(token)), "coordinated"
        arranged = token.dep_ == "xcomp" and _is_to(token.head)
        if token.dep_ not in {"ROOT", "conj", "ccomp", "advcl"} and not arranged:
            return None
        if token.dep_ == "conj" and not _own_subject(token):
            return None  # "50 models are developed and put into use": one clause
        head = token.head if token.dep_ in {"conj", "advcl"} else token
        forward = (
            arranged  # "the country is to enter a new stage"
            or clauses.future_aux(token)
            or _perfect_future(token)
            or (token.dep_ in {"conj", "advcl"} and clauses.future_aux(head))
            or (in_goals and not clauses.past(token))
        )
        if not forward or _forecast(token):
            return None
        if token.dep_ == "advcl" and not (
            _own_subject(token)
            and all(c.lower_ in {"while", "whereas"} for c in token.children if c.dep_ == "mark")
        ):
            return None  # "so that value creation takes place": a purpose, not a goal
        subject = _subject(token)
        if subject is not None and subject.dep_ == "expl":
            # "There will be a complete open-source ecosystem by 2027."
            thing = next((c for c in token.children if c.dep_ in {"attr", "dobj"}), None)
            return (
                (token, _label(thing, with_subject=False), "existential")
                if thing is not None
                else None
            )
        if subject is None or (subject.lower_ in _PRONOUNS and not in_goals):
            return None
        if subject.lower_ in clauses.PLAN_WORDS:
            return None  # "the plan sets out 18 tasks": the document speaking of itself
        if self._acts(subject, facts):
            # "Guangdong will achieve national leadership": a place or body reaching a state
            # is a goal; "the city will build a platform" is a measure
            if token.lemma_ in self.actor_outcomes or (
                in_goals and token.lemma_ not in self.policy_acts
            ):
                return token, _label(token, with_subject=False), "actor-outcome"
            return None
        if subject.lower_ in self.instrument_heads and not in_goals:
            return None  # "hubs will serve ...": what an instrument will do
        passive = subject.dep_ == "nsubjpass"
        outcome = (
            (token.lemma_ in self.outcome_verbs and _completed(token))
            or _standing(token)
            or (passive and subject.lower_ in self.outcome_nouns)
            or any(c.dep_ == "dobj" and c.lower_ in self.outcome_nouns for c in token.children)
        )
        if outcome or (in_goals and (token.lemma_ not in self.outcome_verbs or _completed(token))):
            return token, _label(token, with_subject=_own_subject(token)), "outcome"
        return None

    def _frames(self, verb: Token) -> bool:
        """A goal verb or a goal noun's copula frames the goal its complement states ("aims
        to build X", "the goal is to build X"): the goal is the complement's."""
        if not any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in verb.children):
            return False
        if self._seeks(verb) or _is_to(verb):
            return True
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return verb.lemma_ == "be" and subject is not None and subject.lower_ in _GOAL_NOUNS

    def _sought(self, verb: Token) -> bool:
        """A verb under a goal verb or a goal noun: "aims to build", "the goal is to
        achieve", "hopes to have built", "plans to enter" (an outcome), and the verbs
        coordinated with it ("is to leverage X, promote Y and form Z", "wants 300 firms
        by 2026 and to rank among the top ten")."""
        if verb.pos_ not in {"VERB", "AUX"}:
            return False
        if verb.dep_ == "conj":
            first = verb
            while first.dep_ == "conj" and first.head is not first:
                first = first.head
            if first.dep_ == "xcomp":
                head = first.head
            elif any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                head = first
            else:
                return False
        elif verb.dep_ == "xcomp":
            head = verb.head
        else:
            return False
        if self._instrumental(verb):
            return False  # "wants to expand competence centres": instruments, not states
        if self._seeks(head):
            return head.lemma_ != "plan" or verb.lemma_ in self.outcome_verbs
        if head.lemma_ == "be":
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.lower_ in _GOAL_NOUNS
        return False

    def _instrumental(self, verb: Token) -> bool:
        """What a body does to bring a goal about, not the goal: a policy act ("encourage",
        "guide", "support"), or an act on a plain instrument ("set up laboratories",
        "create growth zones"). An instrument described by the standing it is to reach
        ("a hub with global influence", "a world-class park") is a goal."""
        if verb.lemma_ in self.policy_acts:
            return True
        if verb.lemma_ not in self.action_verbs:
            return False
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
        return any(o.lower_ in self.instrument_heads and not _aspiring(o) for o in objects)

    def _seeks(self, head: Token) -> bool:
        if head.pos_ != "VERB" or (
            head.lemma_ not in self.goal_verbs
            and head.lower_.removesuffix("s") not in self.goal_verbs
        ):
            return False
        # "capacity is expected to grow": a forecast, not a goal
        return not any(c.dep_ == "auxpass" for c in head.children)

    def _acts(self, subject: Token, facts: DocFacts) -> bool:
        if any(a.start <= subject.idx < a.end for a in facts.actors):
            return True
        if any(r.start <= subject.idx < r.end for r in facts.regions):
            return True
        return subject.lower_ in self.acting_nouns or subject.lower_ in {"we", "it", "they"}

    def _accompanying(self, verb: Token, year: int | None, numbers: set[int]) -> Iterator[Goal]:
        """ "..., with a significant increase in the share of domestic chips": the state
        that comes with a goal is a goal too."""
        for child in _absolutes(verb):
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if noun is None or noun.pos_ not in {"NOUN", "PROPN"}:
                continue
            if numbers & {t.i for t in noun.subtree} or any(t.like_num for t in noun.subtree):
                continue
            label = _label(noun, with_subject=False)
            if len(label.split()) >= 2:
                yield Goal(label, noun, year, "accompanying")


def _conjunct_of(verb: Token) -> Token:
    """The verb a coordinated verb goes with. The parser often hangs the later verbs of
    "the opinions state that X will achieve A, construct B and expand C" on "state";
    without a subject of their own they go with the clause before them."""
    head = verb.head
    if _own_subject(verb):
        return head
    earlier = [c for c in head.children if c.dep_ == "ccomp" and c.i < verb.i and c.pos_ == "VERB"]
    return earlier[-1] if earlier else head


def _is_to(verb: Token) -> bool:
    """ "X is to enter a new stage": "be" with a to-infinitive states what is to happen."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "xcomp"
        and c.pos_ in {"VERB", "AUX"}
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it is coordinated with or the "is
    to" it completes."""
    if verb.dep_ == "xcomp" and _is_to(verb.head):
        verb = verb.head
    for candidate in (verb, _conjunct_of(verb) if verb.dep_ == "conj" else verb):
        found = next(
            (c for c in candidate.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None
        )
        if found is not None:
            return found
    return None


_STANDING_WORDS = frozenset(
    {
        "global",
        "world",
        "world-class",
        "international",
        "internationally",
        "influential",
        "influence",
        "leading",
        "first-class",
        "pioneering",
        "competitive",
        "competitiveness",
        "advanced",
        "renowned",
        "top",
    }
)


def _aspiring(noun: Token) -> bool:
    """ "a hub with global influence", "a world-class park": described by a standing."""
    return any(t.lower_ in _STANDING_WORDS for t in noun.subtree if t.i != noun.i)


# outcome verbs that state a state only with their complement: "take shape", "take the
# lead"; "exceed", "reach" and "become" need what is exceeded, reached or become
_INTRANSITIVE_OUTCOMES = frozenset({"grow", "rise", "emerge", "mature", "increase", "continue"})
_TAKEN = frozenset({"shape", "lead", "root", "form", "hold"})


def _completed(verb: Token) -> bool:
    complements = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "attr", "acomp", "prep", "xcomp", "oprd"}
        and not _in_deadline(next(iter(c.subtree)), verb)
    ]
    if verb.lemma_ == "take":
        return any(c.dep_ == "dobj" and c.lemma_ in _TAKEN for c in complements)
    return bool(complements) or verb.lemma_ in _INTRANSITIVE_OUTCOMES


def _standing(verb: Token) -> bool:
    """ "X should be the largest in the country", "is first in China": a rank to reach."""
    return verb.lemma_ == "be" and any(
        c.dep_ in {"attr", "acomp"}
        and (
            c.tag_ == "JJS"
            or c.lower_ in {"first", "top", "leading", "foremost"}
            or any(g.tag_ == "JJS" or g.lower_ in {"first", "top"} for g in c.children)
        )
        for c in verb.children
    )


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _own(verb: Token) -> list[Token]:
    """The clause's own words: not its coordinated clauses, nor a "with" phrase beside it
    ("achieve deep integration, with an adoption rate of over 70%")."""
    return [
        t
        for t in clauses.subtree_without(verb, frozenset({"conj", "cc", "advcl", "ccomp"}))
        if not _under_with(t, verb)
    ]


def _under_with(token: Token, verb: Token) -> bool:
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.head.i == verb.i and node in _absolutes(verb):
            return True
        node = node.head
    return False


def _absolutes(verb: Token) -> list[Token]:
    """ "..., with a significant increase in X": a "with" set off by a comma adds a state
    of its own; "keep pace with the world" or "integrated with industry" is an argument."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    doc = verb.doc
    return [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "with" and c.i > 0 and doc[c.i - 1].text == ","
    ]


def _coordinated(verb: Token) -> list[Token]:
    """A verb and the verbs coordinated with it ("achieve X, construct Y and expand Z")."""
    out = [verb]
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            out.extend(_coordinated(child))
    return out


def _label(head: Token, *, with_subject: bool) -> str:
    """The clause's words without its frame: the subject (when asked), the verb and its
    complements, coordinated objects kept; a deadline ("by 2025") left out."""
    drop = _FRAME if not with_subject else _FRAME - {"nsubj", "nsubjpass"}
    # "..., with a significant increase in X" is a goal of its own, or a figure's; a clause
    # that is the verb's complement ("proposes that X will ...") is read on its own
    beside = {t.i for c in _absolutes(head) for t in c.subtree}
    beside |= {
        t.i
        for c in head.children
        if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}
        for t in c.subtree
    }
    words = [
        t
        for t in clauses.subtree_without(head, drop, _NESTED_FRAME)
        if not _in_deadline(t, head) and t.i not in beside
    ]
    return clauses.phrase(words, limit=_LABEL_WORDS)


def _in_deadline(token: Token, head: Token) -> bool:
    """ "by 2025", "by the end of 2027", "in 2030": a time, not what a goal is about."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and any(
            t.ent_type_ in {"DATE", "TIME"} or _YEAR.fullmatch(t.text) for t in node.subtree
        ):
            return True
        node = node.head
    return False


def _headline(sent: SpacySpan) -> bool:
    """A line of the header above the body (site navigation, the headline, a dateline):
    the lines before the first full sentence that are not sentences themselves. A
    headline restates what the report under it says."""
    text = clauses.doc_text(sent.doc)
    body = sent.doc.user_data.get("pg_body_start")
    if body is None:
        body = sent.doc.user_data["pg_body_start"] = _body_start(text)
    line_end = text.find("\n", sent.start_char)
    line = text[text.rfind("\n", 0, sent.start_char) + 1 : line_end if line_end >= 0 else None]
    return sent.start_char < body and not line.rstrip().endswith((".", "!", "?", ";", ":"))


def _body_start(text: str) -> int:
    offset = 0
    for line in text.split("\n"):
        if line.rstrip().endswith((".", "!", "?")) and len(line.split()) >= 8:
            return offset
        offset += len(line) + 1
    return 0


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _forecast(verb: Token) -> bool:
    """ "is expected to grow", "is projected to reach": somebody's forecast."""
    head = verb.head if verb.dep_ == "xcomp" else verb
    return any(c.dep_ == "auxpass" for c in head.children) and head.lemma_ in {
        "expect",
        "project",
        "forecast",
        "predict",
        "estimate",
    }


def _perfect_future(verb: Token) -> bool:
    """ "will have taken shape"."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"will", "shall"} for c in verb.children
    )


def _instruction(verb: Token, in_goals: bool) -> bool:
    """Under a goals heading, an item that opens with a verb states a goal ("Build a
    trusted environment for AI"); the small tagger often calls that verb a proper noun."""
    if not in_goals or verb.dep_ != "ROOT" or not verb.text[:1].isupper():
        return False
    if verb.tag_ not in {"VB", "NNP"} or any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
    ):
        return False
    first = next((t for t in verb.sent if t.is_alpha and len(t.text) > 1), None)
    return (
        first is not None
        and first.i == verb.i
        and any(c.dep_ in {"dobj", "attr", "appos"} for c in verb.children)
    )


def _infinitive_item(verb: Token) -> bool:
    """ "• To become the primary centre for AI innovation by 2030.": a goal listed as an
    infinitive with its deadline."""
    sent = verb.sent
    first = next((t for t in sent if t.is_alpha), None)
    return (
        first is not None
        and first.lower_ == "to"
        and first.i + 1 == verb.i
        and verb.tag_ == "VB"
        and clauses.deadline(clauses.text_of(sent)) is not None
    )
