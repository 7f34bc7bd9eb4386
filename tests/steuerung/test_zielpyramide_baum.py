"""The tree of a year: shape, SMART per node, unit scope, filters, bounded queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.models import Benutzer
from steuerung.models import Kennzahl, Leitziel, Massnahme, Produktgruppenziel, Produktziel, Teilziel
from steuerung.selectors import smart_luecken, zielpyramide_baum
from tests.steuerung.factories import MassnahmeFactory, ProduktFactory, ProduktgruppeFactory


def _codes(knoten):
    return [(k["typ"], k["code"], _codes(k["kinder"])) for k in knoten]


def test_steuerung_sieht_den_ganzen_baum_mit_fuenf_ebenen(pyramide, steuerung):
    baum = zielpyramide_baum(jahr=2025, user=steuerung)
    assert _codes(baum["knoten"]) == [
        (
            "leitziel",
            "LZ 1",
            [
                (
                    "produktgruppenziel",
                    "PGZ 1",
                    [("produktziel", "PZ 1", [("teilziel", "TZ 1", [("massnahme", "M 1", [])])])],
                ),
                ("produktgruppenziel", "PGZ 2", [("produktziel", "PZ 2", [("massnahme", "M 2", [])])]),
            ],
        )
    ]
    pz = baum["knoten"][0]["kinder"][0]["kinder"][0]
    assert pz["kennzahlen"] == [pyramide["k50"].pk]
    assert pz["smart"] == {"erfuellt": True, "maengel": [], "warnungen": []}


def test_sachbearbeitung50_sieht_nur_ihren_zweig_und_das_leitziel_darueber(pyramide, sachbearbeitung50):
    baum = zielpyramide_baum(jahr=2025, user=sachbearbeitung50)
    assert [k["code"] for k in baum["knoten"][0]["kinder"]] == ["PGZ 1"]


def test_ratsmitglied_sieht_keine_ziele(pyramide, ratsmitglied):
    assert zielpyramide_baum(jahr=2025, user=ratsmitglied)["knoten"] == []


def test_filter_nach_einheit_behaelt_die_oberziele(pyramide, steuerung, einheiten):
    baum = zielpyramide_baum(jahr=2025, user=steuerung, organisationseinheit=einheiten["51"].pk)
    assert _codes(baum["knoten"]) == [
        ("leitziel", "LZ 1", [("produktgruppenziel", "PGZ 2", [("produktziel", "PZ 2", [("massnahme", "M 2", [])])])])
    ]


def test_filter_nach_leitziel(pyramide, steuerung):
    assert zielpyramide_baum(jahr=2025, user=steuerung, leitziel=pyramide["lz"].pk + 999)["knoten"] == []
    assert len(zielpyramide_baum(jahr=2025, user=steuerung, leitziel=pyramide["lz"].pk)["knoten"]) == 1


def test_smart_maengel_stehen_am_knoten(pyramide, steuerung):
    baum = zielpyramide_baum(jahr=2025, user=steuerung)
    m1 = baum["knoten"][0]["kinder"][0]["kinder"][0]["kinder"][0]["kinder"][0]
    assert m1["code"] == "M 1"
    assert m1["smart"]["erfuellt"] is False
    assert m1["smart"]["maengel"] == [
        "Keine verantwortliche Person benannt",
        "Keine Kennzahl zugeordnet (nicht messbar)",
    ]


def test_zielsystem_check_listet_maengel_und_massnahmen_ohne_leitziel(pyramide, steuerung, einheiten):
    MassnahmeFactory(code="M LOS", produktziel=None, organisationseinheit=einheiten["50"])
    luecken = smart_luecken(jahr=2025, user=steuerung)
    assert [e["pfad"] for e in luecken["maengel"]] == [
        "LZ 1",
        "LZ 1 › PGZ 1",
        "LZ 1 › PGZ 1 › PZ 1 › TZ 1",
        "LZ 1 › PGZ 1 › PZ 1 › TZ 1 › M 1",
        "LZ 1 › PGZ 2",
        "LZ 1 › PGZ 2 › PZ 2",
    ]
    assert [m["code"] for m in luecken["ohne_leitziel"]] == ["M LOS"]


def _pyramide_in_masse(anzahl_ketten: int, oe, user, praefix: str) -> int:
    """Bulk-create chains LZ → PGZ → PZ → TZ → M (five goals each) plus one Kennzahl per chain."""
    gemeinsam = {"jahr": 2030, "organisationseinheit": oe, "zielgruppe": "alle", "verantwortlich": user}
    pg = ProduktgruppeFactory()
    produkt = ProduktFactory(produktgruppe=pg)
    lz = Leitziel.objects.bulk_create(
        [Leitziel(code=f"{praefix}LZ {i}", titel="t", **gemeinsam) for i in range(anzahl_ketten)]
    )
    pgz = Produktgruppenziel.objects.bulk_create(
        [
            Produktgruppenziel(code=f"{praefix}PGZ {i}", titel="t", leitziel=lzi, produktgruppe=pg, **gemeinsam)
            for i, lzi in enumerate(lz)
        ]
    )
    pz = Produktziel.objects.bulk_create(
        [
            Produktziel(code=f"{praefix}PZ {i}", titel="t", produktgruppenziel=p, produkt=produkt, **gemeinsam)
            for i, p in enumerate(pgz)
        ]
    )
    tz = Teilziel.objects.bulk_create(
        [Teilziel(code=f"{praefix}TZ {i}", titel="t", produktziel=p, **gemeinsam) for i, p in enumerate(pz)]
    )
    Massnahme.objects.bulk_create(
        [Massnahme(code=f"{praefix}M {i}", titel="t", teilziel=t, **gemeinsam) for i, t in enumerate(tz)]
    )
    Kennzahl.objects.bulk_create(
        [
            Kennzahl(
                jahr=2030,
                bezeichnung=f"K {i}",
                produktziel=p,
                organisationseinheit=oe,
                verantwortlich=user,
                vertretung=user,
            )
            for i, p in enumerate(pz)
        ]
    )
    return anzahl_ketten * 5


def _anzahl_abfragen(user_id: int) -> int:
    user = Benutzer.objects.get(pk=user_id)
    with CaptureQueriesContext(connection) as abfragen:
        zielpyramide_baum(jahr=2030, user=user)
    return len(abfragen)


def test_baum_braucht_fuer_10_und_1000_ziele_gleich_viele_abfragen(
    einheiten, steuerung, sachbearbeitung50, django_assert_num_queries
):
    assert _pyramide_in_masse(2, einheiten["50"], steuerung, "A") == 10
    wenig_su = _anzahl_abfragen(steuerung.pk)
    wenig_sb = _anzahl_abfragen(sachbearbeitung50.pk)
    assert _pyramide_in_masse(198, einheiten["50 2"], steuerung, "B") == 990
    assert Leitziel.objects.filter(jahr=2030).count() + Massnahme.objects.filter(jahr=2030).count() == 400
    for user, anzahl in ((steuerung, wenig_su), (sachbearbeitung50, wenig_sb)):
        user = Benutzer.objects.get(pk=user.pk)
        with django_assert_num_queries(anzahl):
            baum = zielpyramide_baum(jahr=2030, user=user)
        assert len(baum["knoten"]) == 200
    assert wenig_su <= 10
    assert wenig_sb <= 12
