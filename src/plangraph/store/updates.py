"""The SPARQL updates that replace or remove one document, the same for every backend.

A store keeps each document's triples in the document's named graph, and their union as
a set in one more graph that queries read by default: the default graph for the
embedded store and for most servers, or a named graph given for servers whose default
graph cannot be written or already means "every graph" (see ``docs/scaling-out.md``).
One update is one transaction, in pyoxigraph and in a SPARQL 1.1 server alike: the
document's old triples leave the union, its graph is replaced, its new triples join the
union, or none of this happens.

The payload is N-Triples written by rdflib from terms, never text composed here; graph
names are IRIs the store itself minted.
"""

from __future__ import annotations

from rdflib import URIRef


def _union(union: URIRef | None, body: str) -> str:
    return body if union is None else f"GRAPH <{union}> {{ {body} }}"


def _forget(name: str, union: URIRef | None) -> str:
    """Take out of the union the triples that only this document states."""
    others = f"?other != <{name}>" + (f" && ?other != <{union}>" if union is not None else "")
    return (
        "DELETE { " + _union(union, "?s ?p ?o") + " } WHERE { GRAPH <" + name + "> { ?s ?p ?o } "
        "FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(" + others + ") } } ;\n"
    )


def replace_document(document: URIRef, ntriples: str, union: URIRef | None = None) -> str:
    """One update that replaces the document's graph by ``ntriples`` (N-Triples text).

    >>> print(replace_document(URIRef("urn:x:d"), "<urn:x:s> <urn:x:p> <urn:x:o> .\\n"))
    ... # doctest: +ELLIPSIS
    DELETE { ?s ?p ?o } WHERE { GRAPH <urn:x:d> { ?s ?p ?o } FILTER NOT EXISTS ... ;
    DROP SILENT GRAPH <urn:x:d> ;
    INSERT DATA { GRAPH <urn:x:d> {
    <urn:x:s> <urn:x:p> <urn:x:o> .
    } } ;
    INSERT DATA {
    <urn:x:s> <urn:x:p> <urn:x:o> .
    }
    """
    name = str(document)
    return (
        _forget(name, union)
        + f"DROP SILENT GRAPH <{name}> ;\n"
        + f"INSERT DATA {{ GRAPH <{name}> {{\n{ntriples}}} }} ;\n"
        + "INSERT DATA {"
        + (f" GRAPH <{union}> {{\n{ntriples}}} }}" if union is not None else f"\n{ntriples}}}")
    )


def remove_document(document: URIRef, union: URIRef | None = None) -> str:
    """One update that drops the document's graph and its share of the union."""
    name = str(document)
    return _forget(name, union) + f"DROP SILENT GRAPH <{name}>"


def patch_derived(graph: URIRef, removed: str, added: str, union: URIRef | None = None) -> str:
    """One update that takes ``removed`` out of a graph of derived data and puts ``added``
    in (N-Triples text), the union alike: no document states a derived triple, so it
    enters and leaves the union with this graph. Empty when nothing changes.

    >>> print(patch_derived(URIRef("urn:x:g"), "", "<urn:x:s> <urn:x:p> <urn:x:o> .\\n"))
    INSERT DATA { GRAPH <urn:x:g> {
    <urn:x:s> <urn:x:p> <urn:x:o> .
    } } ;
    INSERT DATA {
    <urn:x:s> <urn:x:p> <urn:x:o> .
    }
    """
    name = str(graph)
    steps = []
    for verb, triples in (("DELETE", removed), ("INSERT", added)):
        if triples:
            steps.append(f"{verb} DATA {{ GRAPH <{name}> {{\n{triples}}} }}")
            steps.append(
                f"{verb} DATA {{"
                + (
                    f" GRAPH <{union}> {{\n{triples}}} }}"
                    if union is not None
                    else f"\n{triples}}}"
                )
            )
    return " ;\n".join(steps)
