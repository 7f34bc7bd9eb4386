"""The decision log is anchored by every publication: cutting off its newest entries is detected."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from core.models import Protokolleintrag
from core.protokoll import kette_pruefen

pytestmark = pytest.mark.django_db


def test_veroeffentlichung_haelt_den_kopf_des_protokolls_fest(veroeffentlicht):
    anker = veroeffentlicht.daten["bericht"]["protokoll"]
    kopf = Protokolleintrag.objects.order_by("-id").first()
    assert anker == {"eintrag": kopf.pk, "hash": kopf.hash}
    assert kopf.aktion == "tertialbericht_veroeffentlichen"
    assert kette_pruefen().intakt
    call_command("protokoll_pruefen")


def test_geloeschte_neueste_eintraege_lassen_protokoll_pruefen_scheitern(veroeffentlicht):
    anker = veroeffentlicht.daten["bericht"]["protokoll"]["eintrag"]
    neueste = list(Protokolleintrag.objects.order_by("-id").values_list("pk", flat=True)[:2])
    Protokolleintrag.objects.filter(pk__in=neueste).delete()
    ergebnis = kette_pruefen()
    # The rest of the chain still links up; only the anchor shows that entries are missing.
    assert ergebnis.fehler == [
        f"Eintrag {anker} fehlt, auf den die Veröffentlichung des Tertialberichts 50 2. Tertial 2026 (Fassung 1) "
        "verweist: Das Protokoll wurde gekürzt oder der Eintrag gelöscht."
    ]
    with pytest.raises(CommandError, match="Protokoll beschädigt"):
        call_command("protokoll_pruefen")


def test_ersetzter_angekerter_eintrag_wird_erkannt(veroeffentlicht):
    """Deleting the head and appending a forged entry under the same id would still not match the anchor."""
    anker = veroeffentlicht.daten["bericht"]["protokoll"]
    Protokolleintrag.objects.filter(pk=anker["eintrag"]).update(hash="f" * 64)
    fehler = kette_pruefen().fehler
    assert any("trägt nicht mehr den Hash" in f for f in fehler)
