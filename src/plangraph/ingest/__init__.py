"""Reading source documents: one reader per format, each giving a :class:`Document`.

``read_document(path)`` picks the reader by the file's ending, normalises the text
(:mod:`plangraph.ingest.normalise`) and finds what metadata it can.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from plangraph.errors import ReadError
from plangraph.ingest.language import detect
from plangraph.ingest.metadata import Header, split_header
from plangraph.ingest.normalise import normalise, printable
from plangraph.ingest.text import read_markdown, read_text
from plangraph.model import Document

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_CHARACTERS",
    "SUPPORTED",
    "display_name",
    "document_id",
    "find_sources",
    "read_document",
]

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
MAX_BYTES = 50 * 1024 * 1024
"""The largest file read; more is refused after reading at most one byte past it."""
MAX_CHARACTERS = 5_000_000
"""The longest text extracted (a document over spaCy's 1,000,000 characters is read in
parts, :mod:`plangraph.nlp.parts`); five million take minutes."""
# A folder's own notes describe the folder; they are not documents of it.
_FOLDER_NOTES = re.compile(r"^(?:README|CHANGELOG|LICEN[CS]E|CONTRIBUTING)(?:\.\w+)?$", re.I)


def document_id(path: Path) -> str:
    """A document is named by its file name without the ending: stable across machines."""
    return path.stem


def find_sources(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named, in a stable order.

    A named file is yielded even when its format is unsupported, so that reading it can
    say so; inside folders only supported files are taken, and not the folder's own
    notes (README, LICENSE, CHANGELOG, CONTRIBUTING). An entry with a supported ending
    that is not a regular file (a FIFO, a device, a broken link) is yielded too, so
    that reading it refuses it in a line rather than passing over it in silence.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    not child.is_dir()
                    and child.suffix.lower() in FORMATS
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                    and not _FOLDER_NOTES.match(child.name)
                ):
                    yield child
        else:
            yield path


def display_name(path: Path | str) -> str:
    """A file name as one printable line: control characters, line breaks and bytes that
    are not UTF-8 are escaped, so a name cannot break a report line or drive a terminal.

    >>> display_name("plan\\n\\x1b[2J.txt"), display_name("规划.txt")
    ('plan\\\\n\\\\x1b[2J.txt', '规划.txt')
    """
    text = str(path)
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: ascii(m[0])[1:-1], text)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\\]")


def _read_bounded(path: Path, name: str) -> bytes:
    """The file's bytes, read through a cap: only a regular file is read (a device, a FIFO
    or a socket is refused without blocking), and never more than :data:`MAX_BYTES`."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{name}: is a folder, expected a file") from None
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except OSError as error:
        raise ReadError(f"{name}: cannot read ({error.strerror or error})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError(f"{name}: is a folder, expected a file")
        if not stat.S_ISREG(mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(mode)
                else "a device"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket"
                if stat.S_ISSOCK(mode)
                else "not a regular file"
            )
            raise ReadError(f"{name}: is {kind}, expected a regular file; refused")
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise ReadError(f"{name}: larger than {MAX_BYTES // 2**20} MiB, refused")
        return b"".join(chunks)
    except OSError as error:
        raise ReadError(f"{name}: cannot read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def read_document(path: Path) -> Document:
    """Read, normalise and describe one file; :class:`ReadError` says why it cannot.

    Whatever goes wrong inside a reader (a decoder, a zip member, XML, a PDF filter) is a
    :class:`ReadError` naming this file: one bad file never stops the others.
    """
    name = display_name(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReadError(
            f"{name}: unsupported format {display_name(suffix) or '(no ending)'!r}; "
            f"supported: {', '.join(SUPPORTED)}"
        )
    if any("\ud800" <= c <= "\udfff" for c in str(path)):
        # bytes the file system gave that are not UTF-8: no store could hold the name
        raise ReadError(f"{name}: the file name is not UTF-8; rename the file")
    data = _read_bounded(path, name)
    if not data.strip():
        raise ReadError(f"{name}: empty file, nothing to extract")
    reader, media_type = FORMATS[suffix]
    try:
        with warnings.catch_warnings():
            # parsers' advice (bs4's XMLParsedAsHTMLWarning, pypdf's notes on odd files)
            # is not the analyst's business: a file is read or refused in one line
            warnings.simplefilter("ignore")
            raw, found = reader(data, name)
            header, text = split_header(normalise(raw))
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{name}: nested too deeply to read, refused") from None
    except MemoryError:
        raise ReadError(f"{name}: too large to read in memory, refused") from None
    except Exception as error:  # a reader's library failing on this file costs only it
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        raise ReadError(
            f"{name}: cannot read this {suffix[1:].upper()} file "
            f"({type(error).__name__}{': ' + detail if detail else ''})"
        ) from None
    if not text.strip():
        raise ReadError(f"{name}: no text found in the document")
    if len(text) > MAX_CHARACTERS:
        raise ReadError(
            f"{name}: {len(text):,} characters of text, more than the "
            f"{MAX_CHARACTERS:,} one document may hold; split it into several files"
        )
    return Document(
        doc_id=document_id(path),
        text=text,
        source=str(path),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=header.title or printable(found.title),
        date=header.date or found.date,
        language=detect(text),
        media_type=media_type,
    )
