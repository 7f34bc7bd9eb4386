"""Steps 1 and 2 of the steering-year acceptance test (tests/e2e/test_steuerungsjahr.py): the
Administration sets up units and accounts, the Steuerungsunterstützung builds the year; plus the
helpers and names the later steps share. Only pages are used; the ORM is only read."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail

from organisation.models import Benutzer, Kommune, Organisationseinheit
from organisation.rollen import Rolle

ADMIN_PASSWORT = "Verwaltung-2026!"
KOMMUNE = "Stadt Musterhausen"
KENNZAHL = "Pflegebedürftige zu Hause versorgt"
HSK = "Pflegelotsen im Quartier"
# username -> (first name, last name, unit code or None, role label, password set via the link)
PERSONEN = {
    "s.steuer": ("Stefanie", "Steuer", "V SU", "Steuerungsunterstützung", "Steuern-im-Jahr-1!"),
    "s.sach": ("Sven", "Sachbearbeiter", "50", "Sachbearbeitung", "Werte-erfassen-2!"),
    "a.amt": ("Anna", "Amtsleiterin", "50", "Amtsleitung", "Freigabe-Amt-3!"),
    "d.dez": ("Dora", "Dezernentin", "V", "Dezernatsleitung", "Freigabe-Dez-4!"),
    "r.rat": ("Rainer", "Ratsherr", None, "Rat / Ausschuss", "Lesen-im-Rat-5!"),
}


def _klick(seite, name: str, *, rolle: str = "button") -> None:
    seite.page.get_by_role(rolle, name=name, exact=True).click()
    seite.page.wait_for_load_state("networkidle")


def _haupt(seite) -> str:
    return seite.page.locator("main").inner_text()


def _meldungen(seite) -> str:
    return seite.page.locator(".meldungen").inner_text()


def _als(seite, username: str) -> None:
    seite.page.context.clear_cookies()
    passwort = ADMIN_PASSWORT if username == "admin" else PERSONEN[username][4]
    seite.anmelden(username, passwort)
    assert seite.page.get_by_role("link", name="Abmelden").count() or "Abmelden" in seite.page.content()


def _startseite_festhalten(seite, rolle: str) -> None:
    seite.besuchen("/")
    seite.screenshot(f"jahr-start-{rolle}")


# --- 1. Administration ---------------------------------------------------------------------


def _einheit_anlegen(seite, kuerzel: str, name: str, ebene: str, eltern: str | None) -> None:
    p = seite.page
    seite.besuchen("/verwaltung/einheiten/")
    _klick(seite, "Organisationseinheit anlegen", rolle="link")
    p.get_by_label("Kürzel").fill(kuerzel)
    p.get_by_label("Bezeichnung").fill(name)
    p.get_by_label("Ebene").select_option(ebene)
    if eltern:
        p.get_by_label("übergeordnete Einheit").select_option(label=eltern)
    _klick(seite, "Speichern")
    assert f"{kuerzel} {name}" in _haupt(seite)


def _konto_anlegen_und_einladen(seite, username: str) -> None:
    vorname, nachname, einheit, rolle, _passwort = PERSONEN[username]
    p = seite.page
    seite.besuchen("/verwaltung/benutzer/")
    _klick(seite, "Konto anlegen", rolle="link")
    p.get_by_label("Benutzername").fill(username)
    p.get_by_label("Vorname").fill(vorname)
    p.get_by_label("Nachname").fill(nachname)
    p.get_by_label("E-Mail-Adresse").fill(f"{username}@musterhausen.example")
    if einheit:
        label = Organisationseinheit.objects.get(kuerzel=einheit)
        p.get_by_label("Organisationseinheit").select_option(label=f"{label.kuerzel} {label.name}")
    p.get_by_label(rolle, exact=True).check()
    _klick(seite, "Speichern und Einladung senden")
    assert "wurde versandt" in _meldungen(seite), _haupt(seite)[:1500]


def _passwort_ueber_einladung_setzen(seite, username: str) -> None:
    """The invited person opens the one-time link of the mail (path only: the live server's port differs)."""
    nachricht = next(m for m in reversed(mail.outbox) if m.to == [f"{username}@musterhausen.example"])
    link = re.search(r"https?://\S+/passwort/\S+/", nachricht.body).group(0)
    seite.page.context.clear_cookies()
    seite.besuchen(urlsplit(link).path)
    p = seite.page
    assert f"Bitte legen Sie das Passwort für die Kennung „{username}“ fest." in _haupt(seite)
    passwort = PERSONEN[username][4]
    p.locator("#id_new_password1").fill(passwort)
    p.locator("#id_new_password2").fill(passwort)
    _klick(seite, "Passwort speichern")
    assert "Ihr Passwort ist gespeichert" in _haupt(seite)
    seite.pruefe_barrierefreiheit()
    # One use only: the same link is dead now.
    seite.besuchen(urlsplit(link).path)
    assert "Dieser Link ist nicht mehr gültig" in _haupt(seite)


def administration_richtet_ein(seite) -> None:
    _als(seite, "admin")
    _startseite_festhalten(seite, "administration")

    seite.besuchen("/verwaltung/kommune/")
    seite.page.get_by_label("Name der Kommune").fill(KOMMUNE)
    _klick(seite, "Speichern")
    assert "Die Einstellungen der Kommune wurden gespeichert." in _meldungen(seite)
    assert Kommune.objects.get().name == KOMMUNE

    _einheit_anlegen(seite, "V", "Dezernat V – Soziales", "dezernat", None)
    _einheit_anlegen(seite, "50", "Amt für Soziales", "amt", "V Dezernat V – Soziales")
    _einheit_anlegen(seite, "V SU", "Steuerungsunterstützung", "stabsstelle", "V Dezernat V – Soziales")
    assert dict(Organisationseinheit.objects.values_list("kuerzel", "eltern__kuerzel")) == {
        "V": None,
        "50": "V",
        "V SU": "V",
    }

    for username in PERSONEN:
        _konto_anlegen_und_einladen(seite, username)
    assert len(mail.outbox) == len(PERSONEN)
    for username, (_v, _n, einheit, rolle, _p) in PERSONEN.items():
        b = Benutzer.objects.get(username=username)
        assert not b.has_usable_password()
        assert (b.organisationseinheit.kuerzel if b.organisationseinheit else None) == einheit
        assert list(b.groups.values_list("name", flat=True)) == [next(r.value for r in Rolle if r.label == rolle)]
    seite.besuchen("/verwaltung/benutzer/")
    seite.screenshot("jahr-verwaltung-benutzer")

    for username in PERSONEN:
        _passwort_ueber_einladung_setzen(seite, username)
    assert all(b.has_usable_password() for b in Benutzer.objects.all())


# --- 2. Steuerungsunterstützung -------------------------------------------------------------


def _stammdatum_anlegen(seite, kachel: str, felder: dict[str, str], auswahl: dict[str, str] | None = None) -> None:
    """Hub → list → „Neu anlegen“ → form; `felder` by field id, `auswahl` selects by option label."""
    p = seite.page
    seite.besuchen("/stammdaten/")
    p.get_by_role("link", name=re.compile(f"^{kachel}")).click()
    p.wait_for_load_state("networkidle")
    _klick(seite, "Neu anlegen", rolle="link")
    seite.pruefe_barrierefreiheit()
    for feld, wert in felder.items():
        p.locator(f"#id_{feld}").fill(wert)
    for feld, label in (auswahl or {}).items():
        p.locator(f"#id_{feld}").select_option(label=label)
    _klick(seite, "Speichern")
    assert "wurde gespeichert" in _meldungen(seite), _haupt(seite)[:2000]


def _ziel_anlegen(seite, typ: str, code: str, titel: str, einheit: str, extra=None) -> None:
    """Fill the goal form that is open; the parent is preset by the link of the Steckbrief above."""
    p = seite.page
    seite.pruefe_barrierefreiheit()
    p.locator("#id_code").fill(code)
    p.locator("#id_titel").fill(titel)
    p.locator("#id_zielgruppe").fill("Pflegebedürftige Menschen ab 65 Jahren")
    p.locator("#id_organisationseinheit").select_option(label=einheit)
    for feld, label in (extra or {}).items():
        p.locator(f"#id_{feld}").select_option(label=label)
    _klick(seite, "Speichern")
    assert f"„{code}“ wurde gespeichert." in _meldungen(seite), _haupt(seite)[:2000]


def steuerung_baut_das_jahr_auf(seite, tertial, tmp_path: Path) -> date:
    from steuerung.models import Kennzahl, Leitziel, Produkt, Produktgruppenziel, Produktziel

    p = seite.page
    _als(seite, "s.steuer")
    _startseite_festhalten(seite, "steuerung")

    _stammdatum_anlegen(seite, "Produktgruppen", {"nummer": "1.31.01", "bezeichnung": "Hilfe zur Pflege"})
    _stammdatum_anlegen(
        seite,
        "Produkte",
        {"nummer": "1.31.01.02", "bezeichnung": "Ambulante Pflege"},
        {"produktgruppe": "1.31.01 Hilfe zur Pflege"},
    )
    assert Produkt.objects.get().produktgruppe.nummer == "1.31.01"

    # Zielpyramide of the tertial's Haushaltsjahr: Leitziel → Produktgruppenziel → Produktziel.
    seite.besuchen("/")
    _klick(seite, "Zielpyramide", rolle="link")
    seite.besuchen(f"/zielpyramide/?jahr={tertial.jahr}")
    _klick(seite, "Leitziel anlegen", rolle="link")
    p.locator("#id_jahr").fill(str(tertial.jahr))
    _ziel_anlegen(
        seite, "leitziel", "LZ 1", "Ältere Menschen leben selbstbestimmt zu Hause.", "V Dezernat V – Soziales"
    )
    _klick(seite, "Produktgruppenziel anlegen", rolle="link")
    _ziel_anlegen(
        seite,
        "produktgruppenziel",
        "PGZ 1",
        "Mehr Pflegebedürftige werden ambulant statt stationär versorgt.",
        "50 Amt für Soziales",
        {"produktgruppe": "1.31.01 Hilfe zur Pflege"},
    )
    _klick(seite, "Produktziel anlegen", rolle="link")
    _ziel_anlegen(
        seite,
        "produktziel",
        "PZ 1",
        "Der Anteil ambulant versorgter Leistungsberechtigter steigt bis zum Jahresende auf 60 %.",
        "50 Amt für Soziales",
        {"produkt": "1.31.01.02 Ambulante Pflege"},
    )
    pz = Produktziel.objects.get(code="PZ 1")
    assert pz.jahr == tertial.jahr
    assert pz.produktgruppenziel == Produktgruppenziel.objects.get(code="PGZ 1")
    assert pz.produktgruppenziel.leitziel == Leitziel.objects.get(code="LZ 1")

    # A Kennzahl of the Produktziel, in the tertial rhythm, for the Sachbearbeitung of Amt 50.
    _klick(seite, "Kennzahl hinzufügen", rolle="link")
    seite.pruefe_barrierefreiheit()
    p.locator("#id_code").fill("K 1")
    p.locator("#id_bezeichnung").fill(KENNZAHL)
    p.locator("#id_definition").fill("Leistungsberechtigte der Hilfe zur Pflege, die zu Hause versorgt werden.")
    p.locator("#id_einheit").fill("Personen")
    p.locator("#id_datenquelle").fill("Fachverfahren Hilfe zur Pflege")
    p.locator("#id_erhebungsrhythmus").select_option("tertial")
    p.locator("#id_messart").select_option("bestand")
    p.locator("#id_richtung").select_option(label="steigend (höher ist besser)")
    p.locator("#id_ausgangswert").fill("400")
    p.locator("#id_ausgangsjahr").fill(str(tertial.jahr - 1))
    p.locator("#id_zielwert").fill("480")
    p.locator("#id_zieljahr").fill(str(tertial.jahr))
    p.locator("#id_organisationseinheit").select_option(label="50 Amt für Soziales")
    p.locator("#id_verantwortlich").select_option(label="Sven Sachbearbeiter")
    p.locator("#id_vertretung").select_option(label="Anna Amtsleiterin")
    _klick(seite, "Speichern")
    assert "gespeichert" in _meldungen(seite), _haupt(seite)[:3000]
    k = Kennzahl.objects.get(code="K 1")
    assert (k.produktziel_id, k.erhebungsrhythmus, k.verantwortlich.username) == (pz.pk, "tertial", "s.sach")

    # Sollwerte in the table of the Kennzahl page.
    seite.besuchen(f"/kennzahlen/{k.pk}/")
    for t in (1, 2, 3):
        p.locator(f"#id_soll_{tertial.jahr}-T{t}").fill(f"{440 + 20 * t}")
    p.locator(f"#id_soll_{tertial.jahr}").fill("480")
    _klick(seite, "Sollwerte speichern")
    assert f"Die Sollwerte {tertial.jahr} wurden gespeichert." in _haupt(seite)
    assert k.sollwerte.get(periode=tertial.schluessel).wert == Decimal(440 + 20 * int(tertial.schluessel[-1]))
    seite.screenshot("jahr-kennzahl-steuerung")

    # A Maßnahme below the Produktziel: the HSK-Maßnahme hangs on it.
    seite.besuchen(f"/zielpyramide/produktziel/{pz.pk}/")
    _klick(seite, "Maßnahme anlegen", rolle="link")
    seite.page.locator("#id_massnahmenziel").fill("Heimaufnahmen durch Pflegelotsen vermeiden")
    _ziel_anlegen(
        seite,
        "massnahme",
        "M 1",
        "Pflegelotsen beraten Angehörige vor einer Heimaufnahme.",
        "50 Amt für Soziales",
    )

    frist = frist_setzen(seite, tertial)
    hsk_massnahme_anlegen(seite, tertial)
    sozialraum_pflegen(seite, tertial, tmp_path)
    return frist


def frist_setzen(seite, tertial) -> date:
    """The default deadline of the last ended tertial may have passed: move it into the future."""
    from steuerung.fristen import periodenfrist

    frist = date.today() + timedelta(days=14)
    seite.besuchen("/stammdaten/")
    _klick(seite, re.compile("^Berichtsperioden"), rolle="link")
    _klick(seite, str(tertial.jahr), rolle="link")
    _klick(seite, f"Frist für {tertial.bezeichnung} ändern", rolle="link")
    seite.pruefe_barrierefreiheit()
    seite.page.locator("#id_frist").fill(frist.strftime("%d.%m.%Y"))
    _klick(seite, "Speichern")
    assert f"Die Erfassungsfrist für {tertial.bezeichnung} wurde gespeichert." in _meldungen(seite)
    zeile = seite.page.get_by_role("row", name=re.compile(tertial.bezeichnung)).inner_text()
    assert frist.strftime("%d.%m.%Y") in zeile
    assert periodenfrist(tertial).frist == frist
    return frist


def hsk_massnahme_anlegen(seite, tertial) -> None:
    from controlling.models import HSKMassnahme

    p = seite.page
    seite.besuchen("/")
    _klick(seite, "HSK-Controlling", rolle="link")
    _klick(seite, "Neue HSK-Maßnahme", rolle="link")
    seite.pruefe_barrierefreiheit()
    jahr = tertial.jahr
    p.locator("#id_bezeichnung").fill(HSK)
    massnahme = p.locator("#id_massnahme option", has_text="M 1").get_attribute("value")
    p.locator("#id_massnahme").select_option(massnahme)
    p.locator("#id_organisationseinheit").select_option(label="50 Amt für Soziales")
    p.locator("#id_wirkungshypothese").fill("Zwei Lotsinnen vermeiden Heimaufnahmen durch frühe Beratung.")
    p.locator("#id_beginn").fill(f"01.01.{jahr}")
    p.locator("#id_annahme_faelle").fill("30")
    p.locator("#id_annahme_erfolgsquote").fill("0,35")
    p.locator("#id_soll-0-jahr").fill(str(jahr))
    p.locator("#id_soll-0-betrag").fill("40.000,00")
    p.locator("#id_soll-1-jahr").fill(str(jahr + 1))
    p.locator("#id_soll-1-betrag").fill("95.500,50")
    p.locator("#id_stellen-0-bezeichnung").fill("Pflegelotsin 1")
    p.locator("#id_stellen-0-vzae").fill("1")
    p.locator("#id_stellen-0-jahreskosten").fill("68.000,00")
    p.locator("#id_stellen-1-bezeichnung").fill("Pflegelotsin 2")
    p.locator("#id_stellen-1-vzae").fill("0,5")
    p.locator("#id_stellen-1-jahreskosten").fill("34.000,00")
    p.locator("#id_ablauf-0-bezeichnung").fill("Erstberatung")
    _klick(seite, "Speichern")
    assert f"Die HSK-Maßnahme „{HSK}“ wurde gespeichert." in _haupt(seite), _haupt(seite)[:2000]
    m = HSKMassnahme.objects.get(bezeichnung=HSK)
    assert m.stellen.count() == 2 and m.personalkosten_jahr == Decimal("102000.00")
    assert sorted(m.soll_jahre.values_list("jahr", "betrag")) == [
        (jahr, Decimal("40000.00")),
        (jahr + 1, Decimal("95500.50")),
    ]
    seite.screenshot("jahr-hsk-steuerung")


def sozialraum_pflegen(seite, tertial, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from sozialraum.models import Indikatorwert, Raum

    p = seite.page
    jahr = tertial.jahr
    _stammdatum_anlegen(
        seite,
        "Indikatoren",
        {"schluessel": "sgb2-quote", "bezeichnung": "SGB-II-Quote", "einheit": "%"},
        {"bereich": "Arbeit und Soziales"},
    )
    for schluessel, name, einwohner in (("MH-1", "Altstadt", "8.200"), ("MH-2", "Nordviertel", "5.400")):
        p.wait_for_load_state("networkidle")
        seite.besuchen("/stammdaten/")
        p.get_by_role("link", name=re.compile("^Räume")).click()
        _klick(seite, "Neu anlegen", rolle="link")
        p.locator("#id_schluessel").fill(schluessel)
        p.locator("#id_name").fill(name)
        p.locator("#id_ebene").select_option("stadtteil")
        p.locator("#id_einwohner_je_jahr").fill(f"{jahr - 1}: {einwohner}\n{jahr}: {einwohner}")
        _klick(seite, "Speichern")
        assert f"Raum „{name}“ wurde gespeichert." in _haupt(seite), _haupt(seite)[:2000]
    assert Raum.objects.get(schluessel="MH-2").einwohnerzahlen.get(jahr=jahr).einwohner == 5400

    # The import page: download the template, fill its sheet, upload it.
    seite.besuchen("/sozialraum/import/")
    with p.expect_download() as download:
        p.get_by_role("link", name=re.compile("^Vorlage Indikatorwerte")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    mappe = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    blatt = mappe.worksheets[0]
    kopf = [z.value for z in blatt[1]]
    for raum, wert in (("MH-1", 12.5), ("MH-2", "8,25")):
        zeile = {"indikator": "sgb2-quote", "raum": raum, "jahr": jahr, "wert": wert}
        blatt.append([zeile[spalte] for spalte in kopf])
    datei = tmp_path / "indikatorwerte.xlsx"
    mappe.save(datei)
    p.get_by_label("Indikatorwerte", exact=True).check()
    p.get_by_label("Datei (CSV oder Excel)").set_input_files(str(datei))
    _klick(seite, "Importieren")
    seite.pruefe_barrierefreiheit()
    assert "Import abgeschlossen (Indikatorwerte): 2 Werte angelegt, 0 geändert." in _haupt(seite), _haupt(seite)[:2000]
    assert Indikatorwert.objects.get(raum__schluessel="MH-2", jahr=jahr).wert == Decimal("8.25")
    seite.besuchen(f"/sozialraum/?jahr={jahr}&ebene=stadtteil")
    assert "Nordviertel" in _haupt(seite)
