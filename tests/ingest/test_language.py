import pytest

from plangraph.ingest.language import detect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("到2025年，人工智能核心产业规模超过3000亿元。", "zh"),
        ("到2025年，人工智能核心產業規模超過3000億元。", "zh"),
        ("By 2025 the core AI industry exceeds 300 billion yuan.", "en"),
        ("Guangdong (广东) aims for 300 billion yuan by 2025, the plan says.", "en"),
        ("算力规模超过300 EFLOPS（EFLOPS是指每秒百亿亿次浮点运算次数）", "zh"),
        ("", "en"),
    ],
)
def test_detect(text: str, language: str) -> None:
    assert detect(text) == language
