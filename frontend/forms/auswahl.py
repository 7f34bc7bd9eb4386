"""Choices that depend on another field of the same form.

Server side the choices are scoped (the user's units, people who may own a Kennzahl) and the
services check the combination (organisation.verantwortung, Ziel.clean). In the browser, `app.js`
narrows a dependent list while the form is filled in: each option carries the keys it belongs to
(`data-gehoert`); the controlling field gives the current keys: its value, or for a select the
chosen option's `data-schluessel`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import forms

from organisation.verantwortung import linien, verantwortliche

Schluessel = Callable[[object], Iterable]


def _text(werte: Iterable) -> str:
    return " ".join(str(w) for w in werte)


class Auswahl(forms.Select):
    """A select that may depend on field `von` (`gehoert`) and may control others (`schluessel`)."""

    def __init__(
        self, *, von: str | None = None, gehoert: Schluessel | None = None, schluessel: Schluessel | None = None
    ):
        super().__init__(attrs={"data-abhaengig-von": f"id_{von}"} if von else None)
        self.gehoert, self.schluessel = gehoert, schluessel

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instanz = getattr(value, "instance", None)
        if instanz is not None:
            if self.gehoert:
                option["attrs"]["data-gehoert"] = _text(self.gehoert(instanz))
            if self.schluessel:
                option["attrs"]["data-schluessel"] = _text(self.schluessel(instanz))
        return option


class EinheitenLinie:
    """Keys of a unit option: the ids of its line (organisation.verantwortung), loaded once per form."""

    def __init__(self):
        self._linien: dict[int, set[int]] | None = None

    def __call__(self, einheit) -> set[int]:
        if self._linien is None:
            self._linien = linien()
        return self._linien.get(einheit.pk, {einheit.pk})


class ZielMitJahr(forms.ModelChoiceField):
    """A goal choice that shows its Haushaltsjahr: "2026 · LZ 1 Teilhabe sichern"."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.jahr} · {obj}"


def auswahl_setzen(feld: forms.ModelChoiceField, widget: Auswahl, queryset) -> None:
    """Swap a model choice field's widget, then its queryset (which hands the choices to the widget)."""
    widget.is_required = feld.required
    feld.widget = widget
    feld.queryset = queryset


def verantwortung_einrichten(form, einheiten) -> None:
    """The unit choice narrows the person choices (verantwortlich, vertretung) of `form`: people
    who may own a goal or Kennzahl (organisation.verantwortung) in the line of a unit the user sees."""
    linie = EinheitenLinie()
    auswahl_setzen(form.fields["organisationseinheit"], Auswahl(schluessel=linie), einheiten)
    reichweite = set().union(*(linie(e) for e in einheiten)) if einheiten else set()
    personen = verantwortliche().filter(organisationseinheit_id__in=reichweite)
    for feld in ("verantwortlich", "vertretung"):
        if feld in form.fields:
            widget = Auswahl(von="organisationseinheit", gehoert=lambda b: [b.organisationseinheit_id])
            auswahl_setzen(form.fields[feld], widget, personen)
