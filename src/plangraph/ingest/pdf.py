"""PDF files: the text layer of every page (pypdf); scanned PDFs without one are refused.

pypdf caps what one stream may inflate to (75 MB in ``pypdf.filters``); an encrypted PDF
that does not open with the empty password is refused, as is one whose filters pypdf
cannot decode (the caller turns any failure into one line naming the file).
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from plangraph.errors import ReadError
from plangraph.ingest.metadata import Header, parse_date


def read_pdf(data: bytes, name: str) -> tuple[str, Header]:
    if not data.startswith(b"%PDF"):
        raise ReadError(f"{name}: not a PDF file (no %PDF header)")
    # pypdf logs its repairs of odd files, over several lines: the file is read or refused
    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ReadError(f"{name}: encrypted PDF; save it without a password first")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ReadError(
            f"{name}: corrupt PDF ({type(error).__name__}: {_first_line(error)})"
        ) from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ReadError(f"{name}: the PDF has no text layer (scanned?); OCR it first")
    title = str(info.title) if info is not None and info.title else None
    created = info.get("/CreationDate") if info is not None else None
    issued = None
    if isinstance(created, str) and len(created) >= 10 and created.startswith("D:"):
        issued = parse_date(f"{created[2:6]}-{created[6:8]}-{created[8:10]}")
    return text, Header(title=title, date=issued)


def _opens_without_password(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except (PyPdfError, ValueError, KeyError, TypeError, NotImplementedError):
        return False


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0][:200] if str(error) else ""
