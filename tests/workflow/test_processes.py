"""An ingest on worker processes stores what one process stores, and a bad document or a
dead worker costs only what it must."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from plangraph import workflow
from plangraph.model import Document
from plangraph.store import open_store

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = (
    "anhui-2023-general-ai-action-plan.txt",
    "analysis-2024-regional-ai-targets.txt",
    "zh/beijing-2023-ai-innovation-source-zh.txt",
    "guangdong-2023-general-ai-web.html",
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "docs"
    out.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, out / Path(name).name)
    return out


def _quads(folder: Path, store_path: Path, n_process: int) -> tuple[list[str], list[str]]:
    store = open_store(store_path)
    report = workflow.ingest([folder], store, n_process=n_process)
    quads = sorted(str(q) for q in store.quads())
    store.close()
    return quads, [source for source, _ in report.failed]


def test_two_processes_store_what_one_stores(folder: Path, tmp_path: Path) -> None:
    one, failed_one = _quads(folder, tmp_path / "one", 1)
    two, failed_two = _quads(folder, tmp_path / "two", 2)
    assert failed_one == failed_two == []
    assert one == two and len(one) > 1000


def _fails_on_anhui(documents: Sequence[Document], *, n_process: int = 1):  # type: ignore[no-untyped-def]
    if any(d.doc_id.startswith("anhui") for d in documents):
        raise RuntimeError("the parser broke")
    return _real_extract(documents, n_process=n_process)


_real_extract = workflow.extract_documents


def test_a_document_that_breaks_in_a_worker_costs_only_itself(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the workers are forked from this process, so they see the patched pipeline
    monkeypatch.setattr(workflow, "extract_documents", _fails_on_anhui)
    quads, failed = _quads(folder, tmp_path / "s", 2)
    assert [Path(f).name for f in failed] == ["anhui-2023-general-ai-action-plan.txt"]
    assert any("beijing-2023-ai-innovation-source-zh" in q for q in quads)


def _dies(documents: Sequence[Document]) -> list[workflow.Outcome]:
    os._exit(1)  # a worker killed from outside (out of memory, say)


def test_a_dead_worker_leaves_its_documents_to_this_process(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workflow, "extract_share", _dies)
    quads, failed = _quads(folder, tmp_path / "dead", 2)
    expected, _ = _quads(folder, tmp_path / "one", 1)
    assert failed == [] and quads == expected


def test_documents_come_back_in_order_past_the_shares_in_flight(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one document a share: six shares, four in flight at a time with two workers
    for name in FILES[:2]:
        shutil.copy(CORPUS / name, folder / f"copy-{Path(name).name}")
    monkeypatch.setattr(workflow.LocalExecutor, "SHARE", 1)
    found = {n: _ingest_in_order(folder, tmp_path / f"s{n}", n) for n in (1, 2)}
    assert found[1] == found[2]
    order, quads = found[2]
    assert len(order) == 6 and len(quads) > 1000


def _ingest_in_order(folder: Path, path: Path, n_process: int) -> tuple[list[str], list[str]]:
    seen: list[str] = []
    store = open_store(path)
    report = workflow.ingest(
        [folder], store, n_process=n_process, progress=lambda name, _, __: seen.append(name)
    )
    quads = sorted(str(q) for q in store.quads())
    store.close()
    assert report.failed == []
    return seen, quads
