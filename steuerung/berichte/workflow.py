"""Write services of the Tertialbericht workflow.

The states and who may take which step: steuerung.berichte.uebergaenge. Nobody approves a step
they themselves took just before (four-eyes principle). The period lock these states imply for
Messwerte: steuerung.berichte.sperre; what a submission needs: steuerung.berichte.vollstaendigkeit.

Every service:
1. locks the report row (select_for_update), so two clicks cannot both pass the state check;
2. checks the expected state (a stale page is refused, which makes a double click harmless),
   the state machine, the role and the step's own rules;
3. writes the new state, a Berichtsuebergang row and a decision-log entry (core.protokoll);
4. notifies those who act next (steuerung.berichte.benachrichtigungen; mails only after commit,
   so a mail problem never undoes or blocks the step).
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import periods
from core.protokoll import protokoll_kopf, protokollieren
from organisation.models import Organisationseinheit
from organisation.selectors import sichtbare_oe_ids
from steuerung.berichte import oeffentlich
from steuerung.berichte.benachrichtigungen import schritt_melden
from steuerung.berichte.excel import excel_erzeugen
from steuerung.berichte.freigabeverlauf import freigabeverlauf
from steuerung.berichte.inhalt import inhalt_bauen
from steuerung.berichte.pdf import pdf_erzeugen
from steuerung.berichte.uebergaenge import AKTION_TEXT, UEBERGAENGE, darf_rolle
from steuerung.berichte.vollstaendigkeit import einreichen_luecken
from steuerung.models import Berichtsuebergang, Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import Berichtsaktion, kanonisches_json


class Rechtefehler(PermissionDenied):
    """The role may not take this step (403 in the API); carries a German message."""

    def __init__(self, meldung: str):
        super().__init__(meldung)
        self.meldung = meldung

    def __str__(self) -> str:
        return self.meldung


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
        if bericht.status in von and darf_rolle(user, von[bericht.status][1])
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
            % {"status": bericht.get_status_display(), "wer": wer, "aktion": AKTION_TEXT[aktion]}
        )
    von = UEBERGAENGE[aktion]
    if bericht.status not in von:
        raise ValidationError(
            _("„%(aktion)s“ ist nicht möglich: Der Bericht ist „%(status)s“.")
            % {"aktion": AKTION_TEXT[aktion], "status": bericht.get_status_display()}
        )
    if not _sieht_einheit(user, bericht.organisationseinheit_id):
        raise Rechtefehler(_("Dieser Bericht gehört nicht zu Ihrem Bereich."))
    nach, rollen = von[bericht.status]
    if not darf_rolle(user, rollen):
        raise Rechtefehler(
            _("Ihre Rolle darf einen Bericht im Status „%(status)s“ nicht „%(aktion)s“.")
            % {"status": bericht.get_status_display(), "aktion": AKTION_TEXT[aktion]}
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
    """Submit; refused while the report is incomplete (steuerung.berichte.vollstaendigkeit), all gaps named at once."""
    gesperrt = _sperren(bericht)
    nach = _pruefen(bericht=gesperrt, user=user, aktion=Berichtsaktion.EINREICHEN, erwarteter_status=erwarteter_status)
    gruende = einreichen_luecken(organisationseinheit=gesperrt.organisationseinheit, periode=gesperrt.periode)
    if gruende:
        raise ValidationError(gruende)
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.EINREICHEN, nach=nach)
    schritt_melden(bericht=gesperrt, aktion=Berichtsaktion.EINREICHEN, user=user)
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
    schritt_melden(bericht=gesperrt, aktion=Berichtsaktion.FREIGEBEN, user=user)
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
    schritt_melden(bericht=gesperrt, aktion=Berichtsaktion.ZURUECKGEBEN, user=user, notiz=notiz.strip())
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
    schritt_melden(bericht=gesperrt, aktion=Berichtsaktion.WIEDER_OEFFNEN, user=user, notiz=begruendung.strip())
    return _ergebnis(bericht, gesperrt)


@transaction.atomic
def tertialbericht_veroeffentlichen(
    *, bericht: Tertialbericht, user, erwarteter_status: str | None = None
) -> Veroeffentlichung:
    """Publish: freeze the content as canonical JSON with its hash, and store PDF and Excel made from it.

    Steps: check and record the transition (its decision-log entry becomes the log's head); build
    the council-safe content (steuerung.berichte.oeffentlich) with the approval trail and the
    log's head hash as its anchor; hash it; render PDF and Excel from it alone.
    """
    gesperrt = _sperren(bericht)
    nach = _pruefen(
        bericht=gesperrt, user=user, aktion=Berichtsaktion.VEROEFFENTLICHEN, erwarteter_status=erwarteter_status
    )
    _uebergehen(bericht=gesperrt, user=user, aktion=Berichtsaktion.VEROEFFENTLICHEN, nach=nach)
    fassung = gesperrt.veroeffentlichungen.count() + 1
    jetzt = timezone.now().replace(microsecond=0)
    verlauf = freigabeverlauf(gesperrt)
    kopf = {
        "fassung": fassung,
        "veroeffentlicht_am": timezone.localtime(jetzt).isoformat(),
        "veroeffentlicht_von": oeffentlich.rolle_und_einheit(verlauf[-1]["rolle"], verlauf[-1]["einheit"]),
        "verlauf": verlauf,
        "protokoll": protokoll_kopf(),
    }
    daten = inhalt_bauen(
        organisationseinheit=gesperrt.organisationseinheit, periode=gesperrt.periode, kopf=kopf, fuer_rat=True
    )
    text = kanonisches_json(daten)
    inhalt_hash = hashlib.sha256(text.encode()).hexdigest()
    veroeffentlichung = Veroeffentlichung(
        bericht=gesperrt,
        organisationseinheit=gesperrt.organisationseinheit,
        periode=gesperrt.periode,
        fassung=fassung,
        veroeffentlicht_am=jetzt,
        veroeffentlicht_von=user,
        inhalt=text,
        inhalt_hash=inhalt_hash,
        pdf=pdf_erzeugen(daten, inhalt_hash=inhalt_hash),
        excel=excel_erzeugen(daten),
    )
    veroeffentlichung.full_clean()
    veroeffentlichung.save()
    schritt_melden(
        bericht=gesperrt, aktion=Berichtsaktion.VEROEFFENTLICHEN, user=user, veroeffentlichung=veroeffentlichung
    )
    _ergebnis(bericht, gesperrt)
    return veroeffentlichung
