"""The PDF's tables fit A4 landscape, its chart shows every bar, and its names wrap instead of being cut."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from steuerung.berichte.pdf import html_erzeugen, pdf_erzeugen
from steuerung.berichte.pdf_diagramm import diagramm_html, namenszeilen
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_veroeffentlichen,
)
from steuerung.models import Messwert
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

pytestmark = pytest.mark.django_db

LANG = (
    "Anteil der Leistungsberechtigten in der Hilfe zur Pflege, die nach einem Krankenhausaufenthalt dauerhaft "
    "ambulant in der eigenen Häuslichkeit versorgt werden (ohne Kurzzeitpflege und Verhinderungspflege)"
)


@pytest.fixture
def breiter_bericht(berichtsdaten, einheiten, sachbearbeitung50, amtsleitung50, dezernat, steuerung):
    k = BKennzahlFactory(
        code="K 12",
        bezeichnung=LANG,
        einheit="Leistungsberechtigte",
        organisationseinheit=einheiten["50 21"],
        verantwortlich=sachbearbeitung50,
        vertretung=steuerung,
    )
    BMesswertFactory(kennzahl=k, periode="2026-T2", wert=Decimal("1234567.89"))
    Messwert.objects.filter(kennzahl=berichtsdaten["rot"]).update(begruendung="Sehr lange Begründung " * 30)
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    return tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)


def test_pdf_tabellen_passen_auf_a4_quer(breiter_bericht):
    from weasyprint import HTML

    dokument = HTML(string=html_erzeugen(breiter_bericht.daten, inhalt_hash=breiter_bericht.inhalt_hash)).render()
    zu_breit = []
    for nummer, seite in enumerate(dokument.pages, start=1):
        box = seite._page_box
        rechts = box.position_x + box.margin_width() - box.margin_right
        for kind in box.descendants():
            # The page and its margin boxes (page number, Prüfsumme) are not content.
            if kind is box or "MarginBox" in type(kind).__name__ or kind.width is None:
                continue
            ende = kind.position_x + kind.margin_width()
            if ende > rechts + 0.5:
                zu_breit.append((nummer, type(kind).__name__, round(ende - rechts, 1)))
    assert dokument.pages[0].width > dokument.pages[0].height  # landscape
    assert not zu_breit, zu_breit[:10]


def test_diagramm_zeigt_negative_und_null_balken_und_liest_den_zeg_vor():
    html = diagramm_html(
        {
            "titel": "Zielerreichungsgrad",
            "balken": [
                {
                    "code": "K 1",
                    "bezeichnung": "Negativ",
                    "zielerreichungsgrad": "-335.27",
                    "ampel": "rot",
                    "ampel_text": "rot",
                },
                {"code": "K 2", "bezeichnung": "Null", "zielerreichungsgrad": "0", "ampel": "rot", "ampel_text": "rot"},
                {
                    "code": "K 3",
                    "bezeichnung": "Hoch",
                    "zielerreichungsgrad": "512",
                    "ampel": "gruen",
                    "ampel_text": "grün",
                },
            ],
        }
    )
    breiten = [Decimal(b) for b in re.findall(r'class="db-balken" style="margin-left: [^;]+; width: ([0-9.]+)px', html)]
    assert len(breiten) == 3 and min(breiten) >= 2
    assert "entgegen der Zielrichtung (rot)" in html and "über 200 % (grün)" in html and "0,00 % (rot)" in html
    assert "-335" not in html


def test_lange_namen_werden_umbrochen_und_nur_ueber_zwei_zeilen_gekuerzt():
    zeilen = namenszeilen("K 12 " + LANG)
    assert len(zeilen) == 2 and all(len(z) <= 44 for z in zeilen) and zeilen[-1].endswith("…")
    assert namenszeilen("K 1 Kurz") == ["K 1 Kurz"]


def test_kurze_spaltenkoepfe_und_perioden_werden_nicht_mitten_im_wort_getrennt(breiter_bericht):
    """Reviewer: narrow columns broke words ("Ei n he it", "2. Ter‐ tial 202 6")."""
    import io
    import os

    from pypdf import PdfReader

    pdf = pdf_erzeugen(breiter_bericht.daten, inhalt_hash=breiter_bericht.inhalt_hash)
    if os.environ.get("PDF_ABLAGE"):
        with open(os.environ["PDF_ABLAGE"], "wb") as f:
            f.write(pdf)
    zeilen = [z.strip() for s in PdfReader(io.BytesIO(pdf)).pages for z in s.extract_text().splitlines()]
    text = "\n".join(zeilen)
    # Every Leitziel table has the header "Einheit" and one row per Kennzahl with "2. Tertial 2026" on one line.
    assert text.count("2. Tertial 2026") >= 3, text
    kopf = [z for z in zeilen if "Kennzahl" in z and "Periode" in z]
    assert kopf and all("Einheit" in z.split() for z in kopf), kopf
    assert not any(teil in text for teil in ("Ei n", "Ter‐", "Ter-\n", "202\n6", "Tertial\n2026")), text


def test_diagramm_mit_vielen_kennzahlen_zeigt_jeden_balken_auf_einer_seite(breiter_bericht):
    """A chart longer than a page continues on the next one (the former single SVG was cut off after ~25 bars)."""
    from weasyprint import HTML

    daten = breiter_bericht.daten
    balken = [
        {
            "code": f"K {i}",
            "bezeichnung": "Kennzahl",
            "zielerreichungsgrad": str(i),
            "ampel": "gelb",
            "ampel_text": "gelb",
        }
        for i in range(1, 81)
    ]
    daten = daten | {"diagramm": daten["diagramm"] | {"balken": balken}}
    dokument = HTML(string=html_erzeugen(daten, inhalt_hash=breiter_bericht.inhalt_hash)).render()
    gezeigt, abgeschnitten = 0, []
    for seite in dokument.pages:
        box = seite._page_box
        unten = box.position_y + box.margin_height() - box.margin_bottom
        for kind in box.descendants():
            if kind.element is not None and "db-balken" in (kind.element.get("class") or "") and kind.height:
                gezeigt += 1
                if kind.position_y + kind.margin_height() > unten + 0.5:
                    abgeschnitten.append(kind.element.getparent().getparent().getparent().findtext("th"))
    assert gezeigt == 80 and not abgeschnitten, abgeschnitten
