"""Queries in worker processes: a runaway query is stopped by ending the process running it.

pyoxigraph cannot interrupt a query from Python, so :class:`WorkerPool` runs each query in
one of a few worker processes. A worker opens the store read-only (a RocksDB snapshot: it
never takes the write lock, so ``plangraph ingest`` can write meanwhile), reopens the
snapshot when the store's files change, and answers one query at a time. A query that
outlives the time limit is stopped by killing its worker, which is then replaced; a
result longer than the row limit is cut off inside the worker, before it is all built.

Workers also leave the network: each one moves itself into an empty network namespace
when the kernel lets it (``unshare``), so not even a ``SERVICE`` call that slipped past
the server's checks can reach another host. Terms cross the process boundary as
:class:`Term` tuples of plain strings, which pickle far faster than rdflib terms.

Each worker runs under an address-space limit (``RLIMIT_AS``): a query that needs more
memory ends its worker, the pool answers :class:`MemoryLimitError` and starts another,
and the other workers go on. Jobs run on a thread with a deep stack (64 MiB), so deeply
nested queries reach the parser's recursion limit, never the end of the stack. What a
worker writes to stderr (the engine's one line when an allocation fails) goes to a file
the pool reads when the worker ends, so the server's log shows one line of its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import multiprocessing
import os
import queue
import resource
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from plangraph.errors import QueryError, StoreError
from plangraph.store.base import QueryResult, SelectResult
from plangraph.store.binding import bind
from plangraph.store.oxigraph import _PREFIXES as PREFIXES
from plangraph.store.oxigraph import solve, window
from plangraph.store.paging import read_page

__all__ = [
    "PREFIXES",
    "Boolean",
    "BusyError",
    "ForbiddenQueryError",
    "Job",
    "MalformedQueryError",
    "MemoryLimitError",
    "NotAcceptableError",
    "QueryPool",
    "RowLimitError",
    "Solutions",
    "Term",
    "TimeLimitError",
    "Triples",
    "WorkerError",
    "WorkerPool",
    "result_of",
    "store_signature",
]

log = logging.getLogger(__name__)

GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_OPEN_ATTEMPTS = 5
_IDLE_CHECK = 1.0  # seconds between looks at the store's files while a worker is idle
_START_TIMEOUT = 120.0  # a worker's first open may replay a large write-ahead log
_NETWORK_ERRORS = frozenset(
    {
        errno.ENETUNREACH,
        errno.ENETDOWN,
        errno.EHOSTUNREACH,
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.ETIMEDOUT,
        errno.EADDRNOTAVAIL,
    }
)
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_STACK_SIZE = 64 << 20  # the job thread's stack: the engine's parser recurses per bracket
RECURSION_LIMIT = 100_000  # Python frames (screening parses recursively; 3.11 keeps them
# off the C stack, so even an 8 MiB stack holds them)
DEFAULT_MEMORY = 2 << 30  # bytes of address space a worker may use
_LAST_WORDS = 4096  # bytes of a dead worker's stderr read to tell why it ended


class MalformedQueryError(QueryError):
    """The query text is not SPARQL the engine can parse."""


class ForbiddenQueryError(QueryError):
    """The query asks for what a read-only endpoint never does: an update or ``SERVICE``."""


class MemoryLimitError(QueryError):
    """The query needed more memory than a worker may use; its worker was stopped."""


class NotAcceptableError(QueryError):
    """The client accepts no format this kind of result can be written in."""


class RowLimitError(QueryError):
    """The answer has more rows (or triples) than the row limit allows."""


class TimeLimitError(QueryError):
    """The query ran past the time limit and its worker was stopped."""


class BusyError(StoreError):
    """Every worker stayed busy for as long as a query may run."""


class WorkerError(StoreError):
    """A worker process ended or could not read the store."""


class Term(NamedTuple):
    """An RDF term as plain strings: ``kind`` is ``uri``, ``bnode`` or ``literal``.

    ``datatype`` is None for simple and language-tagged literals.

    >>> Term("literal", "5", "http://www.w3.org/2001/XMLSchema#integer").to_rdflib().toPython()
    5
    >>> Term.from_rdflib(URIRef("urn:x-plangraph:a"))
    Term(kind='uri', value='urn:x-plangraph:a', datatype=None, language=None)
    """

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None

    def to_rdflib(self) -> Identifier:
        """The same term as an rdflib term."""
        if self.kind == "uri":
            return URIRef(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        if self.language:
            return Literal(self.value, lang=self.language)
        return Literal(self.value, datatype=URIRef(self.datatype) if self.datatype else None)

    @classmethod
    def from_rdflib(cls, term: Identifier) -> Term:
        """An rdflib IRI, blank node or literal as a term."""
        if isinstance(term, URIRef):
            return cls("uri", str(term))
        if isinstance(term, BNode):
            return cls("bnode", str(term))
        if isinstance(term, Literal):
            datatype = str(term.datatype) if term.datatype is not None else None
            return cls("literal", str(term), datatype, term.language)
        raise QueryError(f"cannot bind {term!r}: expected an IRI, a blank node or a literal")


@dataclass(frozen=True)
class Job:
    """One query for a worker, with how to run it and how its answer may be written.

    The store's default graph is the union of all document graphs; ``default_graphs`` and
    ``named_graphs`` (the protocol's ``default-graph-uri`` and ``named-graph-uri``) narrow
    the dataset to some documents. ``graph_format`` is how CONSTRUCT/DESCRIBE triples are
    written (a key of ``GRAPH_FORMATS``), None when the client accepts no graph syntax;
    ``solutions`` is False when it accepts no SELECT/ASK syntax. ``screen``, when given, is
    called with the query before the engine sees it and raises :class:`QueryError` to
    refuse it (a module-level function: it travels to the worker by name). ``page``,
    (offset, size), asks for that window of a SELECT's answer and its total, read as
    the embedded store reads a page (:func:`plangraph.store.paging.read_page`).
    """

    sparql: str
    bindings: tuple[tuple[str, Term], ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    graph_format: str | None = "nt"
    solutions: bool = True
    max_rows: int = 100_000
    screen: Callable[[str], None] | None = None
    page: tuple[int, int | None] | None = None


@dataclass(frozen=True)
class Solutions:
    """A SELECT answer; an unbound cell is None. ``total``: the rows of the whole answer
    when these are a page of it."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]
    total: int | None = None


@dataclass(frozen=True)
class Boolean:
    """An ASK answer."""

    value: bool


@dataclass(frozen=True)
class Triples:
    """A CONSTRUCT or DESCRIBE answer, already written in ``format``."""

    data: bytes
    format: str
    count: int


Answer = Solutions | Boolean | Triples


def query_job(
    sparql: str,
    bindings: Mapping[str, Identifier] | None,
    max_rows: int,
    page: tuple[int, int | None] | None = None,
) -> Job:
    """The job a pool runs for :meth:`plangraph.store.base.Store.query`, or for a page
    of its answer (``page``: offset and size)."""
    return Job(
        sparql,
        tuple((name, Term.from_rdflib(term)) for name, term in (bindings or {}).items()),
        max_rows=max_rows,
        page=page,
    )


def result_of(answer: Answer) -> QueryResult:
    """An answer as :meth:`plangraph.store.base.Store.query` gives it."""
    if isinstance(answer, Boolean):
        return answer.value
    if isinstance(answer, Solutions):
        rows = tuple(
            tuple(None if cell is None else cell.to_rdflib() for cell in row) for row in answer.rows
        )
        return SelectResult(answer.variables, rows, answer.total)
    return Graph().parse(data=answer.data.decode("utf-8"), format="nt")


class QueryPool(Protocol):
    """What ``plangraph serve`` runs queries with: :class:`WorkerPool` over an embedded
    store, :class:`plangraph.store.forward.ForwardingPool` over a SPARQL server."""

    location: str
    workers: int
    timeout: float
    max_rows: int
    isolated: bool
    pages: bool
    """Its workers read a page of an answer (:attr:`Job.page`) as the embedded store does."""

    def start(self) -> QueryPool: ...

    def run(self, job: Job) -> Answer: ...

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult: ...

    def close(self) -> None: ...


def store_signature(location: str | Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of the store's data files: changes on every write.

    RocksDB appends each committed write to its log file, so a document written by
    another process changes the signature; its own info logs and lock file are left out.
    Costs one ``stat`` per file (about 0.1 ms for a store of twenty files).
    """
    entries = []
    with os.scandir(location) as found:
        for entry in found:
            if entry.name.startswith("LOG") or entry.name == "LOCK":
                continue
            try:
                stat = entry.stat()
            except FileNotFoundError:  # removed by a compaction between listing and stat
                continue
            entries.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


def _leave_network() -> bool:
    """Move this process into a new, empty network namespace; False when not permitted.

    Without privileges a new user namespace is needed too; both only work while the
    process has one thread, so this runs before the store (and its threads) is opened.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    return any(unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))


def _encode(term: Any) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Term("literal", term.value, None, term.language)
        datatype = term.datatype.value
        return Term("literal", term.value, None if datatype == _XSD_STRING else datatype)
    raise QueryError(f"the answer holds a term this endpoint cannot write: {term!r}")


def _decode(term: Term) -> Any:
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.language:
        return ox.Literal(term.value, language=term.language)
    if term.datatype and term.datatype not in (_XSD_STRING, _RDF_LANG_STRING):
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class _Snapshot:
    """The worker's read-only view of the store, reopened when the store's files change."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.signature = store_signature(location)
        self.store = self._open()
        self.pending: tuple[tuple[str, int, int], ...] | None = None

    def _open(self) -> Any:
        """Open read-only, retrying briefly: a writer that is rotating its manifest or
        deleting compacted files can make one attempt see a file that is already gone."""
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                return ox.Store.read_only(self.location)
            except (OSError, RuntimeError) as error:
                if attempt == _OPEN_ATTEMPTS - 1:
                    raise StoreError(
                        f"{self.location}: cannot open the store: {_first_line(error)}"
                    ) from None
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def refresh(self, *, settled: bool = False) -> None:
        """Reopen when the files changed; ``settled``: only once they stopped changing.

        While a long ingest writes, every reopen replays the growing write-ahead log, so an
        idle worker waits for a quiet second instead of reopening after every document.
        A worker about to answer a query reopens at once: the client wants what is there.
        """
        try:
            current = store_signature(self.location)
        except OSError:
            return  # the folder is briefly unreadable or gone: keep the snapshot we have
        if current == self.signature:
            self.pending = None
            return
        if settled and current != self.pending:
            self.pending = current
            return
        try:
            store = self._open()
        except StoreError:
            return  # keep the old snapshot; the next look tries again
        self.store, self.signature, self.pending = store, current, None

    def reopen(self) -> None:
        """Open afresh, or raise :class:`StoreError`."""
        self.store = None  # let RocksDB release the old files before opening again
        self.store = self._open()
        self.signature = store_signature(self.location)


def _page(store: Any, job: Job) -> Solutions:
    """The window ``job.page`` of a SELECT's answer and its total, read as the embedded
    store reads a page (ordered here, the details of the window's rows alone), else in
    the engine's order."""
    assert job.page is not None
    offset, size = job.page
    bindings = {name: term.to_rdflib() for name, term in job.bindings}
    page = read_page(partial(solve, store), job.sparql, bindings, offset, size)
    if page is None:
        page = window(store, bind(job.sparql, bindings), offset, size)
    if page is None:
        raise NotAcceptableError("a page of an answer that is not a SELECT")
    rows = tuple(tuple(_encode(term) for term in row) for row in page.rows)
    return Solutions(page.variables, rows, page.total)


def _run(store: Any, job: Job) -> Answer:
    options: dict[str, Any] = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    substitutions = {ox.Variable(name): _decode(term) for name, term in job.bindings}
    try:
        if job.page is not None:
            return _page(store, job)
        result = store.query(
            job.sparql, prefixes=PREFIXES, substitutions=substitutions or None, **options
        )
        if isinstance(result, ox.QueryBoolean):
            if not job.solutions:
                raise NotAcceptableError("an ASK answer")
            return Boolean(bool(result))
        if isinstance(result, ox.QuerySolutions):
            if not job.solutions:
                raise NotAcceptableError("a SELECT answer")
            variables = tuple(v.value for v in result.variables)
            width = range(len(variables))
            rows: list[tuple[Term | None, ...]] = []
            # solutions are computed as they are read: stopping here stops the engine
            for solution in result:
                if len(rows) == job.max_rows:
                    raise RowLimitError(f"the answer has more than {job.max_rows} rows")
                rows.append(tuple(_encode(solution[i]) for i in width))
            return Solutions(variables, tuple(rows))
        if job.graph_format is None:
            raise NotAcceptableError("a graph")
        triples: list[Any] = []
        for triple in result:
            if len(triples) == job.max_rows:
                raise RowLimitError(f"the answer has more than {job.max_rows} triples")
            triples.append(triple)
        data = ox.serialize(
            triples,
            format=GRAPH_FORMATS[job.graph_format],
            prefixes=None if job.graph_format == "nt" else PREFIXES,
        )
        assert data is not None  # no output file given: the bytes come back
        return Triples(data, job.graph_format, len(triples))
    except SyntaxError as error:
        raise MalformedQueryError(f"malformed SPARQL: {_first_line(error)}") from None
    except RuntimeError as error:
        if str(error).startswith(("Corruption", "IO error")):  # RocksDB, not the query
            raise OSError(_first_line(error)) from None
        raise QueryError(f"query failed: {_first_line(error)}") from None
    except (ValueError, TypeError) as error:
        raise QueryError(f"query failed: {_first_line(error)}") from None


def _write_stderr_to(path: str | None) -> None:
    if path is None:
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND)
    os.dup2(descriptor, 2)
    os.close(descriptor)


_M_ARENA_MAX = -8  # glibc's mallopt parameter for the number of malloc arenas
_ARENAS = 2


def _few_malloc_arenas() -> None:
    """Under an address-space limit every malloc arena glibc adds for a thread that finds
    the others locked reserves 64 MiB of that space. How many it adds depends on how often
    threads meet in malloc, so on a loaded machine the store's threads could fail to start
    under a limit that was ample on an idle one. A fixed number of arenas makes the space a
    worker needs the same under any load."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return  # not glibc: its allocator reserves no arenas
    mallopt(_M_ARENA_MAX, _ARENAS)


def _limit_memory(limit: int | None) -> None:
    if limit is None:
        return
    _few_malloc_arenas()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve_worker(
    conn: Connection, location: str, memory: int | None = None, stderr: str | None = None
) -> None:
    """A worker's life: open the store, then answer jobs until the pool goes away.

    ``memory``: bytes of address space the process may use; ``stderr``: a file to write
    its stderr to. Messages to the pool: ``("ready", isolated)`` or ``("failed",
    message)`` once; then for each job ``("started",)`` after any reopen, and ``("ok",
    answer)`` or ``("error", class name, message)``.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server to handle
    _write_stderr_to(stderr)
    isolated = _leave_network()  # while this process still has one thread
    _limit_memory(memory)
    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(_STACK_SIZE)
    jobs = threading.Thread(target=_serve, args=(conn, location, isolated), name="jobs")
    jobs.start()
    jobs.join()


def _serve(conn: Connection, location: str, isolated: bool) -> None:
    try:
        snapshot = _Snapshot(location)
    except StoreError as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            if not conn.poll(_IDLE_CHECK):
                snapshot.refresh(settled=True)
                continue
            job = conn.recv()
        except (EOFError, OSError):
            return  # the pool closed its end, or its process died
        if job is None:
            return
        snapshot.refresh()
        conn.send(("started",))
        try:
            if job.screen is not None:
                job.screen(job.sparql)
            conn.send(("ok", _answer(snapshot, job)))
        except QueryError as error:
            conn.send(("error", type(error).__name__, str(error)))
        except MemoryError:
            conn.send(("error", "MemoryLimitError", "the query needed more memory than allowed"))
            return  # the heap may be in pieces: the pool starts a fresh worker
        except StoreError as error:
            # this worker's snapshot is unusable: report it and end; the pool replaces it
            conn.send(("error", "WorkerError", str(error)))
            return


def _answer(snapshot: _Snapshot, job: Job) -> Answer:
    """Run a job; an OSError is the network's (SERVICE), or a file a writer compacted away.

    A reopen tells the two apart: if the fresh snapshot fails the same way, the query is
    at fault and the worker goes on; if the store cannot be reopened, the worker cannot.
    """
    try:
        return _run(snapshot.store, job)
    except OSError as error:
        if error.errno in _NETWORK_ERRORS:
            raise QueryError(f"query failed: {_first_line(error)}") from None
    snapshot.reopen()
    try:
        return _run(snapshot.store, job)
    except OSError as error:
        raise QueryError(f"query failed: {_first_line(error)}") from None


_ERRORS: dict[str, type[QueryError | StoreError]] = {
    cls.__name__: cls
    for cls in (
        QueryError,
        StoreError,
        ForbiddenQueryError,
        MalformedQueryError,
        MemoryLimitError,
        NotAcceptableError,
        RowLimitError,
        WorkerError,
    )
}


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    stderr: str | None = None
    isolated: bool = False

    def last_words(self) -> str:
        """The end of what the worker wrote to stderr, as one line."""
        if self.stderr is None:
            return ""
        try:
            with Path(self.stderr).open("rb") as found:
                found.seek(0, os.SEEK_END)
                found.seek(max(0, found.tell() - _LAST_WORDS))
                text = found.read().decode("utf-8", "replace")
        except OSError:
            return ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[0] if lines else ""

    def stop(self) -> None:
        """Kill the process at once: a query in pyoxigraph cannot be asked to stop."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()
        if self.stderr is not None:
            with contextlib.suppress(OSError):
                Path(self.stderr).unlink()


@dataclass(eq=False)
class WorkerPool:
    """A few query workers over one store, with a time limit and a row limit per query.

    Thread-safe: each call takes an idle worker for itself. A worker killed on a timeout
    is replaced in the background while the others go on answering. Workers are spawned
    (not forked), so a script that starts a pool needs the usual
    ``if __name__ == "__main__":`` guard; ``plangraph serve`` has it.
    """

    location: str
    workers: int = 2
    timeout: float = 30.0
    max_rows: int = 100_000
    memory: int | None = DEFAULT_MEMORY
    _idle: queue.Queue[_Worker] = field(default_factory=queue.Queue, init=False)
    _live: set[_Worker] = field(default_factory=set, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _closed: threading.Event = field(default_factory=threading.Event, init=False)
    isolated: bool = field(default=False, init=False)
    pages: bool = field(default=True, init=False)

    def start(self) -> WorkerPool:
        """Start the workers and wait until each has opened the store."""
        path = Path(self.location)
        if not path.is_dir():
            raise StoreError(f"{path}: no store here; run plangraph ingest first")
        started = [self._spawn() for _ in range(self.workers)]
        try:
            for worker in started:
                self._await_ready(worker)
        except StoreError:
            self.close()
            raise
        self.isolated = all(w.isolated for w in started)
        for worker in started:
            self._idle.put(worker)
        return self

    def _spawn(self) -> _Worker:
        # spawn, not fork: the server process has threads, and a forked RocksDB handle
        # or lock would be shared with the child
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        descriptor, stderr = tempfile.mkstemp(prefix="plangraph-worker-", suffix=".log")
        os.close(descriptor)
        process = context.Process(
            target=serve_worker,
            args=(child, self.location, self.memory, stderr),
            name="plangraph-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent, stderr)
        with self._lock:
            self._live.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        try:
            if not worker.conn.poll(_START_TIMEOUT):
                raise StoreError(f"{self.location}: a query worker did not open the store")
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            said = worker.last_words()
            # under a small address-space limit the store's own threads fail to start
            hint = (
                f"; a memory limit of {self.memory >> 20} MiB may be too small for the "
                "store and its threads (about 600 MiB): raise --max-memory"
                if self.memory is not None
                else ""
            )
            message = (
                "failed",
                f"{self.location}: a query worker ended while starting"
                + (f" ({said})" if said else f" (exit code {worker.process.exitcode})")
                + hint,
            )
        if message[0] != "ready":
            self._discard(worker)
            raise StoreError(message[1])
        worker.isolated = bool(message[1])

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        worker.stop()

    def _replace(self) -> None:
        """Start a worker in place of a stopped one; keeps trying until the pool closes."""
        while not self._closed.is_set():
            worker = self._spawn()
            try:
                self._await_ready(worker)
            except StoreError as error:
                log.warning("replacing a query worker failed, retrying: %s", error)
                self._closed.wait(1.0)
                continue
            if self._closed.is_set():
                self._discard(worker)
            else:
                self._idle.put(worker)
            return

    def _acquire(self) -> _Worker:
        if self._closed.is_set():
            raise WorkerError("the server is shutting down")
        try:
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise BusyError(
                f"all {self.workers} query workers stayed busy for {self.timeout:g} s; retry later"
            ) from None

    def _ask(self, worker: _Worker, job: Job) -> Answer:
        conn = worker.conn
        try:
            conn.send(job)
            # the worker may first reopen a store that changed, which a long ingest can
            # make slow: the time limit starts once the query itself starts
            if not conn.poll(_START_TIMEOUT):
                raise BusyError("the store took too long to reopen; retry later")
            conn.recv()
            if not conn.poll(self.timeout):
                raise TimeLimitError(
                    f"query stopped after the time limit of {self.timeout:g} s; "
                    "narrow it (LIMIT, more specific patterns) or raise --timeout"
                )
            message = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise self._ended(worker) from None
        if message[0] == "ok":
            answer: Answer = message[1]
            return answer
        raise _ERRORS.get(message[1], QueryError)(message[2])

    def _ended(self, worker: _Worker) -> QueryError | StoreError:
        """Why a worker ended in the middle of a job: the memory limit, or a crash."""
        worker.process.join(5)
        code = worker.process.exitcode
        said = worker.last_words()
        if "memory allocation" in said and self.memory is not None:
            return MemoryLimitError(
                f"the query needed more than the memory limit of {self.memory >> 20} MiB "
                "and was stopped; narrow it (LIMIT, more specific patterns) or raise "
                "--max-memory"
            )
        log.warning("a query worker ended (exit code %s): %s", code, said or "no message")
        return WorkerError(f"the query worker ended unexpectedly (exit code {code})")

    def run(self, job: Job) -> Answer:
        """Run one job in an idle worker and return its answer.

        Raises :class:`TimeLimitError` or :class:`MemoryLimitError` (the worker is killed
        and replaced), :class:`RowLimitError`, :class:`MalformedQueryError`,
        :class:`ForbiddenQueryError`, :class:`NotAcceptableError`, :class:`BusyError` or
        :class:`WorkerError`.
        """
        worker = self._acquire()
        try:
            answer = self._ask(worker, job)
        except (TimeLimitError, MemoryLimitError, BusyError, WorkerError):
            self._discard(worker)
            if not self._closed.is_set():
                threading.Thread(
                    target=self._replace, name="plangraph-replace", daemon=True
                ).start()
            raise
        except (QueryError, StoreError):
            self._idle.put(worker)
            raise
        self._idle.put(worker)
        return answer

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Like :meth:`plangraph.store.base.Store.query`, under this pool's limits.

        ``max_rows`` replaces the pool's row limit, for callers whose queries end in a
        LIMIT of their own.
        """
        limit = self.max_rows if max_rows is None else max_rows
        return result_of(self.run(query_job(sparql, bindings, limit)))

    def close(self) -> None:
        """Stop every worker; calls after this fail with :class:`WorkerError`."""
        self._closed.set()
        with self._lock:
            live, self._live = self._live, set()
        for worker in live:
            with contextlib.suppress(OSError):  # already gone
                worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in live:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            worker.stop()
