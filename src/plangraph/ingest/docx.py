"""Word documents: paragraphs and table cells in reading order (python-docx).

The package's creation date is not used: templates carry their own, years old. The zip
is checked before python-docx opens it: an encrypted package, or one that would unpack
to more than :data:`MAX_UNPACKED` bytes (a zip bomb), is refused. zipfile never
inflates a member past the size its entry declares, so the check bounds what is read.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from plangraph.errors import ReadError
from plangraph.ingest.metadata import Header

MAX_UNPACKED = 256 * 1024 * 1024
MAX_MEMBERS = 10_000


def check_package(data: bytes, name: str) -> None:
    """Refuse a package that is not a zip, is encrypted, or unpacks past the caps."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise ReadError(
            f"{name}: corrupt DOCX ({type(error).__name__}: {_first_line(error)})"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise ReadError(f"{name}: DOCX package of {len(members):,} parts, refused")
    if any(member.flag_bits & 0x1 for member in members):
        raise ReadError(f"{name}: encrypted DOCX; save it without a password first")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise ReadError(
            f"{name}: DOCX unpacks to {unpacked:,} bytes, more than "
            f"{MAX_UNPACKED // 2**20} MiB (a zip bomb?); refused"
        )


def read_docx(data: bytes, name: str) -> tuple[str, Header]:
    if not data.startswith(b"PK"):
        raise ReadError(f"{name}: not a DOCX file (not a zip package)")
    check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReadError(
            f"{name}: corrupt DOCX ({type(error).__name__}: {_first_line(error)})"
        ) from None
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    props = document.core_properties
    return "\n\n".join(parts), Header(title=props.title or None)


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0][:200] if str(error) else ""
