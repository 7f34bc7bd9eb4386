"""Write services of the Tertialbericht workflow, and the period lock for Messwerte.

entwurf/zurueckgegeben → eingereicht (Sachbearbeitung) → amtsleitung_freigegeben (Amtsleitung)
→ dezernat_freigegeben (Dezernatsleitung) → veroeffentlicht (Dezernatsleitung); approvers return
with a note; the Dezernatsleitung reopens an approved or published report with a reason.
The Steuerungsunterstützung may act at every step but never skip one, and nobody approves a
step they themselves took just before (four-eyes principle).

Every service:
1. locks the report row (select_for_update), so two clicks cannot both pass the state check;
2. checks the expected state (a stale page is refused, which makes a double click harmless),
   the state machine, the role and the step's own rules;
3. writes the new state, a Berichtsuebergang row and a decision-log entry (core.protokoll).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.protokoll import protokollieren
from organisation.models import Organisationseinheit
from organisation.rollen import Rolle
from organisation.selectors import hat_rolle, sichtbare_oe_ids
from steuerung.berichte import abschnitte
from steuerung.berichte.excel import excel_erzeugen
from steuerung.berichte.inhalt import fehlende_erklaerungen, inhalt_bauen
from steuerung.berichte.pdf import pdf_erzeugen
from steuerung.models import Berichtsuebergang, Kennzahl, Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import GESPERRTE_STATUS, Berichtsaktion, Berichtsstatus, kanonisches_json

S = Berichtsstatus


class Rechtefehler(PermissionDenied):
    """The role may not take this step (403 in the API); carries a German message."""

    def __init__(self, meldung: str):
        super().__init__(meldung)
        self.meldung = meldung

    def __str__(self) -> str:
        return self.meldung


# action -> {from state: (to state, roles allowed)}
UEBERGAENGE: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    Berichtsaktion.EINREICHEN: {
        S.ENTWURF: (S.EINGEREICHT, frozenset({Rolle.SACHBEARBEITUNG, Rolle.STEUERUNG})),
        S.ZURUECKGEGEBEN: (S.EINGEREICHT, frozenset({Rolle.SACHBEARBEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.FREIGEBEN: {
        S.EINGEREICHT: (S.AMTSLEITUNG_FREIGEGEBEN, frozenset({Rolle.AMTSLEITUNG, Rolle.STEUERUNG})),
        S.AMTSLEITUNG_FREIGEGEBEN: (S.DEZERNAT_FREIGEGEBEN, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.ZURUECKGEBEN: {
        S.EINGEREICHT: (S.ZURUECKGEGEBEN, frozenset({Rolle.AMTSLEITUNG, Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.AMTSLEITUNG_FREIGEGEBEN: (S.ZURUECKGEGEBEN, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.DEZERNAT_FREIGEGEBEN: (S.ZURUECKGEGEBEN, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.VEROEFFENTLICHEN: {
        S.DEZERNAT_FREIGEGEBEN: (S.VEROEFFENTLICHT, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.WIEDER_OEFFNEN: {
        S.AMTSLEITUNG_FREIGEGEBEN: (S.ENTWURF, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.DEZERNAT_FREIGEGEBEN: (S.ENTWURF, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.VEROEFFENTLICHT: (S.ENTWURF, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
}

_AKTION_TEXT = {
    Berichtsaktion.EINREICHEN: gettext_lazy("Einreichen"),
    Berichtsaktion.FREIGEBEN: gettext_lazy("Freigeben"),
    Berichtsaktion.ZURUECKGEBEN: gettext_lazy("Zurückgeben"),
    Berichtsaktion.VEROEFFENTLICHEN: gettext_lazy("Veröffentlichen"),
    Berichtsaktion.WIEDER_OEFFNEN: gettext_lazy("Wieder öffnen"),
}


def _darf_rolle(user, rollen: Iterable[str]) -> bool:
    return bool(user.is_superuser) or hat_rolle(user, *[Rolle(r) for r in rollen])


def _sieht_einheit(user, organisationseinheit_id: int) -> bool:
    scope = sichtbare_oe_ids(user)
    return scope is None or organisationseinheit_id in scope


def moegliche_aktionen(*, bericht: Tertialbericht, user) -> list[str]:
    """Actions this user may offer on this report right now (for buttons; the services re-check)."""
    if not _sieht_einheit(user, bericht.organisationseinheit_id):
        return []
    return [
        aktion
        for aktion, von in UEBERGAENGE.items()
        if bericht.status in von and _darf_rolle(user, von[bericht.status][1])
    ]


def _letzter_uebergang(bericht: Tertialbericht) -> Berichtsuebergang | None:
    return bericht.uebergaenge.select_related("benutzer").order_by("-zeitpunkt", "-id").first()


def _sperren(bericht: Tertialbericht) -> Tertialbericht:
    return Tertialbericht.objects.select_for_update().select_related("organisationseinheit").get(pk=bericht.pk)


def _pruefen(*, bericht: Tertialbericht, user, aktion: str, erwarteter_status: str | None) -> str:
    """Stale page, state machine, scope and role; returns the target state."""
    if erwarteter_status and erwarteter_status != bericht.status:
        letzter = _letzter_uebergang(bericht)
        wer = (
            _(" (%(wer)s am %(wann)s)")
            % {
                "wer": letzter.benutzer.get_full_name() or letzter.benutzer.get_username(),
                "wann": timezone.localtime(letzter.zeitpunkt).strftime("%d.%m.%Y %H:%M"),
            }
            if letzter
            else ""
        )
        raise ValidationError(
            _(
                "Der Bericht wurde inzwischen geändert: Er ist jetzt „%(status)s“%(wer)s. Ihre Aktion „%(aktion)s“ wurde nicht ausgeführt."
            )
            % {"status": bericht.get_status_display(), "wer": wer, "aktion": _AKTION_TEXT[aktion]}
        )
    von = UEBERGAENGE[aktion]
    if bericht.status not in von:
        raise ValidationError(
            _("„%(aktion)s“ ist nicht möglich: Der Bericht ist „%(status)s“.")
            % {"aktion": _AKTION_TEXT[aktion], "status": bericht.get_status_display()}
        )
    if not _sieht_einheit(user, bericht.organisationseinheit_id):
        raise Rechtefehler(_("Dieser Bericht gehört nicht zu Ihrem Bereich."))
    nach, rollen = von[bericht.status]
    if not _darf_rolle(user, rollen):
        raise Rechtefehler(
            _("Ihre Rolle darf einen Bericht im Status „%(status)s“ nicht „%(aktion)s“.")
            % {"status": bericht.get_status_display(), "aktion": _AKTION_TEXT[aktion]}
        )
    return nach


def _uebergehen(*, bericht: Tertialbericht, user, aktion: str, nach: str, notiz: str = "") -> Berichtsuebergang:
    von = bericht.status
    bericht.status = nach
    if aktion in (Berichtsaktion.ZURUECKGEBEN, Berichtsaktion.WIEDER_OEFFNEN):
        bericht.notiz = notiz
    bericht.full_clean()
    bericht.save()
    uebergang = Berichtsuebergang(
        bericht=bericht, aktion=aktion, von_status=von, nach_status=nach, benutzer=user, notiz=notiz
    )
    uebergang.full_clean()
    uebergang.save()
    protokollieren(
        benutzer=user,
        aktion=f"tertialbericht_{aktion}",
        objekt=bericht,
        daten={
            "organisationseinheit": bericht.organisationseinheit.kuerzel,
            "periode": bericht.periode,
            "von": von,
            "nach": nach,
            "notiz": notiz,
        },
    )
    return uebergang


def _ergebnis(bericht: Tertialbericht, gesperrt: Tertialbericht) -> Tertialbericht:
    """Let the caller's instance see the new state."""
    bericht.status, bericht.notiz, bericht.geaendert_am = gesperrt.status, gesperrt.notiz, gesperrt.geaendert_am
    return bericht


@transaction.atomic
def tertialbericht_holen_oder_anlegen(*, organisationseinheit: Organisationseinheit, periode: str) -> Tertialbericht:
    """The report of a unit and tertial; created as Entwurf on first use (idempotent)."""
    try:
        tertial = periods.periode(periode)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if tertial.rhythmus != periods.Rhythmus.TERTIAL:
        raise ValidationError(_("Ein Tertialbericht gilt für ein Tertial, z. B. 2026-T2."))
    bericht, _angelegt = Tertialbericht.objects.get_or_create(
        organisationseinheit=organisationseinheit, periode=tertial.schluessel
    )
    return bericht


@transaction.atomic
def tertialbericht_einreichen(*, bericht: Tertialbericht, user, erwarteter_status: str | None = None) -> Tertialbericht:
    """Submit; refused while a Kennzahl that needs Begründung and Gegensteuerung lacks them."""
    gesperrt = _sperren(bericht)
    nach = _pruefen(bericht=gesperrt, user=user, aktion=Berichtsaktion.EINREICHEN, erwarteter_status=erwarteter_status)
    fehlend = fehlende_erklaerungen(organisationseinheit=gesperrt.organisationseinheit, periode=gesperrt.periode)
    if fehlend:
        namen = "; ".join(f"{z.code} {z.bezeichnung}".strip() for z in fehlend)
        raise ValidationError(
            _(
                "Der Bericht kann noch nicht eingereicht werden: Für folgende Kennzahlen fehlen Begründung oder "
                "Gegensteuerungsmaßnahme (was, wer, bis wann): %(namen)s"
            )
            % {"namen": namen}
        )
    offen = abschnitte.offene_punkte(
        organisationseinheit=gesperrt.organisationseinheit, periode=periods.periode(gesperrt.periode)
    )
    if offen:
        raise ValidationError(
            _("Der Bericht kann noch nicht eingereicht werden: %(punkte)s") % {"punkte": " ".join(offen)}
        )
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.EINREICHEN, nach=nach)
    return _ergebnis(bericht, gesperrt)


@transaction.atomic
def tertialbericht_freigeben(*, bericht: Tertialbericht, user, erwarteter_status: str | None = None) -> Tertialbericht:
    """Approve the next level; the person who took the previous step may not approve it (four eyes)."""
    gesperrt = _sperren(bericht)
    nach = _pruefen(bericht=gesperrt, user=user, aktion=Berichtsaktion.FREIGEBEN, erwarteter_status=erwarteter_status)
    letzter = _letzter_uebergang(gesperrt)
    if letzter and letzter.benutzer_id == user.pk and letzter.nach_status == gesperrt.status:
        raise ValidationError(
            _(
                "Vier-Augen-Prinzip: Sie haben den vorigen Schritt („%(schritt)s“) selbst ausgeführt. "
                "Die nächste Freigabe muss eine andere Person erteilen."
            )
            % {"schritt": letzter.get_nach_status_display()}
        )
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.FREIGEBEN, nach=nach)
    return _ergebnis(bericht, gesperrt)


@transaction.atomic
def tertialbericht_zurueckgeben(
    *, bericht: Tertialbericht, user, notiz: str, erwarteter_status: str | None = None
) -> Tertialbericht:
    """Return to the unit with a note saying what to fix."""
    gesperrt = _sperren(bericht)
    nach = _pruefen(
        bericht=gesperrt, user=user, aktion=Berichtsaktion.ZURUECKGEBEN, erwarteter_status=erwarteter_status
    )
    if not (notiz or "").strip():
        raise ValidationError({"notiz": _("Bitte schreiben Sie in die Notiz, was geändert werden soll.")})
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.ZURUECKGEBEN, nach=nach, notiz=notiz.strip())
    return _ergebnis(bericht, gesperrt)


@transaction.atomic
def tertialbericht_wieder_oeffnen(
    *, bericht: Tertialbericht, user, begruendung: str, erwarteter_status: str | None = None
) -> Tertialbericht:
    """Reopen an approved or published report (its values become editable again); needs a reason.

    Earlier publications stay as they are (immutable); publishing again creates a new Fassung.
    """
    gesperrt = _sperren(bericht)
    nach = _pruefen(
        bericht=gesperrt, user=user, aktion=Berichtsaktion.WIEDER_OEFFNEN, erwarteter_status=erwarteter_status
    )
    if not (begruendung or "").strip():
        raise ValidationError({"begruendung": _("Bitte begründen Sie, warum der Bericht wieder geöffnet wird.")})
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.WIEDER_OEFFNEN, nach=nach, notiz=begruendung.strip())
    return _ergebnis(bericht, gesperrt)


@transaction.atomic
def tertialbericht_veroeffentlichen(
    *, bericht: Tertialbericht, user, erwarteter_status: str | None = None
) -> Veroeffentlichung:
    """Publish: freeze the content as canonical JSON with its hash, and store PDF and Excel made from it."""
    gesperrt = _sperren(bericht)
    nach = _pruefen(
        bericht=gesperrt, user=user, aktion=Berichtsaktion.VEROEFFENTLICHEN, erwarteter_status=erwarteter_status
    )
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.VEROEFFENTLICHEN, nach=nach)
    fassung = gesperrt.veroeffentlichungen.count() + 1
    jetzt = timezone.now().replace(microsecond=0)
    freigaben = [
        {
            "aktion": u.get_aktion_display(),
            "nach": u.get_nach_status_display(),
            "durch": u.benutzer.get_full_name() or u.benutzer.get_username(),
            "zeitpunkt": timezone.localtime(u.zeitpunkt).replace(microsecond=0).isoformat(),
            "notiz": u.notiz,
        }
        for u in gesperrt.uebergaenge.select_related("benutzer").order_by("zeitpunkt", "id")
    ]
    kopf = {
        "fassung": fassung,
        "veroeffentlicht_am": timezone.localtime(jetzt).isoformat(),
        "veroeffentlicht_von": user.get_full_name() or user.get_username(),
        "verlauf": freigaben,
    }
    daten = inhalt_bauen(organisationseinheit=gesperrt.organisationseinheit, periode=gesperrt.periode, kopf=kopf)
    text = kanonisches_json(daten)
    veroeffentlichung = Veroeffentlichung(
        bericht=gesperrt,
        organisationseinheit=gesperrt.organisationseinheit,
        periode=gesperrt.periode,
        fassung=fassung,
        veroeffentlicht_am=jetzt,
        veroeffentlicht_von=user,
        inhalt=text,
        inhalt_hash=hashlib.sha256(text.encode()).hexdigest(),
        pdf=pdf_erzeugen(daten, inhalt_hash=hashlib.sha256(text.encode()).hexdigest()),
        excel=excel_erzeugen(daten),
    )
    veroeffentlichung.full_clean()
    veroeffentlichung.save()
    _ergebnis(bericht, gesperrt)
    return veroeffentlichung


def berichtstertial(periode: str) -> str:
    """The tertial in whose report a value of this period appears (a year's value: its 3rd tertial)."""
    p = periods.periode(periode)
    if p.rhythmus == periods.Rhythmus.JAHR:
        return periods.tertial(p.jahr, 3).schluessel
    return periods.tertial_von(p.beginn).schluessel


def _mit_vorfahren(organisationseinheit_id: int) -> list[int]:
    eltern = dict(Organisationseinheit.objects.values_list("id", "eltern_id"))
    kette, aktuell = [], organisationseinheit_id
    while aktuell is not None and aktuell not in kette:
        kette.append(aktuell)
        aktuell = eltern.get(aktuell)
    return kette


def periode_gesperrt(*, organisationseinheit: Organisationseinheit | int, periode: str) -> bool:
    """Whether an approved report covering this unit (its own or a parent's) locks the period's values."""
    oe_id = organisationseinheit if isinstance(organisationseinheit, int) else organisationseinheit.pk
    return Tertialbericht.objects.filter(
        organisationseinheit_id__in=_mit_vorfahren(oe_id), periode=berichtstertial(periode), status__in=GESPERRTE_STATUS
    ).exists()


def messwert_aenderung_pruefen(*, kennzahl: Kennzahl, periode: str) -> None:
    """Refuse a value change in a locked period (called by the Messwert write services)."""
    if periode_gesperrt(organisationseinheit=kennzahl.organisationseinheit_id, periode=periode):
        raise ValidationError(
            _(
                "Die Werte für %(periode)s sind gesperrt, weil der Tertialbericht bereits freigegeben ist. "
                "Die Dezernatsleitung kann den Bericht mit Begründung wieder öffnen."
            )
            % {"periode": periode}
        )
