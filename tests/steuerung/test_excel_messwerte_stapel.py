"""Excel upload of Messwerte, batch-wise: constant queries, and the same outcome as saving row by row."""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from core.periods import periode
from steuerung import erfassung_stapel, excel_messwerte
from steuerung.excel_messwerte import BLATT, SPALTEN, hochladen
from steuerung.models import Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db

T1 = periode("2026-T1")


def _datei(zeilen: list[dict]) -> SimpleUploadedFile:
    """An upload in the template's layout; each row given by field name (SPALTEN)."""
    wb = Workbook()
    ws = wb.active
    ws.title = BLATT
    ws.append([kopf for kopf, _f in SPALTEN])
    for zeile in zeilen:
        ws.append([zeile.get(feld) for _k, feld in SPALTEN])
    puffer = BytesIO()
    wb.save(puffer)
    return SimpleUploadedFile("werte.xlsx", puffer.getvalue())


@pytest.fixture
def kennzahlen(einheiten, sachbearbeitung50):
    erste = TKennzahlFactory(organisationseinheit=einheiten["50 21"], verantwortlich=sachbearbeitung50)
    weitere = [
        TKennzahlFactory(
            organisationseinheit=einheiten["50 21"], produktziel=erste.produktziel, verantwortlich=sachbearbeitung50
        )
        for _i in range(29)
    ]
    return [erste, *weitere]


def _zeilen(kennzahlen, *, start: int = 100) -> list[dict]:
    return [
        {"kennzahl": k.pk, "periode": "2026-T1", "wert": start + i, "kommentar": "Import"}
        for i, k in enumerate(kennzahlen)
    ]


def _zustand():
    """Rows and history without ids and times: what must not depend on batch or row-wise saving."""
    werte = sorted(
        Messwert.objects.values_list("kennzahl_id", "periode", "wert", "kommentar", "revision", "erfasst_von_id")
    )
    verlauf = sorted(Messwert.history.values_list("kennzahl_id", "history_type", "revision", "wert", "history_user_id"))
    return werte, verlauf


def test_abfragen_haengen_nicht_von_der_zeilenzahl_ab(kennzahlen, sachbearbeitung50, django_assert_max_num_queries):
    # A changed and an unchanged existing row in both uploads: insert, update and skip all run.
    for k in (kennzahlen[0], kennzahlen[-1]):
        TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("1"), kommentar="Import")
    bestehend = {m.kennzahl_id: m.revision for m in Messwert.objects.all()}

    def zeilen(auswahl):
        ergebnis = _zeilen(auswahl)
        for z in ergebnis:
            if z["kennzahl"] in bestehend:
                z["revision"] = bestehend[z["kennzahl"]]
        return ergebnis

    klein = [kennzahlen[0], *kennzahlen[1:3], kennzahlen[-1]]
    with transaction.atomic(), CaptureQueriesContext(connection) as wenig:
        assert hochladen(datei=_datei(zeilen(klein)), kennzahlen=kennzahlen, periode=T1, user=sachbearbeitung50) == 4
        transaction.set_rollback(True)
    with django_assert_max_num_queries(len(wenig.captured_queries)):
        anzahl = hochladen(datei=_datei(zeilen(kennzahlen)), kennzahlen=kennzahlen, periode=T1, user=sachbearbeitung50)
    assert anzahl == 30
    assert Messwert.objects.filter(periode="2026-T1").count() == 30
    assert Messwert.history.filter(history_type="+").count() == 30  # 2 by the factory, 28 by the upload
    assert Messwert.history.filter(history_type="~").count() == 2


def test_stapel_speichert_wie_zeile_fuer_zeile(kennzahlen, sachbearbeitung50, monkeypatch):
    TMesswertFactory(kennzahl=kennzahlen[0], periode="2026-T1", wert=D("1"))
    zeilen = _zeilen(kennzahlen[:5])
    zeilen[0]["revision"] = Messwert.objects.get().revision

    def ergebnis():
        with transaction.atomic():
            n = hochladen(datei=_datei(zeilen), kennzahlen=kennzahlen, periode=T1, user=sachbearbeitung50)
            zustand = _zustand()
            transaction.set_rollback(True)
        return n, zustand

    stapel = ergebnis()
    monkeypatch.setattr(excel_messwerte, "messwerte_speichern", _zeilenweise)
    assert stapel == ergebnis()
    assert stapel[0] == 5 and len(stapel[1][1]) == 1 + 5  # the factory's row, then 4 new and 1 change


def _zeilenweise(*, eintraege, periode, user, entwurf):
    """The reference: every entry through messwert_speichern, as the upload did before."""
    return erfassung_stapel._einzeln(eintraege, periode=periode, user=user, entwurf=entwurf)


def _meldungen(datei_zeilen, kennzahlen, user) -> list[str]:
    with pytest.raises(ValidationError) as info:
        hochladen(datei=_datei(datei_zeilen), kennzahlen=kennzahlen, periode=T1, user=user)
    return info.value.messages


@pytest.mark.parametrize("doppelt", [False, True], ids=["einmal", "kennzahl-doppelt"])
def test_fehlerhafte_zeilen_melden_dasselbe_wie_zeile_fuer_zeile_und_speichern_nichts(
    kennzahlen, sachbearbeitung50, einheiten, monkeypatch, doppelt
):
    fremd = TKennzahlFactory(organisationseinheit=einheiten["51"])
    TMesswertFactory(kennzahl=kennzahlen[3], periode="2026-T1", wert=D("1"))
    zeilen = [
        {"kennzahl": kennzahlen[0].pk, "periode": "2026-T1", "wert": 5, "begruendung": "laut Frau Meier"},
        {"kennzahl": kennzahlen[1].pk, "periode": "2026-T1", "zaehler": 3, "nenner": 4},
        {"kennzahl": kennzahlen[2].pk, "periode": "2026-T2", "wert": 5},
        {"kennzahl": kennzahlen[3].pk, "periode": "2026-T1", "wert": 7, "revision": 5},  # outdated
        {"kennzahl": kennzahlen[4].pk, "periode": "2026-T1", "wert": 5, "nachweis": "kein Link"},
        {"kennzahl": kennzahlen[5].pk, "periode": "2026-T1", "wert": "abc"},
        {"kennzahl": fremd.pk, "periode": "2026-T1", "wert": 5},  # outside the user's units
        {"kennzahl": kennzahlen[6].pk, "periode": "2026-T1", "wert": 5, "gegensteuerung_wer": "x" * 201},
        {"kennzahl": kennzahlen[7].pk, "periode": "2026-T1", "wert": 5},  # fine on its own
    ]
    if doppelt:
        zeilen.append({"kennzahl": kennzahlen[7].pk, "periode": "2026-T1", "wert": 6})
    alle = [*kennzahlen, fremd]
    vorher = _zustand()
    stapel = _meldungen(zeilen, alle, sachbearbeitung50)
    assert _zustand() == vorher
    monkeypatch.setattr(excel_messwerte, "messwerte_speichern", _zeilenweise)
    assert stapel == _meldungen(zeilen, alle, sachbearbeitung50)
    assert _zustand() == vorher
    assert [m.split(":")[0] for m in stapel][:8] == [f"Zeile {n}" for n in (2, 3, 4, 5, 6, 7, 8, 9)]
    assert "Frau Meier" in stapel[0] and "inzwischen geändert" in stapel[3]
    assert len(stapel) == (9 if doppelt else 8)
