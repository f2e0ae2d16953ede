"""What a store remembers of each source file, to tell an unchanged file without reading it.

For each ingested document the store keeps, in a graph of its own (:data:`SOURCES_GRAPH`,
outside the union that queries read and outside every export), the file it came from:
its path, size, modification time (nanoseconds), the SHA-256 of its raw bytes and the
SHA-256 of the normalised text the document graph holds. A re-ingest compares size and
time first and hashes the bytes only when they differ, so an unchanged folder costs one
``stat`` per file and one query, and nothing is parsed.

The record is a cache, never the truth: it counts only while the document's own graph
still holds the text hash it was written with, so a record that a failed or foreign
write left stale makes plangraph read the file again, never skip a changed one.

>>> state = SourceState(URIRef("urn:x:doc"), "corpus/a.txt", 12, 1_700_000_000, "ab", "cd")
>>> print(record_update([state]).splitlines()[-2])
<urn:x:doc> <https://w3id.org/plangraph/source#path> "corpus/a.txt" .
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

if TYPE_CHECKING:
    from plangraph.store.base import Store

SOURCES_GRAPH = URIRef("https://w3id.org/plangraph/id/graph/sources")
_NS = "https://w3id.org/plangraph/source#"
PATH = URIRef(_NS + "path")
SIZE = URIRef(_NS + "size")
MODIFIED = URIRef(_NS + "modifiedNs")
BYTES_SHA256 = URIRef(_NS + "bytesSha256")
TEXT_SHA256 = URIRef(_NS + "textSha256")


@dataclass(frozen=True)
class SourceState:
    """A document's source file as it was when its graph was written."""

    document: URIRef
    path: str
    size: int
    modified_ns: int
    bytes_sha256: str
    text_sha256: str


def probe(path: Path) -> tuple[int, int] | None:
    """The file's size and modification time in nanoseconds; None when it cannot be
    stat'ed (reading it will then say why)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of the file's raw bytes; None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


_STORED = f"""
SELECT ?doc ?path ?size ?modified ?bytes ?text WHERE {{
  GRAPH <{SOURCES_GRAPH}> {{
    ?doc <{PATH}> ?path ; <{SIZE}> ?size ; <{MODIFIED}> ?modified ;
         <{BYTES_SHA256}> ?bytes ; <{TEXT_SHA256}> ?text .
  }}
  GRAPH ?doc {{ ?doc pg:sha256 ?text }}
}}
"""


def stored_sources(store: Store) -> dict[str, SourceState]:
    """The recorded source of every document whose graph still holds the recorded text
    hash, by file path (as the document's ``dcterms:source`` spells it)."""
    from plangraph.store.base import SelectResult

    result = store.query(_STORED)
    assert isinstance(result, SelectResult)
    states = {}
    for doc, path, size, modified, raw, text in result.rows:
        states[str(path)] = SourceState(
            URIRef(str(doc)), str(path), int(str(size)), int(str(modified)), str(raw), str(text)
        )
    return states


def record_update(states: Sequence[SourceState]) -> str:
    """One SPARQL update that replaces the records of these documents (terms written by
    rdflib, never values pasted into the text)."""
    graph = URIRef(SOURCES_GRAPH).n3()
    documents = " ".join(sorted({state.document.n3() for state in states}))
    lines = []
    for state in states:
        subject = state.document.n3()
        for predicate, value in (
            (SIZE, Literal(state.size)),
            (MODIFIED, Literal(state.modified_ns)),
            (BYTES_SHA256, Literal(state.bytes_sha256)),
            (TEXT_SHA256, Literal(state.text_sha256)),
            (PATH, Literal(state.path)),
        ):
            lines.append(f"{subject} {predicate.n3()} {value.n3()} .")
    return (
        f"DELETE {{ GRAPH {graph} {{ ?doc ?p ?o }} }} WHERE {{ VALUES ?doc {{ {documents} }} "
        f"GRAPH {graph} {{ ?doc ?p ?o }} }} ;\n"
        f"INSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(lines) + "\n} }"
    )
