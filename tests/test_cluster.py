"""Ingest on a real Dask cluster into a real Oxigraph server gives the local ingest's graph."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from plangraph.cluster import ClusterError, connect
from plangraph.query import library, run_named
from plangraph.store import NTriples, SelectResult, Store, open_store
from plangraph.workflow import ingest

pytestmark = pytest.mark.slow

# a subset of the corpus that shares actors and plans across documents, so the order in
# which the writer settles actor types matters
SUBSET = (
    "guangdong-2023-general-ai-news.txt",
    "guangdong-2023-general-ai-web.html",
    "shenzhen-2023-ai-action-plan-news.txt",
    "hangzhou-2023-ai-industry-news.txt",
    "wuhan-2024-ai-industry-news.txt",
    "chengdu-2024-ai-measures-news.txt",
    "tianjin-2024-computing-news.txt",
    "shanghai-2023-large-model-measures-news.txt",
    "zh/chengdu-2024-ai-measures-news-zh.txt",  # read by the Chinese pipeline
)


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("subset")
    for name in SUBSET:
        shutil.copy(corpus_dir / name, folder / Path(name).name)
    return folder


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory, subset: Path) -> Iterator[Store]:
    """The subset ingested here, into the embedded store: what the cluster must match."""
    store = open_store(tmp_path_factory.mktemp("local") / "store")
    assert ingest([subset], store).ok
    yield store
    store.close()


def nquads(store: Store) -> list[bytes]:
    return sorted(store.serialize("nquads").splitlines())


@dataclass
class Counting:
    """A store that counts the writes passing through it."""

    store: Store
    writes: list[URIRef] = field(default_factory=list)

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)

    def put_document(self, document: URIRef, graph: Graph | NTriples) -> None:
        self.writes.append(document)
        self.store.put_document(document, graph)

    def remove_document(self, document: URIRef) -> bool:
        self.writes.append(document)
        return self.store.remove_document(document)


def test_dask_into_the_server_gives_the_local_graph(
    dask_cluster: str, oxigraph, subset: Path, local: Store
) -> None:  # type: ignore[no-untyped-def]
    server = open_store(oxigraph.url)
    with connect(dask_cluster) as executor:
        report = ingest([subset], server, executor=executor)
        assert report.ok and len(report.added) == len(SUBSET)
        assert nquads(server) == nquads(local)
        # the query library answers the same on both stores
        for name in library():
            answers = [run_named(store, name, {}) for store in (server, local)]
            assert isinstance(answers[0], SelectResult)
            assert answers[0] == answers[1], name
        # an unchanged re-ingest sends no work and writes nothing
        counting = Counting(server)
        again = ingest([subset], counting, executor=executor)  # type: ignore[arg-type]
        assert len(again.unchanged) == len(SUBSET)
        assert not again.added and not again.replaced and counting.writes == []
    server.close()


def test_the_command_ingests_through_a_cluster_into_a_server(
    dask_cluster: str, oxigraph, subset: Path, cli: Callable[..., object]
) -> None:  # type: ignore[no-untyped-def]
    done = cli("ingest", str(subset / SUBSET[0]), "--dask", dask_cluster, "--store", oxigraph.url)
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    assert "1 added, 0 replaced, 0 unchanged, 0 failed" in done.stderr  # type: ignore[attr-defined]
    assert f"into {oxigraph.url}" in done.stderr  # type: ignore[attr-defined]


def test_workers_start_a_cluster_of_their_own(subset: Path, cli: Callable[..., object]) -> None:
    done = cli("ingest", str(subset / SUBSET[0]), "--workers", "1", "-q")
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    assert "1 added" in done.stderr  # type: ignore[attr-defined]


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dask", "tcp://127.0.0.1:{port}"), "cannot reach the Dask scheduler"),
        (("--dask", "tcp://127.0.0.1:{port}", "--workers", "2"), "not both"),
        (("--workers", "2", "--processes", "2"), "--processes is for a local ingest"),
    ],
)
def test_cluster_errors_are_one_line(
    subset: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    port = _closed_port()
    done = subprocess.run(
        [sys.executable, "-m", "plangraph", "ingest", str(subset / SUBSET[0])]
        + [a.format(port=port) for a in args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert message in done.stderr


def test_connect_needs_an_address_or_a_number_of_workers() -> None:
    with pytest.raises(ClusterError, match="either"), connect(None):
        pass


# last: the cluster is one worker short until its nanny has restarted the killed one
def test_a_killed_worker_loses_nothing(
    dask_cluster: str, oxigraph, subset: Path, local: Store
) -> None:  # type: ignore[no-untyped-def]
    server = open_store(oxigraph.url)
    killed: list[int] = []
    with connect(dask_cluster) as executor:
        pids = executor.client.run(os.getpid)

        def kill_one(name: str, done: int, total: int) -> None:
            if not killed:  # mid-run: the first graph is written, the rest are in flight
                pid = next(iter(pids.values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        report = ingest([subset], server, executor=executor, progress=kill_one)
        assert killed and killed[0] not in executor.client.run(os.getpid).values()
    assert report.ok and len(report.added) == len(SUBSET)
    assert nquads(server) == nquads(local)
    server.close()
