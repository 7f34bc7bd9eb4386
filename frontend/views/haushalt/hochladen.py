"""Import of finance files (upload → preview with totals → confirm) and the Kommune's finance settings."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from frontend.views.haushalt.formulare import EinstellungenFormular, ImportFormular
from haushalt import importer, selectors, services
from haushalt.models import Art, Haushaltsimport

IMPORTIEREN = "haushalt.add_haushaltsposition"


@permission_required(IMPORTIEREN, raise_exception=True)
def importieren(request):
    """Upload a file; a file without errors is kept for review, errors are listed per row."""
    formular = ImportFormular(request.POST or None, request.FILES or None)
    fehler: list[str] = []
    if request.method == "POST" and formular.is_valid():
        datei = formular.cleaned_data["datei"]
        if datei.size > importer.MAX_GROESSE:
            fehler = [_("Die Datei ist zu groß (höchstens 20 MB).")]
        else:
            try:
                upload = services.haushalt_upload_vormerken(name=datei.name, inhalt=datei.read(), user=request.user)
            except ValidationError as exc:
                fehler = exc.messages
            else:
                return redirect("frontend:finanzen-import-vorschau", pk=upload.pk)
    return render(
        request,
        "frontend/haushalt/import.html",
        {"formular": formular, "fehler": fehler, "uploads": selectors.haushaltsimporte()[:20]},
    )


@permission_required(IMPORTIEREN, raise_exception=True)
def vorschau(request, pk: int):
    """Totals per Produktbereich, Jahr, Art and Stichtag of a kept upload; confirm or discard it."""
    upload = get_object_or_404(selectors.haushaltsimporte(), pk=pk)
    fehler: list[str] = []
    if request.method == "POST":
        if request.POST.get("aktion") == "verwerfen":
            services.haushalt_upload_verwerfen(upload=upload, user=request.user)
            messages.success(request, _("Der Upload wurde verworfen; es wurde nichts geändert."))
            return redirect("frontend:finanzen-import")
        try:
            ergebnis = services.haushalt_upload_uebernehmen(upload=upload, user=request.user)
        except ValidationError as exc:
            fehler = exc.messages
        else:
            if ergebnis.status == Haushaltsimport.Status.UNVERAENDERT:
                messages.info(request, _("Die Datei entspricht dem aktuellen Stand; es wurde nichts geändert."))
            else:
                messages.success(
                    request,
                    _("Import übernommen: %(n)s Zeilen geschrieben, %(e)s ersetzt.")
                    % {"n": ergebnis.pruefung.anzahl, "e": ergebnis.ersetzt},
                )
            return redirect("frontend:finanzen-import-vorschau", pk=upload.pk)
    upload.refresh_from_db(fields=["status", "summen", "ersetzt", "uebernommen_am", "uebernommen_von"])
    summen = [
        {
            **s,
            "stichtag": date.fromisoformat(s["stichtag"]) if s["stichtag"] else None,
            "art_text": Art(s["art"]).label,
        }
        for s in upload.summen
    ]
    return render(
        request, "frontend/haushalt/import_vorschau.html", {"upload": upload, "summen": summen, "fehler": fehler}
    )


@permission_required("haushalt.change_haushalteinstellungen", raise_exception=True)
def einstellungen(request):
    eingestellt = selectors.einstellungen()
    formular = EinstellungenFormular(request.POST or None, initial=EinstellungenFormular.anfangswerte(eingestellt))
    if request.method == "POST" and formular.is_valid():
        try:
            services.einstellungen_speichern(
                daten=formular.daten(), user=request.user, revision=formular.cleaned_data["revision"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for feld, fehler in exc.message_dict.items():
                    formular.add_error(feld if feld in formular.fields else None, fehler)
            else:
                formular.add_error(None, exc.messages)
        else:
            messages.success(request, _("Die Haushalt-Einstellungen wurden gespeichert."))
            return redirect("frontend:finanzen-einstellungen")
    return render(request, "frontend/haushalt/einstellungen.html", {"formular": formular})
