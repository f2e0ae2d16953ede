"""The Chinese pipeline end to end on a plan of our own writing."""

from collections.abc import Callable

import pytest

from plangraph.model import Extraction

PLAN = """江城市人民政府关于加快人工智能产业发展的实施意见
各区人民政府，市政府各部门：
为加快人工智能产业发展，现提出如下意见。
一、发展目标
到2026年，全市人工智能核心产业规模突破800亿元，人工智能企业数量超过600家，建成具有全国影响力的人工智能创新高地。
二、重点任务
（一）夯实算力基础。建设城市级算力调度平台，支持华为、科大讯飞建设智能计算中心。（责任单位：工业和信息化部、科技部）
（二）强化人才支撑。引进领军人才和创新团队。
2024年3月1日
"""


@pytest.mark.slow
def test_components_are_in_order() -> None:
    from plangraph.nlp.pipeline import analyze
    from plangraph.nlp.zh.pipeline import load

    nlp = load()
    assert nlp.lang == "zh"
    assert nlp.tokenizer.segmenter == "jieba"
    assert not analyze(nlp)["problems"] or not any(analyze(nlp)["problems"].values())


@pytest.mark.slow
def test_agency_names_segment_whole() -> None:
    from plangraph.nlp.zh.pipeline import load

    words = [t.text for t in load().make_doc("工业和信息化部、国家发展改革委牵头")]
    assert "工业和信息化部" in words
    assert "国家发展改革委" in words


@pytest.mark.slow
def test_a_plan_of_our_own(extract_zh: Callable[[str, str | None], Extraction]) -> None:
    found = extract_zh(PLAN, None)
    assert found.document.language == "zh"
    assert found.plan is not None
    assert found.plan.date == "2024-03-01"
    actors = {a.name: a for a in found.actors}
    assert {"Huawei", "iFlytek", "Ministry of Industry and Information Technology"} <= set(actors)
    assert ("zh", "华为") in actors["Huawei"].labels
    quantified = {(t.quantity.value, t.quantity.unit, t.year) for t in found.targets if t.quantity}
    assert (80000000000, "CNY", 2026) in quantified
    assert (600, "count", 2026) in quantified
    assert any(t.quantity is None and "创新高地" in t.metric for t in found.targets)
    measures = {m.label: m for m in found.measures}
    assert (
        measures["建设城市级算力调度平台"].responsible
        == "Ministry of Industry and Information Technology"
    )
    assert measures["引进领军人才和创新团队"].responsible is None
    count = next(t for t in found.targets if t.quantity and t.quantity.unit == "count")
    assert count.counted == "company"


@pytest.mark.slow
def test_traditional_text_keeps_offsets_into_the_text_as_written(
    extract_zh: Callable[[str, str | None], Extraction],
) -> None:
    text = "到2027年，全省算力規模達到14EFlops，培育20家人工智能領軍企業。（責任單位：省科技廳）"
    found = extract_zh(text, "2024-12-06")
    for target in found.targets:
        span = target.evidence
        assert text[span.start : span.end] == span.text
        assert target.metric in span.text


NOTICE = """临江区加快人工智能产业发展若干措施
一、总体要求
临江区人工智能产业基础较好，应用场景丰富。
二、重点任务
（一）建设算力平台。支持华中科技大学、临江人工智能创新中心等创新主体联合企业开展攻关。（区科技创新局、区财政局）
"""


@pytest.mark.slow
def test_institutions_listed_and_leads_closing_an_item(
    extract_zh: Callable[[str, str | None], Extraction],
) -> None:
    found = extract_zh(NOTICE, "2024-05-01")
    names = {a.name for a in found.actors}
    # institutions named in an enumeration, with no place before them
    assert "临江人工智能创新中心" in names
    assert "Huazhong University of Science and Technology" in names
    # bodies under a bare 区 are actors; the first one closing the item is its lead
    assert "区科技创新局" in names
    leads = {m.responsible for m in found.measures}
    assert leads == {"区科技创新局"}
    # a plan's general requirements hold no instruments
    assert all("应用场景丰富" not in m.label for m in found.measures)


@pytest.mark.slow
def test_a_five_year_plan_looks_back_on_the_last(
    extract_zh: Callable[[str, str | None], Extraction],
) -> None:
    text = (
        "江城市人工智能产业发展“十四五”规划\n\n市人民政府办公厅印发　二〇二一年十二月\n\n"
        "一、发展基础\n“十三五”期间，全市人工智能企业超过300家。\n\n"
        "二、发展目标\n到“十四五”期末，全市人工智能企业超过800家。"
    )
    found = extract_zh(text, None)
    assert [(t.year, str(t.quantity.value)) for t in found.targets if t.quantity] == [(2025, "800")]
