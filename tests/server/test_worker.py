"""The worker pool: queries in processes that can be killed, over snapshots that follow writes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from plangraph.errors import QueryError, StoreError
from plangraph.graph.iris import document_iri
from plangraph.graph.vocab import PG
from plangraph.store import open_store
from plangraph.store.base import SelectResult
from plangraph.store.worker import (
    Boolean,
    BusyError,
    Job,
    MalformedQueryError,
    NotAcceptableError,
    RowLimitError,
    Solutions,
    TimeLimitError,
    Triples,
    WorkerPool,
    store_signature,
)

AddDocument = Callable[[Path, str, str], None]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.fixture(scope="module")
def pool(served_store: Path) -> Iterator[WorkerPool]:
    started = WorkerPool(str(served_store), workers=2, timeout=2.0, max_rows=100).start()
    yield started
    started.close()


def test_select_with_a_bound_variable(pool: WorkerPool) -> None:
    result = pool.query(
        "SELECT ?node ?name WHERE { ?node rdfs:label ?name }", {"name": Literal("Baidu")}
    )
    assert isinstance(result, SelectResult)
    assert result.rows == ((URIRef("https://w3id.org/plangraph/id/actor/baidu"), Literal("Baidu")),)


def test_ask_and_construct(pool: WorkerPool) -> None:
    assert pool.query("ASK { ?p a pg:Plan }") is True
    graph = pool.query("CONSTRUCT WHERE { ?r a pg:Region ; rdfs:label ?l }")
    assert isinstance(graph, Graph)
    assert set(graph.objects(None, URIRef(str(PG._NS) + "label"))) == set()
    labels = {str(o) for o in graph.objects()} - {str(PG.Region)}
    assert labels == {"Beijing", "Shanghai", "China"}


def test_answers_travel_as_plain_terms(pool: WorkerPool) -> None:
    answer = pool.run(Job("SELECT ?v WHERE { ?t pg:unit 'EFLOPS' ; pg:value ?v }"))
    assert isinstance(answer, Solutions)
    [[term]] = answer.rows
    assert term is not None
    assert (term.kind, term.value, term.datatype) == (
        "literal",
        "5",
        "http://www.w3.org/2001/XMLSchema#decimal",
    )


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "more than 100 rows"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "more than 100 triples"),
    ],
)
def test_row_limit(pool: WorkerPool, sparql: str, expected: str) -> None:
    with pytest.raises(RowLimitError, match=expected):
        pool.query(sparql)


def test_malformed_query(pool: WorkerPool) -> None:
    with pytest.raises(MalformedQueryError, match="malformed SPARQL"):
        pool.query("SELEC ?x")


def test_not_acceptable_before_reading_any_row(pool: WorkerPool) -> None:
    with pytest.raises(NotAcceptableError):
        pool.run(Job("SELECT * WHERE { ?s ?p ?o }", solutions=False))
    with pytest.raises(NotAcceptableError):
        pool.run(Job("CONSTRUCT WHERE { ?s ?p ?o }", graph_format=None))
    answer = pool.run(Job("CONSTRUCT WHERE { ?s a pg:Plan }", graph_format="turtle"))
    assert isinstance(answer, Triples)
    assert answer.count == 2
    assert b"pg:Plan" in answer.data


def test_from_and_default_graphs_narrow_the_dataset(pool: WorkerPool) -> None:
    shanghai = str(document_iri("shanghai-ai-2023"))
    beijing = str(document_iri("beijing-ai-2024"))
    eflops = "ASK {0} {{ ?t pg:unit 'EFLOPS' }}"
    assert pool.run(Job(eflops.format(""))) == Boolean(True)
    assert pool.run(Job(eflops.format(f"FROM <{shanghai}>"))) == Boolean(False)
    assert pool.run(Job(eflops.format(f"FROM <{beijing}>"))) == Boolean(True)
    assert pool.run(Job(eflops.format(""), default_graphs=(shanghai,))) == Boolean(False)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_timeout_kills_the_worker_and_the_pool_goes_on(served_store: Path) -> None:
    pool = WorkerPool(str(served_store), workers=1, timeout=1.0).start()
    try:
        [worker] = list(pool._live)
        pid = worker.process.pid
        assert pid is not None
        began = time.monotonic()
        with pytest.raises(TimeLimitError, match="time limit of 1 s"):
            pool.query(SLOW)
        assert time.monotonic() - began < 60  # stopped, not run to its end (hours)
        assert not _alive(pid)  # the work really stopped: its process is gone
        assert pool.query("ASK { ?p a pg:Plan }") is True  # the replacement answers
    finally:
        pool.close()


def test_a_query_waits_for_a_free_worker_then_gives_up(served_store: Path) -> None:
    pool = WorkerPool(str(served_store), workers=1, timeout=1.0).start()
    try:
        taken = pool._acquire()  # as a long query would
        began = time.monotonic()
        with pytest.raises(BusyError, match="all 1 query workers stayed busy for 1 s"):
            pool.query("ASK {}")
        assert time.monotonic() - began > 0.9
        pool._idle.put(taken)
        assert pool.query("ASK {}") is True
    finally:
        pool.close()


def test_a_missing_store_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here; run plangraph ingest first"):
        WorkerPool(str(tmp_path / "nothing")).start()


def test_workers_have_no_network(pool: WorkerPool) -> None:
    """Even a SERVICE call that got past the server's checks cannot leave the worker."""
    if not pool.isolated:
        pytest.skip("this kernel does not let a process leave the network")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(3)
    port = listener.getsockname()[1]
    reached: list[bytes] = []

    def accept() -> None:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            reached.append(connection.recv(1024))

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        with pytest.raises(QueryError):
            pool.query(
                f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
            )
    finally:
        thread.join()
        listener.close()
    assert reached == []


@pytest.fixture
def private_store(served_store: Path, tmp_path: Path) -> Path:
    """A copy of the served store that a test may write to."""
    location = tmp_path / "store"
    shutil.copytree(served_store, location, ignore=shutil.ignore_patterns("LOCK"))
    return location


def test_signature_changes_when_another_process_writes(
    private_store: Path, add_document: AddDocument
) -> None:
    before = store_signature(private_store)
    add_document(private_store, "extra-doc", "An extra document")
    assert store_signature(private_store) != before


def test_a_writer_can_work_while_the_pool_serves(
    private_store: Path, add_document: AddDocument
) -> None:
    """The pool never holds the write lock, and sees each committed document."""
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a pg:Document }"
    pool = WorkerPool(str(private_store), workers=1).start()
    try:
        assert pool.query(count).rows == ((Literal(2),),)  # type: ignore[union-attr]
        writer = open_store(private_store)  # would fail on the lock if the pool held it
        try:
            graph = Graph()
            graph.add((document_iri("while-serving"), RDF.type, PG.Document))
            writer.put_document(document_iri("while-serving"), graph)
            # committed but the writer is still open: the next query reopens and sees it
            assert pool.query(count).rows == ((Literal(3),),)  # type: ignore[union-attr]
        finally:
            writer.close()
        add_document(private_store, "after-close", "Written after the first writer closed")
        assert pool.query(count).rows == ((Literal(4),),)  # type: ignore[union-attr]
    finally:
        pool.close()


def test_an_idle_worker_reopens_once_writes_settle(
    private_store: Path, add_document: AddDocument
) -> None:
    pool = WorkerPool(str(private_store), workers=1).start()
    try:
        [worker] = list(pool._live)
        pid = worker.process.pid
        assert pid is not None
        before = {path.name for path in private_store.iterdir()}
        add_document(private_store, "settled", "Settled")
        written = {path.name for path in private_store.iterdir()} - before
        assert written, "the write made no new file to watch"
        # the idle worker reopens by itself once the files stop changing: it then holds
        # a file the write made, before any query asks it to
        deadline = time.monotonic() + 60
        while not (_open_files(pid, private_store) & written):
            assert time.monotonic() < deadline, "the idle worker never reopened"
            time.sleep(0.2)
        assert _alive(pid)
        assert pool.query("ASK { ?d dcterms:title 'Settled' }") is True
    finally:
        pool.close()


def _open_files(pid: int, folder: Path) -> set[str]:
    """Names of the files in ``folder`` that process ``pid`` holds open."""
    names: set[str] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = Path(fd.readlink())
        except OSError:
            continue
        if target.parent == folder:
            names.add(target.name)
    return names


def test_workers_open_no_file_for_writing(pool: WorkerPool, served_store: Path) -> None:
    for pid in (w.process.pid for w in pool._live):
        assert pid is not None
        for fd in Path(f"/proc/{pid}/fdinfo").iterdir():
            try:
                target = str(Path(f"/proc/{pid}/fd/{fd.name}").readlink())
                flags = int(fd.read_text().split("flags:")[1].split()[0], 8)
            except OSError:
                continue
            if target.startswith(str(served_store)):
                assert flags & (os.O_WRONLY | os.O_RDWR) == 0, target


_ARENA_CHURN = """
import ctypes, re, sys, threading
from plangraph.store.worker import _limit_memory

def size():
    return int(re.search(r"VmSize:\\s+(\\d+)", open("/proc/self/status").read())[1]) << 10

if sys.argv[1] == "limited":
    _limit_memory(8 << 30)
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]

def churn():
    for _ in range(20000):
        libc.free(libc.malloc(4096))

before = size()
threads = [threading.Thread(target=churn) for _ in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(size() - before)
"""


@pytest.mark.skipif(
    not Path("/proc/self/status").exists() or os.uname().sysname != "Linux",
    reason="glibc's arenas and /proc are Linux's",
)
def test_a_limited_worker_keeps_its_malloc_arenas_few_whatever_the_contention() -> None:
    # threads that meet in malloc make glibc add arenas of 64 MiB of address space each;
    # under a worker's address-space limit that made start-up fail on a loaded machine
    def growth(mode: str) -> int:
        done = subprocess.run(
            [sys.executable, "-c", _ARENA_CHURN, mode], capture_output=True, text=True, check=True
        )
        return int(done.stdout)

    assert growth("limited") < 256 << 20
