"""Natural order of codes and names: "K 2" before "K 10", "LZ 1.2" before "LZ 1.10".

A database orders "K 10" before "K 2" (text comparison). Every list people read (report,
dashboard, exports) sorts through this one key instead.
"""

from __future__ import annotations

import re

_TEILE = re.compile(r"(\d+)")


def natuerlich(text: str | None) -> tuple[tuple[int, int | str], ...]:
    """Sort key: runs of digits compare as numbers, the rest case-insensitively; None sorts like ""."""
    return tuple(
        (0, int(teil)) if teil.isdigit() else (1, teil.casefold()) for teil in _TEILE.split(text or "") if teil != ""
    )
