"""Fixtures shared by the whole suite: paths, the spaCy pipeline, stores, the CLI."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"
SEED_GOLD = SHARED / "eval" / "gold"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full plangraph pipeline, built once per test session."""
    from plangraph.nlp.pipeline import load

    return load()


@pytest.fixture(scope="session")
def seed_file() -> Path:
    files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not files:
        pytest.skip("../shared/seed is not here")
    return files[0]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    from plangraph.store import open_store

    opened = open_store(tmp_path / "store")
    yield opened
    opened.close()


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run ``python -m plangraph ARGS`` in a subprocess, as a user would."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        env = {**os.environ, "PLANGRAPH_STORE": str(tmp_path / "cli-store")}
        done = subprocess.run(
            [sys.executable, "-m", "plangraph", *args],
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env=env,
            timeout=600,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="session")
def extract_text(nlp):  # type: ignore[no-untyped-def]
    """Run the pipeline on a short text of a test's own and return the Extraction."""
    import hashlib

    from plangraph.model import Document
    from plangraph.nlp.extract import extract

    def run(text: str, date: str | None = "2024-01-15"):  # type: ignore[no-untyped-def]
        document = Document(
            doc_id="case",
            text=text,
            source="case.txt",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            date=date,
        )
        return next(iter(extract(nlp, [document])))

    return run


@dataclass
class OxigraphServer:
    """An ``oxigraph serve`` process of a test's own, on a free loopback port."""

    url: str
    process: subprocess.Popen[bytes]
    location: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _start_oxigraph(location: Path) -> OxigraphServer:
    """Start a server on an empty folder and wait until it answers (polling, 60 s at most)."""
    import httpx

    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]' brings it)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}/", process, location)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve ended at start with code {process.returncode}")
        try:
            if httpx.get(server.url + "query?query=ASK%7B%7D", timeout=2).is_success:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.05)  # polling interval while waiting for the port, not a wait for it
    server.stop()
    raise RuntimeError("oxigraph serve did not answer within 60 s")


@pytest.fixture(scope="session")
def start_oxigraph() -> Iterator[Callable[[Path], OxigraphServer]]:
    """Start Oxigraph servers; each one still running is stopped at the end of the session.

    Callers stop theirs when their scope ends (see ``oxigraph``)."""
    started: list[OxigraphServer] = []

    def start(location: Path) -> OxigraphServer:
        server = _start_oxigraph(location)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def oxigraph(
    tmp_path: Path, start_oxigraph: Callable[[Path], OxigraphServer]
) -> Iterator[OxigraphServer]:
    """A fresh, empty Oxigraph server for one test."""
    server = start_oxigraph(tmp_path / "oxigraph")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    """A real Dask cluster on this machine, two worker processes of one thread each (as
    ``plangraph ingest --workers 2`` starts); yields the scheduler's address."""
    import logging

    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address
