"""PDF files: the text layer of every page (pypdf); scanned PDFs without one are refused."""

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
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ReadError(f"{name}: corrupt PDF ({type(error).__name__}: {error})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ReadError(f"{name}: the PDF has no text layer (scanned?); OCR it first")
    title = str(info.title) if info is not None and info.title else None
    created = info.get("/CreationDate") if info is not None else None
    issued = None
    if isinstance(created, str) and len(created) >= 10 and created.startswith("D:"):
        issued = parse_date(f"{created[2:6]}-{created[6:8]}-{created[8:10]}")
    return text, Header(title=title, date=issued)
