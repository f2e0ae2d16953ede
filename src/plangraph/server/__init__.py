"""``plangraph serve``: a read-only SPARQL 1.1 endpoint and an offline explorer page.

:mod:`plangraph.server.app` wires the routes and runs uvicorn, :mod:`plangraph.server.sparql`
speaks the protocol, :mod:`plangraph.server.limits` says what is refused and how much a
request may take, :mod:`plangraph.server.screen` refuses updates and ``SERVICE`` by parsing
each query, :mod:`plangraph.server.connections` holds connections to read deadlines and
caps, and :mod:`plangraph.server.api` answers the page's questions.
"""
