"""One task on the start page and the order in which tasks are listed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# Lists that could grow with the city (Kennzahlen, measures) show this many tasks and one summary.
HOECHSTENS = 10


@dataclass(frozen=True)
class Aufgabe:
    """A short German text, where useful a count and a deadline, and the page where it is done."""

    text: str
    url: str
    frist: date | None = None
    anzahl: int | None = None
    hinweis: str = ""
    ueberfaellig: bool = False


def aufgabe(*, text: str, url: str, heute: date, frist: date | None = None, **weitere) -> Aufgabe:
    """A task whose `ueberfaellig` follows from the deadline (the deadline is the last day)."""
    return Aufgabe(text=text, url=url, frist=frist, ueberfaellig=frist is not None and heute > frist, **weitere)


def ordnen(aufgaben: Iterable[Aufgabe]) -> list[Aufgabe]:
    """Overdue first, then by deadline (earliest first), tasks without a deadline last."""
    return sorted(aufgaben, key=lambda a: (not a.ueberfaellig, a.frist is None, a.frist or date.max, a.text))


def begrenzt(aufgaben: list[Aufgabe], *, rest_text: str, rest_url: str) -> list[Aufgabe]:
    """At most HOECHSTENS tasks; the rest becomes one task linking to the full list."""
    if len(aufgaben) <= HOECHSTENS:
        return aufgaben
    rest = len(aufgaben) - HOECHSTENS
    return [*aufgaben[:HOECHSTENS], Aufgabe(text=rest_text % {"n": rest}, url=rest_url, anzahl=rest)]
