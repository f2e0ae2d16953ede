"""Each reader on a file it made itself, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.errors import ReadError
from plangraph.ingest import find_sources, read_document

BODY = "Hefei aims to build 20 AI pilot zones by 2026. The city will set up a fund."


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer, written object by object."""
    content = (
        "BT /F1 12 Tf 72 720 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def make_docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def test_text(tmp_path: Path) -> None:
    path = tmp_path / "hefei-plan.txt"
    path.write_text("Date: 2024-02-01\n\n" + BODY, encoding="utf-8")
    document = read_document(path)
    assert document.doc_id == "hefei-plan"
    assert document.text == BODY
    assert document.date == "2024-02-01"
    assert document.media_type == "text/plain"
    assert len(document.sha256) == 64


def test_text_with_utf8_bom_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + BODY.encode())
    (tmp_path / "b.txt").write_bytes(BODY.encode("utf-16"))
    assert read_document(tmp_path / "a.txt").text == BODY
    assert read_document(tmp_path / "b.txt").text == BODY


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Hefei AI plan\n\n**Hefei** aims to build [20 zones](http://x.y) by 2026.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.text == "Hefei AI plan\n\nHefei aims to build 20 zones by 2026."
    assert document.title == "Hefei AI plan"


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{BODY} Paragraph {i} adds detail on the plan.</p>" for i in range(4))
    path.write_text(
        "<html><head><title>Hefei plan | News</title>"
        '<meta property="article:published_time" content="2024-02-03T08:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav>"
        f"<article><h1>Hefei sets AI goals</h1>{paragraphs}</article>"
        "<footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.text.startswith("Hefei sets AI goals")
    assert "Hefei aims to build 20 AI pilot zones" in document.text
    assert "All rights reserved" not in document.text
    assert "Home" not in document.text.split("\n")[0:2]
    assert document.date == "2024-02-03"
    assert document.title == "Hefei sets AI goals"


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(["Hefei aims to build 20 AI pilot", "zones by 2026."]))
    document = read_document(path)
    assert "Hefei aims to build 20 AI pilot zones by 2026." in document.text
    assert document.media_type == "application/pdf"


def test_docx(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    make_docx(path, ["Date: 2024-02-01", BODY])
    document = read_document(path)
    assert document.text == BODY
    assert document.date == "2024-02-01"


BAD = [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary data"),
    ("latin1.txt", "Caf\u00e9 policy in Z\u00fcrich".encode("latin-1"), "not UTF-8 text"),
    ("slides.pptx", b"PK\x03\x04whatever", "unsupported format '.pptx'"),
    ("noending", b"some text", "unsupported format '(no ending)'"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "corrupt PDF"),
    ("fake.pdf", b"this is not a pdf at all", "not a PDF file"),
    ("broken.docx", b"PK\x03\x04 truncated zip", "corrupt DOCX"),
    ("fake.docx", b"plain words, not a zip", "not a DOCX file"),
    ("scanned.pdf", None, "no text layer"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_says_which_file_and_why(
    tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if name == "scanned.pdf":
        path.write_bytes(make_pdf([]))
    elif data is not None:
        path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert reason in message
    assert "\n" not in message


def test_unsupported_message_lists_valid_formats(tmp_path: Path) -> None:
    path = tmp_path / "x.rtf"
    path.write_text("{\\rtf1 hello}")
    with pytest.raises(ReadError, match=r"supported: \.docx, \.htm, \.html, \.markdown, \.md"):
        read_document(path)


def test_folder_yields_supported_files_in_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.png", ".hidden/d.txt", "sub/e.html", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_sources([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/e.html"]
