"""Tertial pages: entry form per unit and period, Excel template/upload, dashboard, Kennzahl evaluation."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render

from organisation.selectors import fuer_benutzer
from steuerung.models import Kennzahl


@permission_required("steuerung.view_kennzahl", raise_exception=True)
def kennzahl_auswertung(request, pk: int):
    kennzahl = get_object_or_404(fuer_benutzer(Kennzahl.objects.all(), request.user), pk=pk)
    return render(request, "frontend/tertial/auswertung.html", {"kennzahl": kennzahl})
