"""Approval workflow of the Tertialberichte: states, roles, four eyes, idempotence, lock, reopening."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.models import Protokolleintrag
from core.protokoll import kette_pruefen
from steuerung.berichte.sperre import messwert_aenderung_pruefen, periode_gesperrt
from steuerung.berichte.workflow import (
    Rechtefehler,
    moegliche_aktionen,
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_holen_oder_anlegen,
    tertialbericht_veroeffentlichen,
    tertialbericht_wieder_oeffnen,
    tertialbericht_zurueckgeben,
)
from steuerung.models import Berichtsuebergang, Veroeffentlichung
from steuerung.models.berichte import Berichtsstatus as S
from tests.steuerung.factories_berichte import BKennzahlFactory, rote_kennzahl_mit_erklaerung

pytestmark = pytest.mark.django_db


def _uebergaenge(bericht) -> list[tuple[str, str, str]]:
    return list(bericht.uebergaenge.order_by("id").values_list("von_status", "nach_status", "benutzer__username"))


def test_bericht_durchlaeuft_den_ganzen_weg_bis_zur_veroeffentlichung(
    berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat
):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert bericht.status == S.EINGEREICHT
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50, erwarteter_status=S.EINGEREICHT)
    assert bericht.status == S.AMTSLEITUNG_FREIGEGEBEN
    tertialbericht_freigeben(bericht=bericht, user=dezernat, erwarteter_status=S.AMTSLEITUNG_FREIGEGEBEN)
    v = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    bericht.refresh_from_db()
    assert bericht.status == S.VEROEFFENTLICHT
    assert _uebergaenge(bericht) == [
        (S.ENTWURF, S.EINGEREICHT, "sb50"),
        (S.EINGEREICHT, S.AMTSLEITUNG_FREIGEGEBEN, "al50"),
        (S.AMTSLEITUNG_FREIGEGEBEN, S.DEZERNAT_FREIGEGEBEN, "dez"),
        (S.DEZERNAT_FREIGEGEBEN, S.VEROEFFENTLICHT, "dez"),
    ]
    assert v.fassung == 1 and v.hash_stimmt()
    assert v.pdf[:5] == b"%PDF-" and bytes(v.excel[:2]) == b"PK"


def test_jeder_uebergang_steht_im_entscheidungsprotokoll(veroeffentlicht):
    aktionen = list(
        Protokolleintrag.objects.filter(objekt_typ="steuerung.tertialbericht")
        .order_by("id")
        .values_list("aktion", "benutzername")
    )
    assert aktionen == [
        ("tertialbericht_einreichen", "sb50"),
        ("tertialbericht_freigeben", "al50"),
        ("tertialbericht_freigeben", "dez"),
        ("tertialbericht_veroeffentlichen", "dez"),
    ]
    assert kette_pruefen().intakt


def test_doppelklick_auf_freigeben_erzeugt_nur_einen_uebergang(berichtsdaten, sachbearbeitung50, amtsleitung50):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50, erwarteter_status=S.EINGEREICHT)
    with pytest.raises(ValidationError) as fehler:
        tertialbericht_freigeben(bericht=bericht, user=amtsleitung50, erwarteter_status=S.EINGEREICHT)
    assert "inzwischen geändert" in fehler.value.messages[0]
    assert "von der Amtsleitung freigegeben" in fehler.value.messages[0]
    assert bericht.uebergaenge.filter(aktion="freigeben").count() == 1


def test_doppelklick_ohne_erwarteten_status_wird_an_der_rolle_abgewiesen(
    berichtsdaten, sachbearbeitung50, amtsleitung50
):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    with pytest.raises(Rechtefehler):
        tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    bericht.refresh_from_db()
    assert bericht.status == S.AMTSLEITUNG_FREIGEGEBEN
    assert bericht.uebergaenge.count() == 2


def test_steuerung_kann_nicht_beide_freigabestufen_selbst_erteilen(berichtsdaten, steuerung, zweite_steuerung):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=steuerung)
    with pytest.raises(ValidationError, match="Vier-Augen-Prinzip"):
        tertialbericht_freigeben(bericht=bericht, user=steuerung)
    tertialbericht_freigeben(bericht=bericht, user=zweite_steuerung)
    with pytest.raises(ValidationError, match="Vier-Augen-Prinzip"):
        tertialbericht_freigeben(bericht=bericht, user=zweite_steuerung)
    bericht.refresh_from_db()
    assert bericht.status == S.AMTSLEITUNG_FREIGEGEBEN


def test_steuerung_kann_keine_stufe_ueberspringen(berichtsdaten, steuerung):
    with pytest.raises(ValidationError, match="nicht möglich"):
        tertialbericht_veroeffentlichen(bericht=berichtsdaten["bericht"], user=steuerung)
    assert not Veroeffentlichung.objects.exists()


@pytest.mark.parametrize(
    ("persona", "aktion"),
    [
        ("sachbearbeitung50", "freigeben"),
        ("kaemmerei", "freigeben"),
        ("amtsleitung50", "veroeffentlichen"),
        ("sachbearbeitung51", "freigeben"),
    ],
    indirect=["persona"],
)
def test_rollen_ohne_recht_werden_abgewiesen(berichtsdaten, sachbearbeitung50, amtsleitung50, persona, aktion):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    if aktion == "veroeffentlichen":
        with pytest.raises(ValidationError):
            tertialbericht_veroeffentlichen(bericht=bericht, user=persona)
    else:
        with pytest.raises(Rechtefehler):
            tertialbericht_freigeben(bericht=bericht, user=persona)
    assert bericht.uebergaenge.count() == 1


def test_sachbearbeitung_eines_anderen_amtes_kann_nicht_einreichen(berichtsdaten, sachbearbeitung51):
    with pytest.raises(Rechtefehler, match="nicht zu Ihrem Bereich"):
        tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=sachbearbeitung51)


def test_zurueckgegebener_bericht_traegt_die_notiz_und_kann_erneut_eingereicht_werden(
    berichtsdaten, sachbearbeitung50, amtsleitung50
):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    with pytest.raises(ValidationError) as fehler:
        tertialbericht_zurueckgeben(bericht=bericht, user=amtsleitung50, notiz="  ")
    assert "notiz" in fehler.value.message_dict
    tertialbericht_zurueckgeben(bericht=bericht, user=amtsleitung50, notiz="Begründung zu K 2 präzisieren.")
    bericht.refresh_from_db()
    assert bericht.status == S.ZURUECKGEGEBEN
    assert bericht.notiz == "Begründung zu K 2 präzisieren."
    assert bericht.uebergaenge.last().notiz == "Begründung zu K 2 präzisieren."
    assert not periode_gesperrt(organisationseinheit=bericht.organisationseinheit, periode="2026-T2")
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert bericht.status == S.EINGEREICHT


def test_einreichen_wird_abgewiesen_solange_eine_rote_kennzahl_keine_gegensteuerung_hat(
    berichtsdaten, einheiten, sachbearbeitung50, steuerung
):
    ohne = BKennzahlFactory(
        code="K 3",
        bezeichnung="Kurzzeitpflege",
        organisationseinheit=einheiten["50 21"],
        verantwortlich=sachbearbeitung50,
        vertretung=steuerung,
    )
    messwert = rote_kennzahl_mit_erklaerung(kennzahl=ohne, erklaert=False)
    bericht = berichtsdaten["bericht"]
    with pytest.raises(ValidationError) as fehler:
        tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert "K 3 Kurzzeitpflege" in fehler.value.messages[0]
    assert "K 2" not in fehler.value.messages[0]
    bericht.refresh_from_db()
    assert bericht.status == S.ENTWURF and not bericht.uebergaenge.exists()
    messwert.begruendung = "Weniger Plätze."
    messwert.gegensteuerung_was = "Platzkontingente verhandeln"
    messwert.gegensteuerung_wer = "Sachgebietsleitung 50 21"
    messwert.gegensteuerung_bis = messwert.periode_ende
    messwert.save()
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert bericht.status == S.EINGEREICHT


def test_freigegebene_periode_ist_fuer_einheit_und_untereinheiten_gesperrt(
    berichtsdaten, einheiten, sachbearbeitung50, amtsleitung50
):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert not periode_gesperrt(organisationseinheit=einheiten["50 2"], periode="2026-T2")
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    assert periode_gesperrt(organisationseinheit=einheiten["50"], periode="2026-T2")
    assert periode_gesperrt(organisationseinheit=einheiten["50 21"], periode="2026-T2")
    assert periode_gesperrt(organisationseinheit=einheiten["50 2"], periode="2026-06")
    assert not periode_gesperrt(organisationseinheit=einheiten["50 2"], periode="2026-T3")
    assert not periode_gesperrt(organisationseinheit=einheiten["51"], periode="2026-T2")
    with pytest.raises(ValidationError, match="gesperrt"):
        messwert_aenderung_pruefen(kennzahl=berichtsdaten["gruen"], periode="2026-T2")
    messwert_aenderung_pruefen(kennzahl=berichtsdaten["k51"], periode="2026-T2")


def test_messwert_speichern_in_gesperrter_periode_wird_abgewiesen(berichtsdaten, sachbearbeitung50, amtsleitung50):
    from steuerung.erfassung import messwert_speichern

    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    kennzahl = berichtsdaten["gruen"]
    vorher = kennzahl.messwerte.get(periode="2026-T2")
    with pytest.raises(ValidationError, match="gesperrt"):
        messwert_speichern(
            kennzahl=kennzahl, periode="2026-T2", user=sachbearbeitung50, revision=vorher.revision, wert=Decimal("50")
        )
    assert kennzahl.messwerte.get(periode="2026-T2").wert == Decimal("49")


def test_wiedereroeffnung_braucht_begruendung_und_hebt_die_sperre_auf(
    veroeffentlicht, berichtsdaten, dezernat, einheiten
):
    bericht = berichtsdaten["bericht"]
    with pytest.raises(ValidationError) as fehler:
        tertialbericht_wieder_oeffnen(bericht=bericht, user=dezernat, begruendung="")
    assert "begruendung" in fehler.value.message_dict
    assert periode_gesperrt(organisationseinheit=einheiten["50 2"], periode="2026-T2")
    tertialbericht_wieder_oeffnen(
        bericht=bericht, user=dezernat, begruendung="Korrektur der Fallzahl K 1 durch das Amt."
    )
    bericht.refresh_from_db()
    assert bericht.status == S.ENTWURF
    assert not periode_gesperrt(organisationseinheit=einheiten["50 2"], periode="2026-T2")
    letzter = bericht.uebergaenge.last()
    assert (letzter.aktion, letzter.notiz) == ("wieder_oeffnen", "Korrektur der Fallzahl K 1 durch das Amt.")
    assert Protokolleintrag.objects.filter(aktion="tertialbericht_wieder_oeffnen").count() == 1
    # the earlier publication stays untouched
    assert Veroeffentlichung.objects.get().pk == veroeffentlicht.pk


def test_erneute_veroeffentlichung_ergibt_eine_zweite_fassung(
    veroeffentlicht, berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat
):
    bericht = berichtsdaten["bericht"]
    tertialbericht_wieder_oeffnen(bericht=bericht, user=dezernat, begruendung="Nachtrag")
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    zweite = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    assert (veroeffentlicht.fassung, zweite.fassung) == (1, 2)
    assert Veroeffentlichung.objects.count() == 2


def test_moegliche_aktionen_je_rolle_und_status(
    berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat, ratsmitglied
):
    bericht = berichtsdaten["bericht"]
    assert moegliche_aktionen(bericht=bericht, user=sachbearbeitung50) == ["einreichen"]
    assert moegliche_aktionen(bericht=bericht, user=amtsleitung50) == []
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert moegliche_aktionen(bericht=bericht, user=amtsleitung50) == ["freigeben", "zurueckgeben"]
    assert moegliche_aktionen(bericht=bericht, user=dezernat) == ["zurueckgeben"]
    assert moegliche_aktionen(bericht=bericht, user=ratsmitglied) == []


def test_bericht_gilt_nur_fuer_ein_tertial(einheiten):
    with pytest.raises(ValidationError, match="Tertial"):
        tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-03")
    with pytest.raises(ValidationError, match="keine gültige Periode"):
        tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="T2")
    a = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-T1")
    b = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-T1")
    assert a.pk == b.pk and Berichtsuebergang.objects.count() == 0
