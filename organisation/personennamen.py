"""Person references in texts that are published to the council.

Published free texts (a Kennzahl's Begründung and Gegensteuerung, the reason a value is missing,
a finance deviation's explanation) must name roles or units, never people (DOMAIN.md §4, §7).
One rule for every channel (form, Excel upload, API), applied by the save services:
- "Frau", "Herr" or "Herrn" followed by a capitalised word ("Frau Meier", "Herr Dr. Schmidt");
- the full name ("Sabine Beispiel") or the last name (at least three letters) of any Benutzer,
  as a whole word: "Amtsleitung" does not hit the last name "Demo-Amtsleitung".
Words that merely start like a salutation ("Frauenhaus", "Herrenhaus") and lowercase text
("frau meier") are not hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organisation.models import Benutzer

_ANREDE = re.compile(r"(?<![\w-])(?:Frau|Herrn?)\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\w\-]*")
MIN_NACHNAME = 3


def _namensmuster(namen: Iterable[str]) -> re.Pattern | None:
    teile = sorted({" ".join(n.split()) for n in namen if n and n.strip()}, key=len, reverse=True)
    if not teile:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in teile) + r")(?![\w-])")


def benutzernamen() -> list[str]:
    """Full names and last names (at least MIN_NACHNAME letters) of all Benutzer; one query."""
    namen = []
    for vorname, nachname in Benutzer.objects.values_list("first_name", "last_name"):
        vorname, nachname = vorname.strip(), nachname.strip()
        if vorname and nachname:
            namen.append(f"{vorname} {nachname}")
        if sum(c.isalpha() for c in nachname) >= MIN_NACHNAME:
            namen.append(nachname)
    return namen


class Namenspruefung:
    """The check with the names loaded and their pattern compiled once, for many texts (an upload).

    `namen` defaults to the names of all Benutzer (benutzernamen()), loaded at the first
    non-empty text, so texts without content cost no query.
    """

    def __init__(self, namen: Iterable[str] | None = None) -> None:
        self._namen = namen
        self._muster: re.Pattern | None = None
        self._geladen = False

    def _namensmuster(self) -> re.Pattern | None:
        if not self._geladen:
            self._muster = _namensmuster(benutzernamen() if self._namen is None else self._namen)
            self._geladen = True
        return self._muster

    def bezuege(self, text: str) -> list[str]:
        """The person references found in `text`, in order of appearance (empty when there is none)."""
        text = text or ""
        if not text.strip():
            return []
        treffer = [(m.start(), m.group(0)) for m in _ANREDE.finditer(text)]
        muster = self._namensmuster()
        if muster is not None:
            treffer += [(m.start(), m.group(0)) for m in muster.finditer(text)]
        ergebnis: list[str] = []
        for _pos, gefunden in sorted(treffer):
            if gefunden not in ergebnis:
                ergebnis.append(gefunden)
        return ergebnis

    def fehler(self, texte: Mapping[str, str], *, bezeichnungen: Mapping[str, str]) -> dict[str, str]:
        """A German message per field whose text names a person; `bezeichnungen` maps field → label."""
        fehler = {}
        for feld, text in texte.items():
            gefunden = self.bezuege(text)
            if gefunden:
                fehler[feld] = meldung(str(bezeichnungen.get(feld, feld)), gefunden)
        return fehler


def personenbezuege(text: str, *, namen: Iterable[str] | None = None) -> list[str]:
    """The person references found in `text`, in order of appearance (empty when there is none).

    `namen` defaults to the names of all Benutzer (benutzernamen()).
    """
    return Namenspruefung(namen).bezuege(text)


def meldung(feld: str, gefunden: list[str]) -> str:
    return _(
        "%(feld)s: Bitte keine Personennamen in veröffentlichten Texten (gefunden: %(namen)s). "
        "Nennen Sie Rolle oder Organisationseinheit."
    ) % {"feld": feld, "namen": ", ".join(f"„{g}“" for g in gefunden)}


def personennamen_fehler(
    texte: Mapping[str, str], *, bezeichnungen: Mapping[str, str], pruefung: Namenspruefung | None = None
) -> dict[str, str]:
    """A German message per field whose text names a person; `bezeichnungen` maps field → label.

    Pass one `pruefung` when checking many rows, so the names are read and compiled once.
    """
    if not any((t or "").strip() for t in texte.values()):
        return {}
    return (pruefung or Namenspruefung()).fehler(texte, bezeichnungen=bezeichnungen)


def personennamen_pruefen(texte: Mapping[str, str], *, bezeichnungen: Mapping[str, str]) -> None:
    """Raise a ValidationError keyed by field when a published text names a person."""
    fehler = personennamen_fehler(texte, bezeichnungen=bezeichnungen)
    if fehler:
        raise ValidationError(fehler)
