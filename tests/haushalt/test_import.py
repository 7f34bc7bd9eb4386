"""Import of finance files: encodings, de-DE numbers, one German message per bad row, all or
nothing, the same file twice, replacement of a Jahr/Art/Stichtag, xlsx, preview writes nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from haushalt import services
from haushalt.models import HaushaltEinstellungen, Haushaltsimport, Haushaltsposition
from haushalt.models.auswahl import ZEILEN
from tests.haushalt.conftest import KOPF, ZEILEN_2026, csv_datei

pytestmark = pytest.mark.django_db


def _stand():
    return sorted(
        Haushaltsposition.objects.values_list("produkt__nummer", "jahr", "zeile", "art", "stichtag", "betrag")
    )


def _importieren(inhalt: bytes, name: str = "export.csv", **kwargs):
    return services.haushalt_importieren(name=name, inhalt=inhalt, user=kwargs.pop("user", None), **kwargs)


def _fehler(inhalt: bytes, name: str = "export.csv") -> list[str]:
    with pytest.raises(ValidationError) as info:
        _importieren(inhalt, name)
    return info.value.messages


def test_utf8_mit_deutschen_zahlen_und_negativen_betraegen(produkte):
    inhalt = csv_datei(
        "1.31.01.02;15;Ansatz;2026;;1.234.567,89",
        "1.31.01.02;Kostenerstattungen und Kostenumlagen;ansatz;2026;;-1.234,00",
        "1.31.01.02;Transferaufwendungen;Ist;2026;31.08.2026;12,5",
        "1.31.01.02;015;Prognose;2026;2026-08-31;7",
    )
    ergebnis = _importieren(inhalt)
    assert ergebnis.status == Haushaltsimport.Status.UEBERNOMMEN
    assert _stand() == [
        ("1.31.01.02", 2026, "kostenerstattungen_umlagen", "ansatz", None, Decimal("-1234.00")),
        ("1.31.01.02", 2026, "transferaufwendungen", "ansatz", None, Decimal("1234567.89")),
        ("1.31.01.02", 2026, "transferaufwendungen", "ist", date(2026, 8, 31), Decimal("12.50")),
        ("1.31.01.02", 2026, "transferaufwendungen", "prognose", date(2026, 8, 31), Decimal("7.00")),
    ]


def test_windows_1252_wird_erkannt(produkte):
    inhalt = csv_datei(
        "1.31.01.02;Aufwendungen für Sach- und Dienstleistungen;fortgeschriebener Ansatz;2026;;250.000,00",
        "1.31.01.02;Öffentlich-rechtliche Leistungsentgelte;Ansatz;2026;;1.000,00",
        kodierung="cp1252",
    )
    assert "ü".encode("cp1252") in inhalt  # really not UTF-8
    _importieren(inhalt)
    assert _stand() == [
        ("1.31.01.02", 2026, "oeffentlich_rechtliche_entgelte", "ansatz", None, Decimal("1000.00")),
        ("1.31.01.02", 2026, "sach_dienstleistungen", "fortgeschriebener_ansatz", None, Decimal("250000.00")),
    ]


def test_utf8_mit_bom(produkte):
    _importieren(b"\xef\xbb\xbf" + csv_datei("1.31.01.02;15;Ansatz;2026;;1,00"))
    assert _stand()[0][-1] == Decimal("1.00")


SCHLECHTE_ZEILEN = [
    ("1.31.99.99;15;Ansatz;2026;;1,00", "Zeile 2: Produkt „1.31.99.99“ ist unbekannt."),
    ("1.31.01.02;99;Ansatz;2026;;1,00", "Zeile 2: Zeile „99“ ist im Teilergebnisplan unbekannt."),
    ("1.31.01.02;Zinsen;Ansatz;2026;;1,00", "Zeile 2: Zeile „Zinsen“ ist im Teilergebnisplan unbekannt."),
    (
        "1.31.01.02;29;Ansatz;2026;;1,00",
        "Zeile 2: Zeile 29 (Ergebnis) ist eine Summenzeile und wird berechnet, nicht importiert.",
    ),
    ("1.31.01.02;15;Ansatz;2026;;1,234.5", "Zeile 2: „1,234.5“ ist keine gültige Zahl (Beispiel: 1.234,56)."),
    ("1.31.01.02;15;Ansatz;2026;;abc", "Zeile 2: „abc“ ist keine gültige Zahl (Beispiel: 1.234,56)."),
    ("1.31.01.02;15;Ansatz;2026;;", "Zeile 2: Bitte eine Zahl eingeben."),
    ("1.31.01.02;15;Ansatz;2026;;1,234", "Zeile 2: Der Betrag „1,234“ hat mehr als zwei Nachkommastellen."),
    ("1.31.01.02;15;Ansatz;2026;;1.000.000.000.000,00", "Zeile 2: Der Betrag „1.000.000.000.000,00“ ist zu groß."),
    ("1.31.01.02;15;Ist;2026;31.02.2026;1,00", "Zeile 2: „31.02.2026“ ist kein gültiges Datum (TT.MM.JJJJ)."),
    ("1.31.01.02;15;Ist;2026;gestern;1,00", "Zeile 2: „gestern“ ist kein gültiges Datum (TT.MM.JJJJ)."),
    ("1.31.01.02;15;Ist;2026;;1,00", "Zeile 2: Ist und Prognose brauchen einen Stichtag."),
    (
        "1.31.01.02;15;Ist;2026;31.12.2019;1,00",
        "Zeile 2: Der Stichtag 31.12.2019 passt nicht zum Haushaltsjahr 2026.",
    ),
    (
        "1.31.01.02;15;Soll;2026;;1,00",
        "Zeile 2: Art „Soll“ ist unbekannt (erlaubt: Ansatz, fortgeschriebener Ansatz, Ist, Prognose).",
    ),
    ("1.31.01.02;15;Ansatz;26;;1,00", "Zeile 2: „26“ ist kein gültiges Haushaltsjahr (2000–2100)."),
]


@pytest.mark.parametrize(("zeile", "meldung"), SCHLECHTE_ZEILEN)
def test_jede_art_fehlerhafter_zeile_hat_eine_deutsche_meldung_und_aendert_nichts(produkte, zeile, meldung):
    _importieren(csv_datei("1.31.01.01;15;Ansatz;2026;;5,00"))
    vorher, uploads = _stand(), Haushaltsimport.objects.count()
    assert _fehler(csv_datei(zeile)) == [meldung]
    assert _stand() == vorher
    assert Haushaltsimport.objects.count() == uploads


def test_doppelter_schluessel_in_der_datei_nennt_die_erste_zeile(produkte):
    fehler = _fehler(
        csv_datei(
            "1.31.01.02;15;Ansatz;2026;;1,00",
            "1.31.01.02;6;Ansatz;2026;;1,00",
            "1.31.01.02;Transferaufwendungen;ansatz;2026;;2,00",
        )
    )
    assert fehler == [
        "Zeile 4: doppelt: dasselbe Produkt, Jahr, dieselbe Zeile, Art und derselbe Stichtag wie in Zeile 2."
    ]


def test_alles_oder_nichts_mit_einer_meldung_je_fehlerhafter_zeile(haushalt_2026):
    vorher = _stand()
    fehler = _fehler(
        csv_datei(
            "1.31.01.02;15;Ansatz;2026;;13.000.000,00",
            "1.31.77.01;15;Ansatz;2026;;1,00",
            "1.31.01.01;15;Ansatz;2026;;1,00",
            "1.31.01.01;15;Ist;2026;;x",
        )
    )
    assert fehler == [
        "Zeile 3: Produkt „1.31.77.01“ ist unbekannt.",
        "Zeile 5: Ist und Prognose brauchen einen Stichtag; „x“ ist keine gültige Zahl (Beispiel: 1.234,56).",
    ]
    assert _stand() == vorher


def test_spalten_fehlen_oder_sind_unbekannt(produkte):
    assert _fehler(csv_datei("1.31.01.02;15;2026;1,00", kopf="Produkt;Zeile;Jahr;Betrag")) == [
        "Es fehlen Spalten für: Art. Gefundene Spalten: Produkt; Zeile; Jahr; Betrag."
    ]
    assert _fehler(csv_datei("1.31.01.02;15;Ansatz;2026;;1,00;x", kopf=KOPF + ";Bemerkung")) == [
        "Unbekannte Spalten: „Bemerkung“. Bitte in den Haushalt-Einstellungen zuordnen oder als ignoriert eintragen."
    ]


def test_kopfzeilen_der_kommune_werden_einmal_zugeordnet_und_gespeichert(produkte, steuerung):
    kopf = "Produktnr;Position;Wertart;HHJ;Datenstand;EUR;Produktbezeichnung"
    inhalt = csv_datei("1.31.01.02;15;Ansatz;2026;;1.000,00;Hilfe zur Pflege", kopf=kopf)
    assert "Unbekannte Spalten" in _fehler(inhalt)[-1]
    services.einstellungen_speichern(
        daten={
            "spalten": {"produkt": "Produktnr", "zeile": "Position", "art": "Wertart", "jahr": "HHJ", "betrag": "EUR"},
            "ignorierte_spalten": ["Produktbezeichnung", "Datenstand"],
        },
        user=steuerung,
    )
    _importieren(inhalt)
    assert _stand() == [("1.31.01.02", 2026, "transferaufwendungen", "ansatz", None, Decimal("1000.00"))]
    assert HaushaltEinstellungen.objects.get().spalten["produkt"] == "Produktnr"


def test_aufwendungen_mit_nkf_vorzeichen_werden_umgedreht(produkte, kaemmerei):
    services.einstellungen_speichern(daten={"aufwand_negativ": True}, user=kaemmerei)
    _importieren(csv_datei("1.31.01.02;15;Ansatz;2026;;-1.000,00", "1.31.01.02;6;Ansatz;2026;;300,00"))
    assert [z[-1] for z in _stand()] == [Decimal("300.00"), Decimal("1000.00")]


def test_dieselbe_datei_zweimal_aendert_nichts_und_wird_protokolliert(haushalt_2026):
    vorher = list(Haushaltsposition.objects.order_by("pk").values_list("pk", "betrag", "herkunft_id"))
    ergebnis = _importieren(csv_datei(*ZEILEN_2026))
    assert ergebnis.status == Haushaltsimport.Status.UNVERAENDERT
    assert list(Haushaltsposition.objects.order_by("pk").values_list("pk", "betrag", "herkunft_id")) == vorher
    assert list(Haushaltsimport.objects.order_by("pk").values_list("status", flat=True)) == [
        "uebernommen",
        "unveraendert",
    ]


def test_neuere_datei_ersetzt_jahr_art_und_stichtag_vollstaendig(haushalt_2026):
    ergebnis = _importieren(
        csv_datei(
            "1.31.01.02;15;Prognose;2026;31.08.2026;13.500.000,00",
            "1.31.01.01;15;Prognose;2026;31.08.2026;7.000.000,00",
        )
    )
    assert ergebnis.status == Haushaltsimport.Status.UEBERNOMMEN
    assert ergebnis.ersetzt == 5  # every Prognose at 31.08.2026, also of Produkte the new file does not name
    prognosen = Haushaltsposition.objects.filter(art="prognose", jahr=2026)
    assert sorted(prognosen.values_list("produkt__nummer", "zeile", "betrag")) == [
        ("1.31.01.01", "transferaufwendungen", Decimal("7000000.00")),
        ("1.31.01.02", "transferaufwendungen", Decimal("13500000.00")),
    ]
    # Other groups stay: the Ansatz and the Ist at 31.08.2026 are untouched.
    assert Haushaltsposition.objects.filter(art="ansatz", jahr=2026).count() == 6
    assert Haushaltsposition.objects.filter(art="ist", stichtag=date(2026, 8, 31)).count() == 1
    # A later Stichtag is a new group beside the old one, not a replacement.
    _importieren(csv_datei("1.31.01.02;15;Prognose;2026;30.09.2026;13.600.000,00"))
    assert prognosen.count() == 3


def test_xlsx_mit_zahlen_datum_und_text(produkte):
    mappe = Workbook()
    blatt = mappe.active
    blatt.append(["Produkt", "Zeile", "Art", "Jahr", "Stichtag", "Betrag"])
    blatt.append(["1.31.01.02", 15, "Ist", 2026, date(2026, 8, 31), 1234567.89])
    blatt.append(["1.31.01.02", "6", "Ansatz", "2026", None, "1.000,50"])
    blatt.append([None, None, None, None, None, None])
    puffer = io.BytesIO()
    mappe.save(puffer)
    _importieren(puffer.getvalue(), name="export.xlsx")
    assert _stand() == [
        ("1.31.01.02", 2026, "kostenerstattungen_umlagen", "ansatz", None, Decimal("1000.50")),
        ("1.31.01.02", 2026, "transferaufwendungen", "ist", date(2026, 8, 31), Decimal("1234567.89")),
    ]


def test_xlsx_mit_fehler_nennt_die_zeile(produkte):
    mappe = Workbook()
    mappe.active.append(["Produkt", "Zeile", "Art", "Jahr", "Stichtag", "Betrag"])
    mappe.active.append(["1.31.01.02", 15, "Ansatz", 2026, None, 0.125])
    puffer = io.BytesIO()
    mappe.save(puffer)
    assert _fehler(puffer.getvalue(), "export.xlsx") == [
        "Zeile 2: Der Betrag „0.125“ hat mehr als zwei Nachkommastellen."
    ]


def test_vorschau_schreibt_nichts_und_zeigt_summen_je_produktbereich_und_art(haushalt_2026):
    vorher, uploads = _stand(), Haushaltsimport.objects.count()
    ergebnis = _importieren(
        csv_datei(
            "1.31.01.02;15;Prognose;2026;31.08.2026;14.000.000,00",
            "1.31.01.02;6;Prognose;2026;31.08.2026;2.000.000,00",
            "1.36.03.02;15;Ansatz;2027;;19.000.000,00",
        ),
        vorschau=True,
    )
    assert ergebnis.status == "vorschau" and ergebnis.protokoll is None
    assert _stand() == vorher and Haushaltsimport.objects.count() == uploads
    summen = [
        (s.produktbereich, s.jahr, s.art, s.stichtag, s.zeilen, s.zuschussbedarf, s.bisher)
        for s in ergebnis.pruefung.summen
    ]
    assert summen == [
        # bisher: the Prognose at 31.08.2026 of Produktbereich 1.31 that the file would replace
        ("1.31", 2026, "prognose", date(2026, 8, 31), 2, Decimal("12000000.00"), Decimal("18910000.00")),
        ("1.36", 2027, "ansatz", None, 1, Decimal("19000000.00"), None),
    ]


def test_hochgeladene_datei_wird_aufbewahrt_und_erst_nach_bestaetigung_uebernommen(produkte, kaemmerei):
    inhalt = csv_datei("1.31.01.02;15;Ansatz;2026;;1.000,00")
    upload = services.haushalt_upload_vormerken(name="plan.csv", inhalt=inhalt, user=kaemmerei)
    assert upload.status == "vorschau" and bytes(upload.inhalt) == inhalt and upload.hochgeladen_von == kaemmerei
    assert not Haushaltsposition.objects.exists()
    ergebnis = services.haushalt_upload_uebernehmen(upload=upload, user=kaemmerei)
    assert ergebnis.status == "uebernommen"
    assert Haushaltsposition.objects.get().herkunft == upload
    with pytest.raises(ValidationError, match="bereits abgeschlossen"):
        services.haushalt_upload_uebernehmen(upload=upload, user=kaemmerei)


@pytest.mark.parametrize(
    ("name", "inhalt", "meldung"),
    [
        ("export.csv", b"", "Die Datei ist leer."),
        ("export.csv", KOPF.encode() + b"\r\n", "Die Datei enthält keine Datenzeilen."),
        ("export.csv", b"Produkt,Zeile,Art,Jahr,Stichtag,Betrag\r\n", "Die CSV-Datei muss mit Semikolon getrennt sein"),
        ("export.csv", b"Produkt;Zeile\x81\x8d;x\r\n", "weder in UTF-8 noch in Windows-1252"),
        ("export.csv", b"PK\x03\x04xyz", "Die Datei heißt .csv, ist aber keine Textdatei."),
        ("export.xlsx", b"Produkt;Zeile", "Die Datei heißt .xlsx, ist aber keine Excel-Datei."),
        ("export.pdf", b"%PDF", "Bitte eine CSV- oder Excel-Datei (.csv, .xlsx) hochladen."),
    ],
)
def test_kaputte_dateien_werden_mit_deutscher_meldung_abgelehnt(produkte, name, inhalt, meldung):
    assert meldung in " ".join(_fehler(inhalt, name))
    assert not Haushaltsposition.objects.exists()


def test_nur_steuerung_und_kaemmerei_duerfen_importieren(produkte, sachbearbeitung50, kaemmerei):
    with pytest.raises(PermissionDenied):
        _importieren(csv_datei("1.31.01.02;15;Ansatz;2026;;1,00"), user=sachbearbeitung50)
    _importieren(csv_datei("1.31.01.02;15;Ansatz;2026;;1,00"), user=kaemmerei)
    assert Haushaltsimport.objects.get().hochgeladen_von == kaemmerei


def test_anzahl_der_abfragen_haengt_nicht_an_der_zahl_der_zeilen(produkte):
    """One query per lookup table, one delete, one bulk insert: 2.000 rows cost as many queries as 21."""
    nummern = [n for n, _seite in ZEILEN.values()]

    def datei(n: int) -> bytes:
        return csv_datei(*(f"1.31.01.02;{nummern[i % 21]};Ansatz;{2000 + i // 21};;1,00" for i in range(n)))

    _importieren(csv_datei("1.31.01.01;15;Ansatz;2100;;1,00"))  # creates the settings row once
    with CaptureQueriesContext(connection) as klein:
        _importieren(datei(21))
    with CaptureQueriesContext(connection) as gross:
        _importieren(datei(2000))
    assert Haushaltsposition.objects.count() == 2001
    assert len(gross) == len(klein)
