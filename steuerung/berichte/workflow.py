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
from core.protokoll import protokoll_kopf, protokollieren
from organisation.models import Organisationseinheit
from organisation.rollen import Rolle
from organisation.selectors import hat_rolle, rollen_von, sichtbare_oe_ids
from steuerung.berichte import abschnitte, oeffentlich
from steuerung.berichte.excel import excel_erzeugen
from steuerung.berichte.inhalt import Kennzahlzeile, inhalt_bauen, kennzahlzeilen
from steuerung.berichte.pdf import pdf_erzeugen
from steuerung.models import Berichtsuebergang, Kennzahl, Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import (
    GESPERRTE_STATUS,
    SCHREIBGESCHUETZTE_STATUS,
    Berichtsaktion,
    Berichtsstatus,
    kanonisches_json,
)

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


def _kennzahl_namen(zeilen: list[Kennzahlzeile], tertial: str) -> str:
    """ "K 3 Kurzzeitpflege; K 7 Heimplätze (Haushaltsjahr 2026)": a row's period only when it is not the tertial."""
    return "; ".join(
        f"{z.code} {z.bezeichnung}".strip() + (f" ({z.periode_bezeichnung})" if z.periode != tertial else "")
        for z in zeilen
    )


@transaction.atomic
def tertialbericht_einreichen(*, bericht: Tertialbericht, user, erwarteter_status: str | None = None) -> Tertialbericht:
    """Submit; refused while the report is incomplete.

    Complete means: every due Kennzahl has a value or a reason why it is missing
    (Messwert.fehlt_begruendung); every Kennzahl that needs Begründung and Gegensteuerung has
    them; no contributed section (abschnitte) has an open point. All gaps are named at once.
    """
    gesperrt = _sperren(bericht)
    nach = _pruefen(bericht=gesperrt, user=user, aktion=Berichtsaktion.EINREICHEN, erwarteter_status=erwarteter_status)
    zeilen = kennzahlzeilen(organisationseinheit=gesperrt.organisationseinheit, periode=gesperrt.periode)
    gruende = []
    ohne_wert = [z for z in zeilen if z.wert_fehlt_unbegruendet]
    if ohne_wert:
        gruende.append(
            _(
                "Der Bericht kann noch nicht eingereicht werden: Für folgende Kennzahlen fehlt der Wert. Tragen Sie "
                "ihn ein oder begründen Sie im Erfassungsformular, warum er fehlt: %(namen)s"
            )
            % {"namen": _kennzahl_namen(ohne_wert, gesperrt.periode)}
        )
    fehlend = [z for z in zeilen if z.erklaerung_fehlt]
    if fehlend:
        gruende.append(
            _(
                "Der Bericht kann noch nicht eingereicht werden: Für folgende Kennzahlen fehlen Begründung oder "
                "Gegensteuerungsmaßnahme (was, wer, bis wann): %(namen)s"
            )
            % {"namen": _kennzahl_namen(fehlend, gesperrt.periode)}
        )
    offen = abschnitte.offene_punkte(
        organisationseinheit=gesperrt.organisationseinheit, periode=periods.periode(gesperrt.periode)
    )
    if offen:
        gruende.append(_("Der Bericht kann noch nicht eingereicht werden: %(punkte)s") % {"punkte": " ".join(offen)})
    if gruende:
        raise ValidationError(gruende)
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


# Which of a user's roles names a step, when the user holds several that may take it.
_ROLLEN_VORRANG = [Rolle.AMTSLEITUNG, Rolle.DEZERNATSLEITUNG, Rolle.SACHBEARBEITUNG, Rolle.STEUERUNG]


def _rolle_im_schritt(u: Berichtsuebergang) -> str:
    """The role in which a user took a step: one the step allows and the user holds."""
    erlaubt = UEBERGAENGE[u.aktion].get(u.von_status, (None, frozenset()))[1]
    rollen = rollen_von(u.benutzer)
    for rolle in _ROLLEN_VORRANG:
        if rolle in erlaubt and rolle in rollen:
            return str(rolle.label)
    if u.benutzer.is_superuser:
        return str(Rolle.ADMINISTRATION.label)
    return next((str(Rolle(r).label) for r in sorted(rollen) if r in Rolle.values), "")


def _einheit_von(user) -> str:
    oe = getattr(user, "organisationseinheit", None)
    return oe.kuerzel if oe else ""


def freigabeverlauf(bericht: Tertialbericht) -> list[dict]:
    """The approval trail the council reads: role, unit and date of each step since the last return or
    reopening (those and their notes stay internal), no personal names."""
    uebergaenge = list(bericht.uebergaenge.select_related("benutzer__organisationseinheit").order_by("zeitpunkt", "id"))
    neubeginn = max(
        (
            i
            for i, u in enumerate(uebergaenge)
            if u.aktion in (Berichtsaktion.ZURUECKGEBEN, Berichtsaktion.WIEDER_OEFFNEN)
        ),
        default=-1,
    )
    schritte = []
    for u in uebergaenge[neubeginn + 1 :]:
        rolle, einheit = _rolle_im_schritt(u), _einheit_von(u.benutzer)
        datum = timezone.localtime(u.zeitpunkt).date()
        schritte.append(
            {
                "aktion": u.get_aktion_display(),
                "nach": u.get_nach_status_display(),
                "rolle": rolle,
                "einheit": einheit,
                "datum": datum.isoformat(),
                "text": oeffentlich.schritt_text(
                    rolle=rolle, einheit=einheit, schritt=u.get_aktion_display(), datum=datum
                ),
            }
        )
    return schritte


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


def sperrender_bericht(
    *, organisationseinheit: Organisationseinheit | int, periode: str, sperren: bool = False
) -> Tertialbericht | None:
    """The report (the unit's own or a parent's) that makes the period's values read-only, or None.

    From submission until return or publication a report freezes the values it is judged on,
    and after approval it locks them (SCHREIBGESCHUETZTE_STATUS). With `sperren` the report rows
    are locked (select_for_update), so a submission cannot slip between this check and a save.
    """
    oe_id = organisationseinheit if isinstance(organisationseinheit, int) else organisationseinheit.pk
    qs = Tertialbericht.objects.filter(
        organisationseinheit_id__in=_mit_vorfahren(oe_id), periode=berichtstertial(periode)
    ).order_by("id")
    if sperren:
        qs = qs.select_for_update()
    berichte = list(qs.select_related("organisationseinheit"))
    return next((b for b in berichte if b.status in SCHREIBGESCHUETZTE_STATUS), None)


_ROLLEN_REIHENFOLGE = [Rolle.SACHBEARBEITUNG, Rolle.AMTSLEITUNG, Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG]


def _rollen_text(rollen: Iterable[str]) -> str:
    """ "die Amtsleitung, die Dezernatsleitung oder die Steuerungsunterstützung"."""
    namen = [_("die %(rolle)s") % {"rolle": Rolle(r).label} for r in _ROLLEN_REIHENFOLGE if r in set(rollen)]
    if len(namen) < 2:
        return "".join(namen)
    return _("%(erste)s oder %(letzte)s") % {"erste": ", ".join(namen[:-1]), "letzte": namen[-1]}


def sperre_text(*, bericht: Tertialbericht, periode: str) -> str:
    """Why the values of `periode` cannot change now: the report's state and who can lift it."""
    werte = {
        "periode": periods.periode(periode).bezeichnung,
        "bericht": f"{bericht.organisationseinheit.kuerzel} {periods.periode(bericht.periode).bezeichnung}",
        "status": bericht.get_status_display(),
    }
    zurueck = UEBERGAENGE[Berichtsaktion.ZURUECKGEBEN].get(bericht.status, (None, frozenset()))[1]
    oeffnen = UEBERGAENGE[Berichtsaktion.WIEDER_OEFFNEN].get(bericht.status, (None, frozenset()))[1]
    if bericht.status == S.EINGEREICHT:
        text = _(
            "Die Werte für %(periode)s sind gesperrt: Der Tertialbericht %(bericht)s ist „%(status)s“ und wird "
            "geprüft. Bis er zurückgegeben wird, lassen sich seine Werte nicht ändern."
        )
    else:
        text = _(
            "Die Werte für %(periode)s sind gesperrt: Der Tertialbericht %(bericht)s ist „%(status)s“; "
            "seine Werte lassen sich nicht mehr ändern."
        )
    text = text % werte
    if zurueck and oeffnen:
        text += " " + _("Zurückgeben oder mit Begründung wieder öffnen können ihn %(rollen)s.") % {
            "rollen": _rollen_text(zurueck | oeffnen)
        }
    elif zurueck:
        text += " " + _("Zurückgeben können ihn %(rollen)s.") % {"rollen": _rollen_text(zurueck)}
    elif oeffnen:
        text += " " + _("Mit Begründung wieder öffnen können ihn %(rollen)s.") % {"rollen": _rollen_text(oeffnen)}
    return text


class Schreibsperre(ValidationError):
    """A write into a frozen or locked period; carries the report and a German message (no field)."""

    def __init__(self, *, bericht: Tertialbericht, periode: str):
        self.bericht = bericht
        super().__init__(sperre_text(bericht=bericht, periode=periode), code="gesperrt")


def messwert_aenderung_pruefen(*, kennzahl: Kennzahl, periode: str) -> None:
    """Refuse a value change in a frozen or locked period (called by the Messwert write services).

    Locks the covering report rows for the rest of the caller's transaction: a submission waits
    until the save is committed, and a save after a submission sees it.
    """
    bericht = sperrender_bericht(organisationseinheit=kennzahl.organisationseinheit_id, periode=periode, sperren=True)
    if bericht is not None:
        raise Schreibsperre(bericht=bericht, periode=periode)
