"""Task of the Rat: reports published since its last visit of the list of published reports."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from core.periods import periode
from steuerung.aufgaben.basis import Aufgabe, aufgabe
from steuerung.berichte.inhalt import veroeffentlichungen_fuer
from steuerung.models import Berichtsbesuch

# The task names this many of the new reports; the list shows all of them.
GENANNT = 5


def besuch_merken(*, user) -> None:
    """Record that the user opened the list of published reports now (what is older is no longer new)."""
    if user.is_authenticated:
        Berichtsbesuch.objects.update_or_create(benutzer=user, defaults={"zuletzt_am": timezone.now()})


def neu_veroeffentlicht(*, user, heute: date) -> list[Aufgabe]:
    """Published reports (each version) newer than the user's last visit of the list; all before a first visit."""
    zuletzt = Berichtsbesuch.objects.filter(benutzer=user).values_list("zuletzt_am", flat=True).first()
    qs = veroeffentlichungen_fuer(user)
    if zuletzt is not None:
        qs = qs.filter(veroeffentlicht_am__gt=zuletzt)
    neu = list(qs.order_by("-veroeffentlicht_am", "-id")[: GENANNT + 1])
    if not neu:
        return []
    anzahl = len(neu) if len(neu) <= GENANNT else qs.count()
    if zuletzt is None:
        text = ngettext("%(n)s veröffentlichten Bericht lesen", "%(n)s veröffentlichte Berichte lesen", anzahl)
    else:
        text = ngettext(
            "%(n)s neu veröffentlichten Bericht seit Ihrem letzten Besuch am %(am)s lesen",
            "%(n)s neu veröffentlichte Berichte seit Ihrem letzten Besuch am %(am)s lesen",
            anzahl,
        )
    namen = [
        f"{v.organisationseinheit.kuerzel} {v.organisationseinheit.name}, {periode(v.periode).bezeichnung}"
        for v in neu[:GENANNT]
    ]
    am = date_format(timezone.localtime(zuletzt), "d.m.Y") if zuletzt else ""
    return [
        aufgabe(
            text=text % {"n": anzahl, "am": am},
            url=reverse("frontend:veroeffentlichungen"),
            heute=heute,
            anzahl=anzahl,
            hinweis="; ".join(namen) + (" …" if anzahl > GENANNT else ""),
        )
    ]
