"""Targets and statistics read from sentences of our own, in the style of plan originals."""

from decimal import Decimal

import pytest

from plangraph.nlp.zh.facts import read
from plangraph.nlp.zh.script import simplified


def _targets(text: str, plan_year: int | None = None) -> list[tuple[str, int | None, str | None]]:
    found = read(simplified(text), text, plan_year)
    return [
        (t.metric, t.year, None if t.quantity is None else str(t.quantity.value))
        for t in found.targets
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deadline opening the sentence governs every figure after it
        (
            "到2026年，全市智能算力规模达到20EFLOPS，培育5家领军企业。",
            [("智能算力规模", 2026, "20"), ("领军企业", 2026, "5")],
        ),
        # 2025年底 and a goal verb without a lead
        ("2025年底前建成3个行业数据集。", [("行业数据集", 2025, "3")]),
        # a list of figures parted by 、 is one target each
        (
            "到2027年，建设产业园区8个、创新平台12个。",
            [("建设产业园区", 2027, "8"), ("创新平台", 2027, "12")],
        ),
        # 十四五 goals are due in 2025
        (
            "“十四五”期间，全省数字经济核心产业增加值突破一万亿元。",
            [("数字经济核心产业增加值", 2025, "1000000000000")],
        ),
        # traditional text: labels as written (全省, 全市 name no part of a metric)
        ("到2027年，全省算力規模達到14EFlops。", [("算力規模", 2027, "14")]),
    ],
)
def test_targets(text: str, expected: list[tuple[str, int | None, str | None]]) -> None:
    assert _targets(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "截至2023年底，全省已建成智能算力中心6个。",
        "2022年，全市人工智能企业营业收入同比增长18%。",
        "目前，全市累计集聚人工智能企业1200余家。",
    ],
)
def test_figures_reached_are_statistics(text: str) -> None:
    found = read(simplified(text), text, 2024)
    assert found.targets == []
    assert len(found.statistics) == 1


@pytest.mark.parametrize(
    "text",
    [
        # a measure's budget and cap are no goals
        "对新建智算中心的企业，给予最高800万元补助。",
        # the plan's own structure
        "本方案共部署18项重点任务。",
        # a rate inside a unit's gloss
        "（EFLOPS是指每秒百亿亿次浮点运算次数）",
    ],
)
def test_figures_that_are_no_goals(text: str) -> None:
    assert read(simplified(text), text, 2024).targets == []


def test_growth_rate_and_comparators() -> None:
    found = read("到2026年，核心产业营业收入年均增长15%以上。", "", 2024)
    target = found.targets[0]
    assert target.is_growth_rate
    assert target.quantity is not None
    assert (target.quantity.value, target.quantity.comparator.value) == (Decimal(15), "AtLeast")


def test_qualitative_goals_under_a_deadline() -> None:
    text = (
        "二、发展目标\n"
        "到2026年，基本建成具有全国影响力的具身智能创新高地，形成较为完善的产业生态体系。"
    )
    labels = [t.metric for t in read(text, text, 2024).targets]
    assert labels == ["基本建成具有全国影响力的具身智能创新高地", "形成较为完善的产业生态体系"]


def test_a_clause_that_announces_goals_is_none() -> None:
    assert read("到2026年，实现以下目标：", "", 2024).targets == []


def test_a_period_before_the_plan_is_no_deadline() -> None:
    text = "“十三五”期间，全市人工智能企业超过500家。"
    assert read(text, text, 2021).targets == []


def test_a_deadline_clause_governs_the_rest_of_its_sentence() -> None:
    text = (
        "为加快发展，力争到2028年，基本建成具有全国影响力的智能制造创新高地，"
        "经市政府同意，现提出如下意见。"
    )
    found = read(text, text, 2025)
    assert [(t.metric, t.year) for t in found.targets] == [
        ("基本建成具有全国影响力的智能制造创新高地", 2028)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare scale after a comparator is one of it
        ("到2026年，带动相关产业规模超万亿元。", [("带动相关产业规模", 2026, "1000000000000")]),
        # a figure describing what is counted is no goal of its own
        ("到2026年，培育3家市值超百亿元的链主企业。", [("市值超百亿元的链主企业", 2026, "3")]),
        # a figure a goal is stated in, though a 的 follows it
        ("到2026年，实现不高于理论时延1.5倍的网络传输。", [("实现不高于理论时延", 2026, "1.5")]),
    ],
)
def test_targets_and_what_describes_them(
    text: str, expected: list[tuple[str, int | None, str | None]]
) -> None:
    assert _targets(text) == expected


def test_bullet_titles_and_validity_are_no_goals() -> None:
    text = (
        "二、发展目标\n到2026年：\n——产业规模持续壮大。核心产业规模突破五百亿元。\n"
        "本措施自发布之日起施行，有效期至2027年12月31日。"
    )
    found = read(text, text, 2025)
    assert [(t.metric, t.year) for t in found.targets] == [("核心产业规模", 2026)]
