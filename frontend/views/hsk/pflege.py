"""Create, edit and delete HSK-Maßnahmen in the browser, with the API's rules.

Steps of a save: the forms read German input (every field and row, errors kept); the converted
input goes through the API's HSKMassnahmeSerializer (all its errors at once, put back on the
field or row they name); only if nothing failed, the service writes measure, Soll, Stellen and
Ablaufschritte in one transaction (controlling.services), whose errors are put back the same way.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from controlling import selectors, services
from controlling.api.serializers import HSKMassnahmeSerializer, massnahme_teile
from controlling.massnahmenpruefung import hsk_zeilen_pruefen
from controlling.models import HSKMassnahme
from frontend.forms.bestaetigung import loeschen_bestaetigt
from frontend.views.hsk.pflegeformulare import (
    HAUPTFELDER,
    AblaufZeilen,
    HSKMassnahmeFormular,
    SollZeile,
    StelleZeilen,
    soll_leerzeilen,
    zeilen,
)

TEILE = {"soll": ("jahr", "betrag"), "stellen": ("bezeichnung", "vzae", "jahreskosten", "beginn", "ende")}
TITEL = {
    "soll": gettext_lazy("Soll je Jahr"),
    "stellen": gettext_lazy("Stellen"),
    "ablaufschritte": gettext_lazy("Ablaufschritte"),
}


def _roh(wert: Any) -> Any:
    """A form value as the API receives it (JSON)."""
    if isinstance(wert, Decimal):
        return str(wert)
    if isinstance(wert, date):
        return wert.isoformat()
    return wert.pk if hasattr(wert, "pk") else wert


class Seite:
    """The bound forms of one page and the errors that belong to none of their fields."""

    def __init__(self, request, massnahme=None):
        daten = request.POST if request.method == "POST" else None
        self.haupt = HSKMassnahmeFormular(daten, instance=massnahme, user=request.user)
        anfang = _anfangswerte(massnahme)
        self.massnahme = massnahme
        self.zeilen = {
            "soll": zeilen(SollZeile, leer=soll_leerzeilen(massnahme))(daten, prefix="soll", initial=anfang["soll"]),
            "stellen": StelleZeilen(daten, prefix="stellen", initial=anfang["stellen"]),
            "ablaufschritte": AblaufZeilen(daten, prefix="ablauf", initial=anfang["ablaufschritte"]),
        }
        self.abschnitt: dict[str, list[str]] = {k: [] for k in self.zeilen}
        self.gesendet: dict[str, list[forms.Form]] = {k: [] for k in self.zeilen}
        self.typisiert: dict[str, list[dict[str, Any]]] = {k: [] for k in self.zeilen}

    def _zeilen_lesen(self, name: str) -> list[dict[str, Any]]:
        formset, liste = self.zeilen[name], []
        formset.is_valid()
        self.abschnitt[name] += list(formset.non_form_errors())
        zeilen = []
        for i, form in enumerate(formset.forms):
            daten = getattr(form, "cleaned_data", {})
            if daten.get("DELETE"):
                continue
            # A row with an unreadable cell still goes to the serializer with its readable cells,
            # so its other errors show too (errors of unreadable cells are not repeated).
            werte = {k: v for k, v in daten.items() if k not in ("DELETE", "ORDER") and v not in (None, "")}
            if not werte and not form.errors:
                continue
            zeilen.append((daten.get("ORDER") or 10_000 + i, i, form, werte))
        for _pos, _i, form, werte in sorted(zeilen, key=lambda z: (z[0], z[1])):
            self.gesendet[name].append(form)
            self.typisiert[name].append(werte)
            liste.append({k: _roh(v) for k, v in werte.items()})
        return liste

    def eingabe(self) -> dict[str, Any]:
        """The API payload from every readable field and row."""
        self.haupt.is_valid()
        gelesen = getattr(self.haupt, "cleaned_data", {})
        daten = {k: _roh(gelesen[k]) for k in HAUPTFELDER if gelesen.get(k) not in (None, "")}
        if gelesen.get("praeventionsform") == "":
            daten["praeventionsform"] = ""
        if gelesen.get("revision") is not None:
            daten["revision"] = gelesen["revision"]
        teile = {k: self._zeilen_lesen(k) for k in self.zeilen}
        if teile["stellen"]:
            # With Stellen the figure is derived from them (the form says so): a typed value is not used.
            daten.pop("personalkosten_jahr", None)
        return {**daten, **teile}

    def zeilen_pruefen(self) -> None:
        """The service's row rules over the rows that were readable, for when other input was refused
        (otherwise the service checks them itself): every error of the page shows at once."""
        pruefling = copy.copy(self.massnahme) if self.massnahme is not None else HSKMassnahme()
        gelesen = getattr(self.haupt, "cleaned_data", {})
        for feld in ("beginn", "ende"):
            setattr(pruefling, feld, None if feld in self.haupt.errors else gelesen.get(feld))
        pflicht = {"soll": TEILE["soll"], "stellen": TEILE["stellen"][:3], "ablaufschritte": ("bezeichnung",)}
        lesbar = {
            name: [
                werte
                for form, werte in zip(self.gesendet[name], self.typisiert[name], strict=True)
                if not form.errors and all(werte.get(k) not in (None, "") for k in pflicht[name])
            ]
            for name in self.zeilen
        }
        self.fehler_setzen(
            hsk_zeilen_pruefen(
                massnahme=pruefling,
                soll=lesbar["soll"],
                stellen=lesbar["stellen"],
                ablaufschritte=[a["bezeichnung"] for a in lesbar["ablaufschritte"]],
            )
        )

    def fehler_setzen(self, fehler: dict[str, Any]) -> None:
        """Put API or service errors on the field, row or table they name."""
        for feld, meldungen in fehler.items():
            if feld in self.zeilen:
                self._zeilenfehler(feld, meldungen)
            elif feld in self.haupt.fields and feld != "revision":
                if feld not in self.haupt.errors:
                    self.haupt.add_error(feld, [str(m) for m in meldungen])
            else:
                self.haupt.add_error(None, [str(m) for m in meldungen])

    def _zeilenfehler(self, name: str, meldungen) -> None:
        # DRF reports a list's errors per item, as a list or as {index: errors}.
        paare = meldungen.items() if isinstance(meldungen, dict) else enumerate(meldungen)
        for i, eintrag in paare:
            if isinstance(eintrag, dict) and isinstance(i, int) and i < len(self.gesendet[name]):
                form = self.gesendet[name][i]
                for feld, texte in eintrag.items():
                    if feld not in form.errors:
                        form.add_error(feld if feld in form.fields else None, [str(t) for t in texte])
            elif eintrag:
                texte = eintrag if isinstance(eintrag, list) else [eintrag]
                self.abschnitt[name] += [str(t) for t in texte]

    @property
    def fehlerfrei(self) -> bool:
        return not (
            self.haupt.errors
            or any(f.errors for fs in self.zeilen.values() for f in fs.forms)
            or any(self.abschnitt.values())
        )

    def alle_fehler(self) -> list[dict[str, str]]:
        """Every error of the page, for the summary at the top (links to the field)."""
        liste = [{"text": str(e)} for e in self.haupt.non_field_errors()]
        for feld in self.haupt.visible_fields():
            liste += [{"id": feld.id_for_label, "text": f"{feld.label}: {e}"} for e in feld.errors]
        for name, formset in self.zeilen.items():
            liste += [{"text": f"{TITEL[name]}: {e}"} for e in self.abschnitt[name]]
            for nr, form in enumerate(formset.forms, start=1):
                zeile = _("%(tabelle)s, Zeile %(nr)s") % {"tabelle": TITEL[name], "nr": nr}
                liste += [{"text": f"{zeile}: {e}"} for e in form.non_field_errors()]
                for feld in form.visible_fields():
                    liste += [{"id": feld.id_for_label, "text": f"{zeile}, {feld.label}: {e}"} for e in feld.errors]
        return liste


def _anfangswerte(massnahme) -> dict[str, list[dict[str, Any]]]:
    if massnahme is None:
        return {"soll": [], "stellen": [], "ablaufschritte": []}
    return {
        "soll": [{"jahr": s.jahr, "betrag": s.betrag} for s in massnahme.soll_jahre.all()],
        "stellen": [{k: getattr(s, k) for k in TEILE["stellen"]} for s in massnahme.stellen.all()],
        "ablaufschritte": [{"bezeichnung": a.bezeichnung} for a in massnahme.ablaufschritte.all()],
    }


def _speichern(request, seite: Seite, massnahme):
    """Validate with the API serializer, then save through the service; returns the measure or None."""
    eingabe = seite.eingabe()
    serializer = HSKMassnahmeSerializer(instance=massnahme, data=eingabe, context={"request": request})
    if not serializer.is_valid():
        seite.fehler_setzen(serializer.errors)
        seite.zeilen_pruefen()
    if not seite.fehlerfrei:
        return None
    daten = dict(serializer.validated_data)
    revision = daten.pop("revision", None)
    teile = massnahme_teile(daten)
    try:
        if massnahme is None:
            return services.hsk_massnahme_anlegen(daten=daten, user=request.user, **teile)
        return services.hsk_massnahme_aendern(
            massnahme=massnahme, daten=daten, user=request.user, revision=revision, **teile
        )
    except ValidationError as exc:
        seite.fehler_setzen(exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
    return None


def _formularseite(request, massnahme=None):
    seite = Seite(request, massnahme)
    if request.method == "POST":
        gespeichert = _speichern(request, seite, massnahme)
        if gespeichert is not None:
            messages.success(request, _("Die HSK-Maßnahme „%(m)s“ wurde gespeichert.") % {"m": gespeichert})
            return redirect("frontend:hsk-detail", pk=gespeichert.pk)
    return render(
        request,
        "frontend/hsk/massnahme_formular.html",
        {
            "massnahme": massnahme,
            "formular": seite.haupt,
            "tabellen": [
                {"name": name, "titel": TITEL[name], "formset": fs, "fehler": seite.abschnitt[name]}
                for name, fs in seite.zeilen.items()
            ],
            "alle_fehler": seite.alle_fehler() if request.method == "POST" else [],
            "loeschhindernisse": services.loeschhindernisse(massnahme) if massnahme else [],
            "loeschen_statt": services.LOESCHEN_STATT,
            "darf_loeschen": massnahme is not None and request.user.has_perm("controlling.delete_hskmassnahme"),
        },
    )


@permission_required("controlling.add_hskmassnahme", raise_exception=True)
def neu(request):
    return _formularseite(request)


@permission_required("controlling.view_hskmassnahme", raise_exception=True)
def bearbeiten(request, pk: int):
    massnahme = get_object_or_404(selectors.hsk_massnahmen_fuer(user=request.user), pk=pk)
    if not request.user.has_perm("controlling.change_hskmassnahme"):
        raise PermissionDenied
    return _formularseite(request, massnahme)


@require_POST
@permission_required("controlling.view_hskmassnahme", raise_exception=True)
def loeschen(request, pk: int):
    massnahme = get_object_or_404(selectors.hsk_massnahmen_fuer(user=request.user), pk=pk)
    if not request.user.has_perm("controlling.delete_hskmassnahme"):
        raise PermissionDenied
    if not loeschen_bestaetigt(request):
        return redirect("frontend:hsk-bearbeiten", pk=pk)
    try:
        services.hsk_massnahme_loeschen(massnahme=massnahme, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("frontend:hsk-bearbeiten", pk=pk)
    messages.success(request, _("Die HSK-Maßnahme „%(m)s“ wurde gelöscht.") % {"m": massnahme.bezeichnung})
    return redirect("frontend:hsk-liste")
