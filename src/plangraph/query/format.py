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
