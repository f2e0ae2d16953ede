"""Fixtures shared by the whole suite: paths, the spaCy pipeline, stores, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
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
