"""Query results as a table, CSV or SPARQL 1.1 JSON; graphs as Turtle."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from plangraph.errors import QueryError
from plangraph.store.base import QueryResult, SelectResult

FORMATS = ("table", "csv", "json")


def cell(value: Identifier | None) -> str:
    return "" if value is None else str(value)


def json_term(value: Identifier) -> dict[str, Any]:
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    assert isinstance(value, Literal)
    out: dict[str, Any] = {"type": "literal", "value": str(value)}
    if value.language:
        out["xml:lang"] = value.language
    elif value.datatype is not None:
        out["datatype"] = str(value.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (SELECT and ASK); JSON-LD for graphs."""
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result})
    if isinstance(result, Graph):
        return result.serialize(format="json-ld")
    bindings = [
        {var: json_term(v) for var, v in zip(result.variables, row, strict=True) if v is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, indent=1
    )


def to_csv(result: QueryResult) -> str:
    if isinstance(result, bool):
        return "boolean\r\n" + ("true" if result else "false") + "\r\n"
    if isinstance(result, Graph):
        triples = sorted(result, key=lambda t: tuple(str(x) for x in t))
        result = SelectResult(
            ("subject", "predicate", "object"),
            tuple((s, p, o) for s, p, o in triples),  # type: ignore[misc]
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def render(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "turtle" and isinstance(result, Graph):
        return result.serialize(format="turtle")
    raise QueryError(f"unknown result format {fmt!r}; valid: {', '.join(FORMATS)}")


_WIDEST = 60  # a longer cell (a sentence) overflows its column instead of widening it


def to_table(result: SelectResult) -> str:
    """A SELECT's rows as plain aligned text, one line per row, for reading in a terminal.

    Cells are written as they are, on one line; nothing is wrapped or measured twice, so
    thousands of rows print in a blink (CSV and JSON are for machines).

    >>> from rdflib import Literal
    >>> print(to_table(SelectResult(("region", "n"), ((Literal("Zhejiang"), Literal(3)),))))
    region    n
    --------  -
    Zhejiang  3
    <BLANKLINE>
    """
    lines = [[" ".join(cell(v).split()) for v in row] for row in result.rows]
    widths = [
        min(_WIDEST, max([len(name)] + [len(line[i]) for line in lines]))
        for i, name in enumerate(result.variables)
    ]

    def joined(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"

    out = [joined(list(result.variables)), joined(["-" * w for w in widths])]
    out.extend(joined(line) for line in lines)
    return "".join(out)
