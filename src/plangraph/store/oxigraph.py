"""The default store: pyoxigraph's embedded on-disk engine (RocksDB).

One process may open a store for writing; a second writer fails on RocksDB's lock, and
:func:`OxigraphStore.open` reports that in one line. Readers may open a snapshot with
``read_only=True`` while a writer works.
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from plangraph.errors import QueryError, StoreError
from plangraph.graph.vocab import PG
from plangraph.store import sources, updates
from plangraph.store.base import DocumentInfo, NTriples, QueryResult, SelectResult, ntriples
from plangraph.store.paging import Page, ordered, plan, read_page
from plangraph.store.sources import SourceState

_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DATASET_FORMATS = frozenset({"nquads", "trig"})
# the record of source files is the store's bookkeeping, not part of the dataset
_SOURCES = ox.NamedNode(str(sources.SOURCES_GRAPH))
_PREFIXES = {
    "pg": str(PG._NS),
    "pgid": "https://w3id.org/plangraph/id/",
    "pgcat": "https://w3id.org/plangraph/category/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _text(graph: Graph) -> str:
    return ntriples(graph) if len(graph) else ""


def to_rdflib(term: Any) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise StoreError(f"unsupported RDF term from the store: {term!r}")


def to_oxigraph(term: Identifier) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: expected an IRI or a literal")


# What RocksDB says when a reader opens the store while a writer's compaction renames
# and deletes table files: "Corruption: ... sst: No such file", "IO error: ...". The same
# open a moment later succeeds; a store that is really damaged fails every time.
_TRANSIENT = ("no such file", "corruption", "io error", "temporarily unavailable")
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
"""Seconds to wait before each new attempt to open a snapshot (about 3 s in all)."""


def _snapshot(path: Path) -> ox.Store:
    return ox.Store.read_only(str(path))


def open_snapshot(path: Path) -> ox.Store:
    """A read-only snapshot of the store, retried with backoff while a concurrent write
    makes the open fail in passing; any other failure, or the last, is raised."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return _snapshot(path)
        except (OSError, RuntimeError) as error:
            transient = any(t in str(error).lower() for t in _TRANSIENT)
            # a folder that holds no store at all fails alike, and for good
            if delay is None or not transient or not (path / "CURRENT").exists():
                raise OSError(str(error)) from None
            time.sleep(delay)
    raise AssertionError("unreachable")


def bound(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with its variables bound by a ``VALUES`` block, as a server gets them.

    pyoxigraph's ``substitutions`` give the same rows, but its planner does not see the
    values: a bound label is then looked up after the patterns it should narrow (five
    times slower on a million quads), where a ``VALUES`` block is joined first.
    """
    if not bindings:
        return sparql
    for value in bindings.values():
        to_oxigraph(value)  # an IRI or a literal, else one clear error
    from plangraph.store.binding import bind

    return bind(sparql, bindings)


Rows = tuple[tuple[Identifier | None, ...], ...]


def sorted_quads(
    quads: Iterable[ox.Quad],
) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier]]:
    """pyoxigraph quads as rdflib terms, in a stable order (graph, subject, predicate,
    object), so that two stores holding the same data list it alike."""
    rows = sorted(
        (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object), q) for q in quads
    )
    for *_, quad in rows:
        yield (
            to_rdflib(quad.subject),
            to_rdflib(quad.predicate),  # type: ignore[misc]
            to_rdflib(quad.object),
            to_rdflib(quad.graph_name),
        )


def converted(solutions: Iterable[ox.QuerySolution] | Iterable[Sequence[Any]], width: int) -> Rows:
    """The rows as rdflib terms, each distinct term converted once: a region or plan
    name repeated on thousands of rows is one conversion."""
    seen: dict[Any, Identifier | None] = {}
    rows = []
    for row in solutions:
        out: list[Identifier | None] = []
        for i in range(width):
            value = row[i]
            if value is None:
                out.append(None)
                continue
            term = seen.get(value)
            if term is None:
                term = seen[value] = to_rdflib(value)
            out.append(term)
        rows.append(tuple(out))
    return tuple(rows)


def _with_union(document: URIRef, ntriples: str) -> str:
    """N-Triples as N-Quads in the document's graph, then again in the default graph.

    >>> print(_with_union(URIRef("urn:x:d"), "<urn:x:s> <urn:x:p> <urn:x:o> .\\n"), end="")
    <urn:x:s> <urn:x:p> <urn:x:o> <urn:x:d> .
    <urn:x:s> <urn:x:p> <urn:x:o> .
    """
    name = f"<{document}> .\n"
    # each N-Triples line ends with " ." and a line feed: the graph goes before the stop;
    # split on line feeds alone, as a literal may hold a form feed or a line separator
    return "".join(line[:-1] + name for line in ntriples.split("\n") if line) + ntriples


def scratch(graphs: Mapping[URIRef, str]) -> OxigraphStore:
    """A store in memory holding each N-Triples text as the named graph of its IRI, and
    nothing else: where an ingest checks the graphs it is about to write. Raises
    :class:`StoreError` naming the graph whose text does not parse."""
    store = ox.Store()
    for name, text in graphs.items():
        try:
            store.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"{name}: its graph does not parse: {str(error).splitlines()[0]}"
            ) from None
    return OxigraphStore(store, ":memory:")


def solve(store: ox.Store, sparql: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]] | None:
    """A SELECT's variables and rows of pyoxigraph terms, for
    :func:`plangraph.store.paging.read_page`; None when it is no SELECT or does not
    parse (the query as written then says why). The engine's other errors are raised."""
    try:
        result = store.query(sparql, prefixes=_PREFIXES)
    except SyntaxError:
        return None
    if not isinstance(result, ox.QuerySolutions):
        return None
    return tuple(v.value for v in result.variables), [tuple(s) for s in result]


def window(store: ox.Store, sparql: str, offset: int, size: int | None) -> Page | None:
    """``size`` rows from ``offset`` (every row when None) of a SELECT's answer in the
    engine's order, and its total: every row is counted, only the window's are read;
    None when it is no SELECT. The engine's errors are raised."""
    result = store.query(sparql, prefixes=_PREFIXES)
    if not isinstance(result, ox.QuerySolutions):
        return None
    variables = tuple(v.value for v in result.variables)
    skipped = sum(1 for _ in islice(result, offset))
    rows = [tuple(s) for s in islice(result, size)]
    return Page(variables, rows, skipped + len(rows) + sum(1 for _ in result))


@contextlib.contextmanager
def engine_errors() -> Iterator[None]:
    """The engine's errors while reading, each as one line of :class:`QueryError`: its
    parser's as malformed SPARQL, the rest as a failed query."""
    try:
        yield
    except SyntaxError as error:
        raise QueryError(f"malformed SPARQL: {str(error).splitlines()[0]}") from None
    except (OSError, RuntimeError, ValueError, TypeError) as error:
        raise QueryError(f"query failed: {str(error).splitlines()[0]}") from None


class OxigraphStore:
    """A :class:`plangraph.store.base.Store` on pyoxigraph.

    Each document's triples live in its named graph; the default graph holds their union
    as a set, kept in step in the same transaction as every write, so that queries see
    each triple once however many documents state it (a union view computed at query
    time would repeat it once per document).
    """

    FLUSH_SECONDS = 5.0
    """A writer flushes its memory tables at most this long after its last flush."""

    def __init__(self, store: ox.Store, location: str) -> None:
        self._store = store
        self.location = location
        self._flushed = time.monotonic()

    @classmethod
    def open(cls, location: str | Path | None, *, read_only: bool = False) -> OxigraphStore:
        """Open (creating when needed) the store at ``location``; None is in memory."""
        if location is None:
            return cls(ox.Store(), ":memory:")
        path = Path(location)
        try:
            if read_only:
                if not path.exists():
                    raise StoreError(f"{path}: no store here; run plangraph ingest first")
                return cls(open_snapshot(path), str(path))
            if path.exists() and not path.is_dir():
                raise StoreError(f"{path}: is a file, expected a store folder")
            return cls(ox.Store(str(path)), str(path))
        except OSError as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            if "lock" in message.lower():
                message = (
                    "another plangraph process has it open for writing "
                    "(stop it, or open the store read-only)"
                )
            raise StoreError(f"{path}: cannot open the store: {message}") from None

    def document_hash(self, document: URIRef) -> str | None:
        graph = ox.NamedNode(str(document))
        for quad in self._store.quads_for_pattern(
            ox.NamedNode(str(document)), ox.NamedNode(str(PG.sha256)), None, graph
        ):
            if isinstance(quad.object, ox.Literal):
                return str(quad.object.value)
        return None

    def put_document(self, document: URIRef, graph: Graph | NTriples) -> None:
        failure = f"writing {document} failed, nothing written"
        text = ntriples(graph)
        if self._store.contains_named_graph(ox.NamedNode(str(document))):
            self._update(updates.replace_document(document, text), failure)
            return
        # a new graph: nothing of the union to forget, so its triples and their share of
        # the union are one N-Quads load, one transaction (Oxigraph's N-Quads parser
        # reads them in a good part of the time its SPARQL parser takes for INSERT DATA)
        quads = _with_union(document, text)
        self._write(lambda: self._store.load(quads, format=ox.RdfFormat.N_QUADS), failure)

    def patch_derived(self, graph: URIRef, removed: Graph, added: Graph) -> None:
        update = updates.patch_derived(graph, _text(removed), _text(added))
        if update:
            self._update(update, f"writing {graph} failed, its previous version stays")

    def record_sources(self, states: Sequence[SourceState]) -> None:
        if states:
            self._update(sources.record_update(states), "recording the source files failed")

    def remove_document(self, document: URIRef) -> bool:
        name = ox.NamedNode(str(document))
        if not self._store.contains_named_graph(name):
            return False
        self._update(
            updates.remove_document(document), f"removing {document} failed, nothing removed"
        )
        return True

    def _update(self, update: str, failure: str) -> None:
        self._write(lambda: self._store.update(update), failure)

    def _write(self, write: Callable[[], None], failure: str) -> None:
        """One write, one transaction; ``failure`` says what was lost if it fails."""
        try:
            write()
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"{self.location}: {failure}: {str(error).splitlines()[0]}") from None
        self._flush_now_and_then()

    def _flush_now_and_then(self) -> None:
        """Flush every few seconds while writing. A read-only open replays the writer's
        whole write-ahead log, which only a flush empties: without it, an open after 240
        document writes took 4.5-7.9 s, with a flush every 5 s 0.9 s, for a quarter more
        time writing (bench/bench_read_while_write.py); a flush after every write would
        make writing four times slower."""
        if self.location == ":memory:" or time.monotonic() - self._flushed < self.FLUSH_SECONDS:
            return
        # the write is already durable in the log: a failed flush only leaves it longer
        with contextlib.suppress(OSError, RuntimeError):
            self._store.flush()
        self._flushed = time.monotonic()

    def documents(self) -> list[DocumentInfo]:
        result = self.query(
            "SELECT ?d ?source ?sha WHERE { GRAPH ?d { ?d a pg:Document ; "
            "dcterms:source ?source ; pg:sha256 ?sha } } ORDER BY ?d"
        )
        assert isinstance(result, SelectResult)
        return [DocumentInfo(URIRef(str(d)), str(s), str(h)) for d, s, h in result.rows]

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        with engine_errors():
            result = self._store.query(bound(sparql, bindings), prefixes=_PREFIXES)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QuerySolutions):
                variables = tuple(v.value for v in result.variables)
                return SelectResult(variables, converted(result, len(variables)))
            graph = Graph()
            for triple in result:
                graph.add(
                    (
                        to_rdflib(triple.subject),
                        to_rdflib(triple.predicate),  # type: ignore[arg-type]
                        to_rdflib(triple.object),
                    )
                )
            return graph

    def select_text(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None
    ) -> tuple[tuple[str | None, ...], ...]:
        with engine_errors():
            result = self._store.query(bound(sparql, bindings), prefixes=_PREFIXES)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select_text runs a SELECT query")
        blank = ox.BlankNode
        with engine_errors():
            # inlined: a function call per term costs a quarter of reading a large answer
            return tuple(
                tuple(
                    [
                        None if t is None else f"_:{t.value}" if type(t) is blank else t.value
                        for t in row
                    ]
                )
                for row in result
            )

    def ordered_units(
        self, sparql: str, bindings: Mapping[str, Identifier], unit: str
    ) -> list[str] | None:
        """The ``unit`` of each row of a paged query's answer, in its order (its rows
        pass, sorted as a page is); None when its order is the engine's
        (:func:`plangraph.store.paging.ordered`) or it has no such variable. For deriving
        its parts (:mod:`plangraph.graph.parts`)."""
        order = plan(sparql)
        with engine_errors():
            found = None if order is None else ordered(partial(solve, self._store), order, bindings)
        if found is None or unit not in found[0]:
            return None
        column = found[0].index(unit)
        return [str(row[column].value) for row in found[1]]

    def query_page(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None,
        offset: int,
        size: int | None,
    ) -> QueryResult:
        """:meth:`query`, keeping ``size`` rows from ``offset`` of a SELECT's answer and
        its total: ordered in Python, with the details of the page's rows alone when the
        query marks them (:mod:`plangraph.store.paging`); else every row is counted and
        only the page's are converted."""
        if bindings:
            for value in bindings.values():
                to_oxigraph(value)  # an IRI or a literal, else one clear error
        with engine_errors():
            page = read_page(partial(solve, self._store), sparql, bindings, offset, size)
            if page is None:
                page = window(self._store, bound(sparql, bindings), offset, size)
        if page is None:
            return self.query(sparql, bindings)
        rows = converted(page.rows, len(page.variables))
        return SelectResult(page.variables, rows, page.total, offset)

    def serialize(self, fmt: str) -> bytes:
        buffer = io.BytesIO()
        self.write(fmt, buffer)
        return buffer.getvalue()

    def write(self, fmt: str, output: BinaryIO) -> None:
        if fmt not in _FORMATS:
            raise StoreError(f"unknown RDF format {fmt!r}; valid: {', '.join(sorted(_FORMATS))}")
        if fmt in _DATASET_FORMATS:
            ox.serialize(self._named_quads(), output, _FORMATS[fmt], prefixes=_PREFIXES)
            return
        # single-graph syntaxes get the default graph: the union of all document graphs
        self._store.dump(
            output,
            _FORMATS[fmt],
            from_graph=ox.DefaultGraph(),
            prefixes=_PREFIXES if fmt != "nt" else None,
        )

    def _named_quads(self) -> Iterator[ox.Quad]:
        """Each document graph's quads, graph after graph (read from the index by graph,
        so the union in the default graph is never read), in the order of their names."""
        names = sorted(
            (g for g in self._store.named_graphs() if g != _SOURCES), key=lambda g: str(g)
        )
        for name in names:
            yield from self._store.quads_for_pattern(None, None, None, name)

    def quads(self) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier]]:
        return sorted_quads(q for q in self._store if q.graph_name != _SOURCES)

    def optimize(self) -> None:
        """Compact the on-disk tables after a bulk write: a freshly bulk-loaded million
        quads is spread over many small tables, each of which a lookup opens."""
        if self.location != ":memory:":
            self._store.optimize()

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush writes to disk and release the store (and its write lock)."""
        if self.location != ":memory:":
            # a read-only store has nothing to flush (pyoxigraph raises RuntimeError)
            with contextlib.suppress(OSError, AttributeError, RuntimeError):
                self._store.flush()
        self._store = ox.Store()  # drops the last reference to the on-disk store


def load_dataset(
    store: OxigraphStore, source: Path, fmt: str, skip: frozenset[str]
) -> tuple[int, int]:
    """Bulk-load the named graphs of an N-Quads or TriG file into an empty store, and their
    union into the default graph, as :meth:`OxigraphStore.put_document` keeps it.

    The file is read twice: once to check it whole (a syntax error loads nothing), then to
    load it with pyoxigraph's bulk loader, which is fast but not transactional. Graphs
    named in ``skip`` (derived data the caller rebuilds) and the file's default graph (a
    union, rebuilt here) are left out. Returns the numbers of graphs and quads loaded.
    """
    if fmt not in _DATASET_FORMATS:
        raise StoreError(f"{source}: expected N-Quads or TriG, got {fmt!r}")
    if len(store._store):
        raise StoreError(f"{store.location}: bulk loading needs an empty store")
    skipped = {ox.NamedNode(name) for name in skip}

    def quads() -> Iterator[ox.Quad]:
        for quad in ox.parse(path=str(source), format=_FORMATS[fmt]):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph) or graph in skipped:
                continue
            yield quad

    try:
        count, graphs = 0, set()
        for quad in quads():
            count += 1
            graphs.add(quad.graph_name)
        store._store.bulk_extend(
            q
            for quad in quads()
            for q in (quad, ox.Quad(quad.subject, quad.predicate, quad.object))
        )
    except SyntaxError as error:
        raise StoreError(f"{source}: not valid {fmt}: {str(error).splitlines()[0]}") from None
    except OSError as error:
        raise StoreError(f"{source}: cannot read: {str(error).splitlines()[0]}") from None
    return len(graphs), count
