"""Demo Kommune: the organigram of the Amt für Soziales (Jahresbericht 2021, Bochum) and one
login per role. Idempotent: keyed by Kürzel and username."""

from __future__ import annotations

from django.contrib.auth.models import Group

from organisation.models import KOMMUNE_ID, Benutzer, Kommune, Organisationseinheit
from organisation.rollen import Rolle

DEMO_PASSWORT = "Demo-2026!"

E = Organisationseinheit.Ebene
# (kuerzel, name, ebene, eltern)
EINHEITEN = [
    ("STADT", "Stadtverwaltung (Demo-Kommune)", E.VERWALTUNG, None),
    ("V", "Dezernat V – Jugend, Soziales, Arbeit und Gesundheit", E.DEZERNAT, "STADT"),
    ("V SU", "Steuerungsunterstützung und Sozialplanung", E.STABSSTELLE, "V"),
    ("50", "Amt für Soziales", E.AMT, "V"),
    ("50 P/FC", "Planung und Fachcontrolling", E.STABSSTELLE, "50"),
    ("50 1", "Interne Dienste, Wohngeld und Versicherungsamt", E.ABTEILUNG, "50"),
    ("50 11", "Rechnungs-, Einziehungs- und Zuwendungsangelegenheiten", E.SACHGEBIET, "50 1"),
    ("50 12", "Rechtsstelle, Grundsatz und Versicherungsamt", E.SACHGEBIET, "50 1"),
    ("50 13", "Unterhalt und Wohngeld", E.SACHGEBIET, "50 1"),
    ("50 2", "Wirtschaftliche Hilfen", E.ABTEILUNG, "50"),
    ("50 21", "Hilfen innerhalb von Einrichtungen – Hilfe zur Pflege", E.SACHGEBIET, "50 2"),
    ("50 23", "Service-Büro: Hilfen außerhalb von Einrichtungen und Asylbewerberleistungen", E.SACHGEBIET, "50 2"),
    ("50 24", "Verwaltungsstelle Wattenscheid", E.SACHGEBIET, "50 2"),
    ("50 25", "Verwaltungsstelle Ost", E.SACHGEBIET, "50 2"),
    ("50 26", "Verwaltungsstelle Südwest", E.SACHGEBIET, "50 2"),
    ("50 3", "Soziale Dienste und Heimaufsicht", E.ABTEILUNG, "50"),
    ("50 31", "Unterbringung in und Verwaltung von Einrichtungen", E.SACHGEBIET, "50 3"),
    ("50 32", "Betreuung von Seniorinnen und Senioren", E.SACHGEBIET, "50 3"),
    ("50 33", "Pflege, Behinderungen und Heimaufsicht (WTG-Behörde)", E.SACHGEBIET, "50 3"),
    ("50 34", "Betreuung von Geflüchteten, Wohnungslosen und Verschuldeten", E.SACHGEBIET, "50 3"),
    ("51", "Jugendamt", E.AMT, "V"),
    ("51 2", "Erzieherische Hilfen", E.ABTEILUNG, "51"),
    ("51 3", "Kindertagesbetreuung und Familienförderung", E.ABTEILUNG, "51"),
    ("II", "Dezernat II – Finanzen", E.DEZERNAT, "STADT"),
    ("20", "Stadtkämmerei", E.AMT, "II"),
]

# (username, first, last, rolle, kuerzel, superuser). The administration is staff, not superuser:
# it manages users and roles but must not read case data (DOMAIN.md §7).
BENUTZER = [
    ("dezernat", "Dagmar", "Demo-Dezernentin", Rolle.DEZERNATSLEITUNG, "V", False),
    ("steuerung", "Sven", "Demo-Steuerung", Rolle.STEUERUNG, "V SU", False),
    ("amtsleitung50", "Anna", "Demo-Amtsleitung", Rolle.AMTSLEITUNG, "50", False),
    ("sachbearbeitung50", "Sabine", "Demo-Sachbearbeitung", Rolle.SACHBEARBEITUNG, "50", False),
    ("amtsleitung51", "Jonas", "Demo-Jugendamtsleitung", Rolle.AMTSLEITUNG, "51", False),
    ("sachbearbeitung51", "Jana", "Demo-Jugendamt", Rolle.SACHBEARBEITUNG, "51", False),
    ("kaemmerei", "Karl", "Demo-Kämmerei", Rolle.KAEMMEREI, "20", False),
    ("rat", "Renate", "Demo-Ratsmitglied", Rolle.RAT, None, False),
    ("admin", "Ada", "Demo-Administration", Rolle.ADMINISTRATION, "STADT", False),
]


def laden() -> None:
    einheiten: dict[str, Organisationseinheit] = {}
    for kuerzel, name, ebene, eltern in EINHEITEN:
        einheiten[kuerzel], _ = Organisationseinheit.objects.update_or_create(
            kuerzel=kuerzel, defaults={"name": name, "ebene": ebene, "eltern": einheiten.get(eltern)}
        )
    for username, vorname, nachname, rolle, kuerzel, superuser in BENUTZER:
        benutzer, angelegt = Benutzer.objects.update_or_create(
            username=username,
            defaults={
                "first_name": vorname,
                "last_name": nachname,
                "email": f"{username}@demo-kommune.example",
                "organisationseinheit": einheiten.get(kuerzel) if kuerzel else None,
                "is_staff": superuser or rolle == Rolle.ADMINISTRATION,
                "is_superuser": superuser,
            },
        )
        if angelegt or not benutzer.check_password(DEMO_PASSWORT):
            benutzer.set_password(DEMO_PASSWORT)
            benutzer.save(update_fields=["password"])
        benutzer.groups.set([Group.objects.get(name=str(rolle))])
    # The Kommune's name for the page header; the other settings keep their defaults.
    Kommune.objects.update_or_create(pk=KOMMUNE_ID, defaults={"name": "Demo-Kommune"})


def zugaenge() -> list[tuple[str, str, str]]:
    return [(u, str(r.label), DEMO_PASSWORT) for u, _, _, r, _, _ in BENUTZER]
