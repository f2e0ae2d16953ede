"""Parts of a region's rows (plangraph.graph.parts): how rows in order are cut."""

from __future__ import annotations

import random

import pytest

from plangraph.graph.parts import cut


@pytest.mark.parametrize("seed", range(40))
def test_parts_are_runs_of_whole_units_in_order(seed: int) -> None:
    chance = random.Random(seed)
    units = [f"u{chance.randrange(12)}" for _ in range(chance.randrange(1, 60))]
    size = chance.randrange(1, 9)
    parts = cut(units, size)
    # every row once, the parts one after the other
    assert sum(rows for _, rows in parts) == len(units)
    start = 0
    seen: set[str] = set()
    for members, rows in parts:
        run = units[start : start + rows]
        assert list(dict.fromkeys(run)) == members  # the run's units, by their first row
        assert not seen & set(members), "a unit's rows split between parts"
        seen |= set(members)
        start += rows
    # each part but the last holds size rows or more
    assert all(rows >= size for _, rows in parts[:-1])


def test_a_part_ends_only_where_no_unit_goes_on() -> None:
    # b's rows enclose c's: the first cut after two rows would split b
    assert cut(["a", "b", "c", "b", "d", "d"], 1) == [(["a"], 1), (["b", "c"], 3), (["d"], 2)]
    assert cut([], 3) == []
    assert cut(["a", "a", "a"], 1) == [(["a"], 3)]
