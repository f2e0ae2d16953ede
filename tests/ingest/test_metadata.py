import pytest

from plangraph.ingest.metadata import parse_date, split_header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-30", "2023-05-30"),
        ("Published: 12 March 2024", "2024-03-12"),
        ("March 12, 2024", "2024-03-12"),
        ("Sept 3 2023", "2023-09-03"),
        ("2023/02/30", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "date", "body_start"),
    [
        (" date 2023-05-30 AI\n\nBeijing aims high.", "2023-05-30", "Beijing aims"),
        ("Date: 2024-03-12\nSource: Xinhua\n\nShanghai will", "2024-03-12", "Shanghai will"),
        ("Headline here\nPublished: 5 June 2024\n\nBody text.", "2024-06-05", "Headline here"),
        ("Date: unknown\n\nBody.", None, "Date: unknown"),
    ],
)
def test_split_header(text: str, date: str | None, body_start: str) -> None:
    header, body = split_header(text)
    assert header.date == date
    assert body.startswith(body_start)


def test_title_is_a_short_first_line() -> None:
    header, _ = split_header("Zhejiang unveils AI plan\n\nZhejiang will build 50 zones.")
    assert header.title == "Zhejiang unveils AI plan"


def test_a_date_field_in_a_piped_header_line() -> None:
    text = "Headline\n2024-06-12 | Coastal Economic Herald | By Lu Fan\n\nThe city will act."
    header, _ = split_header(text)
    assert header.date == "2024-06-12"


def test_an_issuing_sentence_is_text_not_a_header_field() -> None:
    text = (
        "Harbour Plan\n\nIssued by the county government on 3 May 2022 and made public a "
        "week later.\n\nBody."
    )
    header, body = split_header(text)
    assert header.date == "2022-05-03"
    assert "Issued by the county government" in body
