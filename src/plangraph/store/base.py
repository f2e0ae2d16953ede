"""What plangraph needs from a store: one small protocol, engine-neutral.

Terms crossing this boundary are rdflib terms; only the backend modules import an engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol

from rdflib import BNode, Graph
from rdflib.term import Identifier, Node, URIRef

if TYPE_CHECKING:
    from plangraph.store.sources import SourceState


@dataclass(frozen=True)
class DocumentInfo:
    iri: URIRef
    source: str
    sha256: str


@dataclass(frozen=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]
    # a page of a longer answer: how many rows the whole answer has, and where it starts
    total: int | None = None
    offset: int = 0


QueryResult = SelectResult | bool | Graph


Triple = tuple[Node, Node, Node]
"""A triple of rdflib terms, as derived data is gathered."""


@dataclass(frozen=True)
class NTriples:
    """A document's graph already written as N-Triples, as an ingest worker sends it back:
    a store writes the text as it is instead of serialising a graph again."""

    text: str


def ntriples(graph: Graph | NTriples) -> str:
    """The N-Triples text of a graph, written by rdflib from its terms."""
    if isinstance(graph, NTriples):
        return graph.text
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def text(term: Identifier | None) -> str | None:
    """A term as :meth:`Store.select_text` gives it.

    >>> text(URIRef("urn:x")), text(BNode("b1")), text(None)
    ('urn:x', '_:b1', None)
    """
    if isinstance(term, BNode):
        return f"_:{term}"
    return None if term is None else str(term)


class Store(Protocol):
    """A quad store with one named graph per document."""

    location: str

    def document_hash(self, document: URIRef) -> str | None:
        """The stored sha256 of a document's text, or None when it is not stored."""

    def put_document(self, document: URIRef, graph: Graph | NTriples) -> None:
        """Replace the document's named graph by ``graph``, atomically: whole or not at all."""

    def remove_document(self, document: URIRef) -> bool:
        """Drop the document's graph; False when there was none."""

    def patch_derived(self, graph: URIRef, removed: Graph, added: Graph) -> None:
        """Take ``removed`` out of a graph of derived data and put ``added`` in, atomically
        (:func:`plangraph.store.updates.patch_derived`)."""

    def record_sources(self, states: Sequence[SourceState]) -> None:
        """Remember the source files of these documents (:mod:`plangraph.store.sources`)."""

    def documents(self) -> list[DocumentInfo]:
        """Every stored document, ordered by IRI."""

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with variables bound."""

    def select_text(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None
    ) -> tuple[tuple[str | None, ...], ...]:
        """A SELECT's rows, with variables bound as :meth:`query` binds them, and every
        term as plain text: an IRI as itself, a literal as its lexical form, a blank node
        as ``_:id``. For readers of many rows that need no rdflib terms (a typed literal
        costs tens of microseconds to build); the query itself tells IRIs from literals
        where a reader must know (``isIRI``)."""

    def serialize(self, fmt: str) -> bytes:
        """The whole dataset (``nquads``, ``trig``) or its union graph (``turtle``, ``nt``,
        ``jsonld``, ``xml``) in a standard syntax."""

    def write(self, fmt: str, output: BinaryIO) -> None:
        """What :meth:`serialize` gives, written to ``output`` as it is produced."""

    def quads(self) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier]]:
        """Every quad, in a stable order."""

    def close(self) -> None: ...
