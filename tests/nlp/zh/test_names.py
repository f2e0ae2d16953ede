"""Actors and regions in Chinese sentences of our own."""

import pytest

from plangraph.nlp.zh.names import Body, Place, gazetteer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "工业和信息化部、国家发展改革委",
            [
                "Ministry of Industry and Information Technology",
                "National Development and Reform Commission",
            ],
        ),
        (
            "工信部会同科技部",
            [
                "Ministry of Industry and Information Technology",
                "Ministry of Science and Technology",
            ],
        ),
        ("支持华为、科大讯飞和商汤科技", ["Huawei", "iFlytek", "SenseTime"]),
        (
            "深圳市科技创新委员会",
            ["Shenzhen Municipal Science and Technology Innovation Commission"],
        ),
        (
            "广东省人民政府办公厅",
            ["General Office of the Guangdong Provincial People's Government"],
        ),
        ("中共山东省委网络安全和信息化委员会办公室", ["山东省委网络安全和信息化委员会办公室"]),
        ("中国人民银行山东省分行", ["中国人民银行山东省分行"]),
        ("山东省海洋局", ["山东省海洋局"]),
    ],
)
def test_bodies(text: str, expected: list[str]) -> None:
    keys = [h.entry.key for h in gazetteer().scan(text) if isinstance(h.entry, Body)]
    assert keys == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("广东、广东省和粤港澳", ["Guangdong", "Guangdong"]),
        ("杭州市余杭区", ["Hangzhou", "Yuhang"]),
        ("宿州市与苏州市", ["Suzhou, Anhui", "Suzhou"]),
        ("美国和欧盟", ["United States", "European Union"]),
        # a short form that is also a word is matched only in full
        ("提升群众安康水平", []),
    ],
)
def test_places(text: str, expected: list[str]) -> None:
    keys = [h.entry.key for h in gazetteer().scan(text) if isinstance(h.entry, Place)]
    assert keys == expected


def test_a_bare_prefix_is_read_in_the_jurisdiction() -> None:
    g = gazetteer()
    zhejiang = g.places["Zhejiang"]
    body = g.body_for("省", "科技厅", zhejiang)
    assert body is not None
    assert (body.key, body.zh) == (
        "Zhejiang Provincial Department of Science and Technology",
        "浙江省科学技术厅",
    )
    assert g.body_for("省", "科技厅", None) is None


def test_every_gazetteer_actor_keeps_the_english_name_of_actors_json() -> None:
    import json
    from importlib import resources

    english = {
        a["name"]: a["type"]
        for a in json.loads(
            resources.files("plangraph.nlp").joinpath("data/actors.json").read_text("utf-8")
        )["actors"]
    }
    chinese = json.loads(
        resources.files("plangraph.nlp.zh").joinpath("data/actors.json").read_text("utf-8")
    )["actors"]
    shared = [a for a in chinese if a["en"] in english]
    assert len(shared) >= 200
    assert all(english[a["en"]] == a["type"] for a in shared)


def test_divisions_cover_every_province_and_prefecture() -> None:
    g = gazetteer()
    provinces = [
        p for p in g.places.values() if p.level.value == "Province" and p.parent == "China"
    ]
    cities = [p for p in g.places.values() if p.level.value == "City"]
    assert len(provinces) == 34
    assert len(cities) > 330
    assert all(p.en for p in provinces + cities)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("江城大学副教授林晓认为，算力补贴见效最快。", ["林晓"]),
        ("市数据局副局长周启明介绍，平台已上线。周启明表示，明年扩容。", ["周启明", "周启明"]),
        # a person whose name is also a city's (金华) is a person here, not Jinhua
        ("研究院分析师金华认为，语料更重要。", ["金华"]),
        # no post before the name: not read as a person
        ("王府井大街表示欢迎。", []),
    ],
)
def test_people(text: str, people: list[str]) -> None:
    from plangraph.nlp.zh.reading import ZhFacts, read_names

    facts = ZhFacts()
    read_names(text, text, set(range(len(text) + 1)), facts)
    assert [m.name for m in facts.actors if m.type.value == "Person"] == people
    assert all(m.name != "Jinhua" for m in facts.regions)
