"""Tasks of the Dezernatsleitung: reports waiting for it, Kennzahlen that turned red since the previous tertial."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core.periods import Periode, letztes_beendetes_tertial
from steuerung.aufgaben.basis import Aufgabe, aufgabe, begrenzt
from steuerung.aufgaben.fachamt import berichte_zur_freigabe
from steuerung.lesestand.basis import KENNZAHL
from steuerung.lesestand.dashboard import dashboard_stand
from steuerung.models import Lesestandeintrag
from steuerung.models.berichte import Berichtsstatus


def dezernat_freigaben(*, user, heute: date) -> list[Aufgabe]:
    return [
        *berichte_zur_freigabe(
            user=user,
            heute=heute,
            status=Berichtsstatus.AMTSLEITUNG_FREIGEGEBEN,
            text=_("Von der Amtsleitung freigegebenen Bericht freigeben: %(einheit)s, %(periode)s"),
        ),
        *berichte_zur_freigabe(
            user=user,
            heute=heute,
            status=Berichtsstatus.DEZERNAT_FREIGEGEBEN,
            text=_("Freigegebenen Bericht veröffentlichen: %(einheit)s, %(periode)s"),
        ),
    ]


def _auffaellige(tertial: Periode, user) -> dict[tuple[str, str], dict[str, Any]]:
    """Red or year-at-risk rows of the stored dashboard, keyed by unit and name (stable across years)."""
    stand = dashboard_stand(periode=tertial, user=user)
    zeilen = (
        Lesestandeintrag.objects.filter(stand=stand, art=KENNZAHL, eltern="")
        .filter(Q(daten__ampel="rot") | Q(daten__jahresziel_gefaehrdet=True))
        .order_by("position")
        .values_list("daten", flat=True)
    )
    return {(z["organisationseinheit"], z["bezeichnung"]): z for z in zeilen}


def neu_auffaellige_kennzahlen(*, user, heute: date) -> list[Aufgabe]:
    """Kennzahlen red, or with the year at risk (forecast red), in the last ended tertial but not in the one before.

    Reads the stored dashboards of both tertials (steuerung.lesestand), so the evaluation is the dashboard's.
    """
    tertial = letztes_beendetes_tertial(heute)
    jetzt, vorher = _auffaellige(tertial, user), _auffaellige(tertial.vorperiode(), user)
    aufgaben = []
    for schluessel, z in jetzt.items():
        alt = vorher.get(schluessel, {})
        neu_rot = z["ampel"] == "rot" and alt.get("ampel") != "rot"
        neu_gefaehrdet = z["jahresziel_gefaehrdet"] and not alt.get("jahresziel_gefaehrdet")
        if not (neu_rot or neu_gefaehrdet):
            continue
        if neu_rot and neu_gefaehrdet:
            text = _("Neu rot und Jahresziel gefährdet seit dem %(vorher)s: %(kennzahl)s (%(einheit)s)")
        elif neu_rot:
            text = _("Neu rot seit dem %(vorher)s: %(kennzahl)s (%(einheit)s)")
        else:
            text = _("Jahresziel neu gefährdet seit dem %(vorher)s: %(kennzahl)s (%(einheit)s)")
        url = reverse("frontend:kennzahl-auswertung", kwargs={"pk": z["kennzahl"]}) + f"?periode={z['periode']}"
        werte = {"vorher": tertial.vorperiode().bezeichnung, "kennzahl": z["bezeichnung"], "einheit": schluessel[0]}
        aufgaben.append(aufgabe(text=text % werte, url=url, heute=heute))
    return begrenzt(
        aufgaben,
        rest_text=_("%(n)s weitere Kennzahlen neu rot oder mit gefährdetem Jahresziel"),
        rest_url=reverse("frontend:tertial-dashboard") + f"?periode={tertial.schluessel}",
    )
