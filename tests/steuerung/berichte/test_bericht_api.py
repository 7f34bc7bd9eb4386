"""API of the Tertialberichte and the published reports, per persona: allowed, 403, 404."""

from __future__ import annotations

import pytest

from steuerung.models import Tertialbericht

pytestmark = pytest.mark.django_db

URL = "/api/v1/tertialberichte/"
BERICHTE = "/api/v1/berichte/"


def _aktion(client, bericht, aktion, **daten):
    return client.post(f"{URL}{bericht.pk}/{aktion}/", daten, format="json")


@pytest.mark.parametrize(
    ("persona", "erwartet"),
    [
        ("sachbearbeitung50", ["50"]),
        ("amtsleitung50", ["50"]),
        ("sachbearbeitung51", ["51"]),
        ("dezernat", ["50", "51"]),
        ("steuerung", ["50", "51"]),
        ("kaemmerei", ["50", "51"]),
    ],
    indirect=["persona"],
)
def test_liste_zeigt_nur_berichte_des_eigenen_bereichs(api, berichtsdaten, persona, erwartet):
    antwort = api(persona).get(URL, {"periode": "2026-T2"})
    assert antwort.status_code == 200
    assert sorted(b["organisationseinheit_kuerzel"] for b in antwort.data["results"]) == erwartet


def test_ratsmitglied_sieht_keine_unveroeffentlichten_berichte(api, berichtsdaten, ratsmitglied):
    assert api(ratsmitglied).get(URL).status_code == 403
    assert api(ratsmitglied).get(f"{URL}{berichtsdaten['bericht'].pk}/").status_code == 403
    assert _aktion(api(ratsmitglied), berichtsdaten["bericht"], "einreichen").status_code == 403


def test_anonyme_anfrage_wird_abgewiesen(api, berichtsdaten):
    assert api(None).get(URL).status_code in (401, 403)
    assert api(None).get(BERICHTE).status_code in (401, 403)


def test_bericht_eines_anderen_amtes_ist_nicht_auffindbar(api, berichtsdaten, sachbearbeitung51):
    bericht = berichtsdaten["bericht"]
    assert api(sachbearbeitung51).get(f"{URL}{bericht.pk}/").status_code == 404
    assert _aktion(api(sachbearbeitung51), bericht, "einreichen").status_code == 404


def test_filter_nach_status(api, berichtsdaten, steuerung, sachbearbeitung50):
    _aktion(api(sachbearbeitung50), berichtsdaten["bericht"], "einreichen")
    antwort = api(steuerung).get(URL, {"status": "eingereicht"})
    assert [b["organisationseinheit_kuerzel"] for b in antwort.data["results"]] == ["50"]
    assert api(steuerung).get(URL, {"status": "unsinn"}).status_code == 400


def test_workflow_ueber_die_api_mit_deutschen_meldungen(api, berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat):
    bericht = berichtsdaten["bericht"]
    antwort = _aktion(api(sachbearbeitung50), bericht, "einreichen", erwarteter_status="entwurf")
    assert antwort.status_code == 200 and antwort.data["status"] == "eingereicht"

    verboten = _aktion(api(sachbearbeitung50), bericht, "freigeben")
    assert verboten.status_code == 403
    assert "Ihre Rolle darf" in verboten.data["detail"]

    assert _aktion(api(amtsleitung50), bericht, "freigeben", erwarteter_status="eingereicht").status_code == 200
    doppelt = _aktion(api(amtsleitung50), bericht, "freigeben", erwarteter_status="eingereicht")
    assert doppelt.status_code == 400
    assert "inzwischen geändert" in doppelt.data["non_field_errors"][0]
    assert bericht.uebergaenge.filter(aktion="freigeben").count() == 1

    ohne_notiz = _aktion(api(dezernat), bericht, "zurueckgeben", notiz="")
    assert ohne_notiz.status_code == 400 and "notiz" in ohne_notiz.data

    freigabe = _aktion(api(dezernat), bericht, "freigeben")
    assert freigabe.status_code == 200 and freigabe.data["aktionen"] == [
        "zurueckgeben",
        "veroeffentlichen",
        "wieder_oeffnen",
    ]
    veroeffentlicht = _aktion(api(dezernat), bericht, "veroeffentlichen")
    assert veroeffentlicht.status_code == 200 and veroeffentlicht.data["status"] == "veroeffentlicht"
    assert [u["nach_status"] for u in veroeffentlicht.data["uebergaenge"]] == [
        "eingereicht",
        "amtsleitung_freigegeben",
        "dezernat_freigegeben",
        "veroeffentlicht",
    ]

    ohne_grund = _aktion(api(dezernat), bericht, "wieder_oeffnen", begruendung=" ")
    assert ohne_grund.status_code == 400 and "begruendung" in ohne_grund.data
    offen = _aktion(api(dezernat), bericht, "wieder_oeffnen", begruendung="Korrektur K 1")
    assert offen.status_code == 200 and offen.data["status"] == "entwurf"


def test_kaemmerei_liest_darf_aber_nicht_handeln(api, berichtsdaten, kaemmerei):
    bericht = berichtsdaten["bericht"]
    assert api(kaemmerei).get(f"{URL}{bericht.pk}/").status_code == 200
    assert _aktion(api(kaemmerei), bericht, "einreichen").status_code == 403


def test_bericht_anlegen_ist_idempotent_und_auf_den_eigenen_bereich_beschraenkt(
    api, einheiten, sachbearbeitung50, sachbearbeitung51
):
    daten = {"organisationseinheit": einheiten["50"].pk, "periode": "2026-T3"}
    erste = api(sachbearbeitung50).post(URL, daten, format="json")
    zweite = api(sachbearbeitung50).post(URL, daten, format="json")
    assert erste.status_code == 201 and zweite.status_code == 201 and erste.data["id"] == zweite.data["id"]
    assert Tertialbericht.objects.count() == 1
    fremd = api(sachbearbeitung51).post(URL, daten, format="json")
    assert fremd.status_code == 400 and "nicht zu Ihrem Bereich" in str(fremd.data)
    falsch = api(sachbearbeitung50).post(URL, {**daten, "periode": "2026-07"}, format="json")
    assert falsch.status_code == 400 and "Tertial" in str(falsch.data)


def test_ratsmitglied_liest_veroeffentlichte_berichte_mit_pdf_und_excel(api, veroeffentlicht, ratsmitglied):
    client = api(ratsmitglied)
    liste = client.get(BERICHTE)
    assert liste.status_code == 200
    assert [(b["organisationseinheit_kuerzel"], b["periode"], b["fassung"]) for b in liste.data["results"]] == [
        ("50", "2026-T2", 1)
    ]
    detail = client.get(f"{BERICHTE}{veroeffentlicht.pk}/")
    assert detail.data["inhalt"]["zusammenfassung"]["nicht_im_plan"][0]["code"] == "K 2"
    assert detail.data["inhalt_hash"] == veroeffentlicht.inhalt_hash
    pdf = client.get(f"{BERICHTE}{veroeffentlicht.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(veroeffentlicht.pdf)
    assert "attachment" in pdf["Content-Disposition"]
    excel = client.get(f"{BERICHTE}{veroeffentlicht.pk}/excel/")
    assert excel.status_code == 200 and excel.content == bytes(veroeffentlicht.excel)
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("sachbearbeitung50", 200), ("dezernat", 200), ("kaemmerei", 200), ("sachbearbeitung51", 200)],
    indirect=["persona"],
)
def test_veroeffentlichung_ist_als_oeffentlicher_bericht_fuer_jede_rolle_lesbar(api, veroeffentlicht, persona, status):
    assert api(persona).get(f"{BERICHTE}{veroeffentlicht.pk}/").status_code == status
    assert api(persona).get(f"{BERICHTE}{veroeffentlicht.pk}/pdf/").status_code == status


def test_veroeffentlichte_berichte_sind_nicht_aenderbar(api, veroeffentlicht, steuerung):
    vorher = (veroeffentlicht.periode, veroeffentlicht.inhalt)
    assert api(steuerung).delete(f"{BERICHTE}{veroeffentlicht.pk}/").status_code in (403, 405)
    assert api(steuerung).patch(f"{BERICHTE}{veroeffentlicht.pk}/", {"periode": "2025-T1"}).status_code in (403, 405)
    veroeffentlicht.refresh_from_db()
    assert (veroeffentlicht.periode, veroeffentlicht.inhalt) == vorher
