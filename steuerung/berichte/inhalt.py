"""Content of a Tertialbericht: every Kennzahl of the unit rated for the tertial, and the snapshot payload.

The rating comes from the issue-4 evaluation (steuerung.auswertung over the status engine
steuerung.bewertung and steuerung.prognose); this module only arranges it:
1. `kennzahlzeilen`: one row per Kennzahl of the unit and its sub-units (Ist, Soll, ZEG, Ampel,
   deviations, forecast, explanation and countermeasure, whether an explanation is missing);
2. `inhalt_bauen`: the report as plain data (summary first: on track, not on track and what is
   being done about it; then per Leitziel), Decimals as strings, deterministic order. The same
   payload feeds the HTML page, the PDF, the Excel file and the frozen snapshot.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import periods
from core.sortierung import natuerlich
from core.zwischenspeicher import zwischenspeicher
from organisation.models import Organisationseinheit
from organisation.selectors import unterbaum_ids
from steuerung import auswertung, bewertung, prognose
from steuerung.berichte import abschnitte, oeffentlich
from steuerung.models import Kennzahl, Messwert, Veroeffentlichung
from steuerung.reihen import reihen_laden
from steuerung.zielbaum import LEITZIEL_PFADE, leitziel_von

# 2: council-safe (steuerung.berichte.oeffentlich), completeness, Protokoll anchor.
# 3: without the internal Kommentar of a Messwert.
SCHEMA_VERSION = 3
AMPEL_REIHENFOLGE = ["rot", "gelb", "gruen", "grau"]
AMPEL_TEXT = {a.value: str(a.label) for a in bewertung.Ampel}
BEWERTUNG_TEXT = {b.value: str(b.label) for b in bewertung.Bewertung}
METHODE_TEXT = {m.value: str(m.label) for m in prognose.Methode}


def dezimal_text(wert: Decimal | None) -> str | None:
    """A Decimal as a plain string without exponent or trailing zeros ("47", "12.5"); None stays None."""
    if wert is None:
        return None
    text = format(wert.normalize(), "f")
    return "0" if text in ("-0", "") else text


@dataclass
class Kennzahlzeile:
    """One Kennzahl of the report, all numbers as strings (or None)."""

    kennzahl_id: int
    code: str
    bezeichnung: str
    einheit: str
    richtung: str
    organisationseinheit: str
    leitziel_code: str
    leitziel_titel: str
    periode: str
    periode_bezeichnung: str
    ist: str | None
    soll: str | None
    zielerreichungsgrad: str | None
    bewertung: str
    bewertung_text: str
    ampel: str
    ampel_text: str
    vorjahr_wert: str | None
    abweichung_vorjahr_prozent: str | None
    vorperiode_wert: str | None
    abweichung_vorperiode_prozent: str | None
    prognose_jahresende: str | None
    prognose_methode: str
    sorgenampel: bool
    sorgenampel_grund: str
    kommentar: str
    begruendung: str
    gegensteuerung_was: str
    gegensteuerung_wer: str
    gegensteuerung_bis: str | None
    erklaerung_noetig: bool
    erklaerung_fehlt: bool
    fehlt_begruendung: str = ""
    messwert_id: int | None = None
    # Kennzahlen II (steuerung.periodenbewertung): the ZEG read aloud, the year to date of a
    # sub-annual sum, the judged forecast and why a value is missing.
    zeg_text: str = "–"
    ist_kumuliert: str | None = None
    soll_kumuliert: str | None = None
    prognose_zielerreichungsgrad: str | None = None
    prognose_ampel: str | None = None
    # The Ausgangswert and its Basisjahr where the ZEG is measured from it (else None).
    ausgangswert: str | None = None
    ausgangsjahr: int | None = None
    # Not stored: the Kennzahl's unit as the council reads it ("Abteilung 50 2").
    einheit_text: str = ""

    @property
    def wert_fehlt_unbegruendet(self) -> bool:
        """No value and no reason why: the report cannot be submitted like this."""
        return self.ist is None and not self.fehlt_begruendung


def kennzahlzeilen(*, organisationseinheit: Organisationseinheit, periode: str) -> list[Kennzahlzeile]:
    """Rate every Kennzahl of the unit (and its sub-units) for the tertial with the issue-4 evaluation.

    A constant number of queries: Kennzahlen with their goal chain, then the series (steuerung.reihen).
    Kennzahlen not due in this tertial (yearly ones before Tertial 3) are left out.
    """
    tertial = periods.periode(periode)
    einheiten = unterbaum_ids([organisationseinheit.pk])
    kennzahlen = list(
        Kennzahl.objects.filter(jahr=tertial.jahr, organisationseinheit_id__in=einheiten, archiviert=False)
        .select_related("organisationseinheit", *LEITZIEL_PFADE)
        .order_by("code", "bezeichnung", "id")
    )
    reihen = reihen_laden(kennzahlen)
    zeilen = []
    with zwischenspeicher():  # the deadlines once, not per Kennzahl
        auswertungen = {
            k.pk: auswertung.auswerten(k, p, reihen[k.pk])
            for k in kennzahlen
            for p, faellig in [auswertung.periode_fuer_rhythmus(k.erhebungsrhythmus, tertial)]
            if faellig
        }
    for k in kennzahlen:
        if k.pk not in auswertungen:
            continue
        a = auswertungen[k.pk]
        mw = a.messwert
        prog = a.prognose
        lz = leitziel_von(k)
        vom_ausgangswert = (
            a.zielerreichungsgrad is not None
            and not a.kumuliert
            and bewertung.vom_ausgangswert(soll=a.soll, ausgangswert=k.ausgangswert)
        )
        zeilen.append(
            Kennzahlzeile(
                kennzahl_id=k.pk,
                code=k.code,
                bezeichnung=k.bezeichnung,
                einheit=k.einheit,
                richtung=k.richtung,
                organisationseinheit=k.organisationseinheit.kuerzel,
                leitziel_code=lz.code if lz else "",
                leitziel_titel=lz.titel if lz else "",
                periode=a.periode.schluessel,
                periode_bezeichnung=a.periode.bezeichnung,
                ist=dezimal_text(a.ist),
                soll=dezimal_text(a.soll),
                zielerreichungsgrad=dezimal_text(a.zielerreichungsgrad),
                bewertung=a.bewertung.value,
                bewertung_text=BEWERTUNG_TEXT[a.bewertung.value],
                ampel=a.ampel.value,
                ampel_text=AMPEL_TEXT[a.ampel.value],
                vorjahr_wert=dezimal_text(a.vorjahr_wert),
                abweichung_vorjahr_prozent=dezimal_text(a.abweichung_vorjahr.prozent),
                vorperiode_wert=dezimal_text(a.vorperiode_wert),
                abweichung_vorperiode_prozent=dezimal_text(a.abweichung_vorperiode.prozent),
                prognose_jahresende=dezimal_text(prog.wert if prog else None),
                prognose_methode=METHODE_TEXT[prog.methode.value] if prog else "",
                sorgenampel=a.sorgenampel,
                sorgenampel_grund=mw.sorgenampel_grund if mw else "",
                kommentar=mw.kommentar if mw else "",
                begruendung=mw.begruendung if mw else "",
                gegensteuerung_was=mw.gegensteuerung_was if mw else "",
                gegensteuerung_wer=mw.gegensteuerung_wer if mw else "",
                gegensteuerung_bis=mw.gegensteuerung_bis.isoformat() if mw and mw.gegensteuerung_bis else None,
                erklaerung_noetig=a.erklaerung_noetig,
                erklaerung_fehlt=bool(a.fehlende_angaben),
                messwert_id=mw.pk if mw else None,
                zeg_text=a.zeg_text,
                ist_kumuliert=dezimal_text(a.ist_kumuliert),
                soll_kumuliert=dezimal_text(a.soll_kumuliert),
                prognose_zielerreichungsgrad=dezimal_text(a.prognose_zielerreichungsgrad),
                prognose_ampel=a.prognose_ampel.value if a.prognose_ampel else None,
                fehlt_begruendung=a.fehlt_begruendung,
                ausgangswert=dezimal_text(k.ausgangswert) if vom_ausgangswert else None,
                ausgangsjahr=k.ausgangsjahr if vom_ausgangswert else None,
                einheit_text=f"{k.organisationseinheit.get_ebene_display()} {k.organisationseinheit.kuerzel}",
            )
        )
    zeilen.sort(key=lambda z: (natuerlich(z.code), natuerlich(z.bezeichnung), z.kennzahl_id))
    return zeilen


def fehlende_erklaerungen(*, organisationseinheit: Organisationseinheit, periode: str) -> list[Kennzahlzeile]:
    """Kennzahlen whose Begründung or Gegensteuerung (what, who, by when) is required but missing."""
    return [z for z in kennzahlzeilen(organisationseinheit=organisationseinheit, periode=periode) if z.erklaerung_fehlt]


def fehlende_werte(*, organisationseinheit: Organisationseinheit, periode: str) -> list[Kennzahlzeile]:
    """Due Kennzahlen with neither a value nor a reason why it is missing (they block submission)."""
    return [
        z
        for z in kennzahlzeilen(organisationseinheit=organisationseinheit, periode=periode)
        if z.wert_fehlt_unbegruendet
    ]


def vollstaendigkeit(zeilen: list[dict]) -> dict:
    """How complete the report is: "7 von 8 Kennzahlen mit Wert, 1 begründet fehlend" (rows as in the content)."""
    anzahl = len(zeilen)
    mit_wert = sum(1 for z in zeilen if z["ist"] is not None)
    begruendet = sum(1 for z in zeilen if z["ist"] is None and z.get("fehlt_begruendung"))
    fehlend = anzahl - mit_wert - begruendet
    text = ngettext(
        "%(mit_wert)s von %(anzahl)s Kennzahl mit Wert", "%(mit_wert)s von %(anzahl)s Kennzahlen mit Wert", anzahl
    ) % {"mit_wert": mit_wert, "anzahl": anzahl}
    if begruendet:
        text += ", " + _("%(n)s begründet fehlend") % {"n": begruendet}
    if fehlend:
        text += ", " + _("%(n)s ohne Wert und ohne Begründung") % {"n": fehlend}
    return {"anzahl": anzahl, "mit_wert": mit_wert, "begruendet_fehlend": begruendet, "fehlend": fehlend, "text": text}


def _zeile_daten(z: Kennzahlzeile, *, fuer_rat: bool, einheiten: frozenset[str]) -> dict:
    daten = asdict(z)
    daten.pop("messwert_id")
    daten.pop("einheit_text")
    if fuer_rat:
        for feld in oeffentlich.INTERNE_FELDER:
            daten.pop(feld)
        daten["gegensteuerung_wer"] = oeffentlich.verantwortlich_oeffentlich(
            z.gegensteuerung_wer, einheit_text=z.einheit_text, einheiten=einheiten
        )
    return daten


def inhalt_bauen(
    *,
    organisationseinheit: Organisationseinheit,
    periode: str,
    kopf: dict | None = None,
    zeilen: list[Kennzahlzeile] | None = None,
    fuer_rat: bool = False,
) -> dict:
    """The report as plain, deterministic data (summary first, then per Leitziel).

    The report's Stichtag (abschnitte.stichtag_von) is taken once here and stored with the
    tertial's end, so the sections and the heading agree and a publication freezes it.
    `kopf` carries publication facts (fassung, veroeffentlicht_am, von, verlauf, protokoll); the
    page of an unpublished report passes none. `fuer_rat` (a publication) leaves out the internal
    Kommentar and replaces a "verantwortlich" that is not a role by the Kennzahl's unit
    (steuerung.berichte.oeffentlich).
    """
    if zeilen is None:
        zeilen = kennzahlzeilen(organisationseinheit=organisationseinheit, periode=periode)
    einheiten = frozenset(Organisationseinheit.objects.values_list("kuerzel", flat=True)) if fuer_rat else frozenset()
    daten = [_zeile_daten(z, fuer_rat=fuer_rat, einheiten=einheiten) for z in zeilen]
    je_ampel = {a: sum(1 for z in daten if z["ampel"] == a) for a in AMPEL_REIHENFOLGE}
    im_plan = [z for z in daten if z["ampel"] == "gruen" and not z["sorgenampel"]]
    nicht_im_plan = [z for z in daten if z["ampel"] in ("rot", "gelb") or z["sorgenampel"]]
    nicht_im_plan.sort(
        key=lambda z: (AMPEL_REIHENFOLGE.index(z["ampel"]), natuerlich(z["code"]), natuerlich(z["bezeichnung"]))
    )
    ohne_daten = [z for z in daten if z["ampel"] == "grau" and not z["sorgenampel"]]

    gruppen: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for z in daten:
        gruppen[(z["leitziel_code"], z["leitziel_titel"])].append(z)
    leitziele = []
    for (code, titel), eintraege in sorted(
        gruppen.items(), key=lambda g: (g[0][0] == "", natuerlich(g[0][0]), natuerlich(g[0][1]))
    ):
        verdichtung = bewertung.verdichten([bewertung.Baustein(ampel=z["ampel"], ursache=z["code"]) for z in eintraege])
        leitziele.append(
            {
                "code": code,
                "titel": titel or "ohne Zuordnung zu einem Leitziel",
                "ampel": verdichtung.ampel.value,
                "ampel_text": AMPEL_TEXT[verdichtung.ampel.value],
                "ursache": verdichtung.ursache or "",
                "kennzahlen": eintraege,
            }
        )
    tertial = periods.periode(periode)
    stichtag = abschnitte.stichtag_von(tertial)
    return {
        "schema": SCHEMA_VERSION,
        "bericht": {
            "organisationseinheit": {"kuerzel": organisationseinheit.kuerzel, "name": organisationseinheit.name},
            "periode": tertial.schluessel,
            "periode_bezeichnung": tertial.bezeichnung,
            "stichtag": stichtag.isoformat(),
            "tertial_ende": tertial.ende.isoformat(),
            **(kopf or {}),
        },
        "zusammenfassung": {
            "anzahl": len(daten),
            "je_ampel": je_ampel,
            "im_plan": im_plan,
            "nicht_im_plan": nicht_im_plan,
            "ohne_daten": ohne_daten,
            "vollstaendigkeit": vollstaendigkeit(daten),
        },
        "leitziele": leitziele,
        "abschnitte": abschnitte.daten_bauen(
            organisationseinheit=organisationseinheit, periode=tertial, stichtag=stichtag
        ),
        "diagramm": {
            "titel": "Zielerreichungsgrad je Kennzahl (in %)",
            "balken": [
                {
                    "code": z["code"],
                    "bezeichnung": z["bezeichnung"],
                    "zielerreichungsgrad": z["zielerreichungsgrad"],
                    "ampel": z["ampel"],
                    "ampel_text": z["ampel_text"],
                }
                for z in daten
            ],
        },
    }


_VERFOLGTE_FELDER = {
    "wert": "Ist-Wert",
    "begruendung": "Begründung",
    "gegensteuerung_was": "Gegensteuerung",
    "gegensteuerung_wer": "verantwortlich",
    "gegensteuerung_bis": "bis",
    "sorgenampel": "Sorgenampel",
}


def wertaenderungen(*, zeilen: list[Kennzahlzeile]) -> list[dict]:
    """Value changes of the report's Messwerte (who, when, old → new) from their history, oldest first; one query."""
    paare = {(z.kennzahl_id, z.periode): z for z in zeilen}
    if not paare:
        return []
    historie = (
        Messwert.history.model.objects.filter(
            kennzahl_id__in={k for k, _p in paare}, periode__in={p for _k, p in paare}
        )
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    vorher: dict[int, object] = {}
    ergebnis = []
    for h in historie:
        zeile = paare.get((h.kennzahl_id, h.periode))
        alt = vorher.get(h.id)
        vorher[h.id] = h
        if zeile is None:
            continue
        for feld, name in _VERFOLGTE_FELDER.items():
            neu_wert = getattr(h, feld)
            alt_wert = getattr(alt, feld) if alt is not None else None
            if neu_wert == alt_wert or (alt is None and neu_wert in (None, "", False)):
                continue
            wer = h.history_user.get_full_name() or h.history_user.get_username() if h.history_user else "System"
            ergebnis.append(
                {
                    "zeitpunkt": h.history_date,
                    "wer": wer,
                    "kennzahl": f"{zeile.code} {zeile.bezeichnung}".strip(),
                    "feld": name,
                    "alt": alt_wert,
                    "neu": neu_wert,
                    "ist_zahl": feld == "wert",
                }
            )
    ergebnis.sort(key=lambda e: e["zeitpunkt"])
    return ergebnis


def veroeffentlichungen_fuer(user):
    """Published reports a user may read: all of them, for every role with the permission.

    A published report is public to the council, so hiding it from staff of other units
    would protect nothing.
    """
    qs = Veroeffentlichung.objects.select_related("organisationseinheit", "veroeffentlicht_von").defer("pdf", "excel")
    if not user.has_perm("steuerung.view_veroeffentlichung"):
        return qs.none()
    return qs
