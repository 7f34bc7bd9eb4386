"""Reads of the Sozialraum-Monitoring, including the council's data-protection filters.

Sozialraum data are city-wide planning data (not scoped by Organisationseinheit), with two
exceptions for the Rat (DOMAIN.md §7): areas below settings.MINDESTEINWOHNER_RAUM do not
exist for it, and counts (`Indikator.ist_fallzahl`) below settings.KLEINZAHL_GRENZE are shown
as "< 5". Every page and endpoint reads through these functions. Maßnahmen and Kennzahlen
linked to areas keep their unit scope (organisation.selectors.fuer_benutzer).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from organisation.rollen import Rolle
from organisation.selectors import fuer_benutzer, hat_rolle
from sozialraum import index as idx
from sozialraum import vergleich as vgl
from sozialraum.models import (
    Angebot,
    Foerderung,
    Indikator,
    Indikatorwert,
    Raum,
    RaumEinwohner,
    Traeger,
    Vergleichswert,
)
from steuerung.bewertung import Richtung
from steuerung.models import Kennzahl, Massnahme, Messwert

KLEINZAHL_TEXT = "< 5"
_ANDERE_LESEROLLEN = (
    Rolle.DEZERNATSLEITUNG,
    Rolle.STEUERUNG,
    Rolle.AMTSLEITUNG,
    Rolle.SACHBEARBEITUNG,
    Rolle.KAEMMEREI,
    Rolle.ADMINISTRATION,
)


def mindesteinwohner() -> int:
    return int(getattr(settings, "MINDESTEINWOHNER_RAUM", 1000))


def kleinzahl_grenze() -> int:
    return int(getattr(settings, "KLEINZAHL_GRENZE", 5))


def ist_ratssicht(user) -> bool:
    """True for council members without another reading role: they get the protected view."""
    if not user or not user.is_authenticated or user.is_superuser:
        return False
    return hat_rolle(user, Rolle.RAT) and not hat_rolle(user, *_ANDERE_LESEROLLEN)


def ist_kleinzahl(*, wert: Decimal | None, indikator: Indikator, user) -> bool:
    return (
        wert is not None
        and indikator.ist_fallzahl
        and ist_ratssicht(user)
        and Decimal(wert) < Decimal(kleinzahl_grenze())
    )


# --- Räume ---------------------------------------------------------------------------------


def _mit_einwohnern(queryset: QuerySet[Raum]) -> QuerySet[Raum]:
    neueste = RaumEinwohner.objects.filter(raum=OuterRef("pk")).order_by("-jahr")
    return queryset.annotate(
        einwohner_aktuell=Subquery(neueste.values("einwohner")[:1]),
        einwohner_stand=Subquery(neueste.values("jahr")[:1]),
    )


def raeume_fuer(*, user) -> QuerySet[Raum]:
    """All areas the user may see, annotated with the latest population (`einwohner_aktuell`)."""
    queryset = _mit_einwohnern(Raum.objects.select_related("eltern"))
    if ist_ratssicht(user):
        queryset = queryset.filter(einwohner_aktuell__gte=mindesteinwohner())
    return queryset


def sichtbare_raum_ids(*, user) -> set[int]:
    return set(raeume_fuer(user=user).values_list("id", flat=True))


def einwohner_im_jahr(*, raum_ids: Iterable[int], jahr: int) -> dict[int, int | None]:
    """Population per area for a year: that year's figure when present, else the latest."""
    je_raum: dict[int, dict[int, int]] = defaultdict(dict)
    for raum_id, j, e in RaumEinwohner.objects.filter(raum_id__in=list(raum_ids)).values_list(
        "raum_id", "jahr", "einwohner"
    ):
        je_raum[raum_id][j] = e
    ergebnis: dict[int, int | None] = {}
    for raum_id in raum_ids:
        zahlen = je_raum.get(raum_id, {})
        ergebnis[raum_id] = zahlen.get(jahr, zahlen[max(zahlen)] if zahlen else None)
    return ergebnis


def indikatorwerte_fuer(*, user) -> QuerySet[Indikatorwert]:
    queryset = Indikatorwert.objects.select_related("indikator", "raum")
    if ist_ratssicht(user):
        queryset = queryset.filter(raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def angebote_fuer(*, user) -> QuerySet[Angebot]:
    queryset = Angebot.objects.select_related("traeger", "raum").prefetch_related("foerderungen")
    if ist_ratssicht(user):
        queryset = queryset.filter(raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def foerderungen_fuer(*, user) -> QuerySet[Foerderung]:
    queryset = Foerderung.objects.select_related("angebot")
    if ist_ratssicht(user):
        queryset = queryset.filter(angebot__raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def traeger_fuer(*, user) -> QuerySet[Traeger]:
    return Traeger.objects.annotate(anzahl_angebote=Count("angebote"))


def einwohnerzahlen_fuer(*, user) -> QuerySet[RaumEinwohner]:
    queryset = RaumEinwohner.objects.select_related("raum")
    if ist_ratssicht(user):
        queryset = queryset.filter(raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def indikatoren_fuer(*, user) -> QuerySet[Indikator]:
    return Indikator.objects.all()


def vergleichswerte_fuer(*, user) -> QuerySet[Vergleichswert]:
    return Vergleichswert.objects.all()


def jahre() -> list[int]:
    return sorted(set(Indikatorwert.objects.values_list("jahr", flat=True).distinct()))


def ebenen_mit_raeumen(*, user) -> list[str]:
    return sorted(set(raeume_fuer(user=user).values_list("ebene", flat=True)))


# --- Index ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexAnsicht:
    jahr: int
    ebene: str
    methode: str
    schwelle: Decimal
    anzahl: int | None
    ergebnis: idx.Indexergebnis
    raeume: dict[int, Raum]
    einwohner: dict[int, int | None]
    indikatoren: list[Indikator]


def sozialraumindex_berechnen(
    *,
    user,
    jahr: int,
    ebene: str,
    methode: str = idx.METHODE_Z,
    schwelle: Decimal = Decimal("1.0"),
    anzahl: int | None = None,
) -> IndexAnsicht:
    """The composite index over all areas of the ebene; rows the user may not see are dropped.

    It is computed over every area so all roles see the same numbers; for the Rat the
    excluded small areas are not listed at all.
    """
    alle = {r.id: r for r in Raum.objects.filter(ebene=ebene).select_related("eltern")}
    einwohner = einwohner_im_jahr(raum_ids=alle.keys(), jahr=jahr)
    werte: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for raum_id, indikator_id, wert in Indikatorwert.objects.filter(raum_id__in=alle.keys(), jahr=jahr).values_list(
        "raum_id", "indikator_id", "wert"
    ):
        werte[raum_id][indikator_id] = wert
    indikatoren = list(Indikator.objects.filter(gewicht__gt=0))
    ergebnis = idx.sozialraumindex(
        raeume=[idx.RaumEingabe(r.id, r.name, einwohner[r.id], werte.get(r.id, {})) for r in alle.values()],
        indikatoren=[idx.IndikatorEingabe(i.id, i.richtung, i.gewicht) for i in indikatoren],
        methode=methode,
        mindesteinwohner=mindesteinwohner(),
        schwelle=schwelle,
        anzahl=anzahl,
    )
    if ist_ratssicht(user):
        sichtbar = sichtbare_raum_ids(user=user)
        ergebnis = idx.Indexergebnis(
            methode=ergebnis.methode,
            raeume=[z for z in ergebnis.raeume if z.raum in sichtbar],
            ausgeschlossen=[
                a
                for a in ergebnis.ausgeschlossen
                if a.raum in sichtbar and a.grund not in (idx.GRUND_ZU_KLEIN, idx.GRUND_EINWOHNER_UNBEKANNT)
            ],
            mittelwerte=ergebnis.mittelwerte,
            standardabweichungen=ergebnis.standardabweichungen,
        )
    return IndexAnsicht(jahr, ebene, methode, schwelle, anzahl, ergebnis, alle, einwohner, indikatoren)


# --- Table and map of one indicator -------------------------------------------------------


@dataclass(frozen=True)
class Zelle:
    """One shown value; `wert` is None when it is missing or suppressed (`anzeige` says which)."""

    wert: Decimal | None
    unterdrueckt: bool = False

    @property
    def anzeige(self) -> str | None:
        return KLEINZAHL_TEXT if self.unterdrueckt else None


def zelle(*, wert: Decimal | None, indikator: Indikator, user) -> Zelle:
    if ist_kleinzahl(wert=wert, indikator=indikator, user=user):
        return Zelle(None, True)
    return Zelle(wert)


@dataclass(frozen=True)
class Vergleichszeile:
    raum: Raum
    einwohner: int | None
    zelle: Zelle
    abweichung: Decimal | None
    abweichung_prozent: Decimal | None
    handlungsbedarf: bool | None = None
    rang: int | None = None


@dataclass(frozen=True)
class Raumvergleich:
    jahr: int
    ebene: str
    indikator: Indikator | None  # None = the composite index
    zeilen: list[Vergleichszeile]
    mittelwert: Decimal | None
    hinweis_unterdrueckt: bool


def raumvergleich(*, user, jahr: int, ebene: str, indikator: Indikator | None) -> Raumvergleich:
    """Each visible area of the ebene against the mean of the shown values (the whole).

    Suppressed cells are left out of the mean, so it cannot be used to recover them.
    """
    raeume = list(raeume_fuer(user=user).filter(ebene=ebene).order_by("name"))
    einwohner = einwohner_im_jahr(raum_ids=[r.id for r in raeume], jahr=jahr)
    index_zeilen: dict[int, idx.IndexZeile] = {}
    if indikator is None:
        ansicht = sozialraumindex_berechnen(user=user, jahr=jahr, ebene=ebene)
        index_zeilen = {z.raum: z for z in ansicht.ergebnis.raeume}
        zellen = {r.id: Zelle(index_zeilen[r.id].index if r.id in index_zeilen else None) for r in raeume}
    else:
        roh = dict(
            Indikatorwert.objects.filter(indikator=indikator, jahr=jahr, raum__in=raeume).values_list("raum_id", "wert")
        )
        zellen = {r.id: zelle(wert=roh.get(r.id), indikator=indikator, user=user) for r in raeume}
    vorhanden = [z.wert for z in zellen.values() if z.wert is not None]
    mittel = idx.mittelwert(vorhanden) if vorhanden else None
    zeilen = []
    for r in raeume:
        z = zellen[r.id]
        abw = z.wert - mittel if z.wert is not None and mittel is not None else None
        proz = abw * 100 / mittel if abw is not None and mittel else None
        iz = index_zeilen.get(r.id)
        zeilen.append(
            Vergleichszeile(
                r, einwohner[r.id], z, abw, proz, iz.handlungsbedarf if iz else None, iz.rang if iz else None
            )
        )
    return Raumvergleich(jahr, ebene, indikator, zeilen, mittel, any(z.unterdrueckt for z in zellen.values()))


# --- Steckbrief ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Steckbriefzeile:
    indikator: Indikator
    verlauf: list[tuple[int, Zelle]]
    jahr: int
    zelle: Zelle
    mittelwert: Decimal | None
    vorjahr: Zelle | None
    trend: str | None  # "steigend" | "fallend" | "gleich"
    trend_bewertung: str | None  # "besser" | "schlechter" | "gleich"


@dataclass(frozen=True)
class Steckbrief:
    raum: Raum
    einwohner_je_jahr: list[tuple[int, int]]
    zeilen: list[Steckbriefzeile]
    angebote: list[Angebot]
    massnahmen: list[Massnahme]
    kennzahlen: list[Kennzahl]
    kinder: list[Raum]
    jahr: int | None


def _trend(aktuell: Zelle, vorher: Zelle | None, richtung: str) -> tuple[str | None, str | None]:
    if vorher is None or aktuell.wert is None or vorher.wert is None:
        return None, None
    if aktuell.wert == vorher.wert:
        return "gleich", "gleich"
    steigt = aktuell.wert > vorher.wert
    besser = steigt == (richtung == idx.HOCH_IST_GUT)
    return ("steigend" if steigt else "fallend"), ("besser" if besser else "schlechter")


def steckbrief(*, user, raum: Raum) -> Steckbrief:
    """Profile of one (visible) area: indicators vs. the mean of its ebene with trend, offers,
    linked measures and Kennzahlen (unit-scoped), child areas.

    Steps: 1. values of this area, all years; 2. means per indicator and year over all areas
    of the same ebene; 3. trend of the latest two years. The mean is a computed reference,
    the same for every role: the Rat's suppression of small areas and cells changes what is
    shown (the area's own "< 5"), never the number it is compared with.
    """
    gleiche_ebene = Raum.objects.filter(ebene=raum.ebene).values("id")
    eigene: dict[int, dict[int, Decimal]] = defaultdict(dict)
    indikatoren: dict[int, Indikator] = {}
    for w in Indikatorwert.objects.filter(raum=raum).select_related("indikator"):
        eigene[w.indikator_id][w.jahr] = w.wert
        indikatoren[w.indikator_id] = w.indikator
    alle_werte: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for ind_id, jahr, wert in Indikatorwert.objects.filter(
        raum__in=gleiche_ebene, indikator_id__in=indikatoren.keys()
    ).values_list("indikator_id", "jahr", "wert"):
        alle_werte[(ind_id, jahr)].append(wert)
    zeilen = []
    for ind in sorted(indikatoren.values(), key=lambda i: (i.bereich, i.bezeichnung)):
        verlauf = [(j, zelle(wert=w, indikator=ind, user=user)) for j, w in sorted(eigene[ind.id].items())]
        jahr, aktuell = verlauf[-1]
        vorher = verlauf[-2][1] if len(verlauf) > 1 else None
        werte = alle_werte.get((ind.id, jahr), [])
        trend, bewertung = _trend(aktuell, vorher, ind.richtung)
        zeilen.append(
            Steckbriefzeile(
                ind, verlauf, jahr, aktuell, idx.mittelwert(werte) if werte else None, vorher, trend, bewertung
            )
        )
    kennzahlen_qs = fuer_benutzer(Kennzahl.objects.all(), user)
    neueste_messwerte = Prefetch(
        "messwerte", queryset=Messwert.objects.order_by("-periode_ende"), to_attr="messwerte_neueste"
    )
    massnahmen = list(
        fuer_benutzer(raum.massnahmen.all(), user)
        .select_related("organisationseinheit")
        .prefetch_related(Prefetch("kennzahlen", queryset=kennzahlen_qs.prefetch_related(neueste_messwerte)))
        .order_by("jahr", "code")
    )
    kennzahlen = list(
        fuer_benutzer(raum.kennzahlen.all(), user)
        .select_related("organisationseinheit")
        .prefetch_related(neueste_messwerte)
        .order_by("jahr", "code")
    )
    return Steckbrief(
        raum=raum,
        einwohner_je_jahr=list(raum.einwohnerzahlen.order_by("jahr").values_list("jahr", "einwohner")),
        zeilen=zeilen,
        angebote=list(angebote_fuer(user=user).filter(raum=raum).order_by("art", "bezeichnung")),
        massnahmen=massnahmen,
        kennzahlen=kennzahlen,
        kinder=list(raeume_fuer(user=user).filter(eltern=raum).order_by("name")),
        jahr=max((z.jahr for z in zeilen), default=None),
    )


# --- Benchmark -----------------------------------------------------------------------------


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
