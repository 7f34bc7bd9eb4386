"""The evaluation of one Kennzahl as plain JSON data (API responses and stored dashboard rows)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from steuerung.auswertung import Auswertung


def dez(wert: Decimal | None) -> str | None:
    """Decimals travel as strings: JSON numbers would lose exactness."""
    return None if wert is None else str(wert)


AUSWERTUNG_FELDER = (
    "kennzahl",
    "periode",
    "ist",
    "soll",
    "ist_kumuliert",
    "soll_kumuliert",
    "zielerreichungsgrad",
    "bewertung",
    "ampel",
    "fehlende_perioden",
    "vorperiode_wert",
    "abweichung_vorperiode_absolut",
    "abweichung_vorperiode_prozent",
    "vorjahr_wert",
    "abweichung_vorjahr_absolut",
    "abweichung_vorjahr_prozent",
    "prognose_jahresende",
    "prognose_methode",
    "prognosen",
    "prognose_zielerreichungsgrad",
    "prognose_bewertung",
    "prognose_ampel",
    "sorgenampel",
    "erklaerung_noetig",
    "erfassungsstatus",
    "fehlt_begruendung",
    "fehlende_angaben",
    "erfassungsfrist",
    "ueberfaellig",
)
"""The keys of auswertung_als_dict, in order: stored dashboard rows carry more (names, texts)."""


def auswertung_als_dict(a: Auswertung) -> dict[str, Any]:
    """Exact numbers (the ZEG below 0 or above 200 too); pages read them aloud via steuerung.bewertung_text.

    `ist_kumuliert`/`soll_kumuliert` only for a sub-annual sum, `prognose_*` only with a forecast.
    """
    return {
        "kennzahl": a.kennzahl.pk,
        "periode": a.periode.schluessel,
        "ist": dez(a.ist),
        "soll": dez(a.soll),
        "ist_kumuliert": dez(a.ist_kumuliert),
        "soll_kumuliert": dez(a.soll_kumuliert),
        "zielerreichungsgrad": dez(a.zielerreichungsgrad),
        "bewertung": str(a.bewertung),
        "ampel": str(a.ampel),
        "fehlende_perioden": [p.schluessel for p in a.fehlende_perioden],
        "vorperiode_wert": dez(a.vorperiode_wert),
        "abweichung_vorperiode_absolut": dez(a.abweichung_vorperiode.absolut),
        "abweichung_vorperiode_prozent": dez(a.abweichung_vorperiode.prozent),
        "vorjahr_wert": dez(a.vorjahr_wert),
        "abweichung_vorjahr_absolut": dez(a.abweichung_vorjahr.absolut),
        "abweichung_vorjahr_prozent": dez(a.abweichung_vorjahr.prozent),
        "prognose_jahresende": dez(a.prognose.wert) if a.prognose else None,
        "prognose_methode": str(a.prognose.methode) if a.prognose else None,
        "prognosen": [
            {"wert": str(p.wert), "methode": str(p.methode), "methode_text": str(p.methode.label)} for p in a.prognosen
        ],
        "prognose_zielerreichungsgrad": dez(a.prognose_zielerreichungsgrad),
        "prognose_bewertung": str(a.prognose_bewertung) if a.prognose_bewertung else None,
        "prognose_ampel": str(a.prognose_ampel) if a.prognose_ampel else None,
        "sorgenampel": a.sorgenampel,
        "erklaerung_noetig": a.erklaerung_noetig,
        "erfassungsstatus": a.erfassungsstatus,
        "fehlt_begruendung": a.fehlt_begruendung,
        "fehlende_angaben": a.fehlende_angaben,
        "erfassungsfrist": a.frist,
        "ueberfaellig": a.ueberfaellig,
    }
