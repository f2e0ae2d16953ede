"""The SPARQL 1.1 Protocol at ``/sparql``: query operations only, answers by content negotiation.

A query arrives as ``GET ?query=``, as a form ``POST`` (``query=``) or as a ``POST`` of
``application/sparql-query``, with optional ``default-graph-uri`` / ``named-graph-uri``.
SELECT and ASK answers are written as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and
DESCRIBE answers as Turtle, N-Triples, JSON-LD or RDF/XML, whichever the ``Accept``
header prefers (JSON and Turtle when it has no preference). Errors are one line of plain
text with the status that says what went wrong:

=====  ==========================================================================
400    malformed query or request (missing ``query``, bad IRI, query failed)
403    SPARQL Update, ``LOAD`` or ``SERVICE``: refused (decided by parsing the query)
405    a method other than GET and POST
406    no format the client accepts fits the answer
413    the body passes the size limit (414 for a GET query string)
415    a body that is not a form or ``application/sparql-query``
422    the answer passes the row limit
500    a query worker failed
503    every query worker is busy (with ``Retry-After``)
504    the query passed the time limit; its worker was stopped
507    the query passed the memory limit; its worker was stopped and replaced
=====  ==========================================================================
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape, quoteattr

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from plangraph.errors import PlangraphError, QueryError
from plangraph.query import term as parse_term
from plangraph.server.limits import Limits, RefusedError, read_body
from plangraph.server.screen import screen
from plangraph.store.worker import (
    Boolean,
    BusyError,
    ForbiddenQueryError,
    Job,
    MalformedQueryError,
    MemoryLimitError,
    NotAcceptableError,
    QueryPool,
    RowLimitError,
    Solutions,
    Term,
    TimeLimitError,
    Triples,
    WorkerError,
)

# media type -> format, in the order the server prefers them when the client does not care
SOLUTION_TYPES: Mapping[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES: Mapping[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/json": "jsonld",
    "text/plain": "nt",
}
SOLUTION_CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_CONTENT_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NO_STORE = {"Cache-Control": "no-store", "Vary": "Accept"}


def _ranges(accept: str) -> Iterable[tuple[str, float]]:
    for part in accept.split(","):
        media, *params = part.split(";")
        media = media.strip().lower()
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        yield media, quality


def negotiate(accept: str | None, offers: Mapping[str, str]) -> str | None:
    """The format of the offer the ``Accept`` header rates highest, None if it rates none.

    The most specific range decides each offer's quality (RFC 9110); ties go to the
    earlier offer, and an absent header takes the first.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_TYPES)
    'xml'
    >>> negotiate("text/*;q=0.9, text/csv;q=0", SOLUTION_TYPES)
    'tsv'
    >>> negotiate("image/png", GRAPH_TYPES) is None
    True
    """
    if accept is None or not accept.strip():
        return next(iter(offers.values()))
    ranges = list(_ranges(accept))
    best, best_quality = None, 0.0
    for media, fmt in offers.items():
        kind = media.split("/")[0] + "/*"
        matched = [
            (3 if r == media else 2 if r == kind else 1, q)
            for r, q in ranges
            if r in (media, kind, "*/*")
        ]
        quality = max(matched)[1] if matched else 0.0
        if quality > best_quality:
            best, best_quality = fmt, quality
    return best


def _json_term(term: Term) -> dict[str, str]:
    out = {"type": term.kind, "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def write_json(answer: Solutions | Boolean) -> bytes:
    """SPARQL 1.1 Query Results JSON."""
    if isinstance(answer, Boolean):
        document: dict[str, Any] = {"head": {}, "boolean": answer.value}
    else:
        bindings = [
            {var: _json_term(cell) for var, cell in zip(answer.variables, row, strict=True) if cell}
            for row in answer.rows
        ]
        document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_text(text: str) -> str:
    return escape(_XML_INVALID.sub("\ufffd", text))


def write_xml(answer: Solutions | Boolean) -> bytes:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n', f'<sparql xmlns="{_RESULTS_NS}">\n']
    if isinstance(answer, Boolean):
        out.append(f"<head/>\n<boolean>{'true' if answer.value else 'false'}</boolean>\n")
    else:
        out.append("<head>")
        out.extend(f"<variable name={quoteattr(v)}/>" for v in answer.variables)
        out.append("</head>\n<results>\n")
        for row in answer.rows:
            out.append("<result>")
            for var, cell in zip(answer.variables, row, strict=True):
                if cell is None:
                    continue
                value = _xml_text(cell.value)
                if cell.kind == "uri":
                    inner = f"<uri>{value}</uri>"
                elif cell.kind == "bnode":
                    inner = f"<bnode>{value}</bnode>"
                elif cell.language:
                    inner = f"<literal xml:lang={quoteattr(cell.language)}>{value}</literal>"
                elif cell.datatype:
                    inner = f"<literal datatype={quoteattr(cell.datatype)}>{value}</literal>"
                else:
                    inner = f"<literal>{value}</literal>"
                out.append(f"<binding name={quoteattr(var)}>{inner}</binding>")
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out).encode("utf-8")


def write_csv(answer: Solutions | Boolean) -> bytes:
    """SPARQL 1.1 Query Results CSV: lexical forms only, blank nodes as ``_:id``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if isinstance(answer, Boolean):
        writer.writerows([["boolean"], ["true" if answer.value else "false"]])
    else:
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow(
                [
                    ""
                    if cell is None
                    else "_:" + cell.value
                    if cell.kind == "bnode"
                    else cell.value
                    for cell in row
                ]
            )
    return buffer.getvalue().encode("utf-8")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(cell: Term | None) -> str:
    if cell is None:
        return ""
    if cell.kind == "uri":
        return f"<{cell.value}>"
    if cell.kind == "bnode":
        return f"_:{cell.value}"
    text = '"' + cell.value.translate(_TSV_ESCAPES) + '"'
    if cell.language:
        return f"{text}@{cell.language}"
    if cell.datatype:
        return f"{text}^^<{cell.datatype}>"
    return text


def write_tsv(answer: Solutions | Boolean) -> bytes:
    """SPARQL 1.1 Query Results TSV: terms in Turtle syntax."""
    if isinstance(answer, Boolean):
        return b"?boolean\n" + (b"true\n" if answer.value else b"false\n")
    lines = ["\t".join("?" + v for v in answer.variables)]
    lines.extend("\t".join(_tsv_term(cell) for cell in row) for row in answer.rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"json": write_json, "xml": write_xml, "csv": write_csv, "tsv": write_tsv}


@dataclass(frozen=True)
class Operation:
    """A query operation as the protocol delivered it."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


_READ_ONLY = (
    "SPARQL Update is refused: this endpoint is read-only; "
    "use plangraph ingest or plangraph remove to change the store"
)


def _iris(values: list[str], name: str) -> tuple[str, ...]:
    try:
        return tuple(str(parse_term(value, "iri")) for value in values)
    except QueryError:
        raise RefusedError(400, f"{name} must be an absolute IRI, got {values!r}") from None


def _from_params(items: list[tuple[str, str]]) -> Operation:
    names = [key for key, _ in items]
    if "update" in names:
        raise RefusedError(403, _READ_ONLY)
    queries = [value for key, value in items if key == "query"]
    if not queries or not queries[0].strip():
        raise RefusedError(400, "missing the query parameter: send query=<a SPARQL query>")
    if len(queries) > 1:
        raise RefusedError(400, f"expected one query parameter, got {len(queries)}")
    return Operation(
        queries[0],
        _iris([v for k, v in items if k == "default-graph-uri"], "default-graph-uri"),
        _iris([v for k, v in items if k == "named-graph-uri"], "named-graph-uri"),
    )


def _text(body: bytes, charset: str) -> str:
    """The body decoded in its charset; 415 for a name that is not a text encoding
    (rot13, base64 and zlib are codecs, not charsets), 400 for bytes that do not decode."""
    shown = repr(charset if len(charset) <= 40 else charset[:40] + "...")
    try:
        codec = codecs.lookup(charset)
    except (LookupError, ValueError, TypeError):
        raise RefusedError(415, f"charset {shown} is unknown; send UTF-8") from None
    try:
        return body.decode(codec.name)
    except LookupError:
        raise RefusedError(415, f"charset {shown} is not a text encoding; send UTF-8") from None
    except (UnicodeError, ValueError):
        raise RefusedError(400, f"the request body is not valid {shown}") from None


async def read_operation(request: Request, limits: Limits) -> Operation:
    """The query operation in a GET or POST request, or :class:`RefusedError` with the status."""
    if request.method in ("GET", "HEAD"):
        if len(request.url.query) > limits.max_body:
            raise RefusedError(
                414, f"the query string is longer than {limits.max_body} bytes; POST it"
            )
        return _from_params(request.query_params.multi_items())
    if request.method != "POST":
        raise RefusedError(405, f"method {request.method} is not allowed here; use GET or POST")
    media, *params = request.headers.get("content-type", "").split(";")
    media = media.strip().lower()
    charset = "utf-8"
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"')
    if media == "application/x-www-form-urlencoded":
        text = _text(await read_body(request, limits.max_body), charset)
        try:
            items = parse_qsl(text, keep_blank_values=True, max_num_fields=1000)
        except ValueError as error:
            raise RefusedError(400, f"the form is malformed: {error}") from None
        return _from_params(items)
    if media == "application/sparql-query":
        query = _text(await read_body(request, limits.max_body), charset)
        if not query.strip():
            raise RefusedError(400, "the request body is empty: send a SPARQL query")
        url = request.query_params
        return Operation(
            query,
            _iris(url.getlist("default-graph-uri"), "default-graph-uri"),
            _iris(url.getlist("named-graph-uri"), "named-graph-uri"),
        )
    if media == "application/sparql-update":
        raise RefusedError(403, _READ_ONLY)
    raise RefusedError(
        415,
        f"Content-Type {media or '(none)'} is not supported; POST application/sparql-query, "
        "or application/x-www-form-urlencoded with query=",
    )


_STATUS: tuple[tuple[type[PlangraphError], int], ...] = (
    (MalformedQueryError, 400),
    (ForbiddenQueryError, 403),
    (MemoryLimitError, 507),
    (NotAcceptableError, 406),
    (RowLimitError, 422),
    (TimeLimitError, 504),
    (BusyError, 503),
    (WorkerError, 500),
    (QueryError, 400),
)


def status_of(error: PlangraphError) -> int:
    """The HTTP status that reports ``error``."""
    if isinstance(error, RefusedError):
        return error.status
    return next((status for cls, status in _STATUS if isinstance(error, cls)), 500)


def error_headers(status: int, limits: Limits) -> dict[str, str]:
    """Headers an error answer needs: ``Allow`` on 405, ``Retry-After`` on 503."""
    if status == 405:
        return {"Allow": "GET, POST"}
    if status == 503:
        return {"Retry-After": str(math.ceil(limits.timeout))}
    return {}


def _not_acceptable(error: NotAcceptableError, accept: str | None) -> str:
    kind = str(error)
    offers = GRAPH_CONTENT_TYPES if kind == "a graph" else SOLUTION_CONTENT_TYPES
    return f"cannot write {kind} as {accept!r}; ask for one of: {', '.join(offers.values())}"


async def endpoint(request: Request) -> Response:
    """``/sparql``: run one read-only query under the server's limits."""
    pool: QueryPool = request.app.state.pool
    limits: Limits = request.app.state.limits
    accept = request.headers.get("accept")
    try:
        operation = await read_operation(request, limits)
        solutions = negotiate(accept, SOLUTION_TYPES)
        graph = negotiate(accept, GRAPH_TYPES)
        if solutions is None and graph is None:
            valid = [*SOLUTION_CONTENT_TYPES.values(), *GRAPH_CONTENT_TYPES.values()]
            raise RefusedError(
                406, f"cannot answer as {accept!r}; ask for one of: {', '.join(valid)}"
            )
        job = Job(
            operation.query,
            default_graphs=operation.default_graphs,
            named_graphs=operation.named_graphs,
            graph_format=graph,
            solutions=solutions is not None,
            max_rows=limits.max_rows,
            # checked in the worker, under its limits: even reading a query takes time
            screen=partial(screen, isolated=pool.isolated, max_depth=limits.max_depth),
        )
        answer = await run_in_threadpool(pool.run, job)
    except NotAcceptableError as error:
        return PlainTextResponse(_not_acceptable(error, accept) + "\n", 406)
    except PlangraphError as error:
        status = status_of(error)
        return PlainTextResponse(f"{error}\n", status, headers=error_headers(status, limits))
    if isinstance(answer, Triples):
        return Response(
            answer.data, headers=_NO_STORE, media_type=GRAPH_CONTENT_TYPES[answer.format]
        )
    assert solutions is not None
    body = await run_in_threadpool(WRITERS[solutions], answer)
    return Response(body, headers=_NO_STORE, media_type=SOLUTION_CONTENT_TYPES[solutions])
