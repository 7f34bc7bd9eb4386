"""Kennzahlen II on the tertial pages: Zähler/Nenner, Fallzahl and a reason for a missing value in
the entry form and the Excel upload (a save keeps what is stored), the ZEG read aloud, the
cumulative view of a sub-annual sum, the dashboard's reasons and its filter, the Kennzahl form."""

from __future__ import annotations

import re
from decimal import Decimal as D
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from steuerung.excel_messwerte import SPALTEN
from steuerung.models import Kennzahl, Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db


class _Formular(HTMLParser):
    """What a browser would send for the page's POST form: every field with its current value."""

    def __init__(self) -> None:
        super().__init__()
        self.daten: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.daten[a["name"]] = a.get("value", "on")
            else:
                self.daten[a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.daten[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.daten[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.daten[self._textarea] = self.daten[self._textarea].lstrip("\n")
            self._textarea = None


def _formulardaten(text: str) -> dict[str, str]:
    parser = _Formular()
    parser.feed(text)
    return parser.daten


@pytest.fixture
def quote(einheiten):
    """Anteil ambulanter Hilfen in % (rising; 55 % in 2024, 65 % in 2027)."""
    return TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        bezeichnung="Anteil ambulanter Hilfen",
        messart="quote",
        skalierung=100,
        einheit="%",
        ausgangswert=D("55"),
        zielwert=D("65"),
    )


@pytest.fixture
def mittelwert(einheiten):
    return TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        bezeichnung="Bearbeitungsdauer",
        messart="mittelwert",
        richtung="fallend",
        einheit="Tage",
        ausgangswert=D("12"),
        zielwert=D("8"),
    )


def _url(k, periode="2026-T1"):
    return f"/erfassung/{k.organisationseinheit_id}/{periode}/"


def test_quote_wird_aus_zaehler_und_nenner_berechnet_und_angezeigt(client, sachbearbeitung50, quote):
    client.force_login(sachbearbeitung50)
    seite = client.get(_url(quote)).content.decode()
    assert f'name="k{quote.pk}-zaehler"' in seite and f'name="k{quote.pk}-nenner"' in seite
    # The rate is computed, not typed: no Ist-Wert input for a Quote.
    assert f'name="k{quote.pk}-wert"' not in seite
    antwort = client.post(
        _url(quote), {f"k{quote.pk}-zaehler": "120", f"k{quote.pk}-nenner": "200", f"k{quote.pk}-revision": ""}
    )
    assert antwort.status_code == 302
    m = Messwert.objects.get()
    assert (m.wert, m.zaehler, m.nenner) == (D("60"), D("120"), D("200"))
    seite = client.get(_url(quote)).content.decode()
    assert f'id="quote-{quote.pk}"' in seite and ">60,00</output>" in seite


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"zaehler": "120"}, "Zum Zähler fehlt der Nenner."),
        ({"zaehler": "120", "nenner": "0"}, "Der Nenner muss größer als 0 sein."),
        ({"zaehler": "-1", "nenner": "10"}, "Eine Anzahl darf nicht negativ sein."),
        ({"zaehler": "12", "nenner": "20", "fehlt_begruendung": "kommt später"}, "schließen sich aus"),
    ],
)
def test_widerspruechliche_quote_im_formular_gibt_deutsche_meldung(client, sachbearbeitung50, quote, felder, meldung):
    client.force_login(sachbearbeitung50)
    daten = {f"k{quote.pk}-{f}": v for f, v in felder.items()}
    antwort = client.post(_url(quote), {**daten, f"k{quote.pk}-revision": ""})
    assert antwort.status_code == 200 and meldung in antwort.content.decode()
    assert not Messwert.objects.exists()


def test_speichern_aus_dem_formular_behaelt_zaehler_nenner_fallzahl_und_begruendung(
    client, sachbearbeitung50, quote, mittelwert, einheiten
):
    fehlt = TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Noch offen")
    TMesswertFactory(kennzahl=quote, wert=D("60"), zaehler=D("120"), nenner=D("200"), revision=1)
    TMesswertFactory(kennzahl=mittelwert, wert=D("9.5"), fallzahl=D("310"), revision=1)
    TMesswertFactory(kennzahl=fehlt, wert=None, fehlt_begruendung="Statistik liegt erst im März vor", revision=1)
    client.force_login(sachbearbeitung50)
    daten = _formulardaten(client.get(_url(quote)).content.decode())
    assert (daten[f"k{quote.pk}-zaehler"], daten[f"k{mittelwert.pk}-fallzahl"]) == ("120", "310")
    # Change only a comment, as a user would, and save the page as the browser sends it.
    daten[f"k{quote.pk}-kommentar"] = "geprüft"
    daten[f"k{mittelwert.pk}-kommentar"] = "geprüft"
    antwort = client.post(_url(quote), {**daten, "speichern": ""})
    assert antwort.status_code == 302, antwort.content.decode()
    werte = {
        m.kennzahl_id: (m.wert, m.zaehler, m.nenner, m.fallzahl, m.fehlt_begruendung, m.kommentar)
        for m in Messwert.objects.all()
    }
    assert werte == {
        quote.pk: (D("60"), D("120"), D("200"), None, "", "geprüft"),
        mittelwert.pk: (D("9.5"), None, None, D("310"), "", "geprüft"),
        fehlt.pk: (None, None, None, None, "Statistik liegt erst im März vor", ""),
    }


def test_fehlender_wert_mit_begruendung_aus_dem_formular(client, sachbearbeitung50, einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    client.force_login(sachbearbeitung50)
    antwort = client.post(
        _url(k), {f"k{k.pk}-fehlt_begruendung": "Statistik liegt erst im März vor", f"k{k.pk}-revision": ""}
    )
    assert antwort.status_code == 302
    m = Messwert.objects.get()
    assert (m.wert, m.fehlt_begruendung) == (None, "Statistik liegt erst im März vor")
    assert "begründet fehlend" in client.get(_url(k)).content.decode()


def test_fallzahl_nur_beim_mittelwert(client, sachbearbeitung50, mittelwert, einheiten):
    bestand = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    client.force_login(sachbearbeitung50)
    seite = client.get(_url(mittelwert)).content.decode()
    assert f'name="k{mittelwert.pk}-fallzahl"' in seite and f'name="k{bestand.pk}-fallzahl"' not in seite
    antwort = client.post(
        _url(mittelwert),
        {f"k{mittelwert.pk}-wert": "9,5", f"k{mittelwert.pk}-fallzahl": "310", f"k{mittelwert.pk}-revision": ""},
    )
    assert antwort.status_code == 302
    assert Messwert.objects.get().fallzahl == D("310")


def _vorlage(client, k):
    return load_workbook(BytesIO(client.get(f"{_url(k)}vorlage.xlsx").content))


def _hochladen(client, k, wb):
    puffer = BytesIO()
    wb.save(puffer)
    return client.post(f"{_url(k)}hochladen/", {"datei": SimpleUploadedFile("werte.xlsx", puffer.getvalue())})


def _spalte(feld: str) -> int:
    return next(i for i, (_kopf, f) in enumerate(SPALTEN, start=1) if f == feld)


def test_excel_vorlage_traegt_die_neuen_spalten_und_erneutes_hochladen_behaelt_sie(
    client, sachbearbeitung50, quote, mittelwert, einheiten
):
    fehlt = TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Noch offen")
    TMesswertFactory(kennzahl=quote, wert=D("60"), zaehler=D("120"), nenner=D("200"), revision=1)
    TMesswertFactory(kennzahl=mittelwert, wert=D("9.5"), fallzahl=D("310"), revision=1)
    TMesswertFactory(kennzahl=fehlt, wert=None, fehlt_begruendung="Statistik liegt erst im März vor", revision=1)
    client.force_login(sachbearbeitung50)
    wb = _vorlage(client, quote)
    ws = wb["Werte"]
    kopf = [c.value for c in ws[1]]
    assert {"Zähler (nur Quote)", "Nenner (nur Quote)", "Fallzahl (nur Mittelwert)", "Warum fehlt der Wert?"} <= set(
        kopf
    )
    zeilen = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    r = zeilen[quote.pk]
    # A rate with counts leaves its Ist-Wert empty: it is computed on upload.
    assert (ws.cell(r, _spalte("wert")).value, ws.cell(r, _spalte("zaehler")).value) == (None, 120)
    for k in (quote, mittelwert):
        ws.cell(zeilen[k.pk], _spalte("kommentar")).value = "aus Excel"
    assert _hochladen(client, quote, wb).status_code == 302
    werte = {
        m.kennzahl_id: (m.wert, m.zaehler, m.nenner, m.fallzahl, m.fehlt_begruendung, m.kommentar)
        for m in Messwert.objects.all()
    }
    assert werte == {
        quote.pk: (D("60"), D("120"), D("200"), None, "", "aus Excel"),
        mittelwert.pk: (D("9.5"), None, None, D("310"), "", "aus Excel"),
        fehlt.pk: (None, None, None, None, "Statistik liegt erst im März vor", ""),
    }


def test_excel_zaehler_und_nenner_ergeben_den_wert_widerspruch_nennt_die_zeile(client, sachbearbeitung50, quote):
    client.force_login(sachbearbeitung50)
    wb = _vorlage(client, quote)
    ws = wb["Werte"]
    ws.cell(2, _spalte("zaehler")).value = 30
    antwort = _hochladen(client, quote, wb)
    assert antwort.status_code == 200 and "Zeile 2: Zum Zähler fehlt der Nenner." in antwort.content.decode()
    assert not Messwert.objects.exists()
    ws.cell(2, _spalte("nenner")).value = "120"
    assert _hochladen(client, quote, wb).status_code == 302
    assert Messwert.objects.get().wert == D("25")


@pytest.mark.parametrize(
    ("wert", "auf_der_seite", "in_der_tabelle"),
    [("40", "entgegen der Zielrichtung", "-150,38 %"), ("50", "über 200 %", "225,56 %")],
)
def test_auswertungsseite_liest_die_zielerreichung_vor_die_tabelle_zeigt_die_zahl(
    client, dezernat, einheiten, wert, auf_der_seite, in_der_tabelle
):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D(wert))
    client.force_login(dezernat)
    text = client.get(f"/kennzahlen/{k.pk}/auswertung/?periode=2026-T1").content.decode()
    eckdaten = text[text.index('<dl class="auswertung__eckdaten">') : text.index("</dl>")]
    assert auf_der_seite in eckdaten and in_der_tabelle not in eckdaten
    assert in_der_tabelle in text[text.index('<table id="verlauf-tabelle">') :]


def test_auswertungsseite_einer_unterjaehrigen_summe_mit_kumulierter_sicht(client, dezernat, einheiten):
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        messart="summe",
        einheit="Haushalte",
        ausgangswert=D("1830"),
        ausgangsjahr=2021,
        zielwert=D("2000"),
        zieljahr=2026,
    )
    for p, w in (("2026-T1", "656"), ("2026-T2", "660"), ("2026-T3", "420")):
        TMesswertFactory(kennzahl=k, periode=p, wert=D(w))
    client.force_login(dezernat)
    antwort = client.get(f"/kennzahlen/{k.pk}/auswertung/?periode=2026-T3")
    text = antwort.content.decode()
    assert "86,80 %" in text and "1.736,00" in text and "2.000,00" in text and "−335" not in text
    figur = antwort.context["figur"]
    namen = [t.get("name") for t in figur["data"] if t.get("showlegend", True) is not False]
    assert {"Ist je Periode", "Soll je Periode", "Ist kumuliert", "Soll kumuliert", "Prognose 31.12.2026"} <= set(namen)
    # The baseline appears once, as the number the table shows (1.830, not a pro-rated 610).
    assert [n for n in namen if n and n.startswith("Ausgangswert")] == ["Ausgangswert 2021: 1.830,00"]
    basis = next(t for t in figur["data"] if (t.get("name") or "").startswith("Ausgangswert"))
    assert set(basis["y"]) == {1830.0} and basis["xaxis"] == "x2"
    prognose = next(t for t in figur["data"] if t.get("name") == "Prognose 31.12.2026")
    assert (prognose["x"], prognose["y"], prognose["xaxis"]) == (["3. Tertial<br>2026"], [1736.0], "x2")
    # Reviewer: year figures sat under the column "Korridor bis"; they have their own table now.
    perioden, kennwerte = text.split('<table id="kennwerte-tabelle">')
    perioden = perioden[perioden.rindex('<table id="verlauf-tabelle">') :]
    assert "Ausgangswert" not in perioden and "Prognose 31.12." not in perioden and "<tfoot>" not in perioden
    assert "Kennwerte des Jahres 2026" in kennwerte
    zeilen = re.findall(r'<tr><th scope="row">([^<]*)</th><td class="zahl">([^<]*)</td></tr>', kennwerte)
    assert [(b.strip(), w) for b, w in zeilen] == [
        ("Ausgangswert 2021", "1.830,00"),
        ("Zielwert 2026", "2.000,00"),
        ("Prognose 31.12.2026", "1.736,00"),
        ("Soll 31.12.2026", "2.000,00"),
        ("Zielerreichungsgrad der Prognose", "86,80 %"),
        ("Zielerreichungsgrad 3. Tertial 2026 (im Jahr bis dahin)", "86,80 %"),
    ]


def test_keine_prognose_im_diagramm_ohne_wert_im_jahr(client, dezernat, einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    TMesswertFactory(kennzahl=k, periode="2025-T3", wert=D("45"))
    client.force_login(dezernat)
    antwort = client.get(f"/kennzahlen/{k.pk}/auswertung/?periode=2026-T1")
    assert not [t for t in antwort.context["figur"]["data"] if (t.get("name") or "").startswith("Prognose")]
    assert "keine (noch kein Wert in diesem Jahr)" in antwort.content.decode()


def test_dashboard_nennt_die_regel_und_filtert_jahresziel_gefaehrdet(client, dezernat, einheiten):
    rot = TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Rote Kennzahl")
    gut = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"], produktziel=rot.produktziel, bezeichnung="Sorgenkennzahl"
    )
    TMesswertFactory(
        kennzahl=rot,
        periode="2026-T2",
        wert=D("45"),
        begruendung="b",
        gegensteuerung_was="g",
        gegensteuerung_wer="w",
        gegensteuerung_bis="2026-12-31",
    )
    TMesswertFactory(
        kennzahl=gut, periode="2026-T2", wert=D("49"), sorgenampel=True, sorgenampel_grund="Träger kündigt"
    )
    client.force_login(dezernat)
    text = client.get("/tertial/dashboard/?periode=2026-T2").content.decode()
    assert "Zielerreichung 30,03 % – nicht erreicht" in text and "Sorgenampel: Träger kündigt" in text
    assert "1 Kennzahl mit gefährdetem Jahresziel" in text
    gefiltert = client.get("/tertial/dashboard/?periode=2026-T2&gefaehrdet=1").content.decode()
    aufmerksamkeit = gefiltert[gefiltert.index('id="h-aufmerksamkeit"') : gefiltert.index('id="h-vollstaendigkeit"')]
    assert "Rote Kennzahl" in aufmerksamkeit and "Sorgenkennzahl" not in aufmerksamkeit
    assert "Jahresziel gefährdet: Prognose 25,00 % – nicht erreicht" in aufmerksamkeit
    assert "Kennzahlen mit gefährdetem Jahresziel" in gefiltert


def test_kennzahlformular_bietet_mittelwert_und_skalierung(client, steuerung, einheiten, sachbearbeitung50):
    ziel = TKennzahlFactory(organisationseinheit=einheiten["50 21"]).produktziel
    client.force_login(steuerung)
    url = f"/zielpyramide/produktziel/{ziel.pk}/kennzahl-neu/"
    seite = client.get(url).content.decode()
    assert 'value="mittelwert"' in seite and 'name="skalierung"' in seite and 'value="1000"' in seite
    daten = {
        "bezeichnung": "Quote je 1.000",
        "messart": "quote",
        "skalierung": "1000",
        "richtung": "steigend",
        "erhebungsrhythmus": "tertial",
        "schwelle_ueberplanmaessig": "110",
        "schwelle_zur_gaenze": "100",
        "schwelle_ueberwiegend": "80",
        "schwelle_teilweise": "50",
        "schwelle_abweichung_prozent": "20",
        "gewicht": "1",
        "wirkungsebene": "outcome",
        "organisationseinheit": einheiten["50 21"].pk,
        "verantwortlich": sachbearbeitung50.pk,
        "vertretung": sachbearbeitung50.pk,
        "revision": 0,
    }
    assert client.post(url, daten).status_code == 302
    assert Kennzahl.objects.get(bezeichnung="Quote je 1.000").skalierung == 1000
    assert client.post(url, {**daten, "bezeichnung": "Dauer", "messart": "mittelwert"}).status_code == 302
    assert Kennzahl.objects.get(bezeichnung="Dauer").messart == "mittelwert"
    falsch = client.post(url, {**daten, "bezeichnung": "Falsch", "skalierung": "7"})
    assert falsch.status_code == 200 and not Kennzahl.objects.filter(bezeichnung="Falsch").exists()
