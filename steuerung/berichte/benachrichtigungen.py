"""Who is told about a Tertialbericht step, and what they read (in the app and by e-mail).

Each step notifies those who act next, within the report's unit tree only:
- eingereicht → the Amtsleitung above or at the report's unit (it approves or returns);
- von der Amtsleitung freigegeben → the Dezernatsleitung above the unit;
- von der Dezernatsleitung freigegeben → the other Dezernatsleitung users above the unit (publishing);
- zurückgegeben → the person who submitted it, with the return note;
- wieder geöffnet → the unit's Sachbearbeitung (values are editable again), with the reason;
- veröffentlicht → every Ratsmitglied and every user of the unit and below.
The person who took the step is never notified about it, and the earlier notifications about the
report are settled (read) by the step. Published notifications go to the
council, so they name the report only: no note, no person (DOMAIN.md §4).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core.periods import periode as periode_von
from organisation.benachrichtigungen import benachrichtigen, erledigt_fuer_alle
from organisation.models import Benutzer
from organisation.rollen import Rolle
from organisation.selectors import unterbaum_ids, vorfahren_ids
from steuerung.models import Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus


def _mit_rolle(rolle: Rolle, oe_ids: set[int]) -> QuerySet[Benutzer]:
    return Benutzer.objects.filter(is_active=True, groups__name=str(rolle), organisationseinheit_id__in=oe_ids)


def empfaenger(*, bericht: Tertialbericht, aktion: str, nach: str, user) -> list[Benutzer]:
    """Recipients of a step that led `bericht` to state `nach`, without the acting user."""
    oe_id = bericht.organisationseinheit_id
    if aktion == Berichtsaktion.EINREICHEN:
        qs = _mit_rolle(Rolle.AMTSLEITUNG, vorfahren_ids(oe_id))
    elif aktion == Berichtsaktion.FREIGEBEN:
        qs = _mit_rolle(Rolle.DEZERNATSLEITUNG, vorfahren_ids(oe_id))
    elif aktion == Berichtsaktion.ZURUECKGEBEN:
        einreichung = bericht.uebergaenge.filter(aktion=Berichtsaktion.EINREICHEN).order_by("-zeitpunkt", "-id").first()
        qs = Benutzer.objects.filter(is_active=True, pk=einreichung.benutzer_id if einreichung else None)
    elif aktion == Berichtsaktion.WIEDER_OEFFNEN:
        qs = _mit_rolle(Rolle.SACHBEARBEITUNG, unterbaum_ids([oe_id]))
    elif aktion == Berichtsaktion.VEROEFFENTLICHEN:
        qs = Benutzer.objects.filter(is_active=True, groups__name=str(Rolle.RAT)) | Benutzer.objects.filter(
            is_active=True, organisationseinheit_id__in=unterbaum_ids([oe_id])
        )
    else:
        return []
    return list(qs.exclude(pk=user.pk).distinct().order_by("username"))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _texte(*, bericht: Tertialbericht, aktion: str, nach: str, user, notiz: str) -> tuple[str, str]:
    """Subject and text; only internal recipients read names and notes."""
    werte = {
        "tertial": periode_von(bericht.periode).bezeichnung,
        "einheit": str(bericht.organisationseinheit),
        "wer": _name(user),
        "notiz": notiz,
    }
    if aktion == Berichtsaktion.EINREICHEN:
        betreff = _("Tertialbericht zur Freigabe: %(einheit)s, %(tertial)s")
        text = _(
            "%(wer)s hat den Tertialbericht %(tertial)s von %(einheit)s eingereicht. "
            "Bitte prüfen Sie ihn und geben Sie ihn frei oder zurück."
        )
    elif aktion == Berichtsaktion.FREIGEBEN and nach == Berichtsstatus.AMTSLEITUNG_FREIGEGEBEN:
        betreff = _("Tertialbericht zur Freigabe durch das Dezernat: %(einheit)s, %(tertial)s")
        text = _(
            "%(wer)s hat den Tertialbericht %(tertial)s von %(einheit)s als Amtsleitung freigegeben. "
            "Bitte prüfen Sie ihn und geben Sie ihn frei oder zurück."
        )
    elif aktion == Berichtsaktion.FREIGEBEN:
        betreff = _("Tertialbericht zur Veröffentlichung: %(einheit)s, %(tertial)s")
        text = _(
            "%(wer)s hat den Tertialbericht %(tertial)s von %(einheit)s für das Dezernat freigegeben. "
            "Er kann jetzt veröffentlicht werden."
        )
    elif aktion == Berichtsaktion.ZURUECKGEBEN:
        betreff = _("Tertialbericht zurückgegeben: %(einheit)s, %(tertial)s")
        text = _("%(wer)s hat den Tertialbericht %(tertial)s von %(einheit)s zurückgegeben. Notiz: %(notiz)s")
    elif aktion == Berichtsaktion.WIEDER_OEFFNEN:
        betreff = _("Tertialbericht wieder geöffnet: %(einheit)s, %(tertial)s")
        text = _(
            "%(wer)s hat den Tertialbericht %(tertial)s von %(einheit)s wieder geöffnet; "
            "die Werte können wieder bearbeitet werden. Begründung: %(notiz)s"
        )
    else:  # published: read by the council, so neither a person nor a note
        betreff = _("Tertialbericht veröffentlicht: %(einheit)s, %(tertial)s")
        text = _("Der Tertialbericht %(tertial)s von %(einheit)s ist veröffentlicht.")
    return betreff % werte, text % werte


def schritt_melden(
    *,
    bericht: Tertialbericht,
    aktion: str,
    user,
    notiz: str = "",
    veroeffentlichung: Veroeffentlichung | None = None,
) -> int:
    """Notify those who act after this step (inside the step's transaction); returns how many.

    The notifications of the previous step about this report are settled first: that step is done.
    """
    nach = bericht.status
    erledigt_fuer_alle(
        link=reverse("frontend:bericht", kwargs={"oe": bericht.organisationseinheit_id, "periode": bericht.periode})
    )
    personen = empfaenger(bericht=bericht, aktion=aktion, nach=nach, user=user)
    if not personen:
        return 0
    if aktion == Berichtsaktion.VEROEFFENTLICHEN and veroeffentlichung is not None:
        link = reverse("frontend:veroeffentlichung", kwargs={"pk": veroeffentlichung.pk})
    else:
        link = reverse("frontend:bericht", kwargs={"oe": bericht.organisationseinheit_id, "periode": bericht.periode})
    betreff, text = _texte(bericht=bericht, aktion=aktion, nach=nach, user=user, notiz=notiz)
    return len(benachrichtigen(empfaenger=personen, betreff=betreff, text=text, link=link))
