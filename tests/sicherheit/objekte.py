"""Which demo object each URL of the access matrix is called with (all owned by Amt 50),
plus the query string a GET needs to be meaningful."""

from __future__ import annotations

from django.urls import reverse

from core.models import Hintergrundauftrag
from organisation.models import Benachrichtigung, Benutzer, Organisationseinheit


def objekte() -> dict[str, object]:
    from controlling.models import Einzelfall, HSKMassnahme, Praeventionsbudget, Praeventionsprojekt
    from haushalt.models import Finanzerlaeuterung, Haushaltsimport, Haushaltsposition, Produktzuordnung, Zuwendung
    from sozialraum.models import Angebot, Indikator, Indikatorwert, Raum, Traeger, Vergleichswert
    from steuerung.models import Kennzahl, Massnahme, Messwert, Produktgruppenziel, Produktziel, Teilziel
    from steuerung.models.berichte import Tertialbericht, Veroeffentlichung

    amt50 = Organisationseinheit.objects.get(kuerzel="50")
    pgz = Produktgruppenziel.objects.get(jahr=2026, code="PGZ 1")
    pz = Produktziel.objects.get(jahr=2026, code="PZ 1")
    kennzahl = Kennzahl.objects.get(jahr=2026, code="K 1")
    hsk = HSKMassnahme.objects.get(massnahme__jahr=2026, massnahme__code="M HSK 2")
    bericht = Tertialbericht.objects.get(organisationseinheit=amt50, periode="2026-T2")
    kleiner_raum = Raum.objects.get(name__startswith="Zechensiedlung")
    return {
        "oe": amt50,
        "benutzer": Benutzer.objects.get(username="sachbearbeitung50"),
        "leitziel": pgz.leitziel,
        "produktgruppe": pgz.produktgruppe,
        "produktgruppenziel": pgz,
        "produkt": pz.produkt,
        "produktziel": pz,
        "teilziel": Teilziel.objects.get(jahr=2026, code="TZ 1"),
        "massnahme": Massnahme.objects.get(jahr=2026, code="M HSK 2"),
        "kennzahl": kennzahl,
        "messwert": Messwert.objects.filter(kennzahl=kennzahl).order_by("-periode_ende").first(),
        "bericht": bericht,
        "veroeffentlichung": Veroeffentlichung.objects.filter(bericht=bericht).first(),
        "hsk": hsk,
        "einzelfall": Einzelfall.objects.filter(hsk_massnahme=hsk).first(),
        "praeventionsprojekt": Praeventionsprojekt.objects.filter(
            organisationseinheit__kuerzel__startswith="50"
        ).first(),
        "praeventionsbudget": Praeventionsbudget.objects.order_by("jahr").first(),
        "auftrag": Hintergrundauftrag.objects.create(art="hsk_verlaeufe", gesamt=1),
        # A notification of the Sachbearbeitung of Amt 50: only she may read or mark it.
        "benachrichtigung": Benachrichtigung.objects.create(
            empfaenger=Benutzer.objects.get(username="sachbearbeitung50"),
            betreff="Tertialbericht zurückgegeben: 50 Amt für Soziales, 2. Tertial 2026",
            text="Bitte die Begründung ergänzen.",
            link=reverse("frontend:bericht", kwargs={"oe": amt50.pk, "periode": "2026-T2"}),
        ),
        "kleiner_raum": kleiner_raum,
        "indikator": Indikator.objects.first(),
        "indikatorwert": Indikatorwert.objects.filter(raum=kleiner_raum).first(),
        "traeger": Traeger.objects.first(),
        "angebot": Angebot.objects.first(),
        "vergleichswert": Vergleichswert.objects.first(),
        "haushaltsposition": Haushaltsposition.objects.filter(produkt=pz.produkt).first(),
        "produktzuordnung": Produktzuordnung.objects.get(produkt=pz.produkt),
        "zuwendung": Zuwendung.objects.filter(organisationseinheit__kuerzel__startswith="50").first(),
        "haushaltsimport": Haushaltsimport.objects.first(),
        "finanzerlaeuterung": Finanzerlaeuterung.objects.filter(
            produktgruppe__produkte__haushaltszuordnung__organisationseinheit__kuerzel__startswith="50"
        ).first(),
    }


def aufruf(name: str, o: dict) -> tuple[dict, str]:
    """URL kwargs and query string for a URL name."""
    pk = {"pk": None}
    api_detail = {
        "organisation-api:organisationseinheit-detail": "oe",
        "organisation-api:benachrichtigung-detail": "benachrichtigung",
        "organisation-api:benachrichtigung-gelesen": "benachrichtigung",
        "frontend:benachrichtigung-oeffnen": "benachrichtigung",
        "frontend:benachrichtigung-gelesen": "benachrichtigung",
        "organisation-api:benutzer-detail": "benutzer",
        "organisation-api:benutzer-einladen": "benutzer",
        "frontend:benutzer-bearbeiten": "benutzer",
        "frontend:benutzer-deaktivieren": "benutzer",
        "frontend:benutzer-aktivieren": "benutzer",
        "frontend:benutzer-einladen": "benutzer",
        "frontend:einheit-bearbeiten": "oe",
        "frontend:einheit-loeschen": "oe",
        "steuerung-api:leitziel-detail": "leitziel",
        "steuerung-api:produktgruppe-detail": "produktgruppe",
        "steuerung-api:produktgruppenziel-detail": "produktgruppenziel",
        "steuerung-api:produkt-detail": "produkt",
        "steuerung-api:produktziel-detail": "produktziel",
        "steuerung-api:teilziel-detail": "teilziel",
        "steuerung-api:massnahme-detail": "massnahme",
        "steuerung-api:kennzahl-detail": "kennzahl",
        "steuerung-api:kennzahl-auswertung": "kennzahl",
        "steuerung-api:leitziel-archivieren": "leitziel",
        "steuerung-api:produktgruppenziel-archivieren": "produktgruppenziel",
        "steuerung-api:produktziel-archivieren": "produktziel",
        "steuerung-api:teilziel-archivieren": "teilziel",
        "steuerung-api:massnahme-archivieren": "massnahme",
        "steuerung-api:kennzahl-archivieren": "kennzahl",
        "steuerung-api:messwert-detail": "messwert",
        "steuerung-api:tertialbericht-detail": "bericht",
        "steuerung-api:tertialbericht-einreichen": "bericht",
        "steuerung-api:tertialbericht-freigeben": "bericht",
        "steuerung-api:tertialbericht-zurueckgeben": "bericht",
        "steuerung-api:tertialbericht-veroeffentlichen": "bericht",
        "steuerung-api:tertialbericht-wieder-oeffnen": "bericht",
        "steuerung-api:veroeffentlichung-detail": "veroeffentlichung",
        "steuerung-api:veroeffentlichung-pdf": "veroeffentlichung",
        "steuerung-api:veroeffentlichung-excel": "veroeffentlichung",
        "controlling-api:hsk-massnahme-detail": "hsk",
        "controlling-api:hsk-massnahme-berechnen": "hsk",
        "controlling-api:hsk-massnahme-verlauf": "hsk",
        "controlling-api:einzelfall-detail": "einzelfall",
        "controlling-api:praeventionsprojekt-detail": "praeventionsprojekt",
        "controlling-api:praeventionsbudget-detail": "praeventionsbudget",
        "sozialraum-api:raum-detail": "kleiner_raum",
        "sozialraum-api:indikator-detail": "indikator",
        "sozialraum-api:indikatorwert-detail": "indikatorwert",
        "sozialraum-api:traeger-detail": "traeger",
        "sozialraum-api:angebot-detail": "angebot",
        "sozialraum-api:vergleichswert-detail": "vergleichswert",
        "frontend:kennzahl-steckbrief": "kennzahl",
        "frontend:kennzahl-bearbeiten": "kennzahl",
        "frontend:kennzahl-auswertung": "kennzahl",
        "frontend:kennzahl-sollwerte": "kennzahl",
        "frontend:kennzahl-loeschen": "kennzahl",
        "frontend:kennzahl-archivieren": "kennzahl",
        "frontend:hsk-bearbeiten": "hsk",
        "frontend:hsk-loeschen": "hsk",
        "frontend:hsk-auftrag": "auftrag",
        "frontend:hsk-detail": "hsk",
        "frontend:hsk-berechnen": "hsk",
        "frontend:hsk-faelle": "hsk",
        "frontend:hsk-auskunft": "hsk",
        "frontend:hsk-fall-neu": "hsk",
        "frontend:hsk-fall": "einzelfall",
        "frontend:veroeffentlichung": "veroeffentlichung",
        "frontend:veroeffentlichung-pdf": "veroeffentlichung",
        "frontend:veroeffentlichung-excel": "veroeffentlichung",
        "frontend:sozialraum-steckbrief": "kleiner_raum",
        "frontend:sozialraum-steckbrief-pdf": "kleiner_raum",
        "haushalt-api:haushaltsposition-detail": "haushaltsposition",
        "haushalt-api:produktzuordnung-detail": "produktzuordnung",
        "haushalt-api:zuwendung-detail": "zuwendung",
        "haushalt-api:finanzerlaeuterung-detail": "finanzerlaeuterung",
        "frontend:zuwendung": "zuwendung",
        "frontend:finanzen-import-vorschau": "haushaltsimport",
    }
    stammdaten = {
        "produktgruppen": "produktgruppe",
        "produkte": "produkt",
        "praeventionsprojekte": "praeventionsprojekt",
        "praeventionsbudgets": "praeventionsbudget",
        "raeume": "kleiner_raum",
        "indikatoren": "indikator",
        "indikatorwerte": "indikatorwert",
        "traeger": "traeger",
        "angebote": "angebot",
        "vergleichswerte": "vergleichswert",
    }
    for slug, objekt in stammdaten.items():
        api_detail[f"frontend:stammdaten-{slug}-detail"] = objekt
        api_detail[f"frontend:stammdaten-{slug}-loeschen"] = objekt
    abfrage = {
        "steuerung-api:zielpyramide": "jahr=2026",
        "steuerung-api:kennzahl-auswertung": "periode=2026-T2",
        "steuerung-api:tertial-dashboard": "periode=2026-T2",
        "controlling-api:hsk-massnahme-portfolio": "jahr=2026&stichtag=2026-10-31",
        "controlling-api:hsk-massnahme-verlauf": "stichtag=2026-10-31",
        "controlling-api:praeventionsprojekt-bilanz": "jahr=2026",
        "sozialraum-api:sozialraumindex": "jahr=2025&ebene=stadtteil",
        "sozialraum-api:vergleich": "schluessel=begegnungsstaetten-senioren&jahr=2023",
        "frontend:zielpyramide": "jahr=2026",
        "frontend:tertial-dashboard": "periode=2026-T2",
        "steuerung-api:erfassungsfristen": "jahr=2026",
        "frontend:perioden": "jahr=2026",
        "haushalt-api:finanzen-produkt": "jahr=2026",
        "frontend:finanzen-produkt": "jahr=2026",
        "frontend:hsk-liste": "jahr=2026&stichtag=2026-10-31",
        "frontend:hsk-portfolio": "jahr=2026&stichtag=2026-10-31",
        "frontend:hsk-detail": "stichtag=2026-10-31",
        "frontend:hsk-praevention": "jahr=2026&von=2025&bis=2026",
    }.get(name, "")
    if name in api_detail:
        pk = {"pk": o[api_detail[name]].pk}
        return pk, abfrage
    ziel = {"typ": "produktziel", "pk": o["produktziel"].pk}
    erfassung = {"oe": o["oe"].pk, "periode": "2026-T3"}
    bericht = {"oe": o["oe"].pk, "periode": "2026-T2"}
    sonder = {
        "frontend:ziel-neu": {"typ": "leitziel"},
        "frontend:ziel-steckbrief": ziel,
        "frontend:ziel-bearbeiten": ziel,
        "frontend:ziel-loeschen": ziel,
        "frontend:ziel-archivieren": ziel,
        "frontend:kennzahl-neu": ziel,
        "frontend:tertial-erfassung": erfassung,
        "frontend:tertial-excel-vorlage": erfassung,
        "frontend:tertial-excel-hochladen": erfassung,
        "frontend:bericht": bericht,
        "frontend:bericht-aktion": bericht,
        "frontend:finanzen-erlaeuterungen": bericht,
        "frontend:periode-frist": {"periode": "2026-T2"},
        # A link that was never issued: the page explains that it is invalid.
        "frontend:passwort-setzen": {"uidb64": "MQ", "token": "ungueltig-0"},
        "frontend:sozialraum-import-vorlage": {"art": "indikatorwerte"},
        # Finance sheets by number: Produkt 1.31.01.02 (Amt 50), its Produktgruppe and Produktbereich.
        "haushalt-api:finanzen-produkt": {"nummer": o["produkt"].nummer},
        "haushalt-api:finanzen-produktgruppe": {"nummer": o["produktgruppe"].nummer},
        "haushalt-api:finanzen-produktbereich": {"nummer": o["produkt"].nummer.rsplit(".", 2)[0]},
        "frontend:finanzen-produkt": {"nummer": o["produkt"].nummer},
        "frontend:finanzen-zuordnung": {"nummer": o["produkt"].nummer},
        "frontend:finanzen-produktgruppe": {"nummer": o["produktgruppe"].nummer},
        "frontend:finanzen-produktbereich": {"nummer": o["produkt"].nummer.rsplit(".", 2)[0]},
    }
    return sonder.get(name, {}), abfrage
