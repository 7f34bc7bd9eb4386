"""Natural order of codes (core.sortierung)."""

from __future__ import annotations

import pytest

from core.sortierung import natuerlich


@pytest.mark.parametrize(
    ("ungeordnet", "geordnet"),
    [
        (["K 10", "K 2", "K 1"], ["K 1", "K 2", "K 10"]),
        (["LZ 1.10", "LZ 1.2", "LZ 1"], ["LZ 1", "LZ 1.2", "LZ 1.10"]),
        (["b", "A", "a2", "a10"], ["A", "a2", "a10", "b"]),
        (["K 2", "", None, "K 1"], ["", None, "K 1", "K 2"]),
        (["2", "10", "K 1"], ["2", "10", "K 1"]),
    ],
)
def test_natuerliche_reihenfolge(ungeordnet, geordnet):
    assert sorted(ungeordnet, key=natuerlich) == geordnet
