"""Demo data of the HSK-Controlling: three HSK-Maßnahmen with staff, Soll over the years and
pseudonymous cases with their dated steps (Fallverlauf), and the Präventionsbudget of two years.

At the default Stichtag of the demo (31.10.2026, the month before "today" 30.11.2026) the
three measures stand in the three phases of the sequence (issue "HSK-Controlling II"):
- M HSK 2 "Pflegeberatung" (Amt 50) has reached the Überschussphase since 10/2026;
- M HSK 1 "Rückführung" (Jugendamt) was in the Überschussphase, but the Soll 2026 more than
  doubled: it falls back to the Annäherungsphase in 03/2026 (the demo's Rückfall);
- M HSK 3 "Wohnungssicherung" (Amt 50) started 07/2026 and is still in the Investphase.
Every date is fixed (HEUTE), never today's, so the demo and its tests do not drift.
Idempotent: keyed by natural keys, saves only on change.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import models

from controlling import verlauf_speicher
from controlling.models import (
    Ablaufschritt,
    Einzelfall,
    Fallschritt,
    HSKMassnahme,
    HSKSoll,
    Praeventionsbudget,
    Praeventionsprojekt,
    Stelle,
    Verlaufsstand,
)
from organisation.models import Benutzer, Organisationseinheit
from steuerung.models import Massnahme

D = Decimal
JAHR_PYRAMIDE = 2026
HEUTE = date(2026, 11, 21)

MASSNAHMEN = [
    {
        "code": "M HSK 1",
        "oe": "51",
        "titel": "Rückführung aus stationärer Unterbringung in die Familie",
        "bezeichnung": "Rückführung aus stationärer Unterbringung",
        "wirkungshypothese": (
            "Zwei zusätzliche Fachkräfte des Jugendamts arbeiten ausschließlich mit Familien, deren Kinder in "
            "Heimerziehung (§ 34 SGB VIII) leben. Durch intensive Elternarbeit und eine begleitete Rückführung "
            "endet die stationäre Hilfe früher; vermieden werden rund 4.000 € Heimkosten je Fall und Monat, "
            "abzüglich der ambulanten Anschlusshilfe."
        ),
        "praeventionsform": "tertiaer",
        "beginn": date(2025, 1, 1),
        "personalkosten_jahr": D("120000.00"),
        "stellen": [
            ("Fachkraft Rückführung (S 14)", D("1.00"), D("60000.00"), None),
            ("Fachkraft Rückführung (S 14), zweite Stelle", D("1.00"), D("60000.00"), None),
        ],
        # The Soll 2026 was raised with the HSK update 2026 (from 600.000 €): the measure falls back.
        "soll": {2025: D("250000.00"), 2026: D("1100000.00"), 2027: D("800000.00")},
        "annahme": (40, D("0.6000"), D("48000.00")),
        "ablauf": ["Fallvorauswahl", "Betreuung", "Rückführung", "Ergebnis dokumentiert", "Finanzbewertung"],
        "praefix": "JA-HSK1",
        "faelle": 34,
        "erster_effekt": date(2025, 3, 10),
        "abstand_tage": 17,
        "vermieden": (D("3600.00"), D("4600.00")),
        "neu": (D("600.00"), D("1100.00")),
    },
    {
        "code": "M HSK 2",
        "oe": "50",
        "titel": "Pflegeberatung: ambulant vor stationär",
        "bezeichnung": "Pflegeberatung ambulant vor stationär",
        "wirkungshypothese": (
            "Eine aufsuchende Pflegeberatung erreicht Pflegebedürftige und Angehörige vor einer geplanten "
            "Heimaufnahme. Wird stattdessen eine ambulante Versorgung eingerichtet, entfallen die Heimkosten "
            "der Hilfe zur Pflege (§ 65 SGB XII); die ambulanten Kosten werden gegengerechnet."
        ),
        "praeventionsform": "sekundaer",
        "beginn": date(2025, 4, 1),
        "personalkosten_jahr": D("150000.00"),
        "stellen": [
            ("Pflegeberatung (EG 9c)", D("1.50"), D("97500.00"), None),
            ("Sachbearbeitung Hilfe zur Pflege (EG 9b)", D("1.00"), D("52500.00"), None),
        ],
        "soll": {2025: D("180000.00"), 2026: D("600000.00"), 2027: D("700000.00")},
        "annahme": (80, D("0.4000"), D("21600.00")),
        "ablauf": [
            "Erstberatung",
            "Hilfeplanung",
            "Ambulante Versorgung eingerichtet",
            "Ergebnis dokumentiert",
            "Finanzbewertung",
        ],
        "praefix": "SO-HSK2",
        "faelle": 48,
        "erster_effekt": date(2025, 6, 2),
        "abstand_tage": 11,
        "vermieden": (D("1900.00"), D("2700.00")),
        "neu": (D("350.00"), D("900.00")),
    },
    {
        "code": "M HSK 3",
        "oe": "50",
        "titel": "Wohnungssicherung: Räumungen abwenden",
        "bezeichnung": "Wohnungssicherung",
        "wirkungshypothese": (
            "Eine Sozialarbeiterin der Fachstelle Wohnungssicherung sucht Haushalte nach der Mitteilung einer "
            "Räumungsklage auf und vereinbart mit Vermietern die Übernahme der Mietschulden. Bleibt die Wohnung "
            "erhalten, entfallen die Kosten der Notunterbringung; Beratung und Ratenzahlungen werden "
            "gegengerechnet."
        ),
        "praeventionsform": "sekundaer",
        "beginn": date(2026, 7, 1),
        "personalkosten_jahr": D("90000.00"),
        "stellen": [
            ("Sozialarbeit (S 12)", D("1.00"), D("64000.00"), None),
            ("Verwaltung (EG 9a)", D("0.50"), D("26000.00"), date(2026, 10, 1)),
        ],
        "soll": {2026: D("30000.00"), 2027: D("180000.00")},
        "annahme": (40, D("0.5000"), D("12000.00")),
        "ablauf": [
            "Mitteilung Räumungsklage",
            "Hausbesuch und Beratung",
            "Vereinbarung mit Vermieter",
            "Ergebnis dokumentiert",
            "Finanzbewertung",
        ],
        "praefix": "SO-HSK3",
        "faelle": 12,
        "erster_effekt": date(2026, 9, 15),
        "abstand_tage": 21,
        "vermieden": (D("1100.00"), D("1500.00")),
        "neu": (D("200.00"), D("400.00")),
        # One household moved away after five weeks: the only closed case, so the council reads "< 5".
        "abbrueche": {0: 35},
    },
]

# (bezeichnung, oe, kosten, geschaetzte_einsparung, begruendung)
PROJEKTE_2025 = [
    ("Familienhebammen im Quartier", "51", "22000.00", "88000.00", "Zwei vermiedene Inobhutnahmen je Jahr."),
    ("Schuldnerberatung vor Wohnungsverlust", "50", "17500.00", "64000.00", "Vermiedene Notunterbringungen."),
    ("Sturzprävention in Seniorentreffs", "50", "11000.00", "30500.00", "Weniger Heimaufnahmen nach Stürzen."),
    ("Mobile Jugendarbeit Wattenscheid", "51", "28000.00", "61000.00", "Weniger stationäre Hilfen."),
    ("Pflegelotsen in Hausarztpraxen", "50", "9500.00", "8000.00", "Erstes Jahr: Aufbau der Kontakte."),
    ("Nachbarschaftshilfe Demenz", "50", "18000.00", "50400.00", "Späterer Heimeintritt."),
]
PROJEKTE = [
    ("Familienhebammen im Quartier", "51", "24000.00", "96000.00", "Zwei vermiedene Inobhutnahmen je Jahr."),
    ("Schuldnerberatung vor Wohnungsverlust", "50", "18000.00", "71500.00", "Vermiedene Notunterbringungen."),
    ("Sturzprävention in Seniorentreffs", "50", "12500.00", "46000.00", "Weniger Heimaufnahmen nach Stürzen."),
    ("Elternkurs „Starke Eltern – Starke Kinder“", "51", "15000.00", "52000.00", "Weniger ambulante Hilfen."),
    ("Nachbarschaftshilfe Demenz", "50", "21000.00", "63000.00", "Späterer Heimeintritt."),
    ("Mobile Jugendarbeit Wattenscheid", "51", "30000.00", "84000.00", "Weniger stationäre Hilfen."),
    ("Wohnungsnotfallprävention Hausbesuch", "50", "16000.00", "58000.00", "Räumungsklagen abgewendet."),
    ("Pflegelotsen in Hausarztpraxen", "50", "14000.00", "41000.00", "Frühere Pflegeberatung."),
    ("Sprach-Kita-Brücke", "51", "19500.00", "12000.00", "Wirkung erst langfristig; negativer Saldo im Jahr."),
    ("Ehrenamtliche Alltagsbegleitung", "50", "9000.00", "27400.00", "Vermiedene Kurzzeitpflege."),
]
PRAEVENTIONSJAHR = 2026
OBERGRENZE = D("200000.00")
# year -> (ceiling, projects)
PRAEVENTION = {2025: (D("150000.00"), PROJEKTE_2025), PRAEVENTIONSJAHR: (OBERGRENZE, PROJEKTE)}
# Who documented the cases' steps in the Fallverlauf.
SACHBEARBEITUNG = {"50": "sachbearbeitung50", "51": "sachbearbeitung51"}


def _sichern(modell, schluessel: dict, werte: dict) -> tuple[models.Model, bool]:
    """update_or_create that saves only on a real change (no extra history rows on a rerun)."""
    obj = modell.objects.filter(**schluessel).first()
    if obj is None:
        return modell.objects.create(**schluessel, **werte), True
    geaendert = [f for f, v in werte.items() if getattr(obj, f) != v]
    for feld in geaendert:
        setattr(obj, feld, werte[feld])
    if geaendert:
        obj.save()
    return obj, bool(geaendert)


def _pyramidenmassnahme(daten: dict, oe: Organisationseinheit) -> Massnahme:
    massnahme = Massnahme.objects.filter(jahr=JAHR_PYRAMIDE, code=daten["code"]).first()
    if massnahme is None:  # the Zielpyramide demo did not create it: stand-alone, no Oberziel
        massnahme = Massnahme.objects.create(
            jahr=JAHR_PYRAMIDE, code=daten["code"], titel=daten["titel"], organisationseinheit=oe
        )
    return massnahme


def _zwischen(von: Decimal, bis: Decimal, i: int, schritte: int = 7) -> Decimal:
    return (von + (bis - von) * D((i * 3) % schritte) / D(schritte - 1)).quantize(D("1"))


def _fall(daten: dict, i: int) -> dict:
    """Deterministic case i: staggered effect start; every 7th fails, every 11th is broken off."""
    wirkungsbeginn = daten["erster_effekt"] + timedelta(days=daten["abstand_tage"] * i)
    # A case planned to take effect later was still taken in by HEUTE, never in the future.
    aufnahme = min(
        max(daten["beginn"], wirkungsbeginn - timedelta(days=45 + (i % 4) * 10)), HEUTE - timedelta(days=i % 5)
    )
    werte = {
        "aufnahme": aufnahme,
        "wirkungsbeginn": wirkungsbeginn,
        "wirkungsende": None,
        "vermiedene_kosten_monat": _zwischen(*daten["vermieden"], i),
        "neue_kosten_monat": _zwischen(*daten["neu"], i + 2),
        "ergebnis": "erfolgreich",
        "zielerreichung_text": "Ziel des Hilfeplans erreicht.",
        "zielerreichungsgrad": 4 + i % 2,
        "schritt": -1,
    }
    if wirkungsbeginn > HEUTE - timedelta(days=20):
        # Newest cases: still being prepared, no effect yet.
        werte.update(
            wirkungsbeginn=None, ergebnis="offen", zielerreichung_text="", zielerreichungsgrad=None, schritt=i % 2
        )
    elif i in daten.get("abbrueche", {}):
        werte.update(
            wirkungsende=wirkungsbeginn + timedelta(days=daten["abbrueche"][i]),
            ergebnis="abgebrochen",
            zielerreichung_text="Haushalt ist verzogen; Beratung beendet.",
            zielerreichungsgrad=2,
            schritt=3,
        )
    elif i % 7 == 3:
        werte.update(
            wirkungsende=wirkungsbeginn + timedelta(days=75),
            ergebnis="nicht_erfolgreich",
            zielerreichung_text="Erneute stationäre Aufnahme nach Krise.",
            zielerreichungsgrad=1,
            schritt=3,
        )
    elif i % 11 == 5:
        werte.update(
            wirkungsende=wirkungsbeginn + timedelta(days=40),
            ergebnis="abgebrochen",
            zielerreichung_text="Familie hat die Mitwirkung beendet.",
            zielerreichungsgrad=2,
            schritt=3,
        )
    elif wirkungsbeginn > HEUTE - timedelta(days=120):
        werte.update(
            ergebnis="offen", zielerreichung_text="Wirkung läuft, Ergebnis folgt.", zielerreichungsgrad=3, schritt=2
        )
    return werte


def _schrittdaten(werte: dict, *, stufe: int, i: int) -> list[tuple[int, date]]:
    """(step number, since) for every step the case has passed up to its current one `stufe`.

    Step 0 on intake, step 1 some days later, step 2 when the effect begins, step 3 (result
    documented) at the end of the effect or two to three months into a lasting one, step 4
    (Finanzbewertung) two weeks after that; never after HEUTE, never before the previous step.
    """
    aufnahme = werte["aufnahme"]
    beginn = werte["wirkungsbeginn"]
    ergebnis_tag = werte["wirkungsende"] or (beginn and beginn + timedelta(days=60 + (i % 5) * 7))
    geplant = [
        aufnahme,
        aufnahme + timedelta(days=8 + (i % 3) * 5),
        beginn,
        ergebnis_tag,
        ergebnis_tag and ergebnis_tag + timedelta(days=14),
    ]
    ergebnis: list[tuple[int, date]] = []
    for nr, tag in enumerate(geplant[: stufe + 1]):
        tag = min(tag or HEUTE, HEUTE)
        if ergebnis:
            tag = max(tag, ergebnis[-1][1])
        ergebnis.append((nr, tag))
    return ergebnis


def _fallverlauf_sichern(fall: Einzelfall, soll: list[tuple[Ablaufschritt, date]], benutzer) -> None:
    """Write the case's Fallverlauf if it differs from the planned one (the demo's own history only)."""
    ist = [(s.ablaufschritt_id, s.datum) for s in fall.fallverlauf.order_by("datum", "id")]
    if ist == [(schritt.pk, tag) for schritt, tag in soll]:
        return
    fall.fallverlauf.all().delete()
    Fallschritt.objects.bulk_create(
        Fallschritt(
            einzelfall=fall, ablaufschritt=schritt, bezeichnung=schritt.bezeichnung, datum=tag, benutzer=benutzer
        )
        for schritt, tag in soll
    )


def _massnahme_laden(daten: dict, oe: dict[str, Organisationseinheit]) -> None:
    einheit = oe[daten["oe"]]
    faelle, erfolg, kosten = daten["annahme"]
    hsk, geaendert = _sichern(
        HSKMassnahme,
        {"bezeichnung": daten["bezeichnung"]},
        {
            "massnahme": _pyramidenmassnahme(daten, einheit),
            "organisationseinheit": einheit,
            "wirkungshypothese": daten["wirkungshypothese"],
            "praeventionsform": daten["praeventionsform"],
            "beginn": daten["beginn"],
            "ende": None,
            "personalkosten_jahr": daten["personalkosten_jahr"],
            "annahme_faelle": faelle,
            "annahme_erfolgsquote": erfolg,
            "annahme_vermiedene_kosten_jahr": kosten,
        },
    )
    for bezeichnung, vzae, jahreskosten, besetzt_ab in daten["stellen"]:
        geaendert |= _sichern(
            Stelle,
            {"hsk_massnahme": hsk, "bezeichnung": bezeichnung},
            {"vzae": vzae, "jahreskosten": jahreskosten, "beginn": besetzt_ab},
        )[1]
    for jahr, betrag in daten["soll"].items():
        geaendert |= _sichern(HSKSoll, {"hsk_massnahme": hsk, "jahr": jahr}, {"betrag": betrag})[1]
    schritte = [
        _sichern(Ablaufschritt, {"hsk_massnahme": hsk, "bezeichnung": name}, {"reihenfolge": nr})[0]
        for nr, name in enumerate(daten["ablauf"], start=1)
    ]
    bearbeitung = Benutzer.objects.filter(username=SACHBEARBEITUNG[daten["oe"]]).first()
    for i in range(daten["faelle"]):
        werte = _fall(daten, i)
        stufe = werte.pop("schritt") % len(schritte)
        werte["ablaufschritt"] = schritte[stufe]
        fall, fall_geaendert = _sichern(
            Einzelfall, {"hsk_massnahme": hsk, "pseudonym": f"{daten['praefix']}-{i + 1:03d}"}, werte
        )
        geaendert |= fall_geaendert
        _fallverlauf_sichern(
            fall, [(schritte[nr], tag) for nr, tag in _schrittdaten(werte, stufe=stufe, i=i)], bearbeitung
        )
    stand, neu = Verlaufsstand.objects.get_or_create(hsk_massnahme=hsk)
    if geaendert or neu or stand.berechnet is None:
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk.pk)


def laden() -> None:
    oe = {o.kuerzel: o for o in Organisationseinheit.objects.filter(kuerzel__in=["50", "51"])}
    for daten in MASSNAHMEN:
        _massnahme_laden(daten, oe)
    alle = {o.kuerzel: o for o in Organisationseinheit.objects.all()}
    for jahr, (obergrenze, projekte) in PRAEVENTION.items():
        _sichern(Praeventionsbudget, {"jahr": jahr}, {"obergrenze": obergrenze})
        for bezeichnung, kuerzel, kosten, einsparung, begruendung in projekte:
            _sichern(
                Praeventionsprojekt,
                {"jahr": jahr, "bezeichnung": bezeichnung},
                {
                    "organisationseinheit": alle[kuerzel],
                    "kosten": D(kosten),
                    "geschaetzte_einsparung": D(einsparung),
                    "begruendung": begruendung,
                },
            )
