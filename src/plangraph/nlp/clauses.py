"""Reading a sentence's parse: deadlines, tense, quotes, and short phrases for facts.

Shared by the target and measure extractors; pure functions of spaCy tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from plangraph.model import Span
from plangraph.nlp.lexicon import lexicon
from plangraph.nlp.quantities import parse_year

_DEADLINE = re.compile(
    r"\b(?:by|before|until|till|through|in|within|to|around|by the end of|by end-|"
    r"by the end|end of|no later than|(?:targets?|goals?|objectives?|mark|aims?)\s+for)"
    r"\s*(?:the\s+)?(?:end\s+of\s+)?(20\d\d)\b",
    re.IGNORECASE,
)
_REPORTING = frozenset(
    {
        "say",
        "tell",
        "note",
        "add",
        "believe",
        "argue",
        "explain",
        "comment",
        "remark",
        "suggest",
        "think",
        "stress",
    }
)
_QUOTES = '"“”'


def doc_text(doc: Doc) -> str:
    """The document's text, built once: ``Doc.text`` joins every token on each access."""
    text = doc.user_data.get("pg_text")
    if text is None:
        text = doc.user_data["pg_text"] = doc.text
    return str(text)


def text_of(span: SpacySpan) -> str:
    """A span's text, sliced from the document's text built once: ``Span.text`` joins the
    span's tokens on each access, and a sentence's text is read a dozen times."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def evidence(sent: SpacySpan) -> Span:
    return Span(sent.start_char, sent.end_char, text_of(sent))


def deadline(text: str) -> int | None:
    """The year a clause sets as its deadline ("by the end of 2027" -> 2027), or None.

    >>> deadline("reach 300 billion yuan by 2025"), deadline("in recent months")
    (2025, None)
    """
    years = [int(m[1]) for m in _DEADLINE.finditer(text)]
    return years[-1] if years else None


def first_deadline(text: str) -> int | None:
    """The first deadline in a phrase ("by 2025 and ... by 2027" -> 2025)."""
    match = _DEADLINE.search(text)
    return int(match[1]) if match else None


def is_quoted(sent: SpacySpan) -> bool:
    """A sentence that reports someone's words: it opens with a quotation mark, or its main
    verb is a reporting verb ("..., Wang noted") whose subject is not the plan itself
    ("..., the measures say"). A quoted title inside a sentence ("the plan, titled "...",
    aims ...") does not make it a quote."""
    text = text_of(sent).strip()
    if text[:1] in _QUOTES:
        return True
    return any(
        t.lemma_ in _REPORTING
        and t.dep_ in {"ROOT", "parataxis"}
        and not future_aux(t)
        and not any(c.dep_ == "nsubj" and c.lower_ in PLAN_WORDS for c in t.children)
        for t in sent
    )


# what a plan document calls itself: "the plan calls for ...", "..., the measures say"
PLAN_WORDS = frozenset(
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
        "circular",
        "programme",
        "program",
        "mission",
        "initiative",
        "package",
        "framework",
        "scheme",
        "regulations",
        "rules",
    }
)
# "By 2027, ...", "3. By the end of 2026, ...": a deadline that opens a sentence
_OPENING_DEADLINE = re.compile(
    r"^\W*(?:\d+[.)]\s*)?by\s+(?:the\s+end\s+of\s+)?(20\d\d)\b", re.IGNORECASE
)


def opening_deadline(text: str) -> int | None:
    """The year of a deadline that opens ``text``, or None.

    >>> opening_deadline("By 2027, the province ..."), opening_deadline("It will, by 2027")
    (2027, None)
    """
    match = _OPENING_DEADLINE.match(text)
    return int(match[1]) if match else None


def reporter(sent: SpacySpan) -> Token | None:
    """The subject of a sentence's reporting verb ("The ministry said it would ..."), or
    None when the sentence reports nobody's words."""
    for token in sent:
        if token.lemma_ in _REPORTING and token.dep_ == "ROOT":
            return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None


def in_quote(sent: SpacySpan) -> bool:
    """Whether the sentence starts, ends or continues a quotation (an unbalanced mark)."""
    text = text_of(sent)
    straight = text.count('"') % 2 == 1
    curly = text.count("“") != text.count("”")
    return straight or curly or text.strip()[:1] in _QUOTES


def future(token: Token) -> bool:
    """A verb stated as a future or an obligation: "will reach", "should achieve",
    "aims to build", "is expected to", "is to be built"."""
    lex = lexicon()
    for child in token.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in {
            "will",
            "shall",
            "should",
            "must",
            "'ll",
        }:
            return True  # "would" is a condition ("would require"), not a commitment
    head = token
    for _ in range(3):
        if (
            head.dep_ in {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl"}
            and head.head is not head
        ):
            head = head.head
            if head.lemma_ in lex["goal_cues"] or future_aux(head):
                return True
        else:
            break
    return token.lemma_ in lex["goal_cues"]


def future_aux(token: Token) -> bool:
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"will", "shall", "should", "must"}
        for c in token.children
    )


def past(token: Token) -> bool:
    """A verb stated as done: past tense, perfect or past passive ("reached", "has
    established", "were engaged")."""
    if token.tag_ == "VBD":
        return True
    return token.tag_ == "VBN" and any(
        (c.dep_ == "aux" and c.lemma_ == "have") or (c.dep_ == "auxpass" and c.tag_ == "VBD")
        for c in token.children
    )


def governing_verb(token: Token) -> Token | None:
    for ancestor in (token, *token.ancestors):
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.dep_ != "amod":
            return ancestor
    return None


_DANGLING = frozenset(
    {"and", "or", "of", "to", "for", "with", "by", "in", "on", "at", "the", "a", "an", "from"}
)


_DETERMINER = re.compile(r"^(?:the|a|an|its|their|this|these|that)\s+", re.IGNORECASE)
_SPACED_STOP = re.compile(r"\s+([,.;:])")


def phrase(tokens: Iterable[Token], limit: int = 14) -> str:
    """Tokens as a short phrase: no leading article, no trailing punctuation, at most
    ``limit`` words, brackets dropped. A hyphen or apostrophe between two chosen tokens
    stays, so "self-developed" keeps its form."""
    chosen = {t.i: t for t in tokens}
    if not chosen:
        return ""
    doc = next(iter(chosen.values())).doc
    for i in list(chosen):
        gap = doc[i + 1] if i + 1 < len(doc) else None
        if (
            gap is not None
            and i + 2 in chosen
            and not doc[i].whitespace_
            and gap.text in {"-", "/", "'", "’"}
            and not gap.whitespace_
        ):
            chosen[i + 1] = gap
    parts: list[str] = []
    depth = 0
    previous = None
    for i in sorted(chosen):
        token = chosen[i]
        if 0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")":
            continue
        if token.text in {"(", "["}:
            depth += 1
            continue
        if token.text in {")", "]"}:
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if previous is not None:
            glued = previous.i + 1 == i and not previous.whitespace_
            parts.append("" if glued else " ")
        parts.append(token.text)
        previous = token
    while (
        len(parts) > 2
        and previous is not None
        and previous.pos_ in {"VERB", "AUX"}
        and previous.dep_ in {"ccomp", "relcl", "acl"}
        and previous.i != min(chosen)
    ):
        parts = parts[:-2]
        previous = doc[previous.i - 1]
    text = "".join(parts).strip()
    text = _DETERMINER.sub("", text)
    text = _SPACED_STOP.sub(r"\1", text).strip(' ,.;:-"“”')
    words_out = text.split()
    if len(words_out) > limit:
        words_out = words_out[:limit]
    # a phrase cut short ends on a content word, not "and" or "of"
    while len(words_out) > 1 and words_out[-1].lower().strip(",;:") in _DANGLING:
        words_out.pop()
    return " ".join(words_out).rstrip(",;:")


def subtree_without(
    token: Token, drop_deps: frozenset[str], nested: frozenset[str] | None = None
) -> list[Token]:
    """The token's subtree without the subtrees of children with the given relations;
    below the top token, ``nested`` (default: the same relations) is dropped instead,
    except an adverb after a noun or of place ("research centres abroad")."""
    return _without(token, drop_deps, drop_deps if nested is None else nested, top=True)


# adverbs of place say where an instrument is ("set up laboratories abroad")
_PLACE_ADVERBS = frozenset({"abroad", "overseas", "nationwide", "worldwide", "locally", "globally"})


def _without(
    token: Token, drop_deps: frozenset[str], nested: frozenset[str], *, top: bool
) -> list[Token]:
    out: list[Token] = [token]
    for child in token.children:
        placed = (
            not top
            and child.dep_ == "advmod"
            and child.i > token.i
            and (token.pos_ in {"NOUN", "PROPN"} or child.lower_ in _PLACE_ADVERBS)
        )
        dropped = child.dep_ in drop_deps and not placed
        if (dropped and not _infinitive_complement(child, drop_deps)) or _purpose(child):
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ == "as"
            and any(c.lower_ == "such" for c in child.children)
        ):
            continue
        if child.dep_ == "amod" and child.lower_ == "such":
            continue
        out.extend(_without(child, nested, nested, top=False))
    return out


def sentence_deadline(sent: SpacySpan) -> int | None:
    return deadline(text_of(sent))


def year_of(text: str) -> int | None:
    return parse_year(text)


_PURPOSE_NOUNS = frozenset({"bid", "order", "effort", "attempt", "drive", "push"})


def _purpose(token: Token) -> bool:
    """ "in a bid to ...", "in order to ...": a purpose, not part of what is done."""
    if token.dep_ != "prep" or token.lower_ not in {"in", "so"}:
        return False
    return any(c.lower_ in _PURPOSE_NOUNS for c in token.children)


def _infinitive_complement(token: Token, drop_deps: frozenset[str]) -> bool:
    """ "guide enterprises ... to use homegrown chips": a to-infinitive says what is done."""
    return (
        token.dep_ == "advcl"
        and "advcl" in drop_deps
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not _purpose(token)
    )


_LABEL_OPENER = re.compile(
    r"^\W*(?:\(\s*[A-Za-z]+\s+\w{1,3}\s*\)|[A-Z][a-z]+\s+\w{1,3}\s*[:.)–-])\s*"
)


def item_label_end(sent: SpacySpan) -> int:
    """The token index after an item label that opens a sentence ("(Project 1)",
    "Pillar 2:", "Task 3."), or the sentence's start."""
    match = _LABEL_OPENER.match(text_of(sent))
    if match is None or not any(ch.isdigit() for ch in match[0]):
        return sent.start
    end = sent.start_char + match.end()
    return next((t.i for t in sent if t.idx >= end), sent.start)


def official(speaker: Token) -> bool:
    """ "Its mayor, Ma Honghai, said ...", "Vice Minister Li said ...": an official who
    reports a plan speaks for the government that set it."""
    sent = speaker.sent
    window = speaker.doc[
        max(speaker.left_edge.i - 3, sent.start) : min(speaker.right_edge.i + 1, sent.end)
    ]
    words = f" {' '.join(t.lower_ for t in window)} "
    if any(f" {post} " in words for post in lexicon()["official_posts"]):
        return True
    # "Wang Lei, director of the provincial bureau of industry": the head of a government
    # body, named by the post and the body
    heads = lexicon()["government_heads"]
    return any(
        t.lower_ in _HEAD_POSTS
        and any(
            c.dep_ == "prep"
            and c.lower_ in {"of", "from", "at", "with"}
            and any(w.lower_ in heads for w in c.subtree)
            for c in t.children
        )
        for t in window
    )


_HEAD_POSTS = frozenset(
    {
        "director",
        "head",
        "chief",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "deputy",
        "official",
    }
)
