"""Excel export and all-or-nothing import of the Zielmatrix."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from steuerung.excel import KENNZAHL_SPALTEN, ZIEL_SPALTEN, zielmatrix_exportieren, zielmatrix_importieren
from steuerung.models import Kennzahl, Leitziel, Massnahme


def _datei(ziele, kennzahlen=()):
    mappe = Workbook()
    mappe.active.title = "Ziele"
    mappe.active.append(ZIEL_SPALTEN)
    for z in ziele:
        mappe.active.append(z)
    blatt = mappe.create_sheet("Kennzahlen")
    blatt.append(KENNZAHL_SPALTEN)
    for k in kennzahlen:
        blatt.append(k)
    puffer = BytesIO()
    mappe.save(puffer)
    puffer.seek(0)
    return puffer


def test_export_und_reimport_in_ein_neues_jahr(pyramide, steuerung):
    inhalt = zielmatrix_exportieren(jahr=2025, user=steuerung)
    mappe = load_workbook(BytesIO(inhalt))
    assert [z[1] for z in mappe["Ziele"].iter_rows(min_row=2, values_only=True)] == [
        "LZ 1",
        "PGZ 1",
        "PZ 1",
        "TZ 1",
        "M 1",
        "PGZ 2",
        "PZ 2",
        "M 2",
    ]
    assert mappe["Kennzahlen"]["A2"].value == "K 1"
    ergebnis = zielmatrix_importieren(datei=BytesIO(inhalt), name="matrix.xlsx", jahr=2027, user=steuerung)
    assert ergebnis.fehler == []
    assert (ergebnis.ziele, ergebnis.kennzahlen) == (8, 2)
    assert Massnahme.objects.get(jahr=2027, code="M 1").teilziel.code == "TZ 1"
    assert Kennzahl.objects.get(jahr=2027, code="K 2").massnahme.code == "M 2"


def test_kaputte_datei_aendert_nichts_und_meldet_jede_fehlerhafte_zeile(pyramide, steuerung, einheiten):
    datei = _datei(
        [
            ["Leitziel", "LZ 7", "", "Neues Leitziel", "alle", "", "", "V", "", "", "", ""],
            ["Produktgruppenziel", "PGZ 7", "LZ 99", "Text", "", "", "", "50", "1.31.01", "", "", ""],
            ["Planet", "X 1", "", "Text", "", "", "", "50", "", "", "", ""],
            ["Maßnahme", "M 7", "PZ 1", "Text", "", "", "", "99", "", "", "", ""],
        ],
        [
            [
                "K 7",
                "Neu",
                "LZ 7",
                "",
                "",
                "",
                "",
                "",
                "Quote",
                "steigend",
                "Tertial",
                "abc",
                2024,
                "5",
                2026,
                "Outcome",
                "50",
                "su",
                "su",
            ]
        ],
    )
    ergebnis = zielmatrix_importieren(datei=datei, name="kaputt.xlsx", jahr=2025, user=steuerung)
    assert ergebnis.erfolgreich is False
    assert len(ergebnis.fehler) == 4
    assert ergebnis.fehler[0].startswith("Blatt „Ziele“, Zeile 3: Übergeordneter Code „LZ 99“")
    assert "Zeile 4: Ebene „Planet“ ist unbekannt" in ergebnis.fehler[1]
    assert "Zeile 5: Organisationseinheit „99“ ist unbekannt" in ergebnis.fehler[2]
    assert ergebnis.fehler[3].startswith("Blatt „Kennzahlen“, Zeile 2: Ausgangswert")
    assert not Leitziel.objects.filter(code="LZ 7").exists()
    assert not Kennzahl.objects.filter(code="K 7").exists()


@pytest.mark.parametrize(
    ("name", "inhalt", "meldung"),
    [
        ("matrix.csv", b"a;b", "Format .xlsx"),
        ("matrix.xlsx", b"kein zip", "keine gültige Excel-Datei"),
        ("riesig.xlsx", b"0" * (5 * 1024 * 1024 + 1), "größer als 5 MB"),
    ],
)
def test_falsche_dateien_werden_mit_deutscher_meldung_abgelehnt(pyramide, steuerung, name, inhalt, meldung):
    ergebnis = zielmatrix_importieren(datei=BytesIO(inhalt), name=name, jahr=2025, user=steuerung)
    assert len(ergebnis.fehler) == 1
    assert meldung in ergebnis.fehler[0]


def test_fehlendes_blatt_wird_gemeldet(pyramide, steuerung):
    mappe = Workbook()
    puffer = BytesIO()
    mappe.save(puffer)
    ergebnis = zielmatrix_importieren(datei=BytesIO(puffer.getvalue()), name="x.xlsx", jahr=2025, user=steuerung)
    assert ergebnis.fehler == ["Das Tabellenblatt „Ziele“ fehlt."]


def test_nur_steuerung_darf_importieren(pyramide, sachbearbeitung50):
    with pytest.raises(PermissionDenied):
        zielmatrix_importieren(datei=_datei([]), name="x.xlsx", jahr=2025, user=sachbearbeitung50)
