"""KONSTRUIERT: Begründung and Gegensteuerung of the demo's finance deviations.

The demo reports of Amt 50 and the Jugendamt are submitted and published by demo.daten.berichte
(loaded after the Haushalt); a Produktgruppe whose Prognose deviates from its Ansatz beyond the
thresholds would block them. So every such Produktgruppe gets an explanation written by the
unit's Sachbearbeitung, the reason chosen by the direction of the deviation. Idempotent: a
complete explanation is left alone (and a published report's is locked anyway).
"""

from __future__ import annotations

from core import periods
from core.money import format_de
from demo.daten.berichte import KANDIDATEN_51, VEROEFFENTLICHT_50
from haushalt import services
from haushalt.berichtsabschnitt import erlaeuterung_fehlt, zeilen_und_erlaeuterungen
from organisation.models import Benutzer, Organisationseinheit

# Produktgruppe -> (reason of a higher need, reason of a lower need, Gegensteuerung)
GRUENDE = {
    "1.31.01": (
        "Mehr Leistungsberechtigte in der Hilfe zur Pflege in Einrichtungen als geplant und höhere Pflegesätze "
        "nach den neuen Vergütungsvereinbarungen (Mengen- und Preiseffekt im Finanzdatenblatt 1.31.01.02).",
        "Weniger Leistungsberechtigte als geplant, vor allem in der Hilfe zur Pflege in Einrichtungen.",
        "Vorrang ambulanter Hilfen bei jedem Neuantrag prüfen und Pflegesätze nachverhandeln; verantwortlich: "
        "Abteilungsleitung 50 2; Bericht zum nächsten Tertial.",
    ),
    "1.31.02": (
        "Höhere Kosten der Unterkunft durch gestiegene Mieten und Heizkosten sowie mehr Bedarfsgemeinschaften.",
        "Weniger Bedarfsgemeinschaften als geplant; Heizkosten unter dem Ansatz.",
        "Angemessenheitsgrenzen nach dem schlüssigen Konzept aktualisieren, Kostensenkungsverfahren konsequent "
        "führen; verantwortlich: Abteilungsleitung 50 2; bis zum Jahresende.",
    ),
    "1.31.03": (
        "Mehr Zuweisungen nach dem Asylbewerberleistungsgesetz als bei der Planung angenommen.",
        "Weniger Zuweisungen als bei der Planung angenommen.",
        "Erstattungen des Landes zeitnah abrufen, Wechsel in den Rechtskreis SGB II beschleunigen; "
        "verantwortlich: Amtsleitung 50; laufend, Bericht zum nächsten Tertial.",
    ),
    "1.31.05": (
        "Mehr Wohngeldfälle nach der Wohngeldreform als geplant.",
        "Weniger Wohngeldfälle als geplant.",
        "Anträge mit Vorrang vor Grundsicherung prüfen (Wohngeld statt SGB XII); verantwortlich: "
        "Sachgebietsleitung 50 13; bis zum Jahresende.",
    ),
}
ALLGEMEIN = (
    "Höherer Bedarf als bei der Planung angenommen (Fallzahlen und Entgelte).",
    "Geringerer Bedarf als bei der Planung angenommen.",
    "Ausgaben monatlich mit dem Fachcontrolling abgleichen und Mittel nur nach Bedarf abrufen; verantwortlich: "
    "Amtsleitung; Bericht zum nächsten Tertial.",
)
BERICHTE = [("50", "sachbearbeitung50", VEROEFFENTLICHT_50), ("51", "sachbearbeitung51", KANDIDATEN_51)]


def laden() -> None:
    for kuerzel, benutzername, tertiale in BERICHTE:
        einheit = Organisationseinheit.objects.filter(kuerzel=kuerzel).first()
        user = Benutzer.objects.filter(username=benutzername).first()
        if einheit is None or user is None:
            continue
        for schluessel in tertiale:
            tertial = periods.periode(schluessel)
            zeilen, vorhanden = zeilen_und_erlaeuterungen(organisationseinheit=einheit, periode=tertial)
            for z in zeilen:
                e = vorhanden.get(z.produktgruppe.pk)
                if not erlaeuterung_fehlt(z, e):
                    continue
                mehr, weniger, gegensteuerung = GRUENDE.get(z.produktgruppe.nummer, ALLGEMEIN)
                richtung = "über" if z.abweichung > 0 else "unter"
                begruendung = (
                    f"Die Prognose liegt {format_de(abs(z.abweichung), einheit='€')} {richtung} dem Ansatz. "
                    f"{mehr if z.abweichung > 0 else weniger}"
                )
                services.finanzerlaeuterung_speichern(
                    produktgruppe=z.produktgruppe,
                    periode=schluessel,
                    daten={"begruendung": begruendung, "gegensteuerung": gegensteuerung},
                    user=user,
                    revision=e.revision if e else 0,
                )
