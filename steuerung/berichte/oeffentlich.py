"""What the council reads: a published report carries roles and units, never personal names,
and no internal notes.

A publication's snapshot is built council-safe (SCHEMA_VERSION 3):
- the approval trail names role, unit and date ("Amtsleitung 50 – freigegeben am 21.11.2026")
  of the steps that led to this publication; earlier returns and their notes stay internal;
- "veröffentlicht von" is the publishing role and unit;
- "verantwortlich" of a Gegensteuerung is free text that may hold a person's name: it is kept
  only when it reads as a role ("Abteilungsleitung 50 2"), otherwise the Kennzahl's unit
  stands there ("Abteilung 50 2");
- the Kommentar of a Messwert is an internal note (INTERNE_FELDER): it is not in the snapshot,
  so page, PDF, Excel and API carry the same published fields.
`fuer_rat` applies the same rules to snapshots published before (schema 1 and 2) when they are
shown; their stored PDF and Excel files stay as published (immutable).
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime

from django.utils.translation import gettext as _

from organisation.rollen import Rolle

# Role words a "verantwortlich" may consist of (with an optional unit code): functions, not people.
ROLLENBEZEICHNUNGEN = frozenset(
    {
        *(str(r.label) for r in Rolle),
        "Abteilungsleitung",
        "Sachgebietsleitung",
        "Teamleitung",
        "Fachbereichsleitung",
        "Fachdienstleitung",
        "Bereichsleitung",
        "Amtsleitung",
        "Stellvertretende Amtsleitung",
        "Dezernatsleitung",
        "Fachcontrolling",
        "Controlling",
        "Sozialplanung",
        "Jugendhilfeplanung",
        "Steuerungsunterstützung",
        "Stabsstelle",
        "Fallmanagement",
        "Sozialdienst",
        "Allgemeiner Sozialer Dienst",
        "Pflegeberatung",
        "Wirtschaftliche Jugendhilfe",
    }
)
# Fields of a Kennzahl row that stay in internal views and never reach the council.
INTERNE_FELDER = ("kommentar",)
_ROLLEN_KLEIN = {r.casefold() for r in ROLLENBEZEICHNUNGEN}
_EINHEIT = re.compile(r"^[0-9A-Za-zÄÖÜäöü]{1,6}( [0-9A-Za-zÄÖÜäöü]{1,6}){0,3}$")


def ist_rollenbezeichnung(text: str, *, einheiten: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether `text` is a role word, optionally followed by a unit code: "Abteilungsleitung 50 2"."""
    text = " ".join((text or "").split())
    if text.casefold() in _ROLLEN_KLEIN:
        return True
    for rolle in _ROLLEN_KLEIN:
        if text.casefold().startswith(rolle + " "):
            rest = text[len(rolle) + 1 :]
            return rest in einheiten or (bool(_EINHEIT.match(rest)) and any(c.isdigit() for c in rest))
    return False


def verantwortlich_oeffentlich(
    text: str, *, einheit_text: str, einheiten: frozenset[str] | set[str] = frozenset()
) -> str:
    """The role as written when it is one; otherwise the unit (`einheit_text`, e.g. "Abteilung 50 2")."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    return text if ist_rollenbezeichnung(text, einheiten=einheiten) else einheit_text


def rolle_und_einheit(rolle: str, einheit: str) -> str:
    return f"{rolle} {einheit}".strip()


def schritt_text(*, rolle: str, einheit: str, schritt: str, datum: date) -> str:
    """ "Amtsleitung 50 – freigegeben am 21.11.2026"."""
    return _("%(wer)s – %(schritt)s am %(datum)s") % {
        "wer": rolle_und_einheit(rolle, einheit),
        "schritt": schritt,
        "datum": datum.strftime("%d.%m.%Y"),
    }


def _alter_verlauf(verlauf: list[dict]) -> list[dict]:
    """A schema-1 trail (names, notes) as steps without person: only the steps since the last return."""
    letzte_rueckgabe = max(
        (i for i, u in enumerate(verlauf) if u.get("nach") in ("zurückgegeben", "Entwurf")), default=-1
    )
    schritte = []
    for u in verlauf[letzte_rueckgabe + 1 :]:
        if "zeitpunkt" not in u:  # already in the council's form
            schritte.append(u)
            continue
        datum = datetime.fromisoformat(u["zeitpunkt"]).date()
        schritte.append(
            {
                "aktion": u.get("aktion", ""),
                "nach": u.get("nach", ""),
                "rolle": "",
                "einheit": "",
                "datum": datum.isoformat(),
                "text": _("%(schritt)s am %(datum)s")
                % {"schritt": u.get("nach", ""), "datum": datum.strftime("%d.%m.%Y")},
            }
        )
    return schritte


def fuer_rat(inhalt: dict) -> dict:
    """The content as the council may read it; a schema-3 snapshot comes back unchanged."""
    schema = inhalt.get("schema", 1)
    if schema >= 3:
        return inhalt
    daten = copy.deepcopy(inhalt)
    if schema < 2:
        bericht = daten["bericht"]
        bericht["verlauf"] = _alter_verlauf(bericht.get("verlauf", []))
        bericht["veroeffentlicht_von"] = ""
    z = daten.get("zusammenfassung", {})
    for k in [
        *(k for lz in daten.get("leitziele", []) for k in lz.get("kennzahlen", [])),
        *(k for liste in ("im_plan", "nicht_im_plan", "ohne_daten") for k in z.get(liste, [])),
    ]:
        _kennzahl_bereinigen(k, schema=schema)
    return daten


def _kennzahl_bereinigen(k: dict, *, schema: int) -> None:
    for feld in INTERNE_FELDER:
        k.pop(feld, None)
    if schema < 2 and k.get("gegensteuerung_wer"):
        k["gegensteuerung_wer"] = verantwortlich_oeffentlich(
            k["gegensteuerung_wer"], einheit_text=k.get("organisationseinheit", "")
        )
