"""Demo Zielpyramide: six Leitziele per year, a five-level chain, HSK-Maßnahmen, idempotent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from demo.daten import organisation as organisation_demo
from demo.daten import steuerung as steuerung_demo
from organisation.models import Benutzer
from organisation.verantwortung import verantwortliche_pruefen
from steuerung.models import Kennzahl, Leitziel, Massnahme
from steuerung.selectors import ZIELMODELLE, zielpyramide_baum

pytestmark = pytest.mark.django_db


def _laden():
    organisation_demo.laden()
    steuerung_demo.laden()


def _tiefe(knoten):
    return 1 + max((_tiefe(k) for k in knoten["kinder"]), default=0)


def test_demo_zielpyramide_fuer_2025_und_2026():
    _laden()
    for jahr in (2025, 2026):
        assert Leitziel.objects.filter(jahr=jahr).count() == 6
        m1 = Massnahme.objects.get(jahr=jahr, code="M HSK 1")
        m2 = Massnahme.objects.get(jahr=jahr, code="M HSK 2")
        assert (m1.organisationseinheit.kuerzel, m1.praeventionsform) == ("51 2", "tertiaer")
        assert (m2.organisationseinheit.kuerzel, m2.praeventionsform) == ("50 21", "sekundaer")
        assert m1.titel == "Rückführung aus stationärer Unterbringung in die Familie"
        assert Kennzahl.objects.get(jahr=jahr, code="K 4").ausgangswert == 4600
    steuerung = Benutzer.objects.get(username="steuerung")
    baum = zielpyramide_baum(jahr=2025, user=steuerung)
    assert max(_tiefe(k) for k in baum["knoten"]) == 5
    assert {k.organisationseinheit.kuerzel.split()[0] for k in Kennzahl.objects.all()} == {"50", "51"}


def test_demo_zielpyramide_zweimal_geladen_aendert_nichts():
    _laden()
    stand = list(Kennzahl.history.values_list("id", flat=True)), list(Leitziel.history.values_list("id", flat=True))
    _laden()
    assert (
        list(Kennzahl.history.values_list("id", flat=True)),
        list(Leitziel.history.values_list("id", flat=True)),
    ) == stand


def test_demo_nennt_nur_verantwortliche_der_eigenen_linie():
    """The demo follows the rule the forms and services enforce (organisation.verantwortung)."""
    _laden()
    verstoesse = []
    objekte = [*Kennzahl.objects.all()] + [z for m in ZIELMODELLE.values() for z in m.objects.all()]
    for obj in objekte:
        personen = {f: getattr(obj, f) for f in ("verantwortlich", "vertretung") if hasattr(obj, f"{f}_id")}
        try:
            verantwortliche_pruefen(obj.organisationseinheit_id, personen)
        except ValidationError as exc:
            verstoesse.append((str(obj), exc.message_dict))
    assert verstoesse == []
