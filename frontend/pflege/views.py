"""Generic list / create / edit / delete pages of a `Pflegeseite`, built on its API viewset.

Permissions as the API asks them (core.permissions.RollenRechte: view/add/change/delete of the
model) → 403; objects outside the viewset's scoped queryset → 404. Writes go through the
serializer (all its errors at once, mapped onto the form) and the viewset's perform_* methods,
so locking, history and domain rules are those of the API.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError as ApiValidationError

from frontend.pflege import anzeige, registry
from frontend.pflege.formulare import auswahl, formular_klasse
from frontend.pflege.konfig import Pflegeseite

SEITENGROESSE = 50


def _recht(request, seite: Pflegeseite, aktion: str) -> None:
    if not request.user.has_perm(seite.recht(aktion)):
        raise PermissionDenied


def _kontext(request, seite: Pflegeseite, **weiter) -> dict:
    return {
        "seite": seite,
        "liste_url": reverse(seite.url_name()),
        "darf": {a: request.user.has_perm(seite.recht(a)) for a in ("add", "change", "delete")},
        **weiter,
    }


def hub(request):
    gruppen = registry.sichtbare_gruppen(request.user)
    if not gruppen:
        raise PermissionDenied
    pflegen = any(e["pflegen"] for g in gruppen for e in g["eintraege"])
    return render(request, "frontend/pflege/hub.html", {"gruppen": gruppen, "pflegen": pflegen})


def liste(request, seite: Pflegeseite):
    _recht(request, seite, "view")
    filterset = seite.viewset.filterset_class(request.GET or None, queryset=seite.queryset(request), request=request)
    for name, filter_ in filterset.filters.items():
        if isinstance(filter_, django_filters.ModelChoiceFilter):
            filter_.queryset = auswahl(seite, name, filter_.queryset, request)
        if isinstance(filter_, django_filters.ChoiceFilter | django_filters.ModelChoiceFilter):
            filter_.extra["empty_label"] = _("alle")
    seitenweise = Paginator(filterset.qs, SEITENGROESSE).get_page(request.GET.get("seite"))
    abfrage = request.GET.copy()
    abfrage.pop("seite", None)
    zeilen = [
        {
            "pk": o.pk,
            "werte": [anzeige.wert(seite, o, s, request.user) for s in seite.spalten],
            "kontext": seite.verweiskontext(o, request.user) if seite.verweiskontext else "",
        }
        for o in seitenweise
    ]
    return render(
        request,
        "frontend/pflege/liste.html",
        _kontext(
            request,
            seite,
            filter=filterset,
            seite_obj=seitenweise,
            zeilen=zeilen,
            spalten=[anzeige.spaltentitel(seite, s) for s in seite.spalten],
            abfrage=abfrage.urlencode(),
            links=seite.links_fuer(request.user),
        ),
    )


def _objekt(request, seite: Pflegeseite, pk: int):
    return get_object_or_404(seite.queryset(request), pk=pk)


def neu(request, seite: Pflegeseite):
    _recht(request, seite, "add")
    return _formularseite(request, seite, None)


def detail(request, seite: Pflegeseite, pk: int):
    _recht(request, seite, "view")
    if request.method == "POST":
        _recht(request, seite, "change")
    obj = _objekt(request, seite, pk)
    if request.user.has_perm(seite.recht("change")):
        return _formularseite(request, seite, obj)
    formular = formular_klasse(seite)(instance=obj, seite=seite, request=request)
    werte = [
        (f.label, anzeige.wert(seite, obj, n, request.user) if _modellfeld(seite, n) else f.initial or anzeige.LEER)
        for n, f in formular.fields.items()
        if n != "revision"
    ]
    return render(
        request,
        "frontend/pflege/detail.html",
        _kontext(request, seite, objekt=obj, name=seite.name(obj, request.user), werte=werte),
    )


def _modellfeld(seite: Pflegeseite, name: str) -> bool:
    return any(f.name == name for f in seite.modell._meta.get_fields())


def _formularseite(request, seite: Pflegeseite, obj):
    daten = request.POST if request.method == "POST" else None  # an empty POST is still a submission
    formular = formular_klasse(seite)(daten, instance=obj, seite=seite, request=request)
    if request.method == "POST":
        formular.is_valid()  # converts input; its errors and the serializer's are shown together
        api = seite.api(request, "update" if obj else "create", **({"pk": obj.pk} if obj else {}))
        felder = api.get_serializer().fields
        daten = {
            k: v
            for k, v in formular.serializer_daten().items()
            if k in felder and (v is not None or felder[k].allow_null)  # None = "not given" for a non-null field
        }
        serializer = api.get_serializer(instance=obj, partial=obj is not None, data=daten)
        if not serializer.is_valid():
            formular.fehler_uebernehmen(serializer.errors)
        elif not formular.errors:
            try:
                with transaction.atomic():
                    (api.perform_update if obj else api.perform_create)(serializer)
            except ApiValidationError as exc:
                formular.fehler_uebernehmen(exc.detail)
            except DjangoValidationError as exc:
                formular.fehler_uebernehmen(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
            else:
                gespeichert = serializer.instance
                messages.success(
                    request,
                    _("%(modell)s „%(name)s“ wurde gespeichert.")
                    % {"modell": seite.titel_einzahl, "name": seite.name(gespeichert, request.user)},
                )
                return redirect(seite.url_name())
    name = seite.name(obj, request.user) if obj else ""
    return render(
        request, "frontend/pflege/formular.html", _kontext(request, seite, objekt=obj, name=name, formular=formular)
    )


def _geschuetzt(seite: Pflegeseite, exc: ProtectedError) -> str:
    namen = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
    return _("%(modell)s hat %(abhaengige)s – löschen nicht möglich.") % {
        "modell": seite.titel_einzahl,
        "abhaengige": ", ".join(namen),
    }


class _Probelauf(Exception):
    """Rolls back the trial deletion of the confirmation page."""


def _loeschen(request, seite: Pflegeseite, obj, *, probe: bool = False) -> list[str]:
    """Delete through the API's perform_destroy (its in-use rules); German reasons when refused.

    As a trial (`probe`) the deletion is rolled back, so the confirmation page can say beforehand
    whether it will work, by the very rules that decide it.
    """
    try:
        with transaction.atomic():
            seite.api(request, "destroy", pk=obj.pk).perform_destroy(obj)
            if probe:
                raise _Probelauf
    except _Probelauf:
        pass
    except ProtectedError as exc:
        return [_geschuetzt(seite, exc)]
    except ApiValidationError as exc:
        return [str(t) for t in _texte(exc.detail)]
    except DjangoValidationError as exc:
        return exc.messages
    return []


def loeschen(request, seite: Pflegeseite, pk: int):
    _recht(request, seite, "delete")
    obj = _objekt(request, seite, pk)
    name = seite.name(obj, request.user)
    if request.method == "POST":
        gruende = _loeschen(request, seite, obj)
        if not gruende:
            messages.success(
                request, _("%(modell)s „%(name)s“ wurde gelöscht.") % {"modell": seite.titel_einzahl, "name": name}
            )
            return redirect(seite.url_name())
    else:
        gruende = _loeschen(request, seite, _objekt(request, seite, pk), probe=True)  # a copy: delete() clears pk
    return render(
        request, "frontend/pflege/loeschen.html", _kontext(request, seite, objekt=obj, name=name, gruende=gruende)
    )


def _texte(detail) -> list:
    if isinstance(detail, dict):
        return [t for v in detail.values() for t in _texte(v)]
    if isinstance(detail, list):
        return [t for v in detail for t in _texte(v)]
    return [detail]
