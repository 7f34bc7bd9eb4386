"""The Zuschussbedarf chart has a real year axis: missing years are gaps, not silently skipped."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from frontend.charts.haushalt import fehlende_jahre, textalternative, zuschussbedarf_verlauf


def _jahr(jahr: int, ist: str | None = None, *, ansatz: str | None = "1000.00", fortgeschrieben=None):
    return SimpleNamespace(
        jahr=jahr,
        ansatz=None if ansatz is None else Decimal(ansatz),
        fortgeschriebener_ansatz=fortgeschrieben,
        ist=None if ist is None else Decimal(ist),
        ist_stichtag=date(jahr, 8, 31) if ist is not None else None,
        prognose=None,
    )


# Like the demo's Hilfe zur Pflege: 2020 only an Ist, 2021 only an Ansatz, 2026 all three bars.
VERLAUF_MIT_LUECKE = [
    _jahr(2020, "900.00", ansatz=None),
    _jahr(2021),
    _jahr(2025, "990.00"),
    _jahr(2026, "500.00", fortgeschrieben=Decimal("1100.00")),
]


def test_achse_ist_eine_jahresachse_mit_einem_strich_je_jahr():
    figur = zuschussbedarf_verlauf(VERLAUF_MIT_LUECKE)
    achse = figur["layout"]["xaxis"]
    assert achse["type"] == "linear" and achse["dtick"] == 1 and achse["tick0"] == 2020
    assert achse["tickformat"] == "d"  # 2026, not "2.026"
    assert achse["range"] == [2019.5, 2026.5]
    for spur in figur["data"]:
        assert list(spur["x"]) == [2020, 2021, 2025, 2026]  # numbers: 2022–2024 stay empty slots


@pytest.mark.parametrize(
    ("jahre", "luecken"),
    [
        ([2020, 2021, 2025, 2026], [2022, 2023, 2024]),
        ([2025, 2026], []),
        ([2026], []),
        ([], []),
    ],
)
def test_fehlende_jahre(jahre, luecken):
    assert fehlende_jahre([_jahr(j) for j in jahre]) == luecken


def test_textalternative_nennt_die_luecke():
    text = textalternative(VERLAUF_MIT_LUECKE)
    assert text.startswith("Zuschussbedarf der Haushaltsjahre 2020 bis 2026.")
    assert text.endswith("Ohne Haushaltsdaten: 2022, 2023, 2024.")
    assert "Ohne Haushaltsdaten" not in textalternative(VERLAUF_MIT_LUECKE[2:])


def test_balken_eines_jahres_stehen_mittig_auf_seinem_strich():
    """Reviewer: 2020 (only Ist) and 2021 (only Ansatz) sat beside their tick, next to empty slots."""
    figur = zuschussbedarf_verlauf(VERLAUF_MIT_LUECKE)
    balken = [s for s in figur["data"] if s["type"] == "bar"]
    anzahl = {2020: 1, 2021: 1, 2025: 2, 2026: 3}
    for i, jahr in enumerate(anzahl):
        kanten = [(s["offset"][i], s["offset"][i] + s["width"]) for s in balken if s["y"][i] is not None]
        assert len(kanten) == anzahl[jahr], (jahr, kanten)
        assert min(k[0] for k in kanten) == pytest.approx(-max(k[1] for k in kanten)), (jahr, kanten)
        # Side by side, not on top of each other.
        assert all(a[1] == pytest.approx(b[0]) for a, b in zip(sorted(kanten), sorted(kanten)[1:], strict=False))
