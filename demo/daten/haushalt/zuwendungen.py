"""Demo Zuwendungen, constructed after the Zuwendungen table of the Bochum Jahresbericht 2021."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from haushalt.models import Zuwendung
from organisation.models import Organisationseinheit
from steuerung.models import Massnahme, Produkt, Produktziel


def laden() -> None:
    """KONSTRUIERT after the Zuwendungen table of the Jahresbericht; one proof of use is overdue."""
    einheiten = {oe.kuerzel: oe for oe in Organisationseinheit.objects.all()}
    produkte = {p.nummer: p for p in Produkt.objects.filter(nummer__startswith="1.3")}
    massnahme = Massnahme.objects.filter(code="M 3").order_by("-jahr").first()
    produktziel = Produktziel.objects.filter(code="PZ 3").order_by("-jahr").first()
    # (jahr, bereich, träger, zweck, oe, produkt, link, geplant, beantragt, bewilligt, ausgezahlt, fällig, eingegangen, geprüft)
    eintraege = [
        (
            2026,
            "Seniorenarbeit",
            "Seniorenbüro Mitte (Demo-Träger)",
            "Festkostenbeitrag Seniorenbüro mit ehrenamtlichem Besuchsdienst",
            "50 32",
            "1.31.01.04",
            {"massnahme": massnahme},
            190_000,
            195_000,
            190_000,
            126_000,
            date(2027, 6, 30),
            None,
            None,
        ),
        (
            2026,
            "Seniorenarbeit",
            "Seniorenbüro Wattenscheid (Demo-Träger)",
            "Festkostenbeitrag Seniorenbüro",
            "50 32",
            "1.31.01.04",
            {},
            165_000,
            165_000,
            160_000,
            106_000,
            date(2027, 6, 30),
            None,
            None,
        ),
        (
            2025,
            "Wohnungslosenhilfe",
            "Beratungsstelle Wohnungsnot (Demo-Träger)",
            "Beratung und Betreuung von Obdach- und Wohnungslosen",
            "50 34",
            "1.31.06.04",
            {"produktziel": produktziel},
            150_000,
            152_000,
            147_500,
            147_500,
            date(2026, 6, 30),
            None,
            None,
        ),
        (
            2026,
            "Wohnungslosenhilfe",
            "Beratungsstelle Wohnungsnot (Demo-Träger)",
            "Beratung und Betreuung von Obdach- und Wohnungslosen",
            "50 34",
            "1.31.06.04",
            {"produktziel": produktziel},
            155_000,
            160_000,
            155_000,
            103_000,
            date(2027, 6, 30),
            None,
            None,
        ),
        (
            2026,
            "Wohnungslosenhilfe",
            "Haus der Begegnung (Demo-Träger)",
            "Tagesaufenthalt und Beratung",
            "50 34",
            "1.31.01.03",
            {},
            43_585,
            45_000,
            43_585,
            29_000,
            date(2027, 6, 30),
            None,
            None,
        ),
        (
            2025,
            "Psychosoziale Versorgung",
            "Kontaktstelle Psychosoziale Hilfen (Demo-Träger)",
            "Sicherung des psychosozialen Netzwerkes",
            "50 11",
            "1.31.06.02",
            {},
            780_000,
            780_000,
            779_185,
            779_185,
            date(2026, 6, 30),
            date(2026, 6, 12),
            date(2026, 9, 15),
        ),
        (
            2026,
            "Psychosoziale Versorgung",
            "Kontaktstelle Psychosoziale Hilfen (Demo-Träger)",
            "Sicherung des psychosozialen Netzwerkes",
            "50 11",
            "1.31.06.02",
            {},
            800_000,
            820_000,
            800_000,
            533_000,
            date(2027, 6, 30),
            None,
            None,
        ),
        (
            2026,
            "Ehrenamt und Selbsthilfe",
            "Selbsthilfe-Kontaktstelle (Demo-Träger)",
            "Förderung des bürgerschaftlichen Ehrenamtes und der Selbsthilfe",
            "50 11",
            "1.31.06.05",
            {},
            167_785,
            170_000,
            167_785,
            110_000,
            date(2027, 6, 30),
            None,
            None,
        ),
        (
            2026,
            "Familienbildung",
            "Familienbildungsstätte (Demo-Träger)",
            "Kurse für Eltern in belasteten Lebenslagen",
            "51 3",
            None,
            {},
            85_000,
            90_000,
            85_000,
            56_000,
            date(2027, 6, 30),
            None,
            None,
        ),
    ]
    for (
        jahr,
        bereich,
        traeger,
        zweck,
        kuerzel,
        produkt,
        link,
        geplant,
        beantragt,
        bewilligt,
        ausgezahlt,
        faellig,
        eingang,
        geprueft,
    ) in eintraege:
        _sichern(
            Zuwendung,
            {"jahr": jahr, "traeger": traeger, "zweck": zweck},
            {
                "foerderbereich": bereich,
                "organisationseinheit": einheiten[kuerzel],
                "produkt": produkte.get(produkt) if produkt else None,
                "massnahme": link.get("massnahme"),
                "produktziel": link.get("produktziel"),
                "geplant": Decimal(geplant),
                "beantragt": Decimal(beantragt),
                "bewilligt": Decimal(bewilligt),
                "ausgezahlt": Decimal(ausgezahlt),
                "nachweis_faellig": faellig,
                "nachweis_eingegangen": eingang,
                "nachweis_geprueft": geprueft,
                "bemerkung": "Demodaten (konstruiert nach der Zuwendungsübersicht des Jahresberichts 2021).",
            },
        )


def _sichern(modell, schluessel: dict, werte: dict) -> None:
    """Create or update, but save only what differs (a second run writes no history)."""
    objekt = modell.objects.filter(**schluessel).first()
    if objekt is None:
        modell.objects.create(**schluessel, **werte)
    elif any(getattr(objekt, f) != w for f, w in werte.items()):
        for f, w in werte.items():
            setattr(objekt, f, w)
        objekt.save()
