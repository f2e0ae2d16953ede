"""Bad input costs only itself: every class of bad file is one line naming it, and a
folder mixing hundreds of them with good documents stores exactly the good ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from plangraph.errors import ReadError, one_line
from plangraph.ingest import display_name, find_sources, read_document
from plangraph.ingest.html import MAX_ATTRIBUTES
from plangraph.model import Document, Extraction
from plangraph.store import open_store
from plangraph.workflow import LocalExecutor, ingest

from .bad_files import HEAVY, MAKERS, Maker, write_bad_files

GOOD = "Hefei aims to build 20 AI pilot zones by 2026. The city will set up a fund."


@pytest.mark.parametrize("maker", MAKERS + HEAVY, ids=lambda m: m.__name__)
def test_each_class_of_bad_file_is_one_line_naming_it(maker: Maker, tmp_path: Path) -> None:
    path = maker(tmp_path, 3)
    with pytest.raises(ReadError) as raised:
        read_document(path)
    message = str(raised.value)
    assert message.startswith(display_name(path) + ": ")
    assert one_line(message) == message, "the line holds no control character or break"


def test_a_file_name_with_breaks_and_escapes_is_printed_escaped(tmp_path: Path) -> None:
    path = tmp_path / "plan\n\x1b[2J\r.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as raised:
        read_document(path)
    assert "\\n\\x1b[2J\\r.txt: empty file" in str(raised.value)
    assert "\n" not in str(raised.value) and "\x1b" not in str(raised.value)


def test_utf32_with_a_byte_order_mark_is_read_as_utf32(tmp_path: Path) -> None:
    for encoding in ("utf-32", "utf-32-be", "utf-16"):
        path = tmp_path / f"plan-{encoding}.txt"
        data = ("\ufeff" if encoding.endswith("be") else "") + "合肥规划到2026年。" + GOOD
        path.write_bytes(data.encode(encoding))
        assert read_document(path).text == "合肥规划到2026年。" + GOOD


def test_control_characters_are_dropped_from_text_that_is_otherwise_good(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x1b[1mHefei\x1b[0m aims\x07 to build 20 AI pilot zones\x0cby 2026.\x7f")
    text = read_document(path).text
    # the form feed is a line break, which normalising joins as a hard wrap
    assert text == "Hefei aims to build 20 AI pilot zones by 2026."


def test_a_nul_anywhere_in_a_text_file_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes((GOOD * 100).encode() + b"\x00" + GOOD.encode())
    with pytest.raises(ReadError, match="binary data"):
        read_document(path)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_document(path)
        except ReadError as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=60)  # a ceiling only: the refusal comes at once
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert "is a FIFO" in str(outcome[0])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused(device: str, tmp_path: Path) -> None:
    path = tmp_path / "endless.txt"
    path.symlink_to(device)
    with pytest.raises(ReadError, match="is a device"):
        read_document(path)


def test_a_file_larger_than_the_cap_is_refused_after_reading_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import plangraph.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    with pytest.raises(ReadError, match="larger than"):
        read_document(path)


def test_a_page_with_200000_attributes_on_one_element_is_read_as_plain_text(
    tmp_path: Path,
) -> None:
    attributes = " ".join(f'data-x{i}="{i}"' for i in range(200_000))
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>Hefei plan</title></head><body><div {attributes}>"
        f"<p>{GOOD}</p></div></body></html>",
        encoding="utf-8",
    )
    assert MAX_ATTRIBUTES < 200_000
    assert GOOD in read_document(path).text


def test_xml_named_html_gives_no_warning(tmp_path: Path) -> None:
    # pytest turns warnings into errors: bs4's XMLParsedAsHTMLWarning would fail this
    path = tmp_path / "feed.html"
    path.write_text(f'<?xml version="1.0"?><rss><item><p>{GOOD}</p></item></rss>', "utf-8")
    assert "Hefei" in read_document(path).text


def test_non_regular_entries_of_a_folder_are_reported_not_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere")
    (tmp_path / "notes.bin").write_bytes(b"x")
    names = sorted(p.name for p in find_sources([tmp_path]))
    assert names == ["gone.md", "pipe.txt"]


# ---- the ingest loop -------------------------------------------------------------------


def _fake_extract(documents: list[Document], n_process: int = 1) -> Iterator[Extraction]:
    """Extraction without spaCy; a document holding BOOM breaks the batch, as a pipeline
    that raises on one document does."""
    for document in documents:
        if "BOOM" in document.text:
            raise ValueError("[E088] Text of length 1200000 exceeds maximum of 1000000.")
        yield Extraction(document=document)


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    import plangraph.workflow as workflow

    monkeypatch.setattr(workflow, "extract_documents", _fake_extract)


def test_a_document_that_breaks_the_pipeline_costs_only_itself(
    tmp_path: Path, fake_nlp: None
) -> None:
    names = ["a.txt", "b.txt", "c-boom.txt", "d.txt", "e.txt"]
    for name in names:
        body = f"{GOOD} {name}" + (" BOOM" if "boom" in name else "")
        (tmp_path / name).write_text(body, encoding="utf-8")
    store = open_store(memory=True)
    report = ingest([tmp_path], store, executor=LocalExecutor())
    assert [Path(s).name for s in report.added] == ["a.txt", "b.txt", "d.txt", "e.txt"]
    assert len(report.failed) == 1
    source, message = report.failed[0]
    assert source.endswith("c-boom.txt")
    assert message.startswith(f"{tmp_path / 'c-boom.txt'}: extraction failed (ValueError")
    assert "\n" not in message


def test_names_that_mint_one_iri_in_one_call_are_an_error_naming_both(
    tmp_path: Path, fake_nlp: None
) -> None:
    for index, name in enumerate(["plan a.txt", "plan-a.txt", "Plan_A.txt"]):
        (tmp_path / name).write_text(f"{GOOD} {index}", encoding="utf-8")
    store = open_store(memory=True)
    report = ingest([tmp_path], store)
    assert [Path(s).name for s in report.added] == ["Plan_A.txt"]
    assert len(report.failed) == 2
    for (source, message), name in zip(report.failed, ["plan a.txt", "plan-a.txt"], strict=True):
        assert Path(source).name == name
        assert f"{tmp_path / name}: same document name as {tmp_path / 'Plan_A.txt'}" in message
    assert len(store.documents()) == 1


def test_chinese_file_names_are_distinct_documents_removable_by_name(
    tmp_path: Path, fake_nlp: None
) -> None:
    from plangraph.workflow import remove

    for name in ["深圳人工智能规划.txt", "广东人工智能规划.txt"]:
        (tmp_path / name).write_text(f"{GOOD} {name}", encoding="utf-8")
    store = open_store(memory=True)
    report = ingest([tmp_path], store)
    assert len(report.added) == 2 and report.ok
    iris = [str(d.iri) for d in store.documents()]
    assert iris == [
        "https://w3id.org/plangraph/id/document/广东人工智能规划",
        "https://w3id.org/plangraph/id/document/深圳人工智能规划",
    ]
    assert remove(["深圳人工智能规划"], store) == []
    assert remove(["广东人工智能规划.txt"], store) == []
    assert store.documents() == []


# ---- the acceptance run ----------------------------------------------------------------

GOOD_DOCUMENTS = (
    "shenzhen-2023-ai-action-plan-news.txt",
    "wuhan-2024-ai-industry-news.txt",
    "guangdong-2023-general-ai-web.html",
    "state-council-2017-next-generation-ai-plan.md",
    "zh/beijing-2023-ai-innovation-source-zh.txt",
)


@pytest.mark.slow
def test_a_folder_of_bad_files_stores_exactly_the_good_ones(
    tmp_path: Path, corpus_dir: Path
) -> None:
    folder = tmp_path / "in"
    bad = write_bad_files(folder, 150)
    for name in GOOD_DOCUMENTS:
        shutil.copy(corpus_dir / name, folder / Path(name).name)
    done = subprocess.run(
        [sys.executable, "-m", "plangraph", "ingest", str(folder), "-q"],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        cwd=tmp_path,
        env={**os.environ, "PLANGRAPH_STORE": str(tmp_path / "store")},
        timeout=900,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert len(lines) == len(bad) + 1, "one line per bad file, and the summary"
    for path in bad:
        named = [line for line in lines if line.startswith(f"plangraph: {display_name(path)}: ")]
        assert len(named) == 1, display_name(path)
    assert lines[-1].startswith(f"{len(GOOD_DOCUMENTS)} added, 0 replaced, 0 unchanged, 150 failed")
    store = open_store(tmp_path / "store", read_only=True)
    stored = sorted(Path(d.source).name for d in store.documents())
    assert stored == sorted(Path(name).name for name in GOOD_DOCUMENTS)
