"""The Kommune's settings (Administration) and the Erfassungsfristen per period (Steuerungsunterstützung).

Who edits what: the Administration owns the Kommune's settings (name, default Ampel
thresholds, default Erfassungsfrist, protection limits for the Rat); the Steuerungsunterstützung
owns the reporting calendar, so it sets a deviating deadline for a single period.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import periode as periode_lesen
from frontend.forms.fehler import fehler_ins_formular
from frontend.views.verwaltung.formulare import FristFormular, KommuneFormular
from organisation import verwaltung as dienste
from organisation.selectors import kommune
from steuerung import fristen
from steuerung.models.fristen import LAENGSTE_FRIST_TAGE

FRISTEN_RECHT = "steuerung.change_erfassungsfrist"


@permission_required("organisation.change_kommune", raise_exception=True)
def kommune_einstellungen(request):
    eingestellt = kommune()
    anfang = {**KommuneFormular.anfangswerte(eingestellt), "revision": eingestellt.revision}
    formular = KommuneFormular(request.POST or None, initial=anfang)
    if request.method == "POST" and formular.is_valid():
        try:
            dienste.kommune_speichern(
                daten=formular.daten(), user=request.user, revision=formular.cleaned_data["revision"]
            )
        except ValidationError as exc:
            fehler_ins_formular(formular, exc)
        else:
            messages.success(request, _("Die Einstellungen der Kommune wurden gespeichert."))
            return redirect("frontend:kommune")
    return render(request, "frontend/verwaltung/kommune.html", {"formular": formular, "kommune": eingestellt})


def _jahr(request) -> int:
    try:
        jahr = int(request.GET.get("jahr") or timezone.localdate().year)
    except ValueError:
        jahr = timezone.localdate().year
    return min(max(jahr, 2000), 2100)


@permission_required(FRISTEN_RECHT, raise_exception=True)
def perioden(request):
    jahr = _jahr(request)
    return render(
        request,
        "frontend/verwaltung/perioden.html",
        {
            "jahr": jahr,
            "jahre": range(jahr - 2, jahr + 3),
            "zeilen": fristen.perioden_mit_fristen(jahr=jahr),
            "tage": kommune().erfassungsfrist_tage,
        },
    )


@permission_required(FRISTEN_RECHT, raise_exception=True)
def periode_frist(request, periode: str):
    try:
        p = periode_lesen(periode)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    stand = fristen.periodenfrist(p)
    formular = FristFormular(
        request.POST or None, initial={"frist": stand.abweichende_frist, "revision": stand.revision}
    )
    # The calendar offers only days the rule accepts (steuerung.models.fristen: period end … one year after).
    formular.fields["frist"].widget.attrs.update(
        {"data-min": p.ende.isoformat(), "data-max": (p.ende + timedelta(days=LAENGSTE_FRIST_TAGE)).isoformat()}
    )
    if request.method == "POST" and formular.is_valid():
        try:
            fristen.erfassungsfrist_setzen(
                periode=p.schluessel,
                frist=formular.cleaned_data["frist"],
                user=request.user,
                revision=formular.cleaned_data["revision"] or 0,
            )
        except ValidationError as exc:
            fehler_ins_formular(formular, exc)
        else:
            messages.success(request, _("Die Erfassungsfrist für %(p)s wurde gespeichert.") % {"p": p.bezeichnung})
            return redirect(f"{reverse('frontend:perioden')}?jahr={p.jahr}")
    return render(request, "frontend/verwaltung/frist_formular.html", {"formular": formular, "stand": stand})
