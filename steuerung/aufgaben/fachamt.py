"""Tasks of the Fachamt: values to enter, returned reports (Sachbearbeitung), reports to approve and
the completeness of the Amt's units (Amtsleitung)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.periods import letztes_beendetes_tertial, periode
from organisation.selectors import fuer_benutzer, sichtbare_oe_ids
from steuerung.aufgaben.basis import Aufgabe, aufgabe, ordnen
from steuerung.auswertung import erfassungsfrist
from steuerung.erfassungsstand import NOCH_ZU_ERFASSEN, erfassungsstaende, je_einheit_und_tertial
from steuerung.models import Berichtsuebergang, Tertialbericht
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus

# The Sachbearbeitung sees gaps of the last ended tertial and of the one before (then overdue).
TERTIALE_ZURUECK = 2


def _einheit(oe) -> str:
    return f"{oe.kuerzel} {oe.name}"


def fehlende_werte(*, user, heute: date) -> list[Aufgabe]:
    """Missing values per unit and period of the last ended tertials, unless a report froze the period."""
    letztes = letztes_beendetes_tertial(heute)
    tertiale = [letztes, letztes.vorperiode()][:TERTIALE_ZURUECK]
    aufgaben = []
    for stand in erfassungsstaende(scope=sichtbare_oe_ids(user), tertiale=tertiale):
        if stand.fehlend <= 0 or stand.status not in NOCH_ZU_ERFASSEN:
            continue
        text = ngettext(
            "%(n)s Wert für %(periode)s erfassen: %(einheit)s",
            "%(n)s Werte für %(periode)s erfassen: %(einheit)s",
            stand.fehlend,
        ) % {"n": stand.fehlend, "periode": stand.periode.bezeichnung, "einheit": _einheit(stand.organisationseinheit)}
        url = reverse(
            "frontend:tertial-erfassung",
            kwargs={"oe": stand.organisationseinheit.pk, "periode": stand.periode.schluessel},
        )
        aufgaben.append(aufgabe(text=text, url=url, heute=heute, frist=stand.frist, anzahl=stand.fehlend))
    return ordnen(aufgaben)


def _bericht_url(bericht: Tertialbericht) -> str:
    return reverse("frontend:bericht", kwargs={"oe": bericht.organisationseinheit_id, "periode": bericht.periode})


def _berichte(user, *status: str):
    qs = Tertialbericht.objects.filter(status__in=status).select_related("organisationseinheit")
    return list(fuer_benutzer(qs, user).order_by("periode", "organisationseinheit__kuerzel"))


def zurueckgegebene_berichte(*, user, heute: date) -> list[Aufgabe]:
    """Returned reports of the user's units, each with the note of its last return."""
    berichte = _berichte(user, Berichtsstatus.ZURUECKGEGEBEN)
    notizen: dict[int, Berichtsuebergang] = {}
    for u in Berichtsuebergang.objects.filter(bericht__in=berichte, aktion=Berichtsaktion.ZURUECKGEBEN).order_by(
        "bericht_id", "zeitpunkt", "id"
    ):
        notizen[u.bericht_id] = u  # the latest return wins
    aufgaben = []
    for b in berichte:
        tertial = periode(b.periode)
        rueckgabe = notizen.get(b.pk)
        notiz = rueckgabe.notiz if rueckgabe else b.notiz
        aufgaben.append(
            aufgabe(
                text=_("Zurückgegebenen Bericht überarbeiten und erneut einreichen: %(einheit)s, %(periode)s")
                % {"einheit": _einheit(b.organisationseinheit), "periode": tertial.bezeichnung},
                url=_bericht_url(b),
                heute=heute,
                frist=erfassungsfrist(tertial),
                hinweis=_("Hinweis der Rückgabe: %(notiz)s") % {"notiz": notiz} if notiz else "",
            )
        )
    return ordnen(aufgaben)


def berichte_zur_freigabe(*, user, heute: date, status: str, text: str) -> list[Aufgabe]:
    """Reports of the user's units waiting in `status` for the user's step (`text` names the step)."""
    return [
        aufgabe(
            text=text % {"einheit": _einheit(b.organisationseinheit), "periode": periode(b.periode).bezeichnung},
            url=_bericht_url(b),
            heute=heute,
        )
        for b in _berichte(user, status)
    ]


def amtsleitung_freigaben(*, user, heute: date) -> list[Aufgabe]:
    return berichte_zur_freigabe(
        user=user,
        heute=heute,
        status=Berichtsstatus.EINGEREICHT,
        text=_("Eingereichten Bericht prüfen und freigeben: %(einheit)s, %(periode)s"),
    )


def vollstaendigkeit(*, user, heute: date) -> list[Aufgabe]:
    """Units of the Amt whose entry for the last ended tertial is still incomplete and not submitted."""
    tertial = letztes_beendetes_tertial(heute)
    staende = erfassungsstaende(scope=sichtbare_oe_ids(user), tertiale=[tertial])
    aufgaben = []
    for stand in je_einheit_und_tertial(staende).values():
        if stand.fehlend <= 0 or stand.status not in NOCH_ZU_ERFASSEN:
            continue
        oe = stand.organisationseinheit
        aufgaben.append(
            aufgabe(
                text=_("Vollständigkeit %(einheit)s, %(periode)s: %(erfasst)s von %(faellig)s Werten erfasst")
                % {
                    "einheit": _einheit(oe),
                    "periode": tertial.bezeichnung,
                    "erfasst": stand.erfasst,
                    "faellig": stand.faellig,
                },
                url=reverse("frontend:bericht", kwargs={"oe": oe.pk, "periode": tertial.schluessel}),
                heute=heute,
                frist=stand.frist,
                anzahl=stand.fehlend,
            )
        )
    return ordnen(aufgaben)
