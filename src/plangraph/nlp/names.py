"""Pure functions over names: folding for comparison, descriptor stripping, typing by head.

>>> fold("The Beijing Municipal Government's")
'beijing municipal government'
>>> type_by_head("Beijing Academy of Social Sciences").value
'ResearchInstitution'
>>> type_by_head("Ministry of Science and Technology").value
'GovernmentBody'
>>> type_by_head("Zhipu AI").value
'Company'
"""

from __future__ import annotations

import re
from functools import lru_cache

from plangraph.model import ActorType
from plangraph.nlp.lexicon import lexicon

_PUNCT = re.compile(r"[^\w&+]+")
_POSSESSIVE = re.compile(r"'s\b")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lower case, no leading "the", no possessive, punctuation and spaces folded (kept
    for the names met last: the extractors fold the same few names again and again)."""
    text = name.lower().replace("\u2019", "'").strip()
    text = _POSSESSIVE.sub("", text)
    text = _PUNCT.sub(" ", text).strip()
    return text.removeprefix("the ")


def clean_surface(text: str) -> str:
    """A mention as a label: no leading article, no possessive, no stray punctuation."""
    text = text.replace("\u2019", "'").strip(" \t\n,.;:\"“”'()")
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return re.sub(r"\s*'s$", "", text).strip()


def head_word(name: str) -> str:
    """The word that says what an organisation is: the last word before its first "of"
    or "for" ("Bureau of Economy ..." -> bureau), else its last word.

    >>> head_word("Hefei Municipal Bureau of Economy and Information Technology")
    'bureau'
    """
    words = fold(name).split()
    for index, word in enumerate(words):
        if word in {"of", "for"} and index > 0:
            return words[index - 1]
    return words[-1] if words else ""


def type_by_head(name: str) -> ActorType | None:
    """The actor type an organisation's own name announces, or None when it says nothing."""
    lex = lexicon()
    words = fold(name).split()
    if not words:
        return None
    text = f" {' '.join(words)} "
    head = head_word(name)

    def has_phrase(heads: frozenset[str]) -> bool:
        return any(f" {h} " in text for h in heads if " " in h)

    if head in lex["government_heads"] or has_phrase(lex["government_heads"]):
        return ActorType.GOVERNMENT
    if head in lex["research_heads"] or has_phrase(lex["research_heads"]):
        return ActorType.RESEARCH
    if head in lex["media_heads"] or has_phrase(lex["media_heads"]):
        return ActorType.OTHER
    if head in lex["company_heads"] and len(words) > 1:
        return ActorType.COMPANY
    if any(w in {"university", "academy", "institute", "laboratory"} for w in words):
        return ActorType.RESEARCH
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
