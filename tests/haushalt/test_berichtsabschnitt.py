"""The report's finance section: data at the Stichtag, the explanation rule before submission,
the explanation's lock, the frozen snapshot, Excel; the explanation page and API per persona."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from core import periods
from haushalt import berichtsabschnitt, services
from haushalt.models import Finanzerlaeuterung
from steuerung.berichte import abschnitte
from steuerung.berichte.sperre import Schreibsperre
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_holen_oder_anlegen,
    tertialbericht_veroeffentlichen,
    tertialbericht_wieder_oeffnen,
)
from steuerung.models import Produktgruppe

pytestmark = pytest.mark.django_db
T2 = periods.periode("2026-T2")


def _bauen(einheit, periode=T2):
    return berichtsabschnitt.abschnitt_bauen(organisationseinheit=einheit, periode=periode, stichtag=periode.ende)


def _erlaeutern(user, nummer="1.31.01", begruendung="Mehr Fälle.", gegensteuerung="Prüfung, AL 50 2, bis 31.12."):
    e = Finanzerlaeuterung.objects.filter(produktgruppe__nummer=nummer, periode=T2.schluessel).first()
    return services.finanzerlaeuterung_speichern(
        produktgruppe=Produktgruppe.objects.get(nummer=nummer),
        periode=T2.schluessel,
        daten={"begruendung": begruendung, "gegensteuerung": gegensteuerung},
        user=user,
        revision=e.revision if e else 0,
    )


def test_abschnitt_ist_registriert():
    assert abschnitte.abschnitt("finanzen") is berichtsabschnitt.ABSCHNITT


def test_abschnitt_bauen_zum_stichtag(haushalt_2026, einheiten, sachbearbeitung50):
    _erlaeutern(sachbearbeitung50)
    assert _bauen(einheiten["50"]) == {
        "jahr": 2026,
        "stichtag": "2026-08-31",
        "ist_stand": "2026-08-31",
        "schwelle_prozent": "10.00",
        "schwelle_betrag": "100000.00",
        "zeilen": [
            {
                "nummer": "1.31.01",
                "bezeichnung": "Leistungen nach dem SGB XII",
                "ansatz": "17000000.00",
                "ist": "8740000.00",
                "ist_stichtag": "2026-08-31",
                "prognose": "17860000.00",
                "prognose_stichtag": "2026-08-31",
                "prognose_ist_jahresende": False,
                "abweichung": "860000.00",
                "abweichung_prozent": "5.1",
                "erklaerung_noetig": True,
                "begruendung": "Mehr Fälle.",
                "gegensteuerung": "Prüfung, AL 50 2, bis 31.12.",
            },
            {
                "nummer": "1.31.06",
                "bezeichnung": "Förderung der Wohlfahrtspflege",
                "ansatz": "1000000.00",
                "ist": None,
                "ist_stichtag": None,
                "prognose": "1050000.00",
                "prognose_stichtag": "2026-08-31",
                "prognose_ist_jahresende": False,
                "abweichung": "50000.00",
                "abweichung_prozent": "5.0",
                "erklaerung_noetig": False,
                "begruendung": "",
                "gegensteuerung": "",
            },
        ],
        "summe": {
            "ansatz": "18000000.00",
            "ist": "8740000.00",
            "prognose": "18910000.00",
            "abweichung": "910000.00",
        },
    }
    # The Jugendamt sees only its own Produktgruppe; a unit without Produkte has no section.
    assert [z["nummer"] for z in _bauen(einheiten["51"])["zeilen"]] == ["1.36.03"]
    assert _bauen(einheiten["50 2"])["summe"]["ansatz"] == "17000000.00"


def test_ist_zum_jahresende_gilt_als_prognose(produkte, einheiten):
    from tests.haushalt.conftest import csv_datei

    services.haushalt_importieren(
        name="2025.csv",
        inhalt=csv_datei(
            "1.31.06.04;15;Ansatz;2025;;1.000.000,00",
            "1.31.06.04;15;Ist;2025;31.12.2025;880.000,00",
        ),
        user=None,
    )
    t3 = periods.periode("2025-T3")
    zeile = _bauen(einheiten["50"], t3)["zeilen"][0]
    assert (zeile["prognose"], zeile["prognose_ist_jahresende"], zeile["abweichung"], zeile["abweichung_prozent"]) == (
        "880000.00",
        True,
        "-120000.00",
        "-12.0",
    )
    assert zeile["erklaerung_noetig"] is True  # negative deviation above both thresholds
    # At the second tertial the Ist of 31.12. is not known yet.
    assert _bauen(einheiten["50"], periods.periode("2025-T2"))["zeilen"][0]["prognose"] is None


def test_einreichen_erst_mit_begruendung_und_gegensteuerung(
    haushalt_2026, einheiten, sachbearbeitung50, amtsleitung50, dezernat
):
    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode=T2.schluessel)
    with pytest.raises(ValidationError) as fehler:
        tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert "1.31.01 Leistungen nach dem SGB XII (860.000,00 €)" in " ".join(fehler.value.messages)
    assert "1.31.06" not in " ".join(fehler.value.messages)
    _erlaeutern(sachbearbeitung50, gegensteuerung="  ")  # only a Begründung: still blocked
    with pytest.raises(ValidationError):
        tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    _erlaeutern(sachbearbeitung50)
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    # Submitted: the explanation is frozen, with the report's state in the message.
    with pytest.raises(Schreibsperre) as sperre:
        _erlaeutern(sachbearbeitung50, begruendung="Nachträglich geändert.")
    assert "eingereicht" in sperre.value.messages[0].lower()
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    v = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    finanzen = next(a for a in v.daten["abschnitte"] if a["schluessel"] == "finanzen")
    assert finanzen["daten"]["zeilen"][0]["begruendung"] == "Mehr Fälle."
    # The Excel file of the publication has the sheet "Finanzen" with numbers as numbers.
    blatt = load_workbook(io.BytesIO(bytes(v.excel)))["Finanzen"]
    zeilen = list(blatt.iter_rows(values_only=True))
    assert zeilen[0][:3] == ("Produktgruppe", "Bezeichnung", "Ansatz €")
    assert zeilen[1][:9] == (
        "1.31.01",
        "Leistungen nach dem SGB XII",
        17000000,
        8740000,
        datetime(2026, 8, 31),
        17860000,
        860000,
        5.1,
        "ja",
    )
    # Reopened and changed: the published snapshot keeps what was published.
    tertialbericht_wieder_oeffnen(bericht=bericht, user=dezernat, begruendung="Korrektur")
    _erlaeutern(sachbearbeitung50, begruendung="Neu formuliert.")
    v.refresh_from_db()
    finanzen = next(a for a in v.daten["abschnitte"] if a["schluessel"] == "finanzen")
    assert finanzen["daten"]["zeilen"][0]["begruendung"] == "Mehr Fälle."


def test_erlaeuterung_nur_fuer_eigene_produktgruppen_und_rollen(
    haushalt_2026, sachbearbeitung51, kaemmerei, ratsmitglied
):
    with pytest.raises(PermissionDenied):
        _erlaeutern(sachbearbeitung51)  # 1.31.01 belongs to Amt 50
    with pytest.raises(PermissionDenied):
        _erlaeutern(kaemmerei)  # reads, does not explain
    with pytest.raises(PermissionDenied):
        _erlaeutern(ratsmitglied)
    assert not Finanzerlaeuterung.objects.exists()


def test_veralteter_bearbeitungsstand_wird_abgelehnt(haushalt_2026, sachbearbeitung50, amtsleitung50):
    erste = _erlaeutern(sachbearbeitung50)
    _erlaeutern(amtsleitung50, begruendung="Amtsleitung ergänzt.")
    with pytest.raises(ValidationError) as fehler:
        services.finanzerlaeuterung_speichern(
            produktgruppe=erste.produktgruppe,
            periode=T2.schluessel,
            daten={"begruendung": "Alt", "gegensteuerung": "Alt"},
            user=sachbearbeitung50,
            revision=erste.revision,
        )
    assert "inzwischen geändert" in str(fehler.value)
    assert Finanzerlaeuterung.objects.get().begruendung == "Amtsleitung ergänzt."


# --- Page and API per persona -----------------------------------------------------------------

PERSONEN = ["sachbearbeitung50", "sachbearbeitung51", "amtsleitung50", "dezernat", "steuerung", "kaemmerei"]


def _client(user) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_seite_je_persona(request, haushalt_2026, einheiten):
    url = f"/finanzen/erlaeuterungen/{einheiten['50'].pk}/2026-T2/"
    erhalten = {p: _client(request.getfixturevalue(p)).get(url).status_code for p in [*PERSONEN, "ratsmitglied"]}
    erhalten["anonym"] = _client(None).get(url).status_code
    assert erhalten == {
        "sachbearbeitung50": 200,
        "sachbearbeitung51": 404,
        "amtsleitung50": 200,
        "dezernat": 200,
        "steuerung": 200,
        "kaemmerei": 200,
        "ratsmitglied": 403,
        "anonym": 302,
    }
    assert _client(request.getfixturevalue("sachbearbeitung50")).get(url.replace("2026-T2", "2026")).status_code == 404


def test_seite_speichert_und_sperrt(request, haushalt_2026, einheiten, sachbearbeitung50, kaemmerei):
    url = f"/finanzen/erlaeuterungen/{einheiten['50'].pk}/2026-T2/"
    gruppe = Produktgruppe.objects.get(nummer="1.31.01")
    seite = _client(sachbearbeitung50).get(url).content.decode()
    assert "Erläuterung erforderlich: Begründung und Gegensteuerung fehlen noch." in seite
    daten = {
        "produktgruppe": gruppe.pk,
        f"pg{gruppe.pk}-begruendung": "Mehr Leistungsberechtigte.",
        f"pg{gruppe.pk}-gegensteuerung": "Ambulant vor stationär, AL 50 2, 31.12.",
        f"pg{gruppe.pk}-revision": "0",
    }
    assert _client(kaemmerei).post(url, daten).status_code == 403
    antwort = _client(sachbearbeitung50).post(url, daten)
    assert antwort.status_code == 302
    assert Finanzerlaeuterung.objects.get().begruendung == "Mehr Leistungsberechtigte."
    # A stale form (revision 0 again) is refused with the conflict message, nothing changes.
    daten[f"pg{gruppe.pk}-begruendung"] = "Überschrieben?"
    seite = _client(sachbearbeitung50).post(url, daten).content.decode()
    assert "inzwischen geändert" in seite
    assert Finanzerlaeuterung.objects.get().begruendung == "Mehr Leistungsberechtigte."
    # Submitted: read-only page with the lock's reason.
    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-T2")
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    seite = _client(sachbearbeitung50).get(url).content.decode()
    assert "sind gesperrt" in seite and "Erläuterung zu 1.31.01 speichern" not in seite


def test_berichtsseite_nennt_fehlende_erlaeuterung_und_verlinkt(haushalt_2026, einheiten, sachbearbeitung50):
    seite = _client(sachbearbeitung50).get(f"/berichte/{einheiten['50'].pk}/2026-T2/").content.decode()
    assert "Finanzen: Zuschussbedarf je Produktgruppe" in seite
    assert f"/finanzen/erlaeuterungen/{einheiten['50'].pk}/2026-T2/" in seite
    assert "Leistungen nach dem SGB XII (860.000,00 €)" in seite


def test_api_je_persona(request, api, haushalt_2026, einheiten, sachbearbeitung50):
    _erlaeutern(sachbearbeitung50)
    liste = {
        p: api(request.getfixturevalue(p)).get("/api/v1/finanzerlaeuterungen/?periode=2026-T2")
        for p in [*PERSONEN, "ratsmitglied"]
    }
    assert {p: (a.status_code, a.json().get("count")) for p, a in liste.items()} == {
        "sachbearbeitung50": (200, 1),
        "sachbearbeitung51": (200, 0),
        "amtsleitung50": (200, 1),
        "dezernat": (200, 1),
        "steuerung": (200, 1),
        "kaemmerei": (200, 1),
        "ratsmitglied": (403, None),
    }
    e = Finanzerlaeuterung.objects.get()
    neu = {"produktgruppe": "1.31.06", "periode": "2026-T2", "begruendung": "freiwillig", "gegensteuerung": ""}
    assert (
        api(request.getfixturevalue("kaemmerei")).post("/api/v1/finanzerlaeuterungen/", neu, format="json").status_code
        == 403
    )
    assert (
        api(request.getfixturevalue("sachbearbeitung51"))
        .post("/api/v1/finanzerlaeuterungen/", neu, format="json")
        .status_code
        == 403
    )
    angelegt = api(sachbearbeitung50).post("/api/v1/finanzerlaeuterungen/", neu, format="json")
    assert angelegt.status_code == 201, angelegt.json()
    doppelt = api(sachbearbeitung50).post("/api/v1/finanzerlaeuterungen/", neu, format="json")
    assert doppelt.status_code == 400
    unbekannt = api(sachbearbeitung50).patch(
        f"/api/v1/finanzerlaeuterungen/{e.pk}/", {"begruendung": "x", "foo": 1}, format="json"
    )
    assert unbekannt.status_code == 400
    veraltet = api(sachbearbeitung50).patch(
        f"/api/v1/finanzerlaeuterungen/{e.pk}/", {"begruendung": "x", "revision": e.revision + 5}, format="json"
    )
    assert veraltet.status_code == 400 and "inzwischen geändert" in str(veraltet.json())
    ok = api(sachbearbeitung50).patch(
        f"/api/v1/finanzerlaeuterungen/{e.pk}/", {"begruendung": "präzisiert", "revision": e.revision}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["begruendung"] == "präzisiert"
    assert api(sachbearbeitung50).delete(f"/api/v1/finanzerlaeuterungen/{e.pk}/").status_code in (403, 405)
    assert Finanzerlaeuterung.objects.filter(pk=e.pk).exists()
    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-T2")
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    e.refresh_from_db()
    gesperrt = api(sachbearbeitung50).patch(
        f"/api/v1/finanzerlaeuterungen/{e.pk}/", {"begruendung": "zu spät", "revision": e.revision}, format="json"
    )
    assert gesperrt.status_code == 400 and "gesperrt" in str(gesperrt.json())


@pytest.fixture
def heute_1_dezember(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))


def test_bericht_t3_vor_tertialende_gilt_am_vormonatsende(
    haushalt_2026, einheiten, sachbearbeitung50, amtsleitung50, dezernat, heute_1_dezember
):
    """Reviewer: 2026-T3 published on 01.12.2026 claimed Stichtag 31.12.2026 and an Ist up to it."""
    seite = _client(sachbearbeitung50).get(f"/berichte/{einheiten['50'].pk}/2026-T3/").content.decode()
    assert "Stand 30.11.2026</strong> – das Tertial endet am 31.12.2026" in seite
    finanzen = seite[seite.index('id="abschnitt-finanzen"') :]
    # The heading names the stand of the imported Ist, not a later date.
    assert "Ist Stand 31.08.2026" in finanzen
    assert "Stichtag des Berichts 30.11.2026" in finanzen
    assert "31.12.2026" not in finanzen.split("</section>")[0]

    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-T3")
    _erlaeutern_t3 = services.finanzerlaeuterung_speichern(
        produktgruppe=Produktgruppe.objects.get(nummer="1.31.01"),
        periode="2026-T3",
        daten={"begruendung": "Mehr Fälle.", "gegensteuerung": "Prüfung"},
        user=sachbearbeitung50,
        revision=0,
    )
    assert _erlaeutern_t3.pk
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    v = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    # Publication freezes the Stichtag in the snapshot, and every section is read at it.
    assert (v.daten["bericht"]["stichtag"], v.daten["bericht"]["tertial_ende"]) == ("2026-11-30", "2026-12-31")
    finanzdaten = next(a for a in v.daten["abschnitte"] if a["schluessel"] == "finanzen")["daten"]
    assert (finanzdaten["stichtag"], finanzdaten["ist_stand"]) == ("2026-11-30", "2026-08-31")
    pdf_text = "\n".join(s.extract_text() for s in PdfReader(io.BytesIO(bytes(v.pdf))).pages)
    assert "30.11.2026 (das Tertial endet am 31.12.2026)" in pdf_text
    mappe = load_workbook(io.BytesIO(bytes(v.excel)))
    zusammenfassung = {r[0]: r[1] for r in mappe["Zusammenfassung"].iter_rows(values_only=True) if r and r[0]}
    assert zusammenfassung["Stichtag"] == datetime(2026, 11, 30)
    assert zusammenfassung["Tertial endet am"] == datetime(2026, 12, 31)
    notiz = [r[0] for r in mappe["Finanzen"].iter_rows(values_only=True) if r and r[0] and "Stand" in str(r[0])]
    assert "Stichtag des Berichts 30.11.2026, Ist-Daten Stand 31.08.2026" in notiz[0]


def test_erlaeuterungsseite_nennt_ist_stand_wie_der_bericht(
    haushalt_2026, einheiten, sachbearbeitung50, heute_1_dezember
):
    """Reviewer: the entry page said "Ist bis Stichtag" while the report says "Ist Stand 31.08.2026"."""
    seite = _client(sachbearbeitung50).get(f"/finanzen/erlaeuterungen/{einheiten['50'].pk}/2026-T3/").content.decode()
    assert "Ist bis Stichtag" not in seite
    assert "<dt>Ist Stand 31.08.2026</dt>" in seite
    # The page is read at the report's Stichtag (previous month's end), not at the tertial's last day.
    assert "zum Stichtag 30.11.2026" in seite and "31.12.2026" not in seite.split("<main")[-1].split("<form")[0]
