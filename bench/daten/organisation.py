"""Units and users of the Großstadt: one Dezernat, its Ämter with two Abteilungen each."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from bench.daten import PRAEFIX, Kontext, anzahl
from demo.daten.organisation import DEMO_PASSWORT
from organisation.models import Benutzer, Organisationseinheit
from organisation.rollen import Rolle

E = Organisationseinheit.Ebene
AEMTER = [
    "Amt für Soziales",
    "Jugendamt",
    "Gesundheitsamt",
    "Jobcenter-Koordination",
    "Amt für Wohnen",
    "Amt für Integration",
    "Seniorenbüro",
    "Amt für Teilhabe",
    "Schulverwaltungsamt",
    "Sportamt",
    "Amt für Kindertagesbetreuung",
    "Amt für Prävention",
]


def vorhanden() -> bool:
    return Organisationseinheit.objects.filter(kuerzel=f"{PRAEFIX} V").exists()


def laden(ctx: Kontext) -> None:
    dezernat = Organisationseinheit.objects.create(
        kuerzel=f"{PRAEFIX} V", name="Großstadt: Dezernat für Jugend, Soziales und Gesundheit", ebene=E.DEZERNAT
    )
    aemter = Organisationseinheit.objects.bulk_create(
        [
            Organisationseinheit(
                kuerzel=f"{PRAEFIX} {50 + i}",
                name=f"Großstadt: {AEMTER[i % len(AEMTER)]}",
                ebene=E.AMT,
                eltern=dezernat,
            )
            for i in range(anzahl(12, ctx.faktor))
        ]
    )
    abteilungen = Organisationseinheit.objects.bulk_create(
        [
            Organisationseinheit(
                kuerzel=f"{amt.kuerzel} {nr}", name=f"{amt.name}, Abteilung {nr}", ebene=E.ABTEILUNG, eltern=amt
            )
            for amt in aemter
            for nr in (1, 2)
        ]
    )
    # Small Sachgebiete below the Abteilungen: their reports are the published ones (few pages each).
    sachgebiete = Organisationseinheit.objects.bulk_create(
        [
            Organisationseinheit(
                kuerzel=f"{abt.kuerzel} {i // len(abteilungen) + 1}",
                name=f"{abt.name}, Sachgebiet {i // len(abteilungen) + 1}",
                ebene=E.SACHGEBIET,
                eltern=abt,
            )
            for i, abt in ((i, abteilungen[i % len(abteilungen)]) for i in range(anzahl(25, ctx.faktor)))
        ]
    )
    ctx.dezernat, ctx.aemter, ctx.sachgebiete = dezernat, aemter, sachgebiete
    for abt in abteilungen:
        ctx.abteilungen.setdefault(abt.kuerzel.rsplit(" ", 1)[0], []).append(abt)

    # One password hash for all (hashing 30 passwords would dominate a small load).
    passwort = make_password(DEMO_PASSWORT)
    zeilen: list[tuple[Benutzer, Rolle]] = [
        (Benutzer(username="gs_dezernat", organisationseinheit=dezernat), Rolle.DEZERNATSLEITUNG),
        (Benutzer(username="gs_steuerung", organisationseinheit=dezernat), Rolle.STEUERUNG),
    ]
    for amt in aemter:
        nummer = amt.kuerzel.split()[-1]
        zeilen.append((Benutzer(username=f"gs_amtsleitung{nummer}", organisationseinheit=amt), Rolle.AMTSLEITUNG))
        zeilen.append(
            (Benutzer(username=f"gs_sachbearbeitung{nummer}", organisationseinheit=amt), Rolle.SACHBEARBEITUNG)
        )
    for b, rolle in zeilen:
        b.password = passwort
        b.first_name, b.last_name = "Großstadt", str(rolle.label)
    angelegt = Benutzer.objects.bulk_create([b for b, _r in zeilen])
    gruppen = {g.name: g for g in Group.objects.filter(name__in=[str(r) for _b, r in zeilen])}
    Benutzer.groups.through.objects.bulk_create(
        [
            Benutzer.groups.through(benutzer_id=b.pk, group_id=gruppen[str(r)].pk)
            for b, (_x, r) in zip(angelegt, zeilen, strict=True)
        ]
    )
    ctx.zentral = {"dezernat": angelegt[0], "steuerung": angelegt[1]}
    for b, (_x, rolle) in zip(angelegt[2:], zeilen[2:], strict=True):
        ctx.benutzer.setdefault(b.organisationseinheit.kuerzel, {})[rolle] = b
