from decimal import Decimal

import pytest

from plangraph.nlp.zh.numbers import arabic_years, numeral, quantities


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三千亿", Decimal("300000000000")),
        ("两", Decimal(2)),
        ("十四", Decimal(14)),
        ("一百二十", Decimal(120)),
        ("三万亿", Decimal("3000000000000")),
        ("一亿三千万", Decimal("130000000")),
        ("1.5万", Decimal(15000)),
        ("3,000", Decimal(3000)),
        ("abc", None),
    ],
)
def test_numeral(text: str, value: Decimal | None) -> None:
    assert numeral(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("核心产业规模突破3000亿元", [("300000000000", None, "CNY", "MoreThan")]),
        ("规模达到一万亿元", [("1000000000000", None, "CNY", "Exactly")]),
        ("培育3-5个产业集群", [("3", "5", "count", "Between")]),
        ("培育3至5个产业集群", [("3", "5", "count", "Between")]),
        ("新增企业100余家", [("100", None, "count", "MoreThan")]),
        ("两千多家企业", [("2000", None, "count", "MoreThan")]),
        ("占比达到30%以上", [("30", None, "percent", "AtLeast")]),
        ("开放500个左右场景", [("500", None, "count", "About")]),
        ("算力规模超过300 EFLOPS", [("300", None, "EFLOPS", "MoreThan")]),
        ("智能算力达到5万P", [("50000", None, "PFLOPS", "Exactly")]),
        ("增速保持在百分之十五左右", [("15", None, "percent", "About")]),
        ("时延不高于1.5倍", [("1.5", None, "times", "AtMost")]),
        ("千亿级产业集群", []),
        ("“十四五”时期", []),
        ("2023-2025年", []),
        ("打造一个平台", []),
    ],
)
def test_quantities(text: str, expected: list[tuple[str, str | None, str, str]]) -> None:
    found = [
        (
            str(q.value),
            None if q.max_value is None else str(q.max_value),
            q.unit,
            q.comparator.value,
        )
        for q in quantities(text)
    ]
    assert found == expected


def test_arabic_years_keep_the_length() -> None:
    text = "到二〇二五年底，展望二零三五年"
    assert arabic_years(text) == "到2025年底，展望2035年"
    assert len(arabic_years(text)) == len(text)
