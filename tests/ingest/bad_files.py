"""Generated bad input, one maker per class of file an audit found to break an ingest.

Every maker writes one file (or FIFO, or link) under a folder and returns its path; none
of them may be stored. :func:`write_bad_files` cycles through the classes, each file a
variant of its own (different bytes, so no two files are the same document). The bench
(``bench/bench_bad_input.py``) writes a thousand of them with the same makers.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

Maker = Callable[[Path, int], Path]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document_xml: bytes, *, encrypted: bool = False) -> bytes:
    """A Word package around ``document_xml`` (its main part), as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document_xml)
    data = bytearray(buffer.getvalue())
    if encrypted:
        # set the flag a password-protected entry declares, in every header of every entry
        for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at >= 0:
                data[at + flags] |= 0x1
                at = data.find(signature, at + 4)
    return bytes(data)


def _body(text: str) -> bytes:
    return (
        f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{text}'
        "</w:t></w:r></w:p></w:body></w:document>"
    ).encode()


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _pdf(content: bytes, filters: str) -> bytes:
    """A one-page PDF whose page content stream is ``content`` under ``filters``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode())
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _page_text(variant: int) -> bytes:
    return b"BT /F1 12 Tf 72 712 Td (Hefei aims to reach %d EFLOPS by 2027.) Tj ET" % variant


# ---- text files -------------------------------------------------------------------------


def utf16_truncated(folder: Path, variant: int) -> Path:
    data = f"\ufeff合肥规划 {variant}".encode("utf-16-le")
    return _write(folder, f"utf16-truncated-{variant}.txt", data + b"\x41")


def utf16_lone_surrogate(folder: Path, variant: int) -> Path:
    data = b"\xff\xfe" + f"plan {variant} ".encode("utf-16-le") + b"\x00\xd8A\x00"
    return _write(folder, f"utf16-surrogate-{variant}.txt", data)


def utf8_bom_invalid(folder: Path, variant: int) -> Path:
    data = b"\xef\xbb\xbfPlan %d \xff\xfe\xc3\x28 text" % variant
    return _write(folder, f"utf8-bom-invalid-{variant}.txt", data)


def utf8_encoded_surrogate(folder: Path, variant: int) -> Path:
    data = b"Plan %d \xed\xa0\x80 text" % variant
    return _write(folder, f"utf8-surrogate-{variant}.md", data)


def utf32_invalid(folder: Path, variant: int) -> Path:
    data = b"\xff\xfe\x00\x00" + f"plan {variant}".encode("utf-32-le") + b"\x00\x00\x11\x00"
    return _write(folder, f"utf32-invalid-{variant}.txt", data)


def nul_after_4k(folder: Path, variant: int) -> Path:
    text = ("Shenzhen aims high. " * 300 + f"{variant}").encode()
    return _write(folder, f"nul-late-{variant}.txt", text + b"\x00" * 64 + b"more text")


def binary(folder: Path, variant: int) -> Path:
    data = bytes((i * 37 + variant) % 256 for i in range(2048))
    return _write(folder, f"binary-{variant}.txt", data)


def empty(folder: Path, variant: int) -> Path:
    return _write(folder, f"empty-{variant}.md", b" \n\t " * (variant % 5))


def control_garbage(folder: Path, variant: int) -> Path:
    data = bytes([1, 2, 3, 7, 8, 0x1B, 0x7F, 0x0E]) * (50 + variant)
    return _write(folder, f"control-garbage-{variant}.txt", data)


def too_long(folder: Path, variant: int) -> Path:
    line = f"Plan {variant} aims to grow the industry by 2030." * 20 + "\n\n"
    return _write(folder, f"too-long-{variant}.txt", (line * (5_100_000 // len(line))).encode())


def escaped_name(folder: Path, variant: int) -> Path:
    return _write(folder, f"name\n\x1b[31mred-{variant}.txt", b"")


def not_utf8_name(folder: Path, variant: int) -> Path:
    raw = os.fsencode(folder) + b"/caf\xe9-%d.txt" % variant
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, b"Wuhan aims to build an AI industry by 2026.")
    os.close(fd)
    return Path(os.fsdecode(raw))


# ---- not regular files ------------------------------------------------------------------


def fifo(folder: Path, variant: int) -> Path:
    path = folder / f"fifo-{variant}.txt"
    os.mkfifo(path)
    return path


def link_to_device(folder: Path, variant: int) -> Path:
    path = folder / f"zero-{variant}.txt"
    path.symlink_to("/dev/zero" if variant % 2 else "/dev/urandom")
    return path


def broken_link(folder: Path, variant: int) -> Path:
    path = folder / f"broken-link-{variant}.md"
    path.symlink_to(folder / f"nowhere-{variant}")
    return path


# ---- Word packages ----------------------------------------------------------------------


def docx_xml_error(folder: Path, variant: int) -> Path:
    bad = _body(f"Plan {variant}").replace(b"</w:body>", b"<w:body>")
    return _write(folder, f"docx-xml-error-{variant}.docx", _docx(bad))


def docx_billion_laughs(folder: Path, variant: int) -> Path:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&l9; {variant}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    return _write(folder, f"docx-laughs-{variant}.docx", _docx(xml))


def docx_deep(folder: Path, variant: int) -> Path:
    depth = 20_000 + variant
    xml = (
        f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>'
        + "<w:p>" * depth
        + "</w:p>" * depth
        + "</w:body></w:document>"
    ).encode()
    return _write(folder, f"docx-deep-{variant}.docx", _docx(xml))


def docx_zlib_error(folder: Path, variant: int) -> Path:
    data = bytearray(_docx(_body(f"Hefei plan {variant} " * 50)))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    for offset in range(start + 4, start + 40):
        data[offset] ^= 0x5A
    return _write(folder, f"docx-zlib-{variant}.docx", bytes(data))


def docx_encrypted(folder: Path, variant: int) -> Path:
    return _write(
        folder, f"docx-encrypted-{variant}.docx", _docx(_body(f"Plan {variant}"), encrypted=True)
    )


@cache
def _zip_bomb() -> bytes:
    """A package whose main part inflates to 300 MiB of spaces (about 300 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_body("Plan").replace(b"</w:body>", b""))
            chunk = b" " * (1 << 20)
            for _ in range(300):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def docx_zip_bomb(folder: Path, variant: int) -> Path:
    # a comment makes each copy a different file
    return _write(folder, f"docx-bomb-{variant}.docx", _zip_bomb() + b"%d" % variant)


def docx_not_zip(folder: Path, variant: int) -> Path:
    return _write(folder, f"docx-not-zip-{variant}.docx", b"Plan %d in plain text" % variant)


def docx_truncated(folder: Path, variant: int) -> Path:
    data = _docx(_body(f"Plan {variant} " * 40))
    return _write(folder, f"docx-truncated-{variant}.docx", data[: len(data) // 2])


# ---- PDFs -------------------------------------------------------------------------------


def pdf_unknown_filter(folder: Path, variant: int) -> Path:
    return _write(
        folder, f"pdf-unknown-filter-{variant}.pdf", _pdf(_page_text(variant), "/NoSuchDecode")
    )


def pdf_missing_decoder(folder: Path, variant: int) -> Path:
    filters = ("/JBIG2Decode", "/BrotliDecode")[variant % 2]
    return _write(folder, f"pdf-missing-decoder-{variant}.pdf", _pdf(_page_text(variant), filters))


def pdf_flipped_byte(folder: Path, variant: int) -> Path:
    packed = bytearray(zlib.compress(_page_text(variant)))
    for offset in range(2, len(packed) - 4):
        packed[offset] ^= 0xFF
    return _write(folder, f"pdf-flipped-{variant}.pdf", _pdf(bytes(packed), "/FlateDecode"))


def pdf_encrypted(folder: Path, variant: int) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200 + variant, 200)
    writer.encrypt(user_password=f"secret{variant}", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return _write(folder, f"pdf-encrypted-{variant}.pdf", buffer.getvalue())


def pdf_truncated(folder: Path, variant: int) -> Path:
    data = _pdf(_page_text(variant), "[]")
    return _write(folder, f"pdf-truncated-{variant}.pdf", data[: 40 + variant % 100])


def pdf_not_pdf(folder: Path, variant: int) -> Path:
    return _write(folder, f"pdf-not-pdf-{variant}.pdf", b"<html>plan %d</html>" % variant)


def pdf_no_text(folder: Path, variant: int) -> Path:
    return _write(folder, f"pdf-no-text-{variant}.pdf", _pdf(b"%% page %d" % variant, "[]"))


# ---- HTML -------------------------------------------------------------------------------


def html_attributes(folder: Path, variant: int) -> Path:
    attributes = " ".join(f'a{i}="{variant}"' for i in range(200_000))
    return _write(
        folder,
        f"html-attributes-{variant}.html",
        f"<html><body><div {attributes}></div></body></html>".encode(),
    )


def html_xml(folder: Path, variant: int) -> Path:
    data = b'<?xml version="1.0"?><rss><channel><item id="%d"/></channel></rss>' % variant
    return _write(folder, f"html-xml-{variant}.html", data)


def html_no_markup(folder: Path, variant: int) -> Path:
    return _write(folder, f"html-no-markup-{variant}.htm", b"plan %d without any tags" % variant)


MAKERS: tuple[Maker, ...] = (
    utf16_truncated,
    utf16_lone_surrogate,
    utf8_bom_invalid,
    utf8_encoded_surrogate,
    utf32_invalid,
    nul_after_4k,
    binary,
    empty,
    control_garbage,
    escaped_name,
    not_utf8_name,
    fifo,
    link_to_device,
    broken_link,
    docx_xml_error,
    docx_billion_laughs,
    docx_deep,
    docx_zlib_error,
    docx_encrypted,
    docx_not_zip,
    docx_truncated,
    pdf_unknown_filter,
    pdf_missing_decoder,
    pdf_flipped_byte,
    pdf_encrypted,
    pdf_truncated,
    pdf_not_pdf,
    pdf_no_text,
    html_xml,
    html_no_markup,
)
"""The cheap classes, each file a few KB; the costly ones are :data:`HEAVY`."""
HEAVY: tuple[Maker, ...] = (too_long, docx_zip_bomb, html_attributes)


def write_bad_files(folder: Path, count: int, *, heavy: int = 1) -> list[Path]:
    """``count`` bad files of every class in turn, with ``heavy`` of each costly class."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [maker(folder, variant) for variant in range(heavy) for maker in HEAVY]
    variant = 0
    while len(paths) < count:
        for maker in MAKERS:
            if len(paths) == count:
                break
            paths.append(maker(folder, variant))
        variant += 1
    return paths
