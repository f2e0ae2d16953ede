"""Pure functions over names: folding for comparison, descriptor stripping, typing by head.

>>> fold("The Beijing Municipal Government's")
'beijing municipal government'
>>> type_by_head("Beijing Academy of Social Sciences").value
'ResearchInstitution'
>>> type_by_head("Ministry of Science and Technology").value
'GovernmentBody'
>>> type_by_head("Zhipu AI") is None
True
"""

from __future__ import annotations

import re

from plangraph.model import ActorType
from plangraph.nlp.lexicon import lexicon

_PUNCT = re.compile(r"[^\w&+]+")


def fold(name: str) -> str:
    """Lower case, no leading "the", no possessive, punctuation and spaces folded."""
    text = name.lower().replace("\u2019", "'").strip()
    text = re.sub(r"'s\b", "", text)
    text = _PUNCT.sub(" ", text).strip()
    return re.sub(r"^the ", "", text)


def clean_surface(text: str) -> str:
    """A mention as a label: no leading article, no possessive, no stray punctuation."""
    text = text.replace("\u2019", "'").strip(" \t\n,.;:\"“”'()")
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return re.sub(r"\s*'s$", "", text).strip()


def type_by_head(name: str) -> ActorType | None:
    """The actor type an organisation's own name announces, or None when it says nothing."""
    lex = lexicon()
    words = fold(name).split()
    if not words:
        return None
    text = " ".join(words)
    first, last = words[0], words[-1]
    government = lex["government_heads"]
    if (
        first in government
        or any(f" {head} " in f" {text} " for head in government if " " in head)
        or (last in government and last not in {"office", "council"})
    ):
        return ActorType.GOVERNMENT
    if any(word in lex["research_heads"] for word in words) or any(
        f" {head} " in f" {text} " for head in lex["research_heads"] if " " in head
    ):
        return ActorType.RESEARCH
    if last in {"office", "council"}:
        return ActorType.GOVERNMENT
    if last in lex["media_heads"] or text.endswith("news agency"):
        return ActorType.OTHER
    if last in lex["company_heads"] and len(words) > 1:
        return ActorType.COMPANY
    return None


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words without digits: "Wang Peng", "Ursula von der Leyen".

    >>> looks_like_person("Wang Peng"), looks_like_person("Wang"), looks_like_person("AI Chips")
    (True, False, False)
    """
    words = name.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in name):
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    if len(capitalised) < 2:
        return False
    return not any(w.isupper() and len(w) > 1 for w in words)
