"""Tasks of the HSK-Controlling for the start page (see steuerung.aufgaben).

Sachbearbeitung: cases whose outcome is still open after the measure's Prüfintervall.
Steuerungsunterstützung: measures whose stored curve is older than their last change.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from controlling.models import Ergebnis
from controlling.selectors import einzelfaelle_fuer, hsk_massnahmen_fuer
from steuerung.aufgaben.basis import Aufgabe, aufgabe, begrenzt, ordnen


def pruefdatum(*, aufnahme: date, monate: int) -> date:
    """The day the outcome of a case taken in on `aufnahme` is due: `monate` months later (day clamped)."""
    gesamt = aufnahme.year * 12 + aufnahme.month - 1 + monate
    jahr, monat = divmod(gesamt, 12)
    monat += 1
    return date(jahr, monat, min(aufnahme.day, calendar.monthrange(jahr, monat)[1]))


def offene_einzelfaelle(*, user, heute: date) -> list[Aufgabe]:
    """Per measure: cases of the user's units with an open outcome past their Prüfdatum (one query).

    The task links to the case itself when it is one, otherwise to the measure's case list.
    """
    faelle = (
        einzelfaelle_fuer(user=user)
        .filter(ergebnis=Ergebnis.OFFEN)
        .order_by("aufnahme", "pk")
        .values_list(
            "pk", "aufnahme", "hsk_massnahme_id", "hsk_massnahme__bezeichnung", "hsk_massnahme__pruefintervall_monate"
        )
    )
    je_massnahme: dict[int, list[tuple[int, date]]] = defaultdict(list)
    namen: dict[int, str] = {}
    for pk, aufnahme, mid, bezeichnung, monate in faelle:
        faellig = pruefdatum(aufnahme=aufnahme, monate=monate)
        if heute > faellig:
            je_massnahme[mid].append((pk, faellig))
            namen[mid] = bezeichnung
    aufgaben = []
    for mid, offen in je_massnahme.items():
        n = len(offen)
        url = (
            reverse("frontend:hsk-fall", kwargs={"pk": offen[0][0]})
            if n == 1
            else reverse("frontend:hsk-faelle", kwargs={"pk": mid})
        )
        text = ngettext(
            "Ergebnis von %(n)s Einzelfall nach dem Prüfintervall noch offen: %(massnahme)s",
            "Ergebnis von %(n)s Einzelfällen nach dem Prüfintervall noch offen: %(massnahme)s",
            n,
        ) % {"n": n, "massnahme": namen[mid]}
        aufgaben.append(aufgabe(text=text, url=url, heute=heute, frist=min(f for _pk, f in offen), anzahl=n))
    return ordnen(aufgaben)


def veraltete_verlaeufe(*, user, heute: date) -> list[Aufgabe]:
    """Measures whose stored curve was computed before their last change (the measure or one of its cases)."""
    massnahmen = (
        hsk_massnahmen_fuer(user=user)
        .prefetch_related(None)
        .annotate(fall_geaendert=Max("einzelfaelle__geaendert"))
        .order_by("bezeichnung", "pk")
    )
    aufgaben = []
    for m in massnahmen:
        geaendert = max(d for d in (m.geaendert, m.fall_geaendert) if d is not None)
        stand = getattr(m, "verlaufsstand", None)
        berechnet = stand.berechnet if stand else None
        if berechnet is not None and berechnet >= geaendert:
            continue
        if berechnet is None:
            hinweis = _("Noch nie berechnet; zuletzt geändert am %(geaendert)s.")
        else:
            hinweis = _("Berechnet am %(berechnet)s, zuletzt geändert am %(geaendert)s.")
        aufgaben.append(
            aufgabe(
                text=_("Konsolidierungsverlauf neu berechnen: %(massnahme)s") % {"massnahme": m.bezeichnung},
                url=reverse("frontend:hsk-detail", kwargs={"pk": m.pk}),
                heute=heute,
                hinweis=hinweis
                % {
                    "berechnet": date_format(timezone.localtime(berechnet), "d.m.Y") if berechnet else "",
                    "geaendert": date_format(timezone.localtime(geaendert), "d.m.Y"),
                },
            )
        )
    return begrenzt(
        aufgaben,
        rest_text=_("%(n)s weitere HSK-Maßnahmen mit veraltetem Konsolidierungsverlauf"),
        rest_url=reverse("frontend:hsk-liste"),
    )
