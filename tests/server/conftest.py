"""Fixtures for the server tests: a small store built without spaCy, and running servers.

The store holds two documents written from hand-made records through the same builder
and store calls ``plangraph ingest`` uses. Servers run as ``python -m plangraph serve``
subprocesses, as a user starts them, on a free loopback port the server picks itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from rdflib import SKOS, Literal, URIRef

from plangraph.graph.build import extraction_graph
from plangraph.graph.iris import document_iri
from plangraph.model import (
    Actor,
    ActorType,
    Comparator,
    Document,
    Extraction,
    Measure,
    MeasureCategory,
    Plan,
    Quantity,
    Region,
    RegionLevel,
    Span,
    Statistic,
    Target,
)
from plangraph.store import open_store
from plangraph.workflow import refresh_links

ID = "https://w3id.org/plangraph/id/"
BEIJING_TEXT = """\
Beijing Action Plan for Artificial Intelligence \U0001d538 (2024-2025)

Issued by the Beijing Municipal People's Government on 15 January 2024.

By 2025, the scale of Beijing's AI core industry will exceed 300 billion yuan. \
The city will set up a 10 billion yuan AI industry fund to support start-ups. \
Baidu and Tsinghua University will build an open compute platform with at least 5 EFLOPS \
of capacity by 2025. In 2023 the AI core industry reached 215 billion yuan. \
The Beijing Municipal Commission of Economy and Information Technology will train 10,000 \
AI engineers by 2026.
"""

SHANGHAI_TEXT = """\
Shanghai Three-Year Plan for the AI Industry (2023-2025)

The Shanghai Municipal People's Government issued the plan in March 2023. \
By 2025, Shanghai aims to have more than 1,000 AI enterprises. \
The city will provide subsidies of up to 50 million yuan for large model projects.
"""


def span(text: str, sentence: str) -> Span:
    """The evidence span of ``sentence`` in ``text`` (character offsets, as nlp/ gives)."""
    start = text.index(sentence)
    return Span(start, start + len(sentence), sentence)


def document(doc_id: str, text: str, title: str, date: str) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id, text, f"{doc_id}.txt", digest, title=title, date=date)


def beijing() -> Extraction:
    text = BEIJING_TEXT
    fund = "The city will set up a 10 billion yuan AI industry fund to support start-ups."
    compute = (
        "Baidu and Tsinghua University will build an open compute platform with at least "
        "5 EFLOPS of capacity by 2025."
    )
    government = "Beijing Municipal People's Government"
    commission = "Beijing Municipal Commission of Economy and Information Technology"
    return Extraction(
        document=document(
            "beijing-ai-2024", text, "Beijing AI Action Plan 2024-2025", "2024-01-15"
        ),
        actors=(
            Actor(government, ActorType.GOVERNMENT, (government, "Beijing government")),
            Actor("Baidu", ActorType.COMPANY, ("Baidu",)),
            Actor("Tsinghua University", ActorType.RESEARCH, ("Tsinghua University",)),
            Actor(commission, ActorType.GOVERNMENT, (commission,)),
        ),
        regions=(
            Region("Beijing", ("Beijing",), RegionLevel.CITY, "China"),
            Region("China", ("China",), RegionLevel.COUNTRY),
        ),
        plan=Plan(
            "Beijing Action Plan for Artificial Intelligence (2024-2025)",
            government,
            "Beijing",
            "2024-01-15",
            span(text, "Issued by the Beijing Municipal People's Government on 15 January 2024."),
            (2024, 2025),
        ),
        targets=(
            Target(
                "AI core industry scale",
                span(
                    text,
                    "By 2025, the scale of Beijing's AI core industry will exceed "
                    "300 billion yuan.",
                ),
                Quantity(
                    Decimal("300000000000"), "CNY", None, Comparator.MORE_THAN, "300 billion yuan"
                ),
                2025,
                government,
            ),
            Target(
                "computing capacity",
                span(text, compute),
                Quantity(Decimal("5"), "EFLOPS", None, Comparator.AT_LEAST, "at least 5 EFLOPS"),
                2025,
                "Baidu",
            ),
            Target(
                "AI engineers trained",
                span(
                    text,
                    "The Beijing Municipal Commission of Economy and Information "
                    "Technology will train 10,000 AI engineers by 2026.",
                ),
                Quantity(Decimal("10000"), "count", None, Comparator.EXACTLY, "10,000"),
                2026,
                commission,
            ),
        ),
        statistics=(
            Statistic(
                "AI core industry scale",
                Quantity(Decimal("215000000000"), "CNY", surface="215 billion yuan"),
                span(text, "In 2023 the AI core industry reached 215 billion yuan."),
                2023,
            ),
        ),
        measures=(
            Measure(
                "set up an AI industry fund",
                MeasureCategory.FINANCIAL_SUPPORT,
                span(text, fund),
                government,
            ),
            Measure(
                "build an open compute platform",
                MeasureCategory.INFRASTRUCTURE,
                span(text, compute),
                "Baidu",
            ),
        ),
    )


def shanghai() -> Extraction:
    text = SHANGHAI_TEXT
    government = "Shanghai Municipal People's Government"
    return Extraction(
        document=document("shanghai-ai-2023", text, "Shanghai AI Three-Year Plan", "2023-03-01"),
        actors=(Actor(government, ActorType.GOVERNMENT, (government,)),),
        regions=(
            Region("Shanghai", ("Shanghai",), RegionLevel.CITY, "China"),
            Region("China", ("China",), RegionLevel.COUNTRY),
        ),
        plan=Plan(
            "Shanghai Three-Year Plan for the AI Industry (2023-2025)",
            government,
            "Shanghai",
            "2023-03-01",
            None,
            (2023, 2025),
        ),
        targets=(
            Target(
                "AI enterprises",
                span(text, "By 2025, Shanghai aims to have more than 1,000 AI enterprises."),
                Quantity(Decimal("1000"), "count", None, Comparator.MORE_THAN, "1,000"),
                2025,
            ),
        ),
        measures=(
            Measure(
                "subsidies for large model projects",
                MeasureCategory.FINANCIAL_SUPPORT,
                span(
                    text,
                    "The city will provide subsidies of up to 50 million yuan for "
                    "large model projects.",
                ),
                government,
            ),
        ),
    )


# Names in Chinese beside the English ones, as a store holds them once Chinese documents
# are read: "北京"@zh as a skos:prefLabel beside "Beijing", other forms as skos:altLabel.
CHINESE_NAMES = {
    "region/beijing": (("北京", SKOS.prefLabel), ("北京市", SKOS.altLabel)),
    "actor/beijing-municipal-peoples-government": (("北京市人民政府", SKOS.prefLabel),),
}


def write(location: Path, *extractions: Extraction) -> None:
    """Write extractions into the store at ``location`` as ``plangraph ingest`` would,
    with the Chinese names of the nodes in CHINESE_NAMES that a document names."""
    store = open_store(location)
    try:
        for extraction in extractions:
            graph = extraction_graph(extraction)
            for node, found in CHINESE_NAMES.items():
                iri = URIRef(ID + node)
                if (iri, None, None) in graph:
                    for text, predicate in found:
                        graph.add((iri, predicate, Literal(text, lang="zh")))
            store.put_document(document_iri(extraction.document.doc_id), graph)
        refresh_links(store)
    finally:
        store.close()


AddDocument = Callable[[Path, str, str], None]


@pytest.fixture(scope="session")
def add_document() -> AddDocument:
    """``add_document(store, doc_id, title)`` writes a one-line document, as ingest would."""

    def add(location: Path, doc_id: str, title: str) -> None:
        write(location, Extraction(document(doc_id, f"{title}.\n", title, "2024-06-01")))

    return add


@pytest.fixture(scope="session")
def records() -> tuple[Extraction, ...]:
    """The hand-made records of the two documents in the served store."""
    return beijing(), shanghai()


@pytest.fixture(scope="session")
def served_store(tmp_path_factory: pytest.TempPathFactory, records: tuple[Extraction, ...]) -> Path:
    """A closed on-disk store holding the two documents."""
    location = tmp_path_factory.mktemp("served") / "store"
    write(location, *records)
    return location


@dataclass
class Server:
    """A running ``plangraph serve`` process."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"

    def client(self, **options: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=CEILING, **options)  # type: ignore[arg-type]

    def workers(self) -> set[int]:
        """Process ids of the server's query workers (its child processes)."""
        found: set[int] = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            children = (task / "children").read_text().split()
            found.update(int(pid) for pid in children)
        return {pid for pid in found if _is_worker(pid)}

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _is_worker(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return b"spawn_main" in cmdline and state != "Z"


_ANNOUNCE = re.compile(r"serving .* at (http://127\.0\.0\.1:\d+/)")


def start_server(
    store: Path, log: Path, *options: str, env: dict[str, str] | None = None
) -> Server:
    """Start ``plangraph serve`` on a free port and wait until it answers."""
    handle = log.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plangraph",
            "serve",
            "--store",
            str(store),
            "--port",
            "0",
            *options,
        ],
        stdout=handle,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    handle.close()
    deadline = time.monotonic() + CEILING
    while time.monotonic() < deadline:
        match = _ANNOUNCE.search(log.read_text(errors="replace"))
        if match:
            server = Server(match[1], process, log)
            with server.client() as client:
                if client.get("sparql", params={"query": "ASK {}"}).status_code == 200:
                    return server
        if process.poll() is not None:
            raise RuntimeError(f"plangraph serve exited: {log.read_text(errors='replace')}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"plangraph serve did not start: {log.read_text(errors='replace')}")


CEILING = 60.0  # seconds a wait for a process or a port may take on a loaded machine


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(CEILING)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


# small limits, so tests can pass them quickly
LIMITS = ("--timeout", "2", "--max-rows", "100", "--max-body", "20000", "--workers", "2")


@pytest.fixture(scope="session")
def server(served_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over the two-document store, with small limits."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    running = start_server(served_store, log, *LIMITS)
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The bundled corpus after `plangraph ingest corpus` and `plangraph serve`, run as
    the README's first steps run them."""
    folder = tmp_path_factory.mktemp("corpus-server")
    store = folder / "store"
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    done = subprocess.run(
        [sys.executable, "-m", "plangraph", "ingest", str(corpus), "--store", str(store), "-q"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    running = start_server(store, folder / "serve.log")
    yield running
    stop_server(running)


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """``start(store, *options, env=None)``: a server for one test, stopped after it."""
    running: list[Server] = []

    def launch(store: Path, *options: str, env: dict[str, str] | None = None) -> Server:
        log = tmp_path / f"serve-{len(running)}.log"
        server = start_server(store, log, *options, env=env)
        running.append(server)
        return server

    yield launch
    for server in running:
        if server.process.poll() is None:
            stop_server(server)
