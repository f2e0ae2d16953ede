"""``plangraph serve`` as a user runs it: where it listens, how it fails, how it stops,
and ``plangraph ingest`` writing to the store while it serves."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from plangraph.server.app import Settings, is_loopback, trusted_hosts

from .conftest import CEILING

AddDocument = Callable[[Path, str, str], None]


def machine_address() -> str | None:
    """An address of this machine other than loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # UDP: nothing is sent
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if is_loopback(address) or address == "0.0.0.0" else address


def test_the_command_defaults_to_loopback() -> None:
    from plangraph.cli import app

    command = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    options = {p.name: p for p in command.params}
    assert options["host"].default == "127.0.0.1"
    assert Settings("store").host == "127.0.0.1"


def test_no_other_interface_is_reachable_without_host(
    served_store: Path, tmp_path: Path, start: Callable[..., Any]
) -> None:
    # uvicorn's own environment variables must not widen the bind either
    server = start(served_store, env={"UVICORN_HOST": "0.0.0.0", "UVICORN_PORT": "1"})
    assert server.url.startswith("http://127.0.0.1:")
    assert "warning" not in server.output()
    address = machine_address()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
        pass


def test_a_wildcard_host_warns(served_store: Path, start: Callable[..., Any]) -> None:
    server = start(served_store, "--host", "0.0.0.0")
    assert "warning: listening on 0.0.0.0: anyone who can reach this port can read" in (
        server.output()
    )


@pytest.mark.parametrize(
    ("settings", "hosts"),
    [
        (Settings("s"), {"localhost", "127.0.0.1", "[::1]"}),
        (Settings("s", host="::1"), {"localhost", "127.0.0.1", "[::1]"}),
        (Settings("s", host="192.0.2.7"), {"localhost", "127.0.0.1", "[::1]", "192.0.2.7"}),
        (
            Settings("s", allowed_hosts=("Graph.Example.org",)),
            {"localhost", "127.0.0.1", "[::1]", "graph.example.org"},
        ),
        (Settings("s", host="0.0.0.0"), None),
        (
            Settings("s", host="0.0.0.0", allowed_hosts=("graph.example.org",)),
            {"localhost", "127.0.0.1", "[::1]", "graph.example.org"},
        ),
    ],
)
def test_trusted_hosts(settings: Settings, hosts: set[str] | None) -> None:
    assert trusted_hosts(settings) == (None if hosts is None else frozenset(hosts))


def run_serve(*args: str, timeout: float = CEILING) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plangraph", "serve", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_missing_store_fails_in_one_line(tmp_path: Path) -> None:
    done = run_serve("--store", str(tmp_path / "nothing"), "--port", "0")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"plangraph: {tmp_path / 'nothing'}: no store here; run plangraph ingest first"
    ]


def test_a_taken_port_fails_in_one_line(served_store: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = run_serve("--store", str(served_store), "--port", str(port))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"plangraph: cannot listen on 127.0.0.1:{port}: address already in use"
    ]


def test_ctrl_c_stops_the_server_and_its_workers(
    served_store: Path, start: Callable[..., Any]
) -> None:
    server = start(served_store)
    workers = server.workers()
    assert len(workers) == 2
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(CEILING) == 130  # an interrupt, as for every command
    assert "Traceback" not in server.output()
    deadline = time.monotonic() + CEILING
    while any(_running(pid) for pid in workers):
        assert time.monotonic() < deadline, [pid for pid in workers if _running(pid)]
        time.sleep(0.1)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def private_store(served_store: Path, tmp_path: Path) -> Path:
    location = tmp_path / "store"
    shutil.copytree(served_store, location, ignore=shutil.ignore_patterns("LOCK"))
    return location


def document_ids(server: Any) -> list[str]:
    with server.client() as client:
        return [d["identifier"] for d in client.get("api/documents").json()]


def test_documents_written_while_serving_appear_without_a_restart(
    private_store: Path, start: Callable[..., Any], add_document: AddDocument
) -> None:
    server = start(private_store)
    assert document_ids(server) == ["beijing-ai-2024", "shanghai-ai-2023"]
    # the server holds no write lock: this open would fail on RocksDB's LOCK if it did
    add_document(private_store, "added-while-serving", "Added while serving")
    assert "added-while-serving" in document_ids(server)
    with server.client() as client:
        found = client.get("api/search", params={"q": "beijing"}).json()
    assert found  # the older documents are all still there


@pytest.mark.slow
def test_plangraph_ingest_while_serving(
    private_store: Path, tmp_path: Path, start: Callable[..., Any]
) -> None:
    server = start(private_store)
    source = tmp_path / "hefei-ai-2024.txt"
    source.write_text(
        "Hefei Artificial Intelligence Action Plan\n\n"
        "By 2025, the scale of Hefei's AI industry will exceed 100 billion yuan.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "plangraph",
            "ingest",
            str(source),
            "--store",
            str(private_store),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PLANGRAPH_STORE": ""},
    )
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + CEILING
    while "hefei-ai-2024" not in document_ids(server):
        assert time.monotonic() < deadline, document_ids(server)
        time.sleep(0.2)


def test_a_store_in_a_sparql_server_is_served_by_forwarding(
    served_store: Path, oxigraph: Any, start: Callable[..., Any]
) -> None:
    from plangraph.graph.dataset import document_graphs
    from plangraph.store import open_store

    source, target = open_store(served_store, read_only=True), open_store(oxigraph.url)
    for name, graph in document_graphs(source):
        target.put_document(name, graph)
    target.close()
    server = start(oxigraph.url)
    assert f"serving {oxigraph.url} read-only" in server.output()
    assert document_ids(server) == ["beijing-ai-2024", "shanghai-ai-2023"]
    with server.client() as client:
        asked = client.get("sparql", params={"query": "ASK { ?p a pg:Plan }"})
        assert asked.json()["boolean"] is True
        update = client.post("sparql", data={"update": "DROP ALL"})
        assert update.status_code == 403
        service = client.get("sparql", params={"query": "SELECT * { SERVICE <x:y> { ?s ?p ?o } }"})
        assert service.status_code == 403
        # the parse decides here too, in the server's process, as deep as in a worker
        bypass = "SELECT * WHERE { BIND((1<'>') AS ?z) SERVICE <http://x/> {?s ?p ?o} } #'"
        assert client.post("sparql", data={"query": bypass}).status_code == 403
        deep = "ASK { ?p a pg:Plan FILTER(" + "(" * 100 + "true" + ")" * 100 + ") }"
        assert client.post("sparql", data={"query": deep}).status_code == 200  # 3,800 frames
    target = open_store(oxigraph.url)
    assert target.documents()  # nothing was dropped
    target.close()
