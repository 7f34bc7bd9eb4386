"""What the Stammdaten screens show per role: names in headings (Ratssicht, German numbers), counts,
checkboxes beside their labels, hub wording, import links, delete check beforehand, list filters and links."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from controlling.models import Praeventionsbudget
from sozialraum.models import Indikatorwert, Raum, Vergleichswert

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _main(antwort) -> str:
    text = antwort.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def _titel(antwort) -> str:
    return re.search(r"<title>(.*?)</title>", antwort.content.decode(), re.S)[1]


def _h1(antwort) -> str:
    return re.search(r"<h1>(.*?)</h1>", antwort.content.decode(), re.S)[1]


# --- 1. names in headings, titles and messages ---------------------------------------------------


def test_ratsmitglied_sieht_kleinzahl_auch_nicht_in_ueberschrift_und_titel(ratsmitglied, sozialraumdaten):
    wert = Indikatorwert.objects.get(indikator=sozialraumdaten["faelle"], raum=sozialraumdaten["altstadt"], jahr=2025)
    antwort = _client(ratsmitglied).get(f"/stammdaten/indikatorwerte/{wert.pk}/")
    assert antwort.status_code == 200
    assert "Wohnungslose / Altstadt / 2025: &lt; 5" in _h1(antwort)
    assert "Wohnungslose / Altstadt / 2025: &lt; 5" in _titel(antwort)
    seite = antwort.content.decode()
    assert "3.0000" not in seite and ": 3" not in seite


def test_andere_rollen_sehen_den_wert_deutsch_in_der_ueberschrift(steuerung, sozialraumdaten):
    wert = Indikatorwert.objects.create(
        indikator=sozialraumdaten["quote"], raum=sozialraumdaten["hafen"], jahr=2023, wert=Decimal("9.8")
    )
    antwort = _client(steuerung).get(f"/stammdaten/indikatorwerte/{wert.pk}/")
    assert "Indikatorwert „SGB-II-Quote / Hafenviertel / 2023: 9,8“ bearbeiten" in _h1(antwort)
    klein = Indikatorwert.objects.get(indikator=sozialraumdaten["faelle"], raum=sozialraumdaten["altstadt"])
    assert "Wohnungslose / Altstadt / 2025: 3“" in _h1(
        _client(steuerung).get(f"/stammdaten/indikatorwerte/{klein.pk}/")
    )


def test_vergleichswert_ueberschrift_und_meldung_mit_deutschen_zahlen(steuerung, sozialraumdaten):
    vergleich = Vergleichswert.objects.get(kommune="A-Stadt")
    client = _client(steuerung)
    assert "„A-Stadt / treffs / 2025: 10“" in _h1(client.get(f"/stammdaten/vergleichswerte/{vergleich.pk}/"))
    daten = {"kommune": "A-Stadt", "vergleichsschluessel": "treffs", "jahr": "2025", "wert": "31,5"}
    antwort = client.post(f"/stammdaten/vergleichswerte/{vergleich.pk}/", daten, follow=True)
    assert "Vergleichswert „A-Stadt / treffs / 2025: 31,5“ wurde gespeichert." in antwort.content.decode()
    assert "31.5000" not in antwort.content.decode()


def test_praeventionsbudget_meldungen_in_euro(steuerung):
    client = _client(steuerung)
    antwort = client.post(
        "/stammdaten/praeventionsbudgets/neu/", {"jahr": "2026", "obergrenze": "200.000"}, follow=True
    )
    assert "Präventionsbudget „2026: 200.000,00 €“ wurde gespeichert." in antwort.content.decode()
    budget = Praeventionsbudget.objects.get(jahr=2026)
    assert "„2026: 200.000,00 €“ löschen?" in _h1(client.get(f"/stammdaten/praeventionsbudgets/{budget.pk}/loeschen/"))
    antwort = client.post(f"/stammdaten/praeventionsbudgets/{budget.pk}/loeschen/", follow=True)
    assert "Präventionsbudget „2026: 200.000,00 €“ wurde gelöscht." in antwort.content.decode()


# --- 2. counts only of what the role may see -------------------------------------------------------


def _traegerzeile(text: str) -> str:
    return re.search(r"Testträger.*?</tr>", text, re.S)[0]


def test_ratsmitglied_zaehlt_nur_sichtbare_angebote_des_traegers(ratsmitglied, steuerung, sozialraumdaten):
    # The Träger has offers in Altstadt and in Kleinsiedlung (below the Mindesteinwohnerzahl).
    assert "<td>1</td>" in _traegerzeile(_main(_client(ratsmitglied).get("/stammdaten/traeger/")))
    assert "Stadtteilbüro Altstadt" in _main(_client(ratsmitglied).get("/stammdaten/angebote/"))
    assert "<td>2</td>" in _traegerzeile(_main(_client(steuerung).get("/stammdaten/traeger/")))


# --- 3. checkboxes beside their labels ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "feld"),
    [("/stammdaten/raeume/neu/", "grenze_schematisch"), ("/stammdaten/indikatoren/neu/", "ist_fallzahl")],
)
def test_ankreuzfeld_steht_links_neben_seiner_beschriftung(steuerung, sozialraumdaten, url, feld):
    text = _main(_client(steuerung).get(url))
    block = re.search(r'<div class="feld feld--ankreuzen">(.*?)</div>', text, re.S)
    assert block, "checkbox without the one-line layout"
    inhalt = block[1]
    assert inhalt.index(f'type="checkbox" name="{feld}"') < inhalt.index(f'<label for="id_{feld}">')
    assert inhalt.index(f'<label for="id_{feld}">') < inhalt.index('class="hilfetext"')  # help text below
    # The other fields keep the column layout (label above the input).
    assert '<div class="feld">\n<label for="id_schluessel">' in text


def test_vergleichswert_ankreuzfeld_mit_fehlern_der_anderen_felder(steuerung, sozialraumdaten):
    text = _main(_client(steuerung).post("/stammdaten/vergleichswerte/neu/", {"einwohner_demowert": "on"}))
    assert 'class="feld feld--ankreuzen"' in text
    assert re.search(r'type="checkbox" name="einwohner_demowert"[^>]*checked', text)
    assert "Kommune: Dieses Feld ist zwingend erforderlich." in text


# --- 4. hub wording, import links, delete check beforehand ----------------------------------------------


def test_hub_sagt_ansehen_fuer_leserollen(ratsmitglied, sozialraumdaten):
    text = _main(_client(ratsmitglied).get("/stammdaten/"))
    assert "Stammdaten pflegen" not in text and "ansehen und pflegen" not in text
    assert "Ihre Rolle darf diese Angaben lesen, aber nicht ändern." in text
    assert text.count('<span class="kachel__aktion">ansehen</span>') >= 6
    assert "/sozialraum/import/" not in text and "Excel-Import" not in text


def test_hub_sagt_pflegen_wo_die_rolle_aendern_darf(steuerung):
    text = _main(_client(steuerung).get("/stammdaten/"))
    assert "Stammdaten ansehen und pflegen" in text
    raeume = re.search(r'href="/stammdaten/raeume/">(.*?)</a>', text, re.S)[1]
    assert "ansehen und pflegen" in raeume
    assert 'href="/sozialraum/import/?art=indikatorwerte"' in text
    assert 'href="/sozialraum/import/?art=vergleichswerte"' in text


def test_sachbearbeitung_sieht_sozialraum_nur_zum_ansehen(sachbearbeitung50):
    text = _main(_client(sachbearbeitung50).get("/stammdaten/"))
    raeume = re.search(r'href="/stammdaten/raeume/">(.*?)</a>', text, re.S)[1]
    assert '<span class="kachel__aktion">ansehen</span>' in raeume
    assert "/sozialraum/import/" not in text


@pytest.mark.parametrize(
    ("slug", "art"), [("indikatorwerte", "indikatorwerte"), ("vergleichswerte", "vergleichswerte")]
)
def test_liste_verlinkt_den_import_nur_fuer_importierende(steuerung, ratsmitglied, sozialraumdaten, slug, art):
    link = f'href="/sozialraum/import/?art={art}"'
    assert link in _main(_client(steuerung).get(f"/stammdaten/{slug}/"))
    assert link not in _main(_client(ratsmitglied).get(f"/stammdaten/{slug}/"))
    formular = _main(_client(steuerung).get(f"/sozialraum/import/?art={art}"))
    assert re.search(rf'value="{art}"[^>]*checked', formular)  # the kind is preselected


def test_loeschbestaetigung_nennt_den_grund_vorher(steuerung, sozialraumdaten):
    hafen = sozialraumdaten["hafen"]
    text = _main(_client(steuerung).get(f"/stammdaten/raeume/{hafen.pk}/loeschen/"))
    assert "Raum hat Indikatorwerte – löschen nicht möglich." in text
    assert "endgültig gelöscht" not in text and "Endgültig löschen" not in text
    assert Raum.objects.filter(pk=hafen.pk).exists()


def test_loeschbestaetigung_probelauf_loescht_nichts(steuerung, sozialraumdaten):
    wert = Indikatorwert.objects.filter(raum=sozialraumdaten["hafen"]).first()
    text = _main(_client(steuerung).get(f"/stammdaten/indikatorwerte/{wert.pk}/loeschen/"))
    assert "Der Eintrag wird endgültig gelöscht." in text and "Endgültig löschen" in text
    assert Indikatorwert.objects.filter(pk=wert.pk).exists() and Indikatorwert.objects.count() == 7


# --- 5. Indikatorwerte list: Ebene as a select, distinct link texts -------------------------------------


def test_ebene_filter_ist_eine_auswahl(steuerung, sozialraumdaten):
    client = _client(steuerung)
    text = _main(client.get("/stammdaten/indikatorwerte/"))
    assert re.search(r'<select name="ebene"[^>]*>', text)
    assert '<option value="stadtteil">' in text
    assert "Indikatorwerte: 7 Einträge" in _main(client.get("/stammdaten/indikatorwerte/?ebene=stadtteil"))
    falsch = client.get("/stammdaten/indikatorwerte/?ebene=mond")
    assert falsch.status_code == 200 and "gültige Auswahl" in _main(falsch)


def test_verweise_der_indikatorwerte_sind_unterscheidbar(steuerung, sozialraumdaten):
    text = _main(_client(steuerung).get("/stammdaten/indikatorwerte/"))
    verweise = re.findall(r'<th scope="row"><a href="[^"]+">(.*?)</a></th>', text, re.S)
    namen = [re.sub(r"<[^>]+>", "", v) for v in verweise]
    assert len(namen) == 7 and len(set(namen)) == 7
    assert 'SGB-II-Quote<span class="visually-hidden">, Altstadt, 2024</span>' in text
