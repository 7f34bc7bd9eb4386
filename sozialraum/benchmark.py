"""The inter-municipal benchmark: own Kennzahl value against peer municipalities, optionally per 1,000 inhabitants."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from organisation.selectors import fuer_benutzer
from sozialraum import vergleich as vgl
from sozialraum.models import Raum, Vergleichswert
from sozialraum.selectors import einwohner_im_jahr
from steuerung.bewertung import Richtung
from steuerung.models import Kennzahl


@dataclass(frozen=True)
class BenchmarkAnsicht:
    schluessel: str
    jahr: int
    je_1000: bool
    kennzahl: Kennzahl | None
    eigene_einwohner: int | None
    eigener_rohwert: Decimal | None
    ergebnis: vgl.Benchmark
    peers: list[Vergleichswert]
    bezeichnung: str


def vergleichsbezeichnungen(*, schluessel: Iterable[str]) -> dict[str, str]:
    """The label of each vergleichsschluessel: the newest non-empty `bezeichnung` of its peer
    values; a key without one keeps no label here (callers fall back, see below)."""
    bezeichnungen: dict[str, str] = {}
    for s, bezeichnung in (
        Vergleichswert.objects.filter(vergleichsschluessel__in=list(schluessel))
        .exclude(bezeichnung="")
        .order_by("vergleichsschluessel", "-jahr", "-id")
        .values_list("vergleichsschluessel", "bezeichnung")
    ):
        bezeichnungen.setdefault(s, bezeichnung)
    return bezeichnungen


def _bezeichnung(schluessel: str, bezeichnungen: dict[str, str], kennzahl: Kennzahl | None) -> str:
    """Label, else the linked Kennzahl's name, else the key (the only name there is)."""
    return bezeichnungen.get(schluessel) or (kennzahl.bezeichnung if kennzahl else schluessel)


def vergleichsschluessel_uebersicht(*, user) -> list[dict]:
    """Every key with peer values: its label, years, and the linked (visible) Kennzahl."""
    zeilen: dict[str, dict] = {}
    for schluessel, jahr in Vergleichswert.objects.values_list("vergleichsschluessel", "jahr").distinct():
        eintrag = zeilen.setdefault(schluessel, {"schluessel": schluessel, "jahre": set(), "kennzahl": None})
        eintrag["jahre"].add(jahr)
    for kz in fuer_benutzer(Kennzahl.objects.filter(vergleichsschluessel__in=zeilen.keys()), user).order_by("-jahr"):
        zeilen[kz.vergleichsschluessel]["kennzahl"] = zeilen[kz.vergleichsschluessel]["kennzahl"] or kz
    bezeichnungen = vergleichsbezeichnungen(schluessel=zeilen.keys())
    uebersicht = [
        {**z, "jahre": sorted(z["jahre"]), "bezeichnung": _bezeichnung(s, bezeichnungen, z["kennzahl"])}
        for s, z in zeilen.items()
    ]
    return sorted(uebersicht, key=lambda z: (z["bezeichnung"].casefold(), z["schluessel"]))


def eigene_einwohner(*, jahr: int) -> int | None:
    """Population of the own municipality: the largest top-level area in that year."""
    wurzeln = list(Raum.objects.filter(eltern__isnull=True).values_list("id", flat=True))
    zahlen = [e for e in einwohner_im_jahr(raum_ids=wurzeln, jahr=jahr).values() if e]
    return max(zahlen) if zahlen else None


def eigener_kennzahlwert(*, kennzahl: Kennzahl, jahr: int) -> Decimal | None:
    """The Kennzahl's value for the year: the annual value, else the latest period of that year."""
    messwerte = kennzahl.messwerte.filter(periode__startswith=str(jahr), wert__isnull=False)
    jahreswert = messwerte.filter(periode=str(jahr)).first()
    if jahreswert:
        return jahreswert.wert
    letzter = messwerte.order_by("-periode_ende").first()
    return letzter.wert if letzter else None


def benchmark_berechnen(*, user, schluessel: str, jahr: int, je_1000: bool = False) -> BenchmarkAnsicht:
    peers = list(Vergleichswert.objects.filter(vergleichsschluessel=schluessel, jahr=jahr))
    kennzahlen = fuer_benutzer(Kennzahl.objects.filter(vergleichsschluessel=schluessel), user)
    kennzahl = kennzahlen.filter(jahr=jahr).first() or kennzahlen.order_by("-jahr").first()
    rohwert = eigener_kennzahlwert(kennzahl=kennzahl, jahr=jahr) if kennzahl else None
    einwohner = eigene_einwohner(jahr=jahr)
    richtung = Richtung.FALLEND if kennzahl and kennzahl.richtung == Richtung.FALLEND else Richtung.STEIGEND
    ergebnis = vgl.benchmark(
        peers=[vgl.Peer(p.kommune, p.wert, p.einwohner) for p in peers],
        eigener_wert=rohwert,
        eigene_einwohner=einwohner,
        normieren=je_1000,
        richtung=richtung,
    )
    bezeichnung = _bezeichnung(schluessel, vergleichsbezeichnungen(schluessel=[schluessel]), kennzahl)
    return BenchmarkAnsicht(schluessel, jahr, je_1000, kennzahl, einwohner, rohwert, ergebnis, peers, bezeichnung)
