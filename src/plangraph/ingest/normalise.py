"""Text normalisation for real pages: what every reader applies before extraction.

The normalised text is what the store keeps and what every evidence offset points into.

>>> normalise("by 2025.The plan\u00a0said.\\"Quote\\" here")
'by 2025. The plan said. "Quote" here'
>>> normalise("as the key.strengthen supply (see xinhuanet.com or www.gov.cn/policy)")
'as the key. strengthen supply (see xinhuanet.com or www.gov.cn/policy)'
>>> normalise("Shanghai.\\nPhoto: Xinhua\\nThe city")
'Shanghai.\\nThe city'
>>> normalise("\\x1b[31mRed\\x1b[0m alert\\x07\\x00")
'Red alert'
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
# Terminal escapes whole, then every other control character (and lone surrogates, which
# no UTF-8 store can hold): garbage that a reader let through, never text.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# A sentence glued to the next one: "by 2025.The plan", "efforts.\"Developing".
# Lower-case letter, digit, closing bracket, percent or quote before the stop keeps
# abbreviations such as "U.S.A" and decimals such as "42.37" intact.
_GLUED = re.compile(r"(?<=[a-z0-9)%\"”’])([.!?])(?=[\"“A-Z])")
# The same with a lower-case word after the stop ("as the key.strengthen the supply"):
# only a lone word.word with a long second word, so that addresses such as
# "xinhuanet.com" or "www.gov.cn" and names such as "Node.js" stay whole.
_GLUED_LOWER = re.compile(r"(?<![\w./@:-])([a-z]{3,})\.([a-z]{5,})(?![\w./@-])")
_PHOTO = re.compile(
    r"\s*\b(?:Photo|Photos|Image|Picture)\s*(?:credit)?\s*:\s*[^\n.]{1,60}?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SOFT_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
# a line wrapped inside a sentence, unless the next line opens a lettered or roman-numbered
# item ("and\ne. The publication of ...", "ii) a fund")
_HARD_BREAK = re.compile(r"(?<=[^\n.!?:;\"”])\n(?=[a-z])(?!(?:[a-z]|[ivx]{1,4})[.)]\s)")
_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ ]+\n")


def normalise(text: str) -> str:
    """Unicode NFC, control characters dropped, plain spaces, glued sentences split, photo
    credits and hard wraps removed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKS.sub("\n", _ANSI.sub("", text))
    text = _CONTROL.sub("", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _PHOTO.sub("", text)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _HARD_BREAK.sub(" ", text)
    text = _GLUED.sub(r"\1 ", text)
    text = _GLUED_LOWER.sub(r"\1. \2", text)
    text = re.sub(r" {2,}", " ", text)
    text = _TRAILING.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def printable(text: str | None) -> str | None:
    """A metadata field (a PDF's or package's title) without control characters or lone
    surrogates, which no store can hold; None when nothing is left.

    >>> printable("AI\\x00 plan\\udce9"), printable("\\x07")
    ('AI plan', None)
    """
    if text is None:
        return None
    return _CONTROL.sub("", _BREAKS.sub(" ", _ANSI.sub("", text))).strip() or None
