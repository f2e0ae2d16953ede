"""A store of about a million quads: the corpus's graph copied many times under new IRIs.

    python bench/synthetic.py CORPUS.nq OUT.nq --copies 60 [--seed 16]

``CORPUS.nq`` is an N-Quads export of the ingested corpus (``plangraph ingest corpus``,
then ``plangraph export -f nquads``). Copy 0 is the corpus as it is, so the parameters an
analyst would give it (Shanghai, core industry, Huawei) still match; every other copy ``k``
renames every plangraph node (``.../plan/guangdong-2023`` becomes
``.../plan/guangdong-2023-c7``: documents, plans, targets, actors, regions, evidence) and
document identifiers alike, and keeps labels, so a label matches one node per copy, as
a store holding many reports of many plans would. Each copy's figures are scaled by a
factor drawn from ``--seed`` so that rankings across copies are not ties. The links
graph is left out: :func:`plangraph.load.load` recomputes it.

The output is N-Quads, written line by line from the input's lines (no RDF parsing):
60 copies of 17,000 quads take a few seconds.
"""

from __future__ import annotations

import argparse
import random
import re
from decimal import Decimal
from pathlib import Path

ID = "https://w3id.org/plangraph/id/"
LINKS = f"<{ID}graph/links>"
_NODE = re.compile(r"<(" + re.escape(ID) + r"[^>]*)>")
_IDENTIFIER = re.compile(r'(<http://purl\.org/dc/terms/identifier> )"([^"]*)"')
_VALUE = re.compile(
    r'(<https://w3id\.org/plangraph/ontology#(?:value|maxValue)> )"([^"]+)"'
    r"(\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>)"
)


def copy_line(line: str, copy: int, factor: Decimal) -> str:
    """One N-Quads line as copy ``copy`` states it.

    >>> copy_line(f'<{ID}plan/p> <urn:p> "x" <{ID}document/d> .', 3, Decimal(1))
    ... # doctest: +ELLIPSIS
    '<https://w3id.org/plangraph/id/plan/p-c3> <urn:p> "x" <https://...id/document/d-c3> .'
    """
    line = _NODE.sub(lambda m: f"<{m[1]}-c{copy}>", line)
    line = _IDENTIFIER.sub(lambda m: f'{m[1]}"{m[2]}-c{copy}"', line)
    return _VALUE.sub(lambda m: f'{m[1]}"{Decimal(m[2]) * factor:f}"{m[3]}', line)


def replicate(source: Path, target: Path, copies: int, seed: int) -> int:
    """Write ``copies`` copies of the quads of ``source`` to ``target``; returns the count."""
    lines = [
        line.rstrip("\n")
        for line in source.read_text("utf-8").splitlines()
        if line.strip() and not line.rstrip().endswith(f"{LINKS} .")
    ]
    draw = random.Random(seed)
    written = 0
    with target.open("w", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)
        written += len(lines)
        for copy in range(1, copies):
            factor = Decimal(draw.randint(80, 125)) / 100
            out.writelines(copy_line(line, copy, factor) + "\n" for line in lines)
            written += len(lines)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--seed", type=int, default=16)
    options = parser.parse_args()
    written = replicate(options.source, options.target, options.copies, options.seed)
    print(f"{written:,} quads in {options.target}")


if __name__ == "__main__":
    main()
