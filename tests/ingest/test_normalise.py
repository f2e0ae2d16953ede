import pytest

from plangraph.ingest.normalise import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("by 2025.The plan said", "by 2025. The plan said"),
        ('efforts."Developing AI', 'efforts. "Developing AI'),
        ("statistics.Global Times", "statistics. Global Times"),
        ("It grew 42.37 percent", "It grew 42.37 percent"),
        ("the U.S. and China", "the U.S. and China"),
        ("reach\u00a0300\u00a0billion yuan", "reach 300 billion yuan"),
        ("zero\u200bwidth", "zerowidth"),
        ("The city.\nPhoto: Xinhua\nIt will", "The city.\nIt will"),
        ("Photo:VCG\n\nBeijing aims", "Beijing aims"),
        ("compu-\nting power", "computing power"),
        ("the plan sets\nout targets", "the plan sets out targets"),
        (
            "skills; and\ne. The publication of guidelines",
            "skills; and\ne. The publication of guidelines",
        ),
        ("a fund, and\nii) a platform", "a fund, and\nii) a platform"),
        ("Title\n\n\n\nBody", "Title\n\nBody"),
        ("as the main thread.strengthen the supply", "as the main thread. strengthen the supply"),
        (
            "see xinhuanet.com, www.gov.cn/zhengce or Node.js",
            "see xinhuanet.com, www.gov.cn/zhengce or Node.js",
        ),
        ("mail info.desk@example.org", "mail info.desk@example.org"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent() -> None:
    text = 'by 2025.The plan\u00a0said."Quote" here\nPhoto: X\nnext'
    assert normalise(normalise(text)) == normalise(text)
