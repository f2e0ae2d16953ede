"""Physical quantities in SI base units, whatever the language they were read in.

Computing power, storage and power are stated in many scales ("14,000P", "14 EFLOPS",
"1.4万P"); a goal is comparable across plans and languages only in one unit, so every
target's and statistic's figure is turned into its SI base (FLOPS, B, W, Wh) with the
figure as written kept as an alternative value (``pg:alsoStatedAs``). The table is
``data/units.json``'s ``base_units``.

>>> from decimal import Decimal
>>> from plangraph.model import Quantity
>>> q = in_base_units(Quantity(Decimal(14000), "PFLOPS"))
>>> (q.value == Decimal("1.4e19"), q.unit, q.alt_values)
(True, 'FLOPS', ((Decimal('14000'), 'PFLOPS'),))
>>> in_base_units(Quantity(Decimal(3), "CNY")).unit
'CNY'
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from plangraph.model import Extraction, Quantity


@cache
def _table() -> dict[str, tuple[str, Decimal]]:
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp").joinpath("data/units.json").read_text("utf-8")
    )
    return {
        unit: (base, Decimal(str(factor))) for unit, (base, factor) in raw["base_units"].items()
    }


def in_base_units(quantity: Quantity) -> Quantity:
    """The quantity in its SI base unit, as written kept among its alternatives."""
    found = _table().get(quantity.unit)
    if found is None:
        return quantity
    base, factor = found
    top = quantity.max_value
    return replace(
        quantity,
        value=quantity.value * factor,
        unit=base,
        max_value=None if top is None else top * factor,
        alt_values=((quantity.value, quantity.unit), *quantity.alt_values),
    )


def with_base_units(extraction: Extraction) -> Extraction:
    """Every target's and statistic's figure in SI base units."""
    return replace(
        extraction,
        targets=tuple(
            t if t.quantity is None else replace(t, quantity=in_base_units(t.quantity))
            for t in extraction.targets
        ),
        statistics=tuple(
            replace(s, quantity=in_base_units(s.quantity)) for s in extraction.statistics
        ),
    )
