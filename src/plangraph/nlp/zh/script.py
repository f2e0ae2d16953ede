"""Traditional characters read through simplified ones, character for character.

The rules and gazetteers of the Chinese pipeline are written in simplified characters.
A traditional text is converted to simplified (OpenCC's ``t2s`` tables, through
``opencc-python-reimplemented``) before it is read, and the conversion keeps every
character where it was: the simplified text has the same length as the text as written,
so an offset found in one points at the same character in the other, and evidence,
labels and surface forms are cut from the text as written.

>>> simplified("國家發展和改革委員會")
'国家发展和改革委员会'
>>> text = "人工智能產業規模突破3000億元"
>>> len(simplified(text)) == len(text)
True
>>> is_traditional("算力規模"), is_traditional("算力规模")
(True, False)
"""

from __future__ import annotations

from functools import cache, lru_cache

from opencc import OpenCC


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    out: str = _converter().convert(ch)
    return out if len(out) == 1 else ch


def _line(line: str) -> str:
    # OpenCC converts phrases first ("乾隆" keeps its 乾); where a phrase would change
    # the length, the line falls back to one character at a time, which never does
    out: str = _converter().convert(line)
    if len(out) == len(line):
        return out
    return "".join(_char(ch) for ch in line)


def simplified(text: str) -> str:
    """The text in simplified characters, the same length as ``text``."""
    if not any(_char(ch) != ch for ch in text if ord(ch) > 0x3400):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def is_traditional(text: str, share: float = 0.02) -> bool:
    """True when at least ``share`` of the CJK characters change under conversion."""
    cjk = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    if not cjk:
        return False
    changed = sum(1 for ch in cjk if _char(ch) != ch)
    return changed >= max(1, share * len(cjk))
