"""Word documents: paragraphs and table cells in reading order (python-docx).

The package's creation date is not used: templates carry their own, years old.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from plangraph.errors import ReadError
from plangraph.ingest.metadata import Header


def read_docx(data: bytes, name: str) -> tuple[str, Header]:
    if not data.startswith(b"PK"):
        raise ReadError(f"{name}: not a DOCX file (not a zip package)")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReadError(f"{name}: corrupt DOCX ({type(error).__name__}: {error})") from None
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    props = document.core_properties
    return "\n\n".join(parts), Header(title=props.title or None)
