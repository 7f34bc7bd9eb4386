"""Charts: every plotly chart is drawn, has a text alternative and a data table (caption, th
scope) with the same numbers; the Ampel is never colour only (symbol and word)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from controlling.models import HSKMassnahme
from core.money import parse_de
from demo.daten.organisation import DEMO_PASSWORT
from steuerung.models import Kennzahl
from steuerung.models.berichte import Berichtsstatus, Tertialbericht, Veroeffentlichung


def _kennzahl() -> Kennzahl:
    return Kennzahl.objects.filter(organisationseinheit__kuerzel="50 21", erhebungsrhythmus="tertial").first()


def _bericht() -> str:
    b = Tertialbericht.objects.filter(status=Berichtsstatus.VEROEFFENTLICHT).order_by("-periode").first()
    return f"/berichte/{b.organisationseinheit_id}/{b.periode}/"


# (login, path) of every page with a plotly chart.
DIAGRAMMSEITEN = [
    ("steuerung", lambda: "/zielpyramide/"),
    ("dezernat", lambda: f"/kennzahlen/{_kennzahl().pk}/auswertung/?periode=2026-T2"),
    ("dezernat", _bericht),
    ("rat", lambda: f"/veroeffentlicht/{Veroeffentlichung.objects.order_by('-pk').first().pk}/"),
    ("kaemmerei", lambda: f"/hsk/{HSKMassnahme.objects.order_by('pk').first().pk}/"),
    ("steuerung", lambda: "/sozialraum/"),
    ("steuerung", lambda: "/sozialraum/vergleich/"),
]

# Pages with Ampeln (traffic lights, phases, Handlungsbedarf) beyond the chart pages.
AMPELSEITEN = [
    ("dezernat", lambda: "/tertial/dashboard/?periode=2026-T2"),
    ("kaemmerei", lambda: "/hsk/"),
    ("kaemmerei", lambda: "/hsk/portfolio/"),
    ("steuerung", lambda: "/sozialraum/index/"),
    ("sachbearbeitung50", lambda: f"/erfassung/{_kennzahl().organisationseinheit_id}/2026-T2/"),
]

# Text alternative of each chart container: a figcaption of its figure or an ARIA name/description.
_ALTERNATIVE_JS = """() => [...document.querySelectorAll("main .diagramm")].map(d => {
  const fig = d.closest("figure");
  const cap = fig && fig.querySelector("figcaption");
  const ref = (attr) => (d.getAttribute(attr) || "").split(/\\s+/).filter(Boolean)
    .map(i => (document.getElementById(i) || {}).textContent || "").join(" ");
  return {id: d.id, gezeichnet: !!d.querySelector(".main-svg"),
          text: [cap ? cap.textContent : "", d.getAttribute("aria-label") || "", ref("aria-describedby"),
                 ref("aria-labelledby")].join(" ").trim()};
})"""

_TABELLEN_JS = """() => [...document.querySelectorAll("main table")].map(t => ({
  caption: t.caption ? t.caption.textContent.trim() : "",
  th: t.querySelectorAll("th").length, scope: t.querySelectorAll("th[scope]").length}))"""

# Each Ampel: its symbol (aria-hidden) and the word next to it.
_AMPEL_JS = """() => [...document.querySelectorAll("main .ampel")].map(a => {
  const s = a.querySelector(".ampel__symbol");
  return {symbol: s ? s.textContent.trim() : "", text: a.textContent.replace(s ? s.textContent : "", "").trim()};
})"""


def _als(seite, username: str) -> None:
    seite.page.context.clear_cookies()
    seite.anmelden(username, DEMO_PASSWORT)


def _pruefe_ampeln(page) -> int:
    ampeln = page.evaluate(_AMPEL_JS)
    for a in ampeln:
        assert a["symbol"] and a["text"], f"Ampel nur Farbe auf {page.url}: {a}"
    return len(ampeln)


@pytest.mark.parametrize(("username", "pfad"), DIAGRAMMSEITEN)
def test_diagramm_hat_textalternative_datentabelle_und_ampel_mit_wort(seite, username, pfad):
    _als(seite, username)
    seite.besuchen(pfad())
    page = seite.page
    page.wait_for_selector("main .diagramm .main-svg", timeout=15_000)
    diagramme = page.evaluate(_ALTERNATIVE_JS)
    assert diagramme, "kein Diagramm gefunden"
    for d in diagramme:
        assert d["gezeichnet"], f"Diagramm {d} wurde nicht gezeichnet"
        assert len(d["text"]) >= 20, f"Diagramm ohne Textalternative: {d}"
    tabellen = page.evaluate(_TABELLEN_JS)
    assert any(t["caption"] and t["scope"] for t in tabellen), (
        f"keine Datentabelle mit caption und th scope: {tabellen}"
    )
    for t in tabellen:
        assert t["caption"], f"Tabelle ohne caption auf {page.url}"
        assert t["scope"] == t["th"], f"th ohne scope auf {page.url}: {t}"
    _pruefe_ampeln(page)
    seite.pruefe_barrierefreiheit()


@pytest.mark.parametrize(("username", "pfad"), AMPELSEITEN)
def test_ampel_ist_nie_nur_farbe(seite, username, pfad):
    _als(seite, username)
    seite.besuchen(pfad())
    assert _pruefe_ampeln(seite.page) > 0


def test_kennzahldiagramm_und_tabelle_zeigen_dieselben_zahlen(seite):
    _als(seite, "dezernat")
    seite.besuchen(f"/kennzahlen/{_kennzahl().pk}/auswertung/?periode=2026-T2")
    page = seite.page
    figur = json.loads(page.locator("#kennzahl-figur").text_content())
    spuren = {t.get("name"): t for t in figur["data"]}
    zeilen = page.locator("section[aria-labelledby=h-verlauf] table tbody tr").evaluate_all(
        "rs => rs.map(r => [...r.children].map(c => c.textContent.trim()))"
    )
    # The axis puts the year on a second line ("1. Tertial<br>2025"); the table names it in one.
    perioden = [x.replace("<br>", " ") for x in spuren["Ist"]["x"]]
    # Below the periods the table adds Ausgangswert, Zielwert and forecast rows.
    assert [z[0] for z in zeilen[: len(perioden)]] == perioden
    zeilen = zeilen[: len(perioden)]
    for spalte, name in ((1, "Ist"), (2, "Soll")):
        tabelle = [None if z[spalte] in ("", "–") else parse_de(z[spalte]) for z in zeilen]
        diagramm = [None if y is None else Decimal(str(y)).quantize(Decimal("0.01")) for y in spuren[name]["y"]]
        assert tabelle == diagramm, name
    assert sum(1 for w in spuren["Ist"]["y"] if w is not None) >= 3
