"""Every page of the "frontend" namespace is checked with axe-core in headless Chromium.

The table `BESUCHE` says for each URL name who visits it and with which arguments (taken from
the demo data). A URL of the namespace that is neither visited nor listed in `NICHT_BESUCHT`
(POST-only actions with their reason) fails `test_jede_frontend_url_ist_deklariert`, so a new
page cannot slip past the check. Serious and critical axe violations fail; moderate and minor
ones fail unless their rule id is accepted with a reason in akzeptiert.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from controlling.models import Einzelfall, HSKMassnahme, Praeventionsbudget, Praeventionsprojekt
from core.services import auftrag_anlegen
from demo.daten.organisation import DEMO_PASSWORT
from haushalt.models import Haushaltsimport, Zuwendung
from organisation.models import Benachrichtigung, Benutzer, Organisationseinheit
from sozialraum.models import Angebot, Indikator, Indikatorwert, Raum, Traeger, Vergleichswert
from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)
from steuerung.models.berichte import Berichtsstatus, Tertialbericht, Veroeffentlichung
from tests.e2e.barrierefreiheit.akzeptiert import AKZEPTIERT

SCHWER = {"serious", "critical"}
# Untranslated or technical text in the visible page.
RESTE = re.compile(r"\b(?:True|False|None|nan|NaN)\b|-{5,}")
_axe = Axe()


@dataclass(frozen=True)
class Besuch:
    url_name: str
    benutzer: str | None  # a demo login; None = not logged in
    kwargs: Callable[[], dict] = dict
    query: str = ""
    download: str = ""  # expected Content-Type start for file downloads (no axe check)
    status: int = 200


def _oe(kuerzel: str) -> int:
    return Organisationseinheit.objects.get(kuerzel=kuerzel).pk


def _ziel(modell) -> Callable[[], dict]:
    typ = modell.__name__.lower()
    return lambda: {"typ": typ, "pk": modell.objects.order_by("-jahr", "pk").first().pk}


def _kennzahl() -> int:
    return Kennzahl.objects.filter(organisationseinheit__kuerzel="50 21").order_by("-jahr", "pk").first().pk


def _massnahme() -> int:
    return HSKMassnahme.objects.order_by("pk").first().pk


def _fall() -> int:
    return Einzelfall.objects.filter(hsk_massnahme_id=_massnahme()).order_by("pk").first().pk


def _veroeffentlichung() -> int:
    return Veroeffentlichung.objects.order_by("-pk").first().pk


def _bericht(status: str) -> dict:
    b = Tertialbericht.objects.filter(status=status).order_by("-periode").first()
    return {"oe": b.organisationseinheit_id, "periode": b.periode}


def _raum() -> int:
    return Raum.objects.order_by("-ebene", "pk").first().pk


def _auftrag() -> dict:
    return {"pk": auftrag_anlegen(art="hsk_verlaeufe", gesamt=1).pk}


def _haushaltsimport() -> int:
    return Haushaltsimport.objects.order_by("pk").first().pk


def _erstes(modell) -> Callable[[], dict]:
    return lambda: {"pk": modell.objects.order_by("pk").first().pk}


# Stammdaten pflegen: slug -> model of the object its detail and delete pages show.
_STAMMDATEN = {
    "produktgruppen": Produktgruppe,
    "produkte": Produkt,
    "praeventionsprojekte": Praeventionsprojekt,
    "praeventionsbudgets": Praeventionsbudget,
    "raeume": Raum,
    "indikatoren": Indikator,
    "indikatorwerte": Indikatorwert,
    "traeger": Traeger,
    "angebote": Angebot,
    "vergleichswerte": Vergleichswert,
}


def _zuwendung() -> int:
    return Zuwendung.objects.filter(organisationseinheit__kuerzel__startswith="50").order_by("pk").first().pk


def _benachrichtigung(username: str) -> Callable[[], dict]:
    return lambda: {"pk": Benachrichtigung.objects.filter(empfaenger__username=username).order_by("-pk").first().pk}


BESUCHE: list[Besuch] = [
    # Start and public pages
    *[
        Besuch("start", u)
        for u in ("dezernat", "steuerung", "amtsleitung50", "sachbearbeitung50", "kaemmerei", "rat", "admin")
    ],
    Besuch("login", None),
    Besuch("barrierefreiheit", None),
    Besuch("barrierefreiheit", "rat"),
    # Zielpyramide
    Besuch("zielpyramide", "steuerung"),
    Besuch("zielpyramide", "sachbearbeitung50"),
    Besuch("zielpyramide", "dezernat", query="?jahr=2025"),
    # A list fragment the page inserts when a level opens (axe-checked inside the page in
    # tests/e2e/test_zielpyramide.py); on its own it is no page, so only status and type here.
    Besuch("zielpyramide-ebene", "dezernat", query="?jahr=2025", download="text/html"),
    Besuch("zielsystem-check", "steuerung"),
    Besuch("zielmatrix-export", "steuerung", download="application/vnd.openxmlformats"),
    Besuch("zielmatrix-import", "steuerung"),
    Besuch("ziel-neu", "steuerung", lambda: {"typ": "leitziel"}),
    Besuch("ziel-neu", "steuerung", lambda: {"typ": "massnahme"}),
    *[Besuch("ziel-steckbrief", "steuerung", _ziel(m)) for m in (Leitziel, Produktgruppenziel, Produktziel)],
    *[Besuch("ziel-steckbrief", "dezernat", _ziel(m)) for m in (Teilziel, Massnahme)],
    Besuch("ziel-bearbeiten", "steuerung", _ziel(Produktziel)),
    Besuch("ziel-bearbeiten", "steuerung", _ziel(Massnahme)),
    Besuch("kennzahl-neu", "steuerung", _ziel(Produktziel)),
    Besuch("kennzahl-steckbrief", "steuerung", lambda: {"pk": _kennzahl()}),
    Besuch("kennzahl-bearbeiten", "steuerung", lambda: {"pk": _kennzahl()}),
    # Tertial entry, dashboard, evaluation
    Besuch("kennzahl-auswertung", "dezernat", lambda: {"pk": _kennzahl()}),
    Besuch("tertial-erfassung-uebersicht", "sachbearbeitung50"),
    Besuch("tertial-erfassung", "sachbearbeitung50", lambda: {"oe": _oe("50 21"), "periode": "2026-T3"}),
    Besuch("tertial-erfassung", "sachbearbeitung50", lambda: {"oe": _oe("50 21"), "periode": "2026-T2"}),
    Besuch(
        "tertial-excel-vorlage",
        "sachbearbeitung50",
        lambda: {"oe": _oe("50 21"), "periode": "2026-T3"},
        download="application/vnd.openxmlformats",
    ),
    Besuch("tertial-excel-hochladen", "sachbearbeitung50", lambda: {"oe": _oe("50 21"), "periode": "2026-T3"}),
    Besuch("tertial-dashboard", "dezernat"),
    Besuch("tertial-dashboard", "kaemmerei", query="?periode=2026-T1"),
    # HSK-Controlling
    Besuch("hsk-liste", "kaemmerei"),
    Besuch("hsk-portfolio", "kaemmerei"),
    Besuch("hsk-praevention", "kaemmerei"),
    Besuch("hsk-auftrag", "steuerung", _auftrag),
    Besuch("hsk-detail", "steuerung", lambda: {"pk": _massnahme()}),
    Besuch("hsk-detail", "kaemmerei", lambda: {"pk": _massnahme()}),
    Besuch("hsk-faelle", "steuerung", lambda: {"pk": _massnahme()}),
    Besuch("hsk-auskunft", "steuerung", lambda: {"pk": _massnahme()}, download="text/csv"),
    Besuch("hsk-fall-neu", "steuerung", lambda: {"pk": _massnahme()}),
    Besuch("hsk-fall", "steuerung", lambda: {"pk": _fall()}),
    Besuch("hsk-neu", "steuerung"),
    Besuch("hsk-bearbeiten", "steuerung", lambda: {"pk": _massnahme()}),
    # Tertialberichte and council reports
    Besuch("berichte-liste", "amtsleitung50"),
    Besuch("bericht-aufrufen", "amtsleitung50", query="?organisationseinheit=__oe50__&periode=2026-T3"),
    Besuch("bericht", "amtsleitung50", lambda: {"oe": _oe("50"), "periode": "2026-T3"}),
    Besuch("bericht", "dezernat", lambda: _bericht(Berichtsstatus.AMTSLEITUNG_FREIGEGEBEN)),
    Besuch("bericht", "sachbearbeitung51", lambda: _bericht(Berichtsstatus.ZURUECKGEGEBEN)),
    Besuch("bericht", "dezernat", lambda: _bericht(Berichtsstatus.VEROEFFENTLICHT)),
    Besuch("veroeffentlichungen", "rat"),
    Besuch("veroeffentlichungen", "dezernat"),
    Besuch("veroeffentlichung", "rat", lambda: {"pk": _veroeffentlichung()}),
    Besuch("veroeffentlichung-pdf", "rat", lambda: {"pk": _veroeffentlichung()}, download="application/pdf"),
    Besuch(
        "veroeffentlichung-excel",
        "rat",
        lambda: {"pk": _veroeffentlichung()},
        download="application/vnd.openxmlformats",
    ),
    # Sozialraum
    Besuch("sozialraum", "steuerung"),
    Besuch("sozialraum", "rat"),
    Besuch("sozialraum-index", "steuerung"),
    Besuch("sozialraum-index", "rat"),
    Besuch("sozialraum-steckbrief", "steuerung", lambda: {"pk": _raum()}),
    Besuch("sozialraum-steckbrief", "rat", lambda: {"pk": _raum()}),
    Besuch("sozialraum-steckbrief-pdf", "steuerung", lambda: {"pk": _raum()}, download="application/pdf"),
    Besuch("sozialraum-vergleich", "steuerung"),
    Besuch("sozialraum-import", "steuerung"),
    Besuch(
        "sozialraum-import-vorlage",
        "steuerung",
        lambda: {"art": "vergleichswerte"},
        download="application/vnd.openxmlformats",
    ),
    # Stammdaten pflegen: hub, and list, new, edit and delete confirmation of every screen; read-only views
    Besuch("stammdaten", "steuerung"),
    Besuch("stammdaten", "rat"),
    *[
        b
        for slug, modell in _STAMMDATEN.items()
        for b in (
            Besuch(f"stammdaten-{slug}", "steuerung"),
            Besuch(f"stammdaten-{slug}-neu", "steuerung"),
            Besuch(f"stammdaten-{slug}-detail", "steuerung", _erstes(modell)),
            Besuch(f"stammdaten-{slug}-loeschen", "steuerung", _erstes(modell)),
        )
    ],
    Besuch("stammdaten-praeventionsprojekte-detail", "kaemmerei", _erstes(Praeventionsprojekt)),
    Besuch("stammdaten-raeume-detail", "rat", lambda: {"pk": _raum()}),
    Besuch("stammdaten-indikatorwerte", "rat"),
    # Haushalt
    Besuch("finanzen", "kaemmerei"),
    Besuch("finanzen", "sachbearbeitung50"),
    Besuch("finanzen-produkt", "kaemmerei", lambda: {"nummer": "1.31.01.02"}, query="?jahr=2026"),
    Besuch(
        "finanzen-produkt", "sachbearbeitung50", lambda: {"nummer": "1.31.01.02"}, query="?jahr=2021&vergleich=vorjahr"
    ),
    Besuch("finanzen-produktgruppe", "dezernat", lambda: {"nummer": "1.31.01"}),
    Besuch("finanzen-produktbereich", "steuerung", lambda: {"nummer": "1.31"}, query="?jahr=2021&vergleich=vorjahr"),
    Besuch("finanzen-zuordnung", "steuerung", lambda: {"nummer": "1.31.01.02"}),
    Besuch("finanzen-import", "kaemmerei"),
    Besuch("finanzen-import-vorschau", "kaemmerei", lambda: {"pk": _haushaltsimport()}),
    Besuch("finanzen-einstellungen", "kaemmerei"),
    Besuch("finanzen-erlaeuterungen", "sachbearbeitung50", lambda: {"oe": _oe("50"), "periode": "2026-T3"}),
    Besuch("zuwendungen", "sachbearbeitung50", query="?jahr=2025"),
    Besuch("zuwendung-neu", "sachbearbeitung50"),
    Besuch("zuwendung", "sachbearbeitung50", lambda: {"pk": _zuwendung()}),
    # Notifications and „Mein Konto“ (every role; the demo workflow left notifications for several)
    Besuch("benachrichtigungen", "amtsleitung50"),
    Besuch("benachrichtigungen", "rat"),
    Besuch("benachrichtigungen", "admin"),  # none yet: the empty page
    Besuch("benachrichtigung-oeffnen", "amtsleitung50", _benachrichtigung("amtsleitung50")),  # → the report
    Besuch("konto", "sachbearbeitung50"),
    Besuch("konto", "rat"),
    Besuch("passwort-aendern", "sachbearbeitung50"),
    Besuch("passwort-vergessen", None),
    # Administration and the reporting calendar
    Besuch("benutzer-liste", "admin"),
    Besuch("benutzer-liste", "admin", query="?aktiv=1&rolle=Sachbearbeitung"),
    Besuch("benutzer-neu", "admin"),
    Besuch("benutzer-bearbeiten", "admin", lambda: {"pk": Benutzer.objects.get(username="sachbearbeitung50").pk}),
    Besuch("einheiten", "admin"),
    Besuch("einheit-neu", "admin"),
    Besuch("einheit-bearbeiten", "admin", lambda: {"pk": _oe("50")}),
    Besuch("kommune", "admin"),
    Besuch("perioden", "steuerung", query="?jahr=2026"),
    Besuch("periode-frist", "steuerung", lambda: {"periode": "2026-T2"}),
    Besuch("passwort-setzen", None, lambda: {"uidb64": "MQ", "token": "ungueltig-0"}),
    Besuch("passwort-gesetzt", None),
    # Error pages look like the product and are accessible too.
    Besuch("zielpyramide", "rat", status=403),
    Besuch("kennzahl-steckbrief", "steuerung", lambda: {"pk": 999_999}, status=404),
]

# URL names that are not visited, with the reason.
NICHT_BESUCHT: dict[str, str] = {
    "logout": "nur POST (Abmelden-Knopf im Kopf jeder Seite), leitet zur Anmeldung weiter",
    "zielmatrix-uebernehmen": "nur POST (Aktion auf der Zielpyramide), leitet auf die Zielpyramide weiter",
    "hsk-alle-berechnen": "nur POST (Aktion), leitet auf die geprüfte Seite hsk-auftrag weiter",
    "hsk-berechnen": "nur POST (Aktion), leitet auf die geprüfte Seite hsk-detail weiter",
    "bericht-aktion": "nur POST (Workflow-Aktion), leitet auf die geprüfte Seite bericht weiter",
    "benachrichtigung-gelesen": "nur POST (Knopf je Benachrichtigung), leitet auf die geprüfte Seite benachrichtigungen weiter",
    "benachrichtigungen-alle-gelesen": "nur POST (Knopf), leitet auf die geprüfte Seite benachrichtigungen weiter",
    "benutzer-deaktivieren": "nur POST (Knopf), leitet auf die geprüfte Seite benutzer-bearbeiten weiter",
    "benutzer-aktivieren": "nur POST (Knopf), leitet auf die geprüfte Seite benutzer-bearbeiten weiter",
    "benutzer-einladen": "nur POST (Knopf), leitet auf die geprüfte Seite benutzer-bearbeiten weiter",
    "einheit-loeschen": "nur POST (Knopf), leitet auf die geprüfte Seite einheiten bzw. einheit-bearbeiten weiter",
    "hsk-loeschen": "nur POST (Knopf auf hsk-bearbeiten), leitet auf hsk-liste oder hsk-bearbeiten weiter",
    "kennzahl-sollwerte": "nur POST (Tabelle auf kennzahl-steckbrief); Fehler erscheinen auf dem Steckbrief",
    "kennzahl-loeschen": "nur POST (Knopf auf kennzahl-steckbrief), leitet auf einen Steckbrief weiter",
    "kennzahl-archivieren": "nur POST (Knopf auf kennzahl-steckbrief), leitet auf ihn zurück",
    "ziel-loeschen": "nur POST (Knopf auf ziel-steckbrief), leitet auf Zielpyramide oder Steckbrief weiter",
    "ziel-archivieren": "nur POST (Knopf auf ziel-steckbrief), leitet auf ihn zurück",
}

BENUTZER = sorted({b.benutzer or "" for b in BESUCHE})


def _namen(muster, namespace: str | None = None) -> set[str]:
    """URL names below the resolver `muster`, those of the `frontend` namespace only."""
    namen: set[str] = set()
    for m in muster:
        if isinstance(m, URLResolver):
            namen |= _namen(m.url_patterns, m.namespace or namespace)
        elif isinstance(m, URLPattern) and namespace == "frontend" and m.name:
            namen.add(m.name)
    return namen


def test_jede_frontend_url_ist_deklariert():
    alle = _namen(get_resolver().url_patterns)
    besucht = {b.url_name for b in BESUCHE}
    assert alle, "keine URL im Namensraum frontend gefunden"
    assert not (besucht & set(NICHT_BESUCHT)), "eine URL ist zugleich besucht und ausgenommen"
    fehlend = alle - besucht - set(NICHT_BESUCHT)
    assert not fehlend, f"Diese Seiten fehlen in BESUCHE (oder mit Grund in NICHT_BESUCHT): {sorted(fehlend)}"
    veraltet = (besucht | set(NICHT_BESUCHT)) - alle
    assert not veraltet, f"Diese Einträge gibt es nicht mehr: {sorted(veraltet)}"


def test_ausgenommene_urls_nehmen_kein_get_an(transactional_db, client):
    """The exemption holds only while the actions really are POST-only."""
    client.force_login(Benutzer.objects.get(username="steuerung"))
    for name in NICHT_BESUCHT:
        mit_pk = (
            "hsk-berechnen",
            "hsk-loeschen",
            "benachrichtigung-gelesen",
            "benutzer-deaktivieren",
            "benutzer-aktivieren",
            "benutzer-einladen",
            "einheit-loeschen",
        )
        kwargs = {"pk": 1} if name in mit_pk or name.startswith("kennzahl-") else {}
        if name.startswith("ziel-"):
            kwargs = {"typ": "leitziel", "pk": 1}
        if name == "bericht-aktion":
            kwargs = {"oe": _oe("50"), "periode": "2026-T3"}
        antwort = client.get(reverse(f"frontend:{name}", kwargs=kwargs))
        assert antwort.status_code == 405, f"{name} antwortet auf GET mit {antwort.status_code}"


def _pfad(besuch: Besuch) -> str:
    query = besuch.query.replace("__oe50__", str(_oe("50")))
    return reverse(f"frontend:{besuch.url_name}", kwargs=besuch.kwargs()) + query


def _pruefen(seite, besuch: Besuch, schwer: list[str], funde: dict[str, set[str]]) -> None:
    pfad = _pfad(besuch)
    wer = besuch.benutzer or "anonym"
    if besuch.download:
        antwort = seite.page.request.get(seite.basis_url + pfad)
        typ = antwort.headers.get("content-type", "")
        if antwort.status != 200 or not typ.startswith(besuch.download):
            schwer.append(f"{wer} {pfad}: Download {antwort.status} {typ}")
        return
    antwort = seite.besuchen(pfad, barrierefrei=False)
    if antwort.status != besuch.status:
        schwer.append(f"{wer} {pfad}: Status {antwort.status} statt {besuch.status}")
        return
    if seite.page.locator("h1").count() != 1:
        schwer.append(f"{wer} {pfad}: nicht genau eine Überschrift h1")
    # WCAG 2.4.2: a title that names the page, not the base template's default.
    titel = seite.page.title()
    if not titel.endswith("Wirkungsorientierte Steuerung") or titel.startswith("Übersicht –"):
        schwer.append(f"{wer} {pfad}: Seitentitel „{titel}“ benennt die Seite nicht")
    # Visible leftovers of code or English: they cost users time and trust.
    for rest in sorted(set(RESTE.findall(seite.page.locator("body").inner_text()))):
        schwer.append(f"{wer} {pfad}: sichtbarer Rest „{rest}“")
    for v in _axe.run(seite.page).response["violations"]:
        ziele = [n["target"] for n in v["nodes"][:3]]
        text = f"{wer} {pfad}: {v['id']} ({v['impact']}) {v['help']} – {ziele}"
        if v.get("impact") in SCHWER:
            schwer.append(text)
        else:
            funde.setdefault(v["id"], set()).add(text)


@pytest.mark.parametrize("benutzer", BENUTZER)
def test_jede_seite_ist_barrierefrei(seite, benutzer):
    besuche = [b for b in BESUCHE if (b.benutzer or "") == benutzer]
    if benutzer:
        seite.anmelden(benutzer, DEMO_PASSWORT)
        assert "/anmelden/" not in seite.page.url
    schwer: list[str] = []
    funde: dict[str, set[str]] = {}
    for besuch in besuche:
        _pruefen(seite, besuch, schwer, funde)
    nicht_akzeptiert = {regel: texte for regel, texte in funde.items() if regel not in AKZEPTIERT}
    for regel in sorted(funde):
        print(f"akzeptierter Fund {regel}: {len(funde[regel])} Seite(n)")
    assert not schwer, "Verstöße:\n" + "\n".join(schwer)
    assert not nicht_akzeptiert, "Nicht akzeptierte Funde (akzeptiert.py):\n" + "\n".join(
        t for texte in nicht_akzeptiert.values() for t in sorted(texte)
    )


def test_tabelle_deckt_jede_rolle_mit_startseite_ab():
    rollen = {b.benutzer for b in BESUCHE if b.url_name == "start"}
    assert rollen == {"dezernat", "steuerung", "amtsleitung50", "sachbearbeitung50", "kaemmerei", "rat", "admin"}


def test_erklaerung_zur_barrierefreiheit_nennt_die_akzeptierten_funde(transactional_db, client):
    text = client.get(reverse("frontend:barrierefreiheit")).content.decode()
    if AKZEPTIERT:
        for regel in AKZEPTIERT:
            assert regel in text, f"akzeptierter Fund {regel} fehlt in der Erklärung"
    else:
        assert "kein Hinweis der Schwere" in text
    assert "Jede Seite der Anwendung" in text


# Pages whose content sits partly in <details>: checked again with everything opened. (The dashboard
# opens its pyramid level by level as pages of their own, checked in tests/e2e/test_tertial.py.)
AUFGEKLAPPT = [
    ("steuerung", "/zielpyramide/"),
    ("kaemmerei", lambda: f"/hsk/{HSKMassnahme.objects.order_by('pk').first().pk}/"),
    # The running tertial: 2026-T2 is published, so its values are shown read-only without details.
    ("sachbearbeitung50", lambda: f"/erfassung/{_oe('50 21')}/2026-T3/"),
]


@pytest.mark.parametrize(("benutzer", "pfad"), AUFGEKLAPPT)
def test_aufgeklappte_inhalte_sind_barrierefrei(seite, benutzer, pfad):
    seite.anmelden(benutzer, DEMO_PASSWORT)
    seite.besuchen(pfad() if callable(pfad) else pfad, barrierefrei=False)
    anzahl = seite.page.evaluate(
        "() => { const d = [...document.querySelectorAll('main details')]; d.forEach(e => e.open = true); return d.length; }"
    )
    assert anzahl > 0
    funde = [
        f"{v['id']} ({v['impact']})"
        for v in _axe.run(seite.page).response["violations"]
        if v["impact"] in SCHWER or v["id"] not in AKZEPTIERT
    ]
    assert not funde, funde
