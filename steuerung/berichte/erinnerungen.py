"""Reminder e-mails before and after the Erfassungsfrist of a tertial (sent by a daily Celery beat task).

Steps for a day `heute`:
1. the tertial whose Erfassungsfrist is near or just passed: the last completed tertial;
2. which reminder applies: `vor_frist` from VORLAUF_TAGE days before the deadline up to it,
   `nach_frist` in the NACHLAUF_TAGE days after it; none otherwise;
3. Kennzahlen due in that tertial without a value, grouped by their unit;
4. per Sachbearbeitung user whose units have gaps: an in-app notification and (with an address
   and the user's e-mail switch on) one e-mail linking straight to the entry form of each unit;
   an Erinnerung row per (tertial, kind, person) makes a second run a no-op.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.adressen import absolut
from core.periods import Periode, letztes_beendetes_tertial
from organisation.benachrichtigungen import benachrichtigen, mail_gewuenscht
from organisation.models import Benutzer
from organisation.rollen import Rolle
from organisation.selectors import unterbaum_ids
from steuerung.auswertung import erfassungsfrist, periode_fuer_rhythmus
from steuerung.models import Erinnerung, Kennzahl, Messwert
from steuerung.models.berichte import Erinnerungsart

VORLAUF_TAGE = 5
NACHLAUF_TAGE = 30


def faellige_erinnerung(heute: date) -> tuple[Periode, str] | None:
    """The tertial and kind of reminder due on `heute`, or None (pure)."""
    tertial = letztes_beendetes_tertial(heute)
    frist = erfassungsfrist(tertial)
    if frist - timedelta(days=VORLAUF_TAGE) <= heute <= frist:
        return tertial, Erinnerungsart.VOR_FRIST
    if frist < heute <= frist + timedelta(days=NACHLAUF_TAGE):
        return tertial, Erinnerungsart.NACH_FRIST
    return None


def fehlende_werte(tertial: Periode) -> dict[int, list[Kennzahl]]:
    """Kennzahlen due in the tertial without a value, per unit id (three queries)."""
    kennzahlen = list(
        Kennzahl.objects.filter(jahr=tertial.jahr, archiviert=False).select_related("organisationseinheit")
    )
    faellig = {}
    for k in kennzahlen:
        p, ist_faellig = periode_fuer_rhythmus(k.erhebungsrhythmus, tertial)
        if ist_faellig:
            faellig[k.pk] = (k, p.schluessel)
    vorhanden = set(
        Messwert.objects.filter(kennzahl_id__in=faellig, wert__isnull=False).values_list("kennzahl_id", "periode")
    )
    ergebnis: dict[int, list[Kennzahl]] = defaultdict(list)
    for kid, (k, schluessel) in sorted(faellig.items(), key=lambda e: (e[1][0].code, e[0])):
        if (kid, schluessel) not in vorhanden:
            ergebnis[k.organisationseinheit_id].append(k)
    return dict(ergebnis)


def _text(*, benutzer: Benutzer, tertial: Periode, art: str, frist: date, luecken: dict[int, list[Kennzahl]]) -> str:
    if art == Erinnerungsart.VOR_FRIST:
        einleitung = _("die Erfassungsfrist für das %(t)s endet am %(f)s. Es fehlen noch Werte:")
    else:
        einleitung = _("die Erfassungsfrist für das %(t)s ist am %(f)s abgelaufen. Diese Werte sind überfällig:")
    zeilen = [
        _("Guten Tag %(name)s,") % {"name": benutzer.get_full_name() or benutzer.get_username()},
        "",
        einleitung % {"t": tertial.bezeichnung, "f": frist.strftime("%d.%m.%Y")},
    ]
    for kennzahlen in luecken.values():
        oe = kennzahlen[0].organisationseinheit
        url = absolut(reverse("frontend:tertial-erfassung", kwargs={"oe": oe.pk, "periode": tertial.schluessel}))
        zeilen += ["", f"{oe.kuerzel} {oe.name}: {url}"]
        zeilen += [f"  – {k.code} {k.bezeichnung}".rstrip() for k in kennzahlen]
    zeilen += ["", _("Diese Nachricht wurde automatisch erzeugt.")]
    return "\n".join(zeilen)


def _kurztext(*, tertial: Periode, frist: date, luecken: dict[int, list[Kennzahl]]) -> tuple[str, str]:
    """The in-app text (units and count, the full list is on the form) and its link."""
    einheiten = [ks[0].organisationseinheit for ks in luecken.values()]
    text = _("Für das %(t)s fehlen noch %(n)s Werte (Erfassungsfrist %(f)s): %(einheiten)s.") % {
        "t": tertial.bezeichnung,
        "n": sum(map(len, luecken.values())),
        "f": frist.strftime("%d.%m.%Y"),
        "einheiten": ", ".join(f"{oe.kuerzel} {oe.name}" for oe in einheiten),
    }
    if len(einheiten) == 1:
        link = reverse("frontend:tertial-erfassung", kwargs={"oe": einheiten[0].pk, "periode": tertial.schluessel})
    else:
        link = reverse("frontend:tertial-erfassung-uebersicht")
    return text, link


def erinnerungen_versenden(*, heute: date) -> int:
    """Send the reminders due today; returns how many e-mails went out (0 on a repeated run)."""
    faellig = faellige_erinnerung(heute)
    if faellig is None:
        return 0
    tertial, art = faellig
    luecken = fehlende_werte(tertial)
    if not luecken:
        return 0
    frist = erfassungsfrist(tertial)
    gesendet = 0
    empfaenger = Benutzer.objects.filter(
        groups__name=str(Rolle.SACHBEARBEITUNG), is_active=True, organisationseinheit__isnull=False
    )
    for benutzer in empfaenger.order_by("username"):
        bereich = unterbaum_ids([benutzer.organisationseinheit_id])
        eigene = {oe: ks for oe, ks in luecken.items() if oe in bereich}
        if not eigene:
            continue
        try:
            with transaction.atomic():
                Erinnerung.objects.create(
                    periode=tertial.schluessel, art=art, empfaenger=benutzer, fehlende=sum(map(len, eigene.values()))
                )
                betreff = (
                    _("Erinnerung: Werte für das %(t)s bis %(f)s erfassen")
                    if art == Erinnerungsart.VOR_FRIST
                    else _("Überfällig: Werte für das %(t)s fehlen noch")
                ) % {"t": tertial.bezeichnung, "f": frist.strftime("%d.%m.%Y")}
                text, link = _kurztext(tertial=tertial, frist=frist, luecken=eigene)
                benachrichtigen(empfaenger=[benutzer], betreff=betreff, text=text, link=link, mailen=False)
                if mail_gewuenscht(benutzer):
                    send_mail(
                        betreff,
                        _text(benutzer=benutzer, tertial=tertial, art=art, frist=frist, luecken=eigene),
                        None,
                        [benutzer.email],
                    )
                    gesendet += 1
        except IntegrityError:
            continue  # already reminded for this tertial and kind
    return gesendet
