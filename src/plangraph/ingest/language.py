"""Which language a document is written in: ``zh`` or ``en``, from its characters.

A Chinese character carries about as much as an English word of four or five letters,
so a text is Chinese when its CJK characters outweigh a quarter of its Latin letters.
Simplified and traditional characters count alike: both are ``zh``.

>>> detect("到2025年，人工智能核心产业规模超过3000亿元。")
'zh'
>>> detect("By 2025, the core AI industry (人工智能) exceeds 300 billion yuan.")
'en'
>>> detect("到2025年，人工智能核心產業規模超過3000億元。")
'zh'
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect(text: str) -> str:
    """``zh`` when CJK characters outweigh a quarter of the Latin letters, else ``en``."""
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "zh" if cjk and cjk * 4 >= latin else "en"
