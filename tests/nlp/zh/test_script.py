import pytest

from plangraph.nlp.zh.script import is_traditional, simplified


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("國家發展和改革委員會", "国家发展和改革委员会"),
        ("人工智能產業規模突破3000億元", "人工智能产业规模突破3000亿元"),
        ("算力规模", "算力规模"),
        ("乾隆年間", "乾隆年间"),
    ],
)
def test_simplified(written: str, expected: str) -> None:
    assert simplified(written) == expected


def test_offsets_point_into_the_text_as_written() -> None:
    written = "（責任單位：省科技廳）\n到2025年，全省算力規模達到14EFlops。"
    converted = simplified(written)
    assert len(converted) == len(written)
    at = converted.index("算力规模")
    assert written[at : at + 4] == "算力規模"


def test_traditional_is_told_from_simplified() -> None:
    assert is_traditional("全省算力規模達到14EFlops，智能算力佔比達到40%")
    assert not is_traditional("全省算力规模达到14EFLOPS，智能算力占比达到40%")
