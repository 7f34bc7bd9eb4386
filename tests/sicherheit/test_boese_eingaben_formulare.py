"""Bad-input catalogue for the three HTML forms (issue 9, "Hostile and broken input"):
the tertial entry form, the Kennzahl form (edit and create) and the HSK case form (edit and create).

Every refused input: the form is shown again (200) with a German message, the typed value is
still in its field, and the database is exactly as before (no row, no history row, no Protokoll
entry). Accepted edge cases assert the stored value as an exact Decimal. Script typed into a
text field is shown escaped wherever it appears, saved or refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from organisation.models import Benutzer
from tests.sicherheit import boese
from tests.sicherheit.boese import LANG, SKRIPT
from tests.sicherheit.objekte import objekte

pytestmark = pytest.mark.usefixtures("demo_kommune", "db")

SKRIPT_MASKIERT = "&lt;script&gt;alert(1)&lt;/script&gt;"
PERIODE = "2026-T3"  # the running tertial: no report yet, so nothing is locked


def _web(username: str) -> Client:
    client = Client()
    client.force_login(Benutzer.objects.get(username=username))
    return client


def _zahlformat(eingabe: str) -> str:
    return f"„{eingabe}“ ist keine gültige Zahl (Beispiel: 1.234,56)."


def _wert_bleibt_im_feld(html: str, name: str, eingabe: str) -> None:
    """The re-rendered field still holds what was typed (escaped); a refused choice cannot be shown."""
    textarea = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    if textarea:
        assert textarea.group(1).strip() == escape(eingabe), name
        return
    feld = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    if feld is None:
        assert re.search(rf'<select[^>]*name="{name}"', html), name
        return
    tag = feld.group(0)
    if 'type="checkbox"' in tag:
        assert " checked" in tag, tag
    elif eingabe:
        assert f'value="{escape(eingabe)}"' in tag, tag[:300]
    else:
        assert "value=" not in tag or 'value=""' in tag, tag[:300]


def _pruefe_abgelehnt(antwort, *, vorher: dict, stand, meldung: str, allgemein: str, daten: dict[str, str]) -> str:
    assert antwort.status_code == 200, antwort.status_code
    html = antwort.content.decode()
    assert escape(meldung) in html, re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', html, re.S)[:3]
    assert allgemein in html
    for name, eingabe in daten.items():
        _wert_bleibt_im_feld(html, name, eingabe)
    assert SKRIPT not in html
    assert stand() == vorher
    return html


# --------------------------------------------------------------------------- tertial entry form


def _erfassung_stand():
    from core.models import Protokolleintrag
    from steuerung.models import Messwert
    from steuerung.models.berichte import Tertialbericht

    return boese.zustand(Messwert, Messwert.history.model, Tertialbericht, Protokolleintrag)


@pytest.fixture
def erfassung():
    """Client, URL, the Kennzahl under test, its field prefix and the re-submitted page (a draft)."""
    kennzahl = objekte()["kennzahl"]
    client = _web("steuerung")
    url = reverse("frontend:tertial-erfassung", kwargs={"oe": kennzahl.organisationseinheit_id, "periode": PERIODE})
    seite = client.get(url)
    assert seite.status_code == 200
    daten: dict[str, object] = {"entwurf": ""}
    for zeile in seite.context["zeilen"]:
        daten.update(boese.formdaten(zeile["form"]))
    return client, url, kennzahl, f"k{kennzahl.pk}-", daten


def _erfassung_post(erfassung, felder: dict[str, str], *, entwurf: bool = True):
    client, url, _kennzahl, prefix, daten = erfassung
    daten = {**daten, **{prefix + f: w for f, w in felder.items()}}
    if not entwurf:
        del daten["entwurf"]
    return client.post(url, daten)


ERFASSUNG_ABGELEHNT = [
    pytest.param({"wert": "abc"}, _zahlformat("abc"), id="wert-text"),
    pytest.param({"wert": "1e400"}, _zahlformat("1e400"), id="wert-1e400"),
    pytest.param({"wert": "NaN"}, _zahlformat("NaN"), id="wert-nan"),
    pytest.param({"wert": "Infinity"}, _zahlformat("Infinity"), id="wert-infinity"),
    pytest.param({"wert": "1,234.5"}, _zahlformat("1,234.5"), id="wert-en-us-gemischt"),
    pytest.param({"wert": "1,000.0"}, _zahlformat("1,000.0"), id="wert-en-us-tausend"),
    pytest.param({"wert": "1.234.5"}, _zahlformat("1.234.5"), id="wert-kaputte-tausendergruppe"),
    pytest.param({"wert": "0.125"}, _zahlformat("0.125"), id="wert-tausenderpunkt-nach-null"),
    pytest.param({"wert": "1e5"}, _zahlformat("1e5"), id="wert-exponent"),
    pytest.param({"wert": "9" * 40}, "Die Zahl ist zu groß.", id="wert-zu-viele-ziffern"),
    pytest.param({"wert": "1,23456"}, "Bitte höchstens vier Nachkommastellen eingeben.", id="wert-nachkommastellen"),
    pytest.param({"wert": SKRIPT}, _zahlformat(SKRIPT), id="wert-skript"),
    pytest.param(
        {"gegensteuerung_wer": LANG},
        "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht.",
        id="wer-zu-lang",
    ),
    pytest.param(
        {"nachweis": "https://intranet.example/" + LANG},
        "Bitte sicherstellen, dass der Wert aus höchstens 500 Zeichen besteht.",
        id="nachweis-zu-lang",
    ),
    pytest.param(
        {"nachweis": "javascript:alert(1)"},
        "Bitte einen vollständigen Link eingeben, z. B. https://intranet.example/datei.",
        id="nachweis-javascript",
    ),
    pytest.param(
        {"gegensteuerung_bis": "31.02.2026"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="bis-31-02"
    ),
    pytest.param(
        {"gegensteuerung_bis": "2026-13-01"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="bis-monat-13"
    ),
    pytest.param(
        {"gegensteuerung_bis": "00.00.0000"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="bis-nullen"
    ),
    pytest.param(
        {"wert": "5", "sorgenampel": "on", "sorgenampel_grund": ""},
        "Bitte begründen Sie die Sorgenampel.",
        id="sorgenampel-ohne-grund",
    ),
    pytest.param({"wert": "abc", "kommentar": SKRIPT}, _zahlformat("abc"), id="skript-im-kommentar-bei-falschem-wert"),
    pytest.param(
        {"wert": "5", "revision": "abc"},
        "Der Bearbeitungsstand ist ungültig. Bitte laden Sie die Seite neu.",
        id="revision-manipuliert",
    ),
]


@pytest.mark.parametrize(("felder", "meldung"), ERFASSUNG_ABGELEHNT)
def test_erfassung_weist_boese_eingabe_deutsch_ab_und_aendert_nichts(erfassung, felder, meldung):
    prefix = erfassung[3]
    vorher = _erfassung_stand()
    antwort = _erfassung_post(erfassung, felder)
    _pruefe_abgelehnt(
        antwort,
        vorher=vorher,
        stand=_erfassung_stand,
        meldung=meldung,
        allgemein="Nichts gespeichert: Bitte korrigieren Sie die markierten Angaben.",
        daten={prefix + f: w for f, w in felder.items()},
    )


def test_erfassung_ohne_pflichterklaerung_speichert_nichts(erfassung):
    """A value far off target and last year needs Begründung and Gegensteuerung unless saved as a draft."""
    vorher = _erfassung_stand()
    antwort = _erfassung_post(erfassung, {"wert": "5.000"}, entwurf=False)
    _pruefe_abgelehnt(
        antwort,
        vorher=vorher,
        stand=_erfassung_stand,
        meldung="Pflichtangabe: Die Ampel ist rot oder die Abweichung zum Vorjahr übersteigt",
        allgemein="Nichts gespeichert",
        daten={erfassung[3] + "wert": "5.000"},
    )


def test_erfassung_leere_zeile_speichert_nichts(erfassung):
    vorher = _erfassung_stand()
    antwort = _erfassung_post(erfassung, {"wert": ""})
    assert antwort.status_code == 302
    assert _erfassung_stand() == vorher


ERFASSUNG_ANGENOMMEN = [
    pytest.param("1.234,5", Decimal("1234.5"), "1.234,5", id="de-DE"),
    pytest.param(" 1.234,5 € ", Decimal("1234.5"), "1.234,5", id="de-DE-mit-euro-und-leerzeichen"),
    pytest.param("1.234", Decimal("1234"), "1.234", id="punkt-mit-drei-ziffern-ist-tausender"),
    pytest.param("1234.5", Decimal("1234.5"), "1.234,5", id="einzelner-punkt-als-komma"),
    pytest.param("12.345.678,9", Decimal("12345678.9"), "12.345.678,9", id="mehrere-tausendergruppen"),
    pytest.param(",5", Decimal("0.5"), "0,5", id="komma-ohne-null"),
    pytest.param("-1.234,5", Decimal("-1234.5"), "-1.234,5", id="negativ-ist-bei-messwerten-erlaubt"),
]


@pytest.mark.parametrize(("eingabe", "gespeichert", "angezeigt"), ERFASSUNG_ANGENOMMEN)
def test_erfassung_liest_deutsche_zahl_genau(erfassung, eingabe, gespeichert, angezeigt):
    from steuerung.models import Messwert

    client, url, kennzahl, prefix, _daten = erfassung
    antwort = _erfassung_post(erfassung, {"wert": eingabe})
    assert antwort.status_code == 302
    messwert = Messwert.objects.get(kennzahl=kennzahl, periode=PERIODE)
    assert messwert.wert == gespeichert
    assert messwert.wert.as_tuple().exponent == -4  # DecimalField(decimal_places=4): stored, not rounded away
    seite = client.get(url).content.decode()
    assert re.search(rf'<input[^>]*name="{prefix}wert"[^>]*value="{re.escape(angezeigt)}"', seite)


def test_erfassung_speichert_skript_und_zeigt_es_ueberall_maskiert(erfassung):
    from steuerung.models import Messwert

    client, url, kennzahl, _prefix, _daten = erfassung
    texte = ("kommentar", "begruendung", "gegensteuerung_was", "gegensteuerung_wer", "sorgenampel_grund")
    antwort = _erfassung_post(erfassung, {"wert": "5", "sorgenampel": "on", **dict.fromkeys(texte, SKRIPT)})
    assert antwort.status_code == 302
    messwert = Messwert.objects.get(kennzahl=kennzahl, periode=PERIODE)
    assert [getattr(messwert, f) for f in texte] == [SKRIPT] * len(texte)
    auswertung = reverse("frontend:kennzahl-auswertung", kwargs={"pk": kennzahl.pk}) + f"?periode={PERIODE}"
    for seite in (url, auswertung):
        html = client.get(seite).content.decode()
        assert SKRIPT not in html, seite
        assert html.count(SKRIPT_MASKIERT) >= len(texte), seite


# --------------------------------------------------------------------------- Kennzahl form


def _kennzahl_stand():
    from core.models import Protokolleintrag
    from steuerung.models import Kennzahl, Kennzahlversion, Sollwert

    return boese.zustand(Kennzahl, Kennzahl.history.model, Kennzahlversion, Sollwert, Protokolleintrag)


@pytest.fixture
def kennzahl_bearbeiten():
    """The edit form of K 1 (which already has values, so a changed target needs a reason)."""
    kennzahl = objekte()["kennzahl"]
    client = _web("steuerung")
    url = reverse("frontend:kennzahl-bearbeiten", kwargs={"pk": kennzahl.pk})
    daten = boese.formdaten(client.get(url).context["form"])
    return client, url, kennzahl, {**daten, "grund": "Prüfung der Eingaben"}


@pytest.fixture
def kennzahl_neu():
    from steuerung.selectors import TYP_VON_MODELL

    kennzahl = objekte()["kennzahl"]
    ziel = kennzahl.ziel
    client = _web("steuerung")
    url = reverse("frontend:kennzahl-neu", kwargs={"typ": TYP_VON_MODELL[type(ziel)], "pk": ziel.pk})
    daten = boese.formdaten(client.get(url).context["form"])
    daten.update(
        bezeichnung="Neue Kennzahl",
        organisationseinheit=str(kennzahl.organisationseinheit_id),
        verantwortlich=str(kennzahl.verantwortlich_id),
        vertretung=str(kennzahl.vertretung_id),
    )
    return client, url, kennzahl, daten


PFLICHT = "Dieses Feld ist zwingend erforderlich."

KENNZAHL_ABGELEHNT = [
    pytest.param({"bezeichnung": ""}, PFLICHT, id="bezeichnung-leer"),
    pytest.param({"verantwortlich": ""}, PFLICHT, id="verantwortlich-leer"),
    pytest.param(
        {"bezeichnung": LANG}, "Bitte sicherstellen, dass der Wert aus höchstens 300 Zeichen besteht.", id="bez-lang"
    ),
    pytest.param({"code": LANG}, "höchstens 30 Zeichen besteht. (Er besteht aus 10000 Zeichen.)", id="code-zu-lang"),
    pytest.param({"einheit": LANG}, "höchstens 50 Zeichen besteht.", id="einheit-zu-lang"),
    pytest.param({"formel": LANG}, "höchstens 500 Zeichen besteht.", id="formel-zu-lang"),
    pytest.param({"zielwert": "abc"}, _zahlformat("abc"), id="zielwert-text"),
    pytest.param({"zielwert": "NaN"}, _zahlformat("NaN"), id="zielwert-nan"),
    pytest.param({"zielwert": "Infinity"}, _zahlformat("Infinity"), id="zielwert-infinity"),
    pytest.param({"zielwert": "1e400"}, _zahlformat("1e400"), id="zielwert-1e400"),
    # The numeric fields are German text fields read by core.money.parse_de (a browser number
    # input would send "" for "1.234,5" and clear the value); a mixed en-US shape is refused.
    pytest.param({"zielwert": "1,234.5"}, _zahlformat("1,234.5"), id="zielwert-en-us-gemischt"),
    pytest.param({"zielwert": SKRIPT}, _zahlformat(SKRIPT), id="zielwert-skript"),
    pytest.param({"ausgangswert": "9" * 40}, "höchstens 18 Ziffern enthält.", id="ausgangswert-zu-viele-ziffern"),
    pytest.param({"schwelle_teilweise": "9999999"}, "höchstens 6 Ziffern enthält.", id="schwelle-zu-gross"),
    pytest.param({"gewicht": "-1"}, "Das Gewicht darf nicht negativ sein.", id="gewicht-negativ"),
    pytest.param({"ausgangsjahr": "-1"}, "Dieser Wert muss größer oder gleich 0 sein.", id="basisjahr-negativ"),
    pytest.param({"ausgangsjahr": "2026,5"}, "Bitte eine ganze Zahl eingeben.", id="basisjahr-komma"),
    pytest.param(
        {"zieljahr": "2000"}, "Das Zieljahr darf nicht vor dem Basisjahr liegen.", id="zieljahr-vor-basisjahr"
    ),
    pytest.param(
        {"richtung": "<b>"}, "Bitte eine gültige Auswahl treffen. <b> ist keine gültige Auswahl.", id="richtung-html"
    ),
    pytest.param(
        {"organisationseinheit": "999999"},
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl.",
        id="einheit-unbekannt",
    ),
    pytest.param({"revision": "abc"}, "Bitte eine ganze Zahl eingeben.", id="revision-manipuliert"),
    pytest.param(
        {"zielwert": "1", "grund": ""},
        "Eine Änderung von Definition, Ziel- oder Schwellenwerten braucht einen Grund",
        id="grund-fehlt-bei-zielaenderung",
    ),
    pytest.param({"bezeichnung": SKRIPT, "zielwert": "abc"}, _zahlformat("abc"), id="skript-bei-falschem-wert"),
]


@pytest.mark.parametrize(("felder", "meldung"), KENNZAHL_ABGELEHNT)
def test_kennzahl_bearbeiten_weist_boese_eingabe_deutsch_ab_und_aendert_nichts(kennzahl_bearbeiten, felder, meldung):
    client, url, _kennzahl, daten = kennzahl_bearbeiten
    vorher = _kennzahl_stand()
    antwort = client.post(url, {**daten, **felder})
    _pruefe_abgelehnt(
        antwort,
        vorher=vorher,
        stand=_kennzahl_stand,
        meldung=meldung,
        allgemein="Bitte korrigieren Sie die markierten Angaben:",
        daten=felder,
    )


KENNZAHL_NEU_ABGELEHNT = [
    pytest.param({"bezeichnung": ""}, PFLICHT, id="bezeichnung-leer"),
    pytest.param({"vertretung": ""}, PFLICHT, id="vertretung-leer"),
    pytest.param({"bezeichnung": LANG}, "höchstens 300 Zeichen besteht.", id="bezeichnung-zu-lang"),
    pytest.param({"zielwert": "abc"}, _zahlformat("abc"), id="zielwert-text"),
    pytest.param({"zielwert": "1.234.5"}, _zahlformat("1.234.5"), id="zielwert-punkte"),
    pytest.param({"gewicht": "-0.01"}, "Das Gewicht darf nicht negativ sein.", id="gewicht-negativ"),
    pytest.param({"zieljahr": "-2026"}, "Dieser Wert muss größer oder gleich 0 sein.", id="zieljahr-negativ"),
    pytest.param({"bezeichnung": SKRIPT, "gewicht": "-1"}, "Das Gewicht darf nicht negativ sein.", id="skript"),
]


@pytest.mark.parametrize(("felder", "meldung"), KENNZAHL_NEU_ABGELEHNT)
def test_kennzahl_anlegen_weist_boese_eingabe_deutsch_ab_und_legt_nichts_an(kennzahl_neu, felder, meldung):
    client, url, _kennzahl, daten = kennzahl_neu
    vorher = _kennzahl_stand()
    antwort = client.post(url, {**daten, **felder})
    _pruefe_abgelehnt(
        antwort,
        vorher=vorher,
        stand=_kennzahl_stand,
        meldung=meldung,
        allgemein="Bitte korrigieren Sie die markierten Angaben:",
        daten=felder,
    )


def test_kennzahl_anlegen_mit_gueltigen_grunddaten_legt_genau_eine_an(kennzahl_neu):
    """Control: the base data of the refusals above is valid, so each refusal is the bad input's."""
    from steuerung.models import Kennzahl

    client, url, _kennzahl, daten = kennzahl_neu
    vorher = Kennzahl.objects.count()
    antwort = client.post(url, {**daten, "zielwert": "1234.5"})
    assert antwort.status_code == 302
    assert Kennzahl.objects.count() == vorher + 1
    assert Kennzahl.objects.get(bezeichnung="Neue Kennzahl").zielwert == Decimal("1234.5")


KENNZAHL_ANGENOMMEN = [
    pytest.param("zielwert", "1234.5", Decimal("1234.5"), id="zielwert-punkt-dezimal"),
    pytest.param("zielwert", "1.234,5", Decimal("1234.5"), id="zielwert-de-DE"),
    pytest.param("ausgangswert", "0,0001", Decimal("0.0001"), id="ausgangswert-de-DE-komma"),
    pytest.param("zielwert", "-1234.5", Decimal("-1234.5"), id="zielwert-negativ-ist-erlaubt"),
    pytest.param("ausgangswert", "0.0001", Decimal("0.0001"), id="ausgangswert-vier-nachkommastellen"),
    pytest.param("definition", LANG, LANG, id="definition-ohne-laengengrenze-vollstaendig"),
]


@pytest.mark.parametrize(("feld", "eingabe", "gespeichert"), KENNZAHL_ANGENOMMEN)
def test_kennzahl_bearbeiten_speichert_grenzfall_genau(kennzahl_bearbeiten, feld, eingabe, gespeichert):
    client, url, kennzahl, daten = kennzahl_bearbeiten
    antwort = client.post(url, {**daten, feld: eingabe})
    assert antwort.status_code == 302
    kennzahl.refresh_from_db()
    assert getattr(kennzahl, feld) == gespeichert


def test_kennzahl_sachbearbeitung_kann_gesperrte_felder_nicht_unterschieben(kennzahl_bearbeiten):
    """Disabled fields ignore posted values: a hostile target value changes nothing, the text is saved."""
    _client, url, kennzahl, _daten = kennzahl_bearbeiten
    client = _web("sachbearbeitung50")
    daten = boese.formdaten(client.get(url).context["form"])
    antwort = client.post(url, {**daten, "bezeichnung": "Neu formuliert", "zielwert": "abc", "gewicht": "-1"})
    assert antwort.status_code == 302
    kennzahl.refresh_from_db()
    assert (kennzahl.bezeichnung, kennzahl.zielwert, kennzahl.gewicht) == (
        "Neu formuliert",
        Decimal("1780"),
        Decimal("1"),
    )


def test_kennzahl_speichert_skript_und_zeigt_es_maskiert(kennzahl_bearbeiten):
    client, url, kennzahl, daten = kennzahl_bearbeiten
    texte = ("bezeichnung", "definition", "formel", "einheit", "datenquelle", "erhebungsmethode")
    antwort = client.post(url, {**daten, **dict.fromkeys(texte, SKRIPT)}, follow=True)
    assert antwort.status_code == 200
    kennzahl.refresh_from_db()
    assert [getattr(kennzahl, f) for f in texte] == [SKRIPT] * len(texte)
    for html in (antwort.content.decode(), client.get(url).content.decode()):
        assert SKRIPT not in html
        assert SKRIPT_MASKIERT in html


# --------------------------------------------------------------------------- HSK case form


def _hsk_stand():
    from controlling.models import Einzelfall, Verlaufsstand
    from core.models import Protokolleintrag

    return boese.zustand(Einzelfall, Einzelfall.history.model, Verlaufsstand, Protokolleintrag)


@pytest.fixture(params=["bearbeiten", "neu"])
def hsk_fall(request):
    """Client, URL, the measure and the re-submitted form of an existing case (or a new one like it)."""
    fall = objekte()["einzelfall"]
    client = _web("sachbearbeitung50")
    url = reverse("frontend:hsk-fall", kwargs={"pk": fall.pk})
    daten = boese.formdaten(client.get(url).context["formular"])
    if request.param == "neu":
        url = reverse("frontend:hsk-fall-neu", kwargs={"pk": fall.hsk_massnahme_id})
        daten.update(pseudonym="NEU-999", revision="0")
    return client, url, fall, daten


BETRAG = "vermiedene_kosten_monat"

HSK_ABGELEHNT = [
    pytest.param({"pseudonym": ""}, PFLICHT, id="pseudonym-leer"),
    pytest.param({"aufnahme": ""}, PFLICHT, id="aufnahme-leer"),
    pytest.param({BETRAG: ""}, PFLICHT, id="betrag-leer"),
    pytest.param({"pseudonym": LANG}, "höchstens 40 Zeichen besteht.", id="pseudonym-zu-lang"),
    pytest.param({"zielerreichung_text": LANG}, "höchstens 300 Zeichen besteht.", id="zielerreichung-zu-lang"),
    pytest.param({"hilfe_vorher": LANG}, "höchstens 200 Zeichen besteht.", id="hilfe-vorher-zu-lang"),
    pytest.param({"hilfe_nachher": LANG}, "höchstens 200 Zeichen besteht.", id="hilfe-nachher-zu-lang"),
    pytest.param({BETRAG: "-1"}, "Der Betrag darf nicht negativ sein.", id="betrag-negativ"),
    pytest.param({"neue_kosten_monat": "-0,01"}, "Der Betrag darf nicht negativ sein.", id="neue-kosten-negativ"),
    pytest.param({BETRAG: "abc"}, _zahlformat("abc"), id="betrag-text"),
    pytest.param({BETRAG: "1e400"}, _zahlformat("1e400"), id="betrag-1e400"),
    pytest.param({BETRAG: "NaN"}, _zahlformat("NaN"), id="betrag-nan"),
    pytest.param({BETRAG: "Infinity"}, _zahlformat("Infinity"), id="betrag-infinity"),
    pytest.param({BETRAG: "9" * 40}, "Der Betrag ist zu groß.", id="betrag-zu-viele-ziffern"),
    pytest.param({BETRAG: "1.000.000.000.000"}, "Der Betrag ist zu groß.", id="betrag-eine-billion"),
    pytest.param({BETRAG: "1,234.5"}, _zahlformat("1,234.5"), id="betrag-en-us-gemischt"),
    pytest.param({BETRAG: "1,000.00"}, _zahlformat("1,000.00"), id="betrag-en-us-tausend"),
    pytest.param({BETRAG: "1,001"}, "Bitte höchstens zwei Nachkommastellen angeben.", id="betrag-drei-nachkomma"),
    pytest.param(
        {"aufnahme": "31.02.2026"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="aufnahme-31-02"
    ),
    pytest.param(
        {"aufnahme": "2026-13-01"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="aufnahme-monat-13"
    ),
    pytest.param(
        {"aufnahme": "00.00.0000"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="aufnahme-nullen"
    ),
    pytest.param(
        {"wirkungsende": "2026-02-30"}, "Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben", id="wirkungsende-30-02"
    ),
    pytest.param(
        {"wirkungsbeginn": "01.01.1900"},
        "Der Wirkungsbeginn darf nicht vor dem Beginn der Maßnahme",
        id="wirkungsbeginn-vor-massnahme",
    ),
    pytest.param(
        {"wirkungsende": "01.01.2000"},
        "Das Wirkungsende darf nicht vor dem Wirkungsbeginn liegen.",
        id="wirkungsende-vor-beginn",
    ),
    pytest.param(
        {"pseudonym": "Max Mustermann"},
        "Bitte nur ein Pseudonym aus Buchstaben, Ziffern und Bindestrichen",
        id="pseudonym-klarname",
    ),
    pytest.param(
        {"pseudonym": "HSK-01.02.2010"},
        "Namen, Anschriften und Geburtsdaten dürfen nicht gespeichert werden.",
        id="pseudonym-geburtsdatum",
    ),
    pytest.param(
        {"pseudonym": SKRIPT},
        "Bitte nur ein Pseudonym aus Buchstaben, Ziffern und Bindestrichen",
        id="pseudonym-skript",
    ),
    pytest.param({"bemerkung": SKRIPT, BETRAG: "-1"}, "Der Betrag darf nicht negativ sein.", id="skript-bei-fehler"),
    pytest.param({"zielerreichungsgrad": "0"}, "Der Zielerreichungsgrad liegt zwischen 1 und 5.", id="grad-null"),
    pytest.param({"zielerreichungsgrad": "6"}, "Der Zielerreichungsgrad liegt zwischen 1 und 5.", id="grad-sechs"),
    pytest.param({"zielerreichungsgrad": "-1"}, "Dieser Wert muss größer oder gleich 0 sein.", id="grad-negativ"),
    pytest.param({"zielerreichungsgrad": "abc"}, "Bitte eine ganze Zahl eingeben.", id="grad-text"),
    pytest.param(
        {"ergebnis": "<b>"}, "Bitte eine gültige Auswahl treffen. <b> ist keine gültige Auswahl.", id="ergebnis-html"
    ),
    pytest.param(
        {"ablaufschritt": "999999"},
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl.",
        id="ablaufschritt-fremd",
    ),
    pytest.param({"revision": "abc"}, "Bitte eine ganze Zahl eingeben.", id="revision-manipuliert"),
]


@pytest.mark.parametrize(("felder", "meldung"), HSK_ABGELEHNT)
def test_hsk_fall_weist_boese_eingabe_deutsch_ab_und_aendert_nichts(hsk_fall, felder, meldung):
    client, url, _fall, daten = hsk_fall
    vorher = _hsk_stand()
    antwort = client.post(url, {**daten, **felder})
    _pruefe_abgelehnt(
        antwort,
        vorher=vorher,
        stand=_hsk_stand,
        meldung=meldung,
        allgemein="Bitte korrigieren Sie die markierten Angaben:",
        daten=felder,
    )


HSK_ANGENOMMEN = [
    pytest.param("1.234,5", Decimal("1234.50"), id="de-DE"),
    pytest.param("1.900,00 €", Decimal("1900.00"), id="de-DE-mit-euro"),
    pytest.param("1234.5", Decimal("1234.50"), id="einzelner-punkt-als-komma"),
    pytest.param("999.999.999.999,99", Decimal("999999999999.99"), id="groesster-betrag"),
    pytest.param("0", Decimal("0.00"), id="null"),
]


@pytest.mark.parametrize(("eingabe", "gespeichert"), HSK_ANGENOMMEN)
def test_hsk_fall_liest_deutschen_betrag_genau(hsk_fall, eingabe, gespeichert):
    from controlling.models import Einzelfall

    client, url, fall, daten = hsk_fall
    antwort = client.post(url, {**daten, BETRAG: eingabe})
    assert antwort.status_code == 302
    gespeichert_fall = Einzelfall.objects.get(hsk_massnahme=fall.hsk_massnahme, pseudonym=daten["pseudonym"])
    assert gespeichert_fall.vermiedene_kosten_monat == gespeichert
    assert str(gespeichert_fall.vermiedene_kosten_monat) == str(gespeichert)


def test_hsk_fall_speichert_skript_und_zeigt_es_maskiert(hsk_fall):
    from controlling.models import Einzelfall

    client, url, fall, daten = hsk_fall
    texte = ("zielerreichung_text", "ausgangslage", "hilfe_vorher", "hilfe_nachher", "bemerkung")
    antwort = client.post(url, {**daten, **dict.fromkeys(texte, SKRIPT)})
    assert antwort.status_code == 302
    neu = Einzelfall.objects.get(hsk_massnahme=fall.hsk_massnahme, pseudonym=daten["pseudonym"])
    assert [getattr(neu, f) for f in texte] == [SKRIPT] * len(texte)
    seiten = (
        reverse("frontend:hsk-fall", kwargs={"pk": neu.pk}),
        reverse("frontend:hsk-faelle", kwargs={"pk": fall.hsk_massnahme_id}),
    )
    for seite in seiten:
        antwort = client.get(seite)
        assert antwort.status_code == 200, seite
        assert SKRIPT not in antwort.content.decode(), seite
    assert client.get(seiten[0]).content.decode().count(SKRIPT_MASKIERT) >= len(texte)
