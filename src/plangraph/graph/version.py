"""The version of the data plangraph derives into the links graph, apart from the
derivation itself: the unchanged re-ingest's check (:mod:`plangraph.unchanged`), which
imports nothing heavy, reads it too."""

from __future__ import annotations

DERIVED_VERSION = 11
"""Raised whenever the derived data changes shape, so that older stores are rebuilt."""

CURRENT = (
    f"EXISTS {{ ?links pg:derivedVersion {DERIVED_VERSION} }} || NOT EXISTS {{ ?plan a pg:Plan }}"
)
"""A SPARQL condition: the store holds derived data of this version, or no plan to
derive it from."""
