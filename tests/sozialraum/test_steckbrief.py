"""The Steckbrief's reference mean: one computed number for every role.

Suppression for the Rat (small areas hidden, counts below 5 shown as "< 5") changes what is
displayed, never the mean an area is compared with.
"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from sozialraum.steckbrief import steckbrief

pytestmark = pytest.mark.django_db

# The stadtteile of the fixture in 2025: Altstadt, Hafenviertel, Kleinsiedlung (600 residents,
# hidden from the Rat). Wohnungslose are a count: Altstadt's 3 is "< 5" for the Rat.
MITTELWERTE = [
    ("quote", D("16.66666666666666666666666667")),  # (8 + 12 + 30) / 3
    ("faelle", D("5.666666666666666666666666667")),  # (3 + 12 + 2) / 3
]


def _mittelwert(user, raum, schluessel: str) -> D | None:
    zeilen = {z.indikator.schluessel: z for z in steckbrief(user=user, raum=raum).zeilen}
    return zeilen[schluessel].mittelwert


@pytest.mark.parametrize("schluessel,erwartet", MITTELWERTE)
def test_mittelwert_ist_fuer_rat_und_steuerung_derselbe(ratsmitglied, steuerung, sozialraumdaten, schluessel, erwartet):
    raum = sozialraumdaten["altstadt"]
    assert _mittelwert(steuerung, raum, schluessel) == erwartet
    assert _mittelwert(ratsmitglied, raum, schluessel) == erwartet


def test_rat_sieht_den_eigenen_kleinen_wert_nur_als_kleiner_fuenf(ratsmitglied, steuerung, sozialraumdaten):
    raum = sozialraumdaten["altstadt"]
    rat = {z.indikator.schluessel: z for z in steckbrief(user=ratsmitglied, raum=raum).zeilen}["faelle"]
    steu = {z.indikator.schluessel: z for z in steckbrief(user=steuerung, raum=raum).zeilen}["faelle"]
    assert (rat.zelle.wert, rat.zelle.unterdrueckt) == (None, True)
    assert (steu.zelle.wert, steu.zelle.unterdrueckt) == (D(3), False)


def _mittelwert_spalte(html: str, bezeichnung: str) -> str:
    zeile = re.search(rf"<th scope=\"row\">{bezeichnung}.*?</tr>", html, re.S).group(0)
    return re.findall(r'<td class="zahl">([^<]*)</td>', zeile)[-1]


def test_steckbrief_seite_zeigt_jeder_rolle_denselben_mittelwert(client, ratsmitglied, steuerung, sozialraumdaten):
    pfad = f"/sozialraum/raeume/{sozialraumdaten['altstadt'].id}/"
    spalten = {}
    for person in (steuerung, ratsmitglied):
        client.force_login(person)
        html = client.get(pfad).content.decode()
        spalten[person.username] = (_mittelwert_spalte(html, "SGB-II-Quote"), _mittelwert_spalte(html, "Wohnungslose"))
    assert spalten == {"su": ("16,7", "5,7"), "rat1": ("16,7", "5,7")}
