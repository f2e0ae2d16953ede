"""``plangraph serve`` over a SPARQL server: each query is forwarded, under the same limits.

The worker pool of :mod:`plangraph.store.worker` opens an on-disk store read-only in
processes it can kill; a server's store is in another process already, so
:class:`ForwardingPool` sends each query there instead, with the shared prefixes and its
bindings, and waits at most the time limit for the answer (Oxigraph's own
``--timeout-s`` stops the query on the server's side too). At most ``workers`` queries
are forwarded at once; the answer is cut at the row limit and written in the format the
client asked for, exactly as the worker pool does.

The upstream server's network is not this process's to close, so the pool is never
``isolated``: the endpoint then refuses every query with the word ``SERVICE`` in it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib.term import Identifier

from plangraph.errors import QueryError, StoreError
from plangraph.store.base import QueryResult
from plangraph.store.remote import RemoteStore, ServerRefusedError, ServerTimeoutError
from plangraph.store.worker import (
    GRAPH_FORMATS,
    PREFIXES,
    Answer,
    Boolean,
    BusyError,
    Job,
    MalformedQueryError,
    NotAcceptableError,
    RowLimitError,
    Solutions,
    Term,
    TimeLimitError,
    Triples,
    WorkerError,
    _encode,
    query_job,
    result_of,
)

_RESULTS = "application/sparql-results+json"
_TRIPLES = "application/n-triples"


@dataclass(eq=False)
class ForwardingPool:
    """Forwards queries to the SPARQL server at ``location``; see :class:`QueryPool`."""

    location: str
    workers: int = 2
    timeout: float = 30.0
    max_rows: int = 100_000
    isolated: bool = field(default=False, init=False)
    pages: bool = field(default=False, init=False)  # a page is the query's OFFSET and LIMIT
    _store: RemoteStore | None = field(default=None, init=False)
    _slots: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.workers)

    def start(self) -> ForwardingPool:
        """Open the store read-only and check that the server answers."""
        store = RemoteStore.open(self.location, read_only=True)
        self.location = store.location  # without a password, for messages
        try:
            store.post_query("ASK { }", timeout=self.timeout)
        except StoreError:
            store.close()
            raise
        self._store = store
        return self

    def run(self, job: Job) -> Answer:
        """Forward one job; raises what :meth:`WorkerPool.run` raises."""
        if self._store is None:
            raise WorkerError("the server is shutting down")
        if not self._slots.acquire(timeout=self.timeout):
            raise BusyError(
                f"all {self.workers} query slots stayed busy for {self.timeout:g} s; retry later"
            )
        try:
            if job.screen is not None:  # in this process: the server's network is its own
                job.screen(job.sparql)
            return self._forward(self._store, job)
        finally:
            self._slots.release()

    def _forward(self, store: RemoteStore, job: Job) -> Answer:
        accept = ", ".join(
            ([_RESULTS] if job.solutions else [])
            + ([f"{_TRIPLES};q=0.9"] if job.graph_format else [])
        )
        try:
            response = store.post_query(
                job.sparql,
                {name: term.to_rdflib() for name, term in job.bindings},
                accept=accept or "*/*",
                default_graphs=job.default_graphs,
                named_graphs=job.named_graphs,
                timeout=self.timeout,
            )
        except ServerTimeoutError:
            raise TimeLimitError(
                f"query stopped after the time limit of {self.timeout:g} s; "
                "narrow it (LIMIT, more specific patterns) or raise --timeout"
            ) from None
        except QueryError as error:
            raise MalformedQueryError(str(error)) from None
        except ServerRefusedError as error:
            if error.status == 406:
                kind = "a SELECT answer" if job.graph_format else "a graph"
                raise NotAcceptableError(kind) from None
            raise WorkerError(str(error)) from None
        except StoreError as error:
            raise WorkerError(str(error)) from None
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if media == _RESULTS:
                return _solutions(response.content, job)
            if job.graph_format is None:
                raise NotAcceptableError("a graph")
            return _triples(response.content, job.graph_format, job.max_rows)
        except (SyntaxError, ValueError) as error:
            raise WorkerError(
                f"{self.location}: the server's answer could not be read: {error}"
            ) from None

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Like :meth:`plangraph.store.base.Store.query`, under this pool's limits."""
        limit = self.max_rows if max_rows is None else max_rows
        return result_of(self.run(query_job(sparql, bindings, limit)))

    def close(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store.close()


def _solutions(data: bytes, job: Job) -> Answer:
    answer: Any = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    if not job.solutions:
        raise NotAcceptableError("a SELECT answer")
    if isinstance(answer, ox.QueryBoolean):
        return Boolean(bool(answer))
    variables = tuple(v.value for v in answer.variables)
    rows: list[tuple[Term | None, ...]] = []
    for solution in answer:
        if len(rows) == job.max_rows:
            raise RowLimitError(f"the answer has more than {job.max_rows} rows")
        rows.append(tuple(_encode(solution[i]) for i in range(len(variables))))
    return Solutions(variables, tuple(rows))


def _triples(data: bytes, fmt: str, max_rows: int) -> Answer:
    triples: list[Any] = []
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        if len(triples) == max_rows:
            raise RowLimitError(f"the answer has more than {max_rows} triples")
        triples.append(triple)
    written = ox.serialize(
        triples, format=GRAPH_FORMATS[fmt], prefixes=None if fmt == "nt" else PREFIXES
    )
    assert written is not None
    return Triples(written, fmt, len(triples))
