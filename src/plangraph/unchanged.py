"""An unchanged re-ingest answered before the command line loads.

``plangraph ingest FOLDER`` on a folder whose files the store already holds, unchanged,
writes nothing (:func:`plangraph.workflow.ingest`); yet the command used to spend ten
times the work itself importing its command-line framework, rich, rdflib and the store
backend. :func:`answer` settles that case first, with the standard library and
pyoxigraph alone: every file found has a source record (:mod:`plangraph.store.sources`)
of the same document, size and modification time whose document graph still holds the
recorded text hash, the links graph is not marked stale and the derived data is there,
in this plangraph's version.
Then nothing would be written, and the usual summary line is printed. Anything else
(a moved time, a new file, another option, a server's URL, a store that cannot be
read) is left to the full command, which decides as it always did.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from plangraph.graph.slugs import document_slug
from plangraph.graph.version import CURRENT
from plangraph.ingest import document_id, find_sources

DOCUMENTS = "https://w3id.org/plangraph/id/document/"
"""Where document IRIs live (:func:`plangraph.graph.iris.document_iri`)."""
_SOURCE = "https://w3id.org/plangraph/source#"
_STORED = f"""
PREFIX pg: <https://w3id.org/plangraph/ontology#>
PREFIX src: <{_SOURCE}>
SELECT ?doc ?path ?size ?modified WHERE {{
  GRAPH <https://w3id.org/plangraph/id/graph/sources> {{
    ?doc src:path ?path ; src:size ?size ; src:modifiedNs ?modified ;
         src:bytesSha256 ?bytes ; src:textSha256 ?text .
  }}
  GRAPH ?doc {{ ?doc pg:sha256 ?text }}
}}
"""
_SETTLED = f"""
PREFIX pg: <https://w3id.org/plangraph/ontology#>
ASK {{
  FILTER NOT EXISTS {{ GRAPH <https://w3id.org/plangraph/id/graph/links-stale> {{ ?s ?p ?o }} }}
  FILTER ({CURRENT})
}}
"""
"""True when no write awaits a links refresh and the derived data is there in this
plangraph's version (else ``plangraph ingest`` derives it though no file changed, as a
query reading it asks)."""


def ingest_arguments(argv: Sequence[str]) -> tuple[list[Path], str | None] | None:
    """The paths and ``--store`` of a plain ``ingest`` command line (``-q`` and ``-j N``
    allowed, as they change nothing when nothing is read); None for any other command.

    >>> ingest_arguments(["ingest", "corpus", "-s", "st", "-q"])
    ([PosixPath('corpus')], 'st')
    >>> ingest_arguments(["ingest", "corpus", "--workers", "2"]) is None
    True
    """
    if not argv or argv[0] != "ingest":
        return None
    paths: list[Path] = []
    store = None
    rest = iter(argv[1:])
    for argument in rest:
        name, equals, value = argument.partition("=")
        if argument in {"-q", "--quiet"}:
            continue
        if name in {"-s", "--store", "-j", "--processes"}:
            given = value if equals else next(rest, None)
            if given is None or (name in {"-j", "--processes"} and not _positive(given)):
                return None
            if name in {"-s", "--store"}:
                store = given
        elif argument.startswith("-"):
            return None
        else:
            paths.append(Path(argument))
    return (paths, store) if paths else None


def _positive(text: str) -> bool:
    return text.isdigit() and int(text) >= 1


def _location(store: str | None) -> Path | None:
    """The embedded store's folder, as :func:`plangraph.store.resolve_location` finds
    it; None for a server's URL or a folder that is not there."""
    location = store or os.environ.get("PLANGRAPH_STORE") or "plangraph-store"
    if location.lower().startswith(("http://", "https://")):
        return None
    path = Path(location)
    return path if path.is_dir() else None


def unchanged_count(paths: Sequence[Path], folder: Path) -> int | None:
    """How many files ``plangraph ingest paths`` would find unchanged in the store at
    ``folder``, when it would find every one unchanged and write nothing; else None."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder))
    settled = store.query(_SETTLED)
    if not isinstance(settled, ox.QueryBoolean) or not settled:
        return None
    rows = store.query(_STORED)
    if not isinstance(rows, ox.QuerySolutions):
        return None
    recorded = {}
    for row in rows:
        doc, path, size, modified = (term.value for term in row)
        recorded[path] = (doc, int(size), int(modified))
    sources = list(find_sources(paths))
    documents = set()
    for path in sources:
        document = DOCUMENTS + document_slug(document_id(path))
        try:
            info = path.stat()
        except OSError:
            return None
        if recorded.get(str(path)) != (document, info.st_size, info.st_mtime_ns):
            return None
        documents.add(document)
    if len(documents) != len(sources):  # two files naming one document: the full run says so
        return None
    return len(sources)


def answer(argv: Sequence[str]) -> bool:
    """Print the summary of an unchanged re-ingest and return True when ``argv`` is
    one; False when the full command has to run."""
    started = time.perf_counter()
    arguments = ingest_arguments(argv)
    if arguments is None:
        return False
    paths, store = arguments
    folder = _location(store)
    if folder is None:
        return False
    try:
        count = unchanged_count(paths, folder)
    except (OSError, RuntimeError, SyntaxError, ValueError):  # the full command says why
        return False
    if count is None:
        return False
    seconds = time.perf_counter() - started
    sys.stderr.write(
        f"0 added, 0 replaced, {count} unchanged, 0 failed; "
        f"0 words in {seconds:.1f} s (0 words/s) into {folder}\n"
    )
    return True
