"""GraphML: the view as a typed XML graph that Gephi, yEd, Cytoscape and networkx open.

Every field becomes a GraphML key of one type (numbers as ``double``, years and offsets
as ``long``, flags as ``boolean``), named after the field, and no value is ever empty;
Gephi shows the ``label`` field as the node's label.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", relation="issued_by")
>>> b"<graphml" in graphml_bytes(g)
True
"""

from __future__ import annotations

import io

import networkx as nx

from plangraph.export.view import portable


def graphml_bytes(view: nx.Graph) -> bytes:
    """The view as GraphML, UTF-8."""
    buffer = io.BytesIO()
    nx.write_graphml(portable(view), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()
