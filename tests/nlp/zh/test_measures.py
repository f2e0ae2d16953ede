"""Measures read from task sections of our own."""

import pytest

from plangraph.nlp.zh.measures import category, read


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # one measure per action clause; a frame without its own verb is none
        (
            "三、重点任务\n（一）夯实算力基础。建设城市级算力调度平台，瞄准国际前沿，鼓励企业联合高校开展技术攻关。",
            ["建设城市级算力调度平台", "鼓励企业联合高校开展技术攻关"],
        ),
        # a condition and the support it gets are one instrument
        (
            "三、保障措施\n对首次采购本地大模型产品的用户，给予最高200万元补贴。",
            ["对首次采购本地大模型产品的用户，给予最高200万元补贴"],
        ),
        # purposes, goals and guiding principles are no instruments
        ("为加快人工智能发展，推动产业升级，特制定本方案。", []),
        ("一、发展目标\n到2026年，建设10个示范场景，形成一批标杆应用。", []),
        ("一、指导思想\n坚持创新驱动，推动人工智能与实体经济融合。", []),
        # a clause that sets a figure states a target, not an instrument
        ("三、重点任务\n培育10家龙头企业。", []),
        # a report of what the plan will do: a subject and a modal before the verb
        (
            "据介绍，江城将建设大模型测试验证中心，措施亦鼓励本地国企采购模型服务。",
            ["江城将建设大模型测试验证中心", "措施亦鼓励本地国企采购模型服务"],
        ),
        # what a beneficiary may receive
        ("初创企业租用公共算力，可按实际支出获得租金补贴。", ["可按实际支出获得租金补贴"]),
        # a list of instruments, one per item, the frame and the 等… tail dropped
        (
            "方案还从夯实算力底座、完善数据供给、优化人才服务等三方面提出12项举措。",
            ["夯实算力底座", "完善数据供给", "优化人才服务"],
        ),
        # whom a verb supports, then what in: one instrument
        (
            "三、重点任务\n支持江城大学联合龙头企业，开展类脑芯片攻关。",
            ["支持江城大学联合龙头企业，开展类脑芯片攻关"],
        ),
        # a frame naming innovation platforms holds no instrument of its own
        ("三、重点任务\n依托龙头企业及创新中心等创新平台，建设中试基地。", ["建设中试基地"]),
        # a page's header is no instrument
        ("发布时间：2024-05-07 来源：江城日报", []),
        # a task named as the area a plan works in (在…方面); an area without a verb names
        # none, and the clause after it is read as ever
        (
            "计划在优化数据要素供给方面，从开放和交易两方面进行部署；在人才方面加强引进。",
            ["优化数据要素供给", "在人才方面加强引进"],
        ),
    ],
)
def test_measures(text: str, labels: list[str]) -> None:
    assert [m.label for m in read(text)] == labels


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("设立人工智能产业投资基金", "financial-support"),
        ("引进领军人才和创新团队", "talent"),
        ("建设智能算力中心", "infrastructure"),
        ("开放城市级应用场景", "application-demonstration"),
        ("健全生成式人工智能伦理审查机制", "regulation"),
    ],
)
def test_category(label: str, expected: str) -> None:
    assert category(label).value == expected
