"""Reading source documents: one reader per format, each giving a :class:`Document`.

``read_document(path)`` picks the reader by the file's ending, normalises the text
(:mod:`plangraph.ingest.normalise`) and finds what metadata it can.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from plangraph.errors import ReadError
from plangraph.ingest.language import detect
from plangraph.ingest.metadata import Header, split_header
from plangraph.ingest.normalise import normalise
from plangraph.ingest.text import read_markdown, read_text
from plangraph.model import Document

__all__ = ["FORMATS", "SUPPORTED", "document_id", "find_sources", "read_document"]

Reader = Callable[[bytes, str], tuple[str, Header]]


def _plain(reader: Callable[[bytes, str], str]) -> Reader:
    return lambda data, name: (reader(data, name), Header())


def _on_first_use(module: str, name: str) -> Reader:
    """The reader ``name`` of ``plangraph.ingest.<module>``, imported when a file of its
    format is read: trafilatura, pypdf and python-docx take a quarter of a second to
    import, which a re-ingest of unchanged files should not pay."""

    def read(data: bytes, source: str) -> tuple[str, Header]:
        reader: Reader = getattr(importlib.import_module(f"plangraph.ingest.{module}"), name)
        return reader(data, source)

    return read


FORMATS: dict[str, tuple[Reader, str]] = {
    ".txt": (_plain(read_text), "text/plain"),
    ".md": (_plain(read_markdown), "text/markdown"),
    ".markdown": (_plain(read_markdown), "text/markdown"),
    ".html": (_on_first_use("html", "read_html"), "text/html"),
    ".htm": (_on_first_use("html", "read_html"), "text/html"),
    ".pdf": (_on_first_use("pdf", "read_pdf"), "application/pdf"),
    ".docx": (
        _on_first_use("docx", "read_docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}
SUPPORTED = tuple(sorted(FORMATS))
_MAX_BYTES = 50 * 1024 * 1024
# A folder's own notes describe the folder; they are not documents of it.
_FOLDER_NOTES = re.compile(r"^(?:README|CHANGELOG|LICEN[CS]E|CONTRIBUTING)(?:\.\w+)?$", re.I)


def document_id(path: Path) -> str:
    """A document is named by its file name without the ending: stable across machines."""
    return path.stem


def find_sources(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named, in a stable order.

    A named file is yielded even when its format is unsupported, so that reading it can
    say so; inside folders only supported files are taken, and not the folder's own
    notes (README, LICENSE, CHANGELOG, CONTRIBUTING).
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in FORMATS
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                    and not _FOLDER_NOTES.match(child.name)
                ):
                    yield child
        else:
            yield path


def read_document(path: Path) -> Document:
    """Read, normalise and describe one file; :class:`ReadError` says why it cannot."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReadError(
            f"{name}: unsupported format {suffix or '(no ending)'!r}; "
            f"supported: {', '.join(SUPPORTED)}"
        )
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise ReadError(f"{name}: larger than {_MAX_BYTES // 2**20} MiB, refused")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{name}: is a folder, expected a file") from None
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except OSError as error:
        raise ReadError(f"{name}: cannot read ({error.strerror})") from None
    if not data.strip():
        raise ReadError(f"{name}: empty file, nothing to extract")
    reader, media_type = FORMATS[suffix]
    raw, found = reader(data, name)
    header, text = split_header(normalise(raw))
    if not text.strip():
        raise ReadError(f"{name}: no text found in the document")
    return Document(
        doc_id=document_id(path),
        text=text,
        source=name,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=header.title or found.title,
        date=header.date or found.date,
        language=detect(text),
        media_type=media_type,
    )
