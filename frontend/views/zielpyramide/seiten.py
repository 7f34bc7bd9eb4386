"""Zielpyramide pages: thin views over steuerung.selectors / services / excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.charts.zielpyramide import EBENE
from frontend.forms.fehler import fehler_ins_formular
from frontend.views.zielpyramide.formulare import ImportFormular, KennzahlFormular, zielformular
from frontend.views.zielpyramide.sollwerte import jahr_der_tabelle, solltabelle_kontext
from haushalt.uebersicht import geld_zum_ziel
from organisation.rollen import Rolle
from organisation.selectors import hat_rolle, sichtbare_oe_ids
from steuerung import archiv, excel, selectors, services
from steuerung.models import Kennzahl

LESEN = "steuerung.view_leitziel"
PFLEGEN = "steuerung.add_leitziel"  # only the Steuerungsunterstützung maintains the whole system
KINDER = {
    "leitziel": [("produktgruppenziel", "produktgruppenziele")],
    "produktgruppenziel": [("produktziel", "produktziele")],
    "produktziel": [("teilziel", "teilziele"), ("massnahme", "massnahmen")],
    "teilziel": [("teilziel", "kinder"), ("massnahme", "massnahmen")],
    "massnahme": [],
}


def _modell(typ: str):
    if typ not in selectors.ZIELMODELLE:
        raise Http404
    return selectors.ZIELMODELLE[typ]


def _standardjahr(jahre: list[int]) -> int:
    heute = timezone.localdate().year
    return heute if heute in jahre or not jahre else jahre[-1]


def _darf_alles(user) -> bool:
    return bool(user.is_superuser or hat_rolle(user, Rolle.STEUERUNG))


def _kette(typ: str, ziel) -> list[tuple[str, object]]:
    """The goals above `ziel`, top-down (for the breadcrumb of a Steckbrief)."""
    kette = []
    while ziel is not None:
        kette.append((typ, ziel))
        if typ == "massnahme":
            typ, ziel = ("teilziel", ziel.teilziel) if ziel.teilziel_id else ("produktziel", ziel.produktziel)
        elif typ == "teilziel":
            typ, ziel = ("teilziel", ziel.eltern) if ziel.eltern_id else ("produktziel", ziel.produktziel)
        elif typ == "produktziel":
            typ, ziel = "produktgruppenziel", ziel.produktgruppenziel
        elif typ == "produktgruppenziel":
            typ, ziel = "leitziel", ziel.leitziel
        else:
            ziel = None
    return list(reversed(kette))[:-1]


def _verlauf(obj, anzahl: int = 10) -> list[dict]:
    eintraege = list(obj.history.select_related("history_user")[: anzahl + 1])
    verlauf = []
    for neu, alt in zip(eintraege, [*eintraege[1:], None], strict=False):
        aenderungen = [c for c in neu.diff_against(alt).changes if c.field != "revision"] if alt else []
        verlauf.append({"eintrag": neu, "aenderungen": aenderungen, "angelegt": alt is None})
    return verlauf[:anzahl]


@permission_required(LESEN, raise_exception=True)
def ziel_steckbrief(request, typ: str, pk: int):
    modell = _modell(typ)
    ziel = get_object_or_404(selectors.ziele_fuer(modell, request.user).select_related("organisationseinheit"), pk=pk)
    kennzahlen = list(selectors.kennzahlen_fuer(request.user).filter(**{typ: ziel}))
    kinder = []
    for kindtyp, relation in KINDER[typ]:
        sichtbar = selectors.ziele_fuer(selectors.ZIELMODELLE[kindtyp], request.user)
        kinder += [(kindtyp, EBENE[kindtyp], k) for k in sichtbar.filter(pk__in=getattr(ziel, relation).values("pk"))]
    darf_aendern = request.user.has_perm(f"steuerung.change_{typ}") and (
        _darf_alles(request.user) or selectors.ziele_bearbeitbar_fuer(modell, request.user).filter(pk=pk).exists()
    )
    return render(
        request,
        "frontend/zielpyramide/ziel_steckbrief.html",
        {
            "typ": typ,
            "ebene": EBENE[typ],
            "ziel": ziel,
            "smart": selectors.ziel_smart(ziel),
            "kennzahlen": kennzahlen,
            "kinder": kinder,
            "kette": [(t, EBENE[t], z) for t, z in _kette(typ, ziel)],
            "verlauf": _verlauf(ziel),
            "darf_aendern": darf_aendern,
            "darf_kennzahl": request.user.has_perm("steuerung.add_kennzahl"),
            "kindtypen": [(t, EBENE[t]) for t, _r in KINDER[typ] if request.user.has_perm(f"steuerung.add_{t}")],
            **_archivkontext(request.user, typ, ziel, lambda: archiv.ziel_abhaengigkeiten(ziel)),
            # Money of the goal's Produktgruppe or Produkt, only for roles that may read it.
            "geld": geld_zum_ziel(user=request.user, ziel=ziel)
            if typ in ("produktgruppenziel", "produktziel")
            else None,
        },
    )


def _zielformular_seite(request, typ: str, ziel=None):
    modell = _modell(typ)
    aktion = "change" if ziel else "add"
    if not request.user.has_perm(f"steuerung.{aktion}_{typ}"):
        raise PermissionDenied
    formular_klasse = zielformular(typ, request.user)
    anfang = {k: v for k, v in request.GET.items() if k in formular_klasse.base_fields}
    form = formular_klasse(request.POST or None, instance=ziel or modell(), initial=anfang)
    if request.method == "POST" and form.is_valid():
        daten = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            if ziel:
                ergebnis = services.ziel_aendern(
                    ziel=ziel, daten=daten, user=request.user, revision=form.cleaned_data["revision"]
                )
            else:
                ergebnis = services.ziel_anlegen(typ=typ, daten=daten, user=request.user)
        except ValidationError as exc:
            fehler_ins_formular(form, exc)
        else:
            messages.success(
                request, _("%(ebene)s „%(code)s“ wurde gespeichert.") % {"ebene": EBENE[typ], "code": ergebnis.code}
            )
            return redirect("frontend:ziel-steckbrief", typ=typ, pk=ergebnis.pk)
    return render(
        request,
        "frontend/zielpyramide/formular.html",
        {
            "form": form,
            "titel": (_("%(e)s bearbeiten") if ziel else _("%(e)s anlegen")) % {"e": EBENE[typ]},
            "objekt": ziel,
        },
    )


def ziel_neu(request, typ: str):
    return _zielformular_seite(request, typ)


@permission_required(LESEN, raise_exception=True)
def ziel_bearbeiten(request, typ: str, pk: int):
    ziel = get_object_or_404(selectors.ziele_fuer(_modell(typ), request.user), pk=pk)
    return _zielformular_seite(request, typ, ziel)


def _archivkontext(user, typ: str, obj, gruende) -> dict:
    """Delete/archive actions of a Steckbrief: who may, and why deleting is refused (if it is)."""
    darf = user.has_perm(f"steuerung.delete_{typ}") and (
        _darf_alles(user) or obj.organisationseinheit_id in (sichtbare_oe_ids(user) or ())
    )
    return {"darf_archivieren": darf, "loeschhindernisse": gruende() if darf and not obj.archiviert else []}


@permission_required(LESEN, raise_exception=True)
def kennzahl_steckbrief(request, pk: int):
    kennzahl = get_object_or_404(selectors.kennzahlen_fuer(request.user), pk=pk)
    return kennzahl_seite(request, kennzahl)


def kennzahl_seite(request, kennzahl: Kennzahl, sollformular=None):
    """The Kennzahl's Steckbrief; `sollformular` is a bound Sollwert table to show again with its errors."""
    kennzahl = selectors.kennzahlen_fuer(request.user).prefetch_related("sollwerte", "versionen").get(pk=kennzahl.pk)
    ziel = kennzahl.ziel
    typ = selectors.TYP_VON_MODELL[type(ziel)]
    try:
        auswertung = reverse("frontend:kennzahl-auswertung", args=[kennzahl.pk])
    except NoReverseMatch:
        auswertung = None
    return render(
        request,
        "frontend/zielpyramide/kennzahl_steckbrief.html",
        {
            "k": kennzahl,
            "ziel": ziel,
            "zieltyp": typ,
            "ebene": EBENE[typ],
            "versionen": list(kennzahl.versionen.select_related("geaendert_von")),
            "verlauf": _verlauf(kennzahl),
            "auswertung": auswertung,
            "darf_aendern": request.user.has_perm("steuerung.change_kennzahl"),
            **solltabelle_kontext(
                kennzahl, jahr=jahr_der_tabelle(request, kennzahl), user=request.user, formular=sollformular
            ),
            **_archivkontext(request.user, "kennzahl", kennzahl, lambda: archiv.kennzahl_abhaengigkeiten(kennzahl)),
        },
    )


def _kennzahlformular_seite(request, kennzahl: Kennzahl, ziel_typ: str, ziel):
    nur_texte = not _darf_alles(request.user)
    form = KennzahlFormular(request.POST or None, instance=kennzahl, user=request.user, nur_texte=nur_texte)
    if request.method == "POST" and form.is_valid():
        daten = {k: v for k, v in form.cleaned_data.items() if k not in ("revision", "grund")}
        try:
            if kennzahl.pk:
                if nur_texte:
                    daten = {k: v for k, v in daten.items() if k in services.KENNZAHL_TEXTFELDER}
                ergebnis = services.kennzahl_aendern(
                    kennzahl=kennzahl,
                    daten=daten,
                    user=request.user,
                    revision=form.cleaned_data["revision"],
                    grund=form.cleaned_data["grund"],
                )
            else:
                ergebnis = services.kennzahl_anlegen(
                    daten={**daten, ziel_typ: ziel, "jahr": ziel.jahr}, user=request.user
                )
        except ValidationError as exc:
            fehler_ins_formular(form, exc)
        else:
            messages.success(request, _("Kennzahl „%(k)s“ wurde gespeichert.") % {"k": ergebnis.bezeichnung})
            return redirect("frontend:kennzahl-steckbrief", pk=ergebnis.pk)
    titel = _("Kennzahl bearbeiten") if kennzahl.pk else _("Kennzahl anlegen")
    return render(
        request,
        "frontend/zielpyramide/formular.html",
        {"form": form, "titel": titel, "objekt": kennzahl, "ziel": ziel, "nur_texte": nur_texte},
    )


@permission_required(LESEN, raise_exception=True)
def kennzahl_neu(request, typ: str, pk: int):
    if not request.user.has_perm("steuerung.add_kennzahl"):
        raise PermissionDenied
    ziel = get_object_or_404(selectors.ziele_fuer(_modell(typ), request.user), pk=pk)
    return _kennzahlformular_seite(request, Kennzahl(), typ, ziel)


@permission_required("steuerung.change_kennzahl", raise_exception=True)
def kennzahl_bearbeiten(request, pk: int):
    kennzahl = get_object_or_404(selectors.kennzahlen_fuer(request.user), pk=pk)
    ziel = kennzahl.ziel
    return _kennzahlformular_seite(request, kennzahl, selectors.TYP_VON_MODELL[type(ziel)], ziel)


@permission_required(PFLEGEN, raise_exception=True)
def zielsystem_check(request):
    jahre = selectors.jahre_mit_zielen() or [timezone.localdate().year]
    try:
        jahr = int(request.GET.get("jahr") or _standardjahr(jahre))
    except ValueError:
        jahr = _standardjahr(jahre)
    luecken = selectors.smart_luecken(jahr=jahr, user=request.user)
    return render(
        request,
        "frontend/zielpyramide/zielsystem_check.html",
        {"jahr": jahr, "jahre": jahre, "luecken": luecken, "ebenen": EBENE, "naechstes_jahr": jahr + 1},
    )


@require_POST
@permission_required(PFLEGEN, raise_exception=True)
def zielmatrix_uebernehmen(request):
    try:
        jahr = int(request.POST.get("jahr", ""))
        angelegt = services.zielmatrix_uebernehmen(von_jahr=jahr, user=request.user)
    except ValueError:
        messages.error(request, _("Bitte ein gültiges Haushaltsjahr wählen."))
        return redirect("frontend:zielsystem-check")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("frontend:zielsystem-check")
    messages.success(
        request,
        _("Zielmatrix %(neu)s aus %(alt)s übernommen: %(ziele)s Ziele/Maßnahmen und %(k)s Kennzahlen neu angelegt.")
        % {
            "neu": jahr + 1,
            "alt": jahr,
            "ziele": sum(v for t, v in angelegt.items() if t != "kennzahl"),
            "k": angelegt["kennzahl"],
        },
    )
    return redirect(f"{reverse('frontend:zielpyramide')}?jahr={jahr + 1}")


@permission_required(LESEN, raise_exception=True)
def zielmatrix_export(request):
    jahre = selectors.jahre_mit_zielen() or [timezone.localdate().year]
    try:
        jahr = int(request.GET.get("jahr") or _standardjahr(jahre))
    except ValueError as exc:
        raise Http404 from exc
    antwort = HttpResponse(
        excel.zielmatrix_exportieren(jahr=jahr, user=request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    antwort["Content-Disposition"] = f'attachment; filename="zielmatrix-{jahr}.xlsx"'
    return antwort


@permission_required(PFLEGEN, raise_exception=True)
def zielmatrix_import(request):
    form = ImportFormular(request.POST or None, request.FILES or None, initial={"jahr": timezone.localdate().year})
    ergebnis = None
    if request.method == "POST" and form.is_valid():
        datei = form.cleaned_data["datei"]
        ergebnis = excel.zielmatrix_importieren(
            datei=datei, name=datei.name, jahr=form.cleaned_data["jahr"], user=request.user
        )
        if ergebnis.erfolgreich:
            messages.success(
                request,
                _("Import abgeschlossen: %(z)s Ziele/Maßnahmen und %(k)s Kennzahlen gespeichert.")
                % {"z": ergebnis.ziele, "k": ergebnis.kennzahlen},
            )
            return redirect(f"{reverse('frontend:zielpyramide')}?jahr={form.cleaned_data['jahr']}")
    return render(
        request,
        "frontend/zielpyramide/import.html",
        {"form": form, "ergebnis": ergebnis, "jahre": selectors.jahre_mit_zielen()},
    )
