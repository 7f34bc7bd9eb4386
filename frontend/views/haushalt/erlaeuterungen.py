"""Begründung and Gegensteuerung of the finance deviations of a unit's tertial report.

One small form per Produktgruppe; the rows and the rule come from haushalt.berichtsabschnitt, the
write (role, scope, report lock, optimistic lock) from haushalt.services. A unit outside the
user's scope is 404; while a covering report is submitted or approved the page is read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.periods import Periode, Rhythmus, periode
from haushalt import services
from haushalt.berichtsabschnitt import erlaeuterung_fehlt, zeilen_und_erlaeuterungen
from haushalt.selectors import produktgruppen_fuer
from organisation.selectors import organisationseinheiten_fuer
from steuerung.berichte.abschnitte import stichtag_von
from steuerung.berichte.sperre import sperre_text, sperrender_bericht


class ErlaeuterungFormular(forms.Form):
    begruendung = forms.CharField(
        label=gettext_lazy("Begründung der Abweichung"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("wird im Bericht veröffentlicht – bitte keine Personennamen"),
    )
    gegensteuerung = forms.CharField(
        label=gettext_lazy("Gegensteuerung"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Was wird getan, wer ist verantwortlich (als Funktion, z. B. „Abteilungsleitung 50 2“, nicht als "
            "Name: der Text wird mit dem Bericht veröffentlicht), bis wann?"
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _tertial_oder_404(schluessel: str) -> Periode:
    try:
        p = periode(schluessel)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if p.rhythmus != Rhythmus.TERTIAL:
        raise Http404(_("Ein Tertialbericht gilt für ein Tertial."))
    return p


@permission_required("haushalt.view_finanzerlaeuterung", raise_exception=True)
def erlaeuterungen(request, oe: int, periode: str):
    tertial = _tertial_oder_404(periode)
    einheit = get_object_or_404(organisationseinheiten_fuer(request.user), pk=oe)
    # The report's Stichtag (never after the previous month's end), the same date as the report's section.
    stichtag = stichtag_von(tertial)
    zeilen, vorhanden = zeilen_und_erlaeuterungen(organisationseinheit=einheit, periode=tertial, stichtag=stichtag)
    sichtbar = set(produktgruppen_fuer(user=request.user).values_list("pk", flat=True))
    zeilen = [z for z in zeilen if z.produktgruppe.pk in sichtbar]
    sperre = sperrender_bericht(organisationseinheit=einheit, periode=tertial.schluessel)
    darf_aendern = request.user.has_perm("haushalt.change_finanzerlaeuterung") and sperre is None
    gesendet = request.POST.get("produktgruppe") if request.method == "POST" else None

    eintraege = []
    for z in zeilen:
        e = vorhanden.get(z.produktgruppe.pk)
        prefix = f"pg{z.produktgruppe.pk}"
        initial = {
            "begruendung": e.begruendung if e else "",
            "gegensteuerung": e.gegensteuerung if e else "",
            "revision": e.revision if e else 0,
        }
        daten = request.POST if gesendet == str(z.produktgruppe.pk) else None
        formular = ErlaeuterungFormular(daten, initial=initial, prefix=prefix)
        eintraege.append({"zeile": z, "erlaeuterung": e, "formular": formular, "fehlt": erlaeuterung_fehlt(z, e)})

    if gesendet is not None:
        if not request.user.has_perm("haushalt.change_finanzerlaeuterung"):
            raise PermissionDenied(_("Ihre Rolle darf dies nicht ändern."))
        ziel = next((x for x in eintraege if str(x["zeile"].produktgruppe.pk) == gesendet), None)
        if ziel is None:
            messages.error(request, _("Diese Produktgruppe gehört nicht zu diesem Bericht."))
            return redirect("frontend:finanzen-erlaeuterungen", oe=einheit.pk, periode=tertial.schluessel)
        formular = ziel["formular"]
        if formular.is_valid():
            try:
                services.finanzerlaeuterung_speichern(
                    produktgruppe=ziel["zeile"].produktgruppe,
                    periode=tertial.schluessel,
                    daten={k: formular.cleaned_data[k] for k in ("begruendung", "gegensteuerung")},
                    user=request.user,
                    revision=formular.cleaned_data["revision"],
                )
            except ValidationError as exc:
                for meldung in exc.messages:
                    formular.add_error(None, meldung)
            else:
                messages.success(
                    request,
                    _("Die Erläuterung zu %(pg)s ist gespeichert.") % {"pg": ziel["zeile"].produktgruppe.nummer},
                )
                return redirect("frontend:finanzen-erlaeuterungen", oe=einheit.pk, periode=tertial.schluessel)

    return render(
        request,
        "frontend/haushalt/erlaeuterungen.html",
        {
            "einheit": einheit,
            "tertial": tertial,
            "stichtag": stichtag,
            "eintraege": eintraege,
            "darf_aendern": darf_aendern,
            "sperre": sperre_text(bericht=sperre, periode=tertial.schluessel) if sperre else "",
        },
    )
