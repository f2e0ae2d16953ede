"""Chinese ingest throughput against bare jieba segmentation on the same texts, in the
same run.

    python bench/bench_zh.py [--chars 200000] [--repeat 5] [--json FILE]

The baseline is jieba alone (``jieba.Tokenizer.cut``, the segmenter spaCy's ``zh``
language calls) over the texts of ``corpus/zh``, repeated until they hold ``--chars``
characters; plangraph is the whole ingest of the same texts as files (read, detect the
language, convert traditional characters, segment, extract, build triples, write to an
on-disk store). Figures are characters per second; the baseline and plangraph run in
turns, each figure is the median of ``--repeat`` runs and the ratio the median of the
pairs' ratios, so that the machine's changing load does not pass for a difference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import jieba

from plangraph.ingest import find_sources, read_document
from plangraph.nlp.zh.pipeline import load
from plangraph.store import open_store
from plangraph.workflow import ingest

ROOT = Path(__file__).resolve().parents[1]


def corpus_files(folder: Path, chars: int) -> tuple[list[Path], list[str]]:
    """Copies of the Chinese corpus documents, repeated until they hold ``chars``."""
    sources = list(find_sources([ROOT / "corpus" / "zh"]))
    texts = [(p, read_document(p).text) for p in sources]
    files, contents, total, round_ = [], [], 0, 0
    while total < chars:
        for path, text in texts:
            copy = folder / f"{path.stem}-{round_}{path.suffix}"
            shutil.copy(path, copy)
            files.append(copy)
            contents.append(text)
            total += len(text)
        round_ += 1
    return files, contents


def bare(tokenizer: jieba.Tokenizer, texts: list[str]) -> float:
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    for text in texts:
        for _ in tokenizer.cut(text, cut_all=False):
            pass
    return chars / (time.perf_counter() - started)


def plangraph(files: list[Path], chars: int) -> float:
    with tempfile.TemporaryDirectory() as store_dir:
        store = open_store(Path(store_dir) / "store")
        started = time.perf_counter()
        report = ingest(files, store)
        seconds = time.perf_counter() - started
        assert report.ok, report.failed
    return chars / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    load()  # both sides start warm: the pipeline and its jieba are built once
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with tempfile.TemporaryDirectory() as folder:
        files, texts = corpus_files(Path(folder), args.chars)
        chars = sum(len(t) for t in texts)
        baseline, ours, ratios = [], [], []
        for _ in range(args.repeat):
            b = bare(tokenizer, texts)
            p = plangraph(files, chars)
            baseline.append(b)
            ours.append(p)
            ratios.append(p / b)
    result = {
        "documents": len(files),
        "characters": chars,
        "jieba_chars_per_s": round(statistics.median(baseline)),
        "plangraph_chars_per_s": round(statistics.median(ours)),
        "ratio": round(statistics.median(ratios), 3),
    }
    print(
        f"{result['documents']} documents, {chars:,} characters, median of {args.repeat}: "
        f"jieba {result['jieba_chars_per_s']:,} chars/s, plangraph ingest "
        f"{result['plangraph_chars_per_s']:,} chars/s, ratio {result['ratio']:.1%}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
