"""Hub entries for screens with their own pages (not generic maintenance screens)."""

from django.utils.translation import gettext_lazy as _

from frontend.pflege.registry import GRUPPEN, HSK, ZIELSYSTEM, Stammdatum, eintragen

VERWALTUNG = _("Verwaltung")
GRUPPEN.append(VERWALTUNG)

eintragen(
    Stammdatum(
        ZIELSYSTEM,
        _("Berichtsperioden und Erfassungsfristen"),
        "frontend:perioden",
        "steuerung.change_erfassungsfrist",
        _("Perioden eines Haushaltsjahres und ihre Erfassungsfristen"),
    ),
    Stammdatum(
        HSK,
        _("HSK-Maßnahmen"),
        "frontend:hsk-liste",
        "controlling.add_hskmassnahme",
        _("Maßnahmen mit Soll je Jahr, Stellen und Ablaufschritten anlegen und bearbeiten"),
    ),
    Stammdatum(
        VERWALTUNG,
        _("Benutzerverwaltung"),
        "frontend:benutzer-liste",
        "organisation.change_benutzer",
        _("Konten anlegen, Rollen zuweisen, einladen, deaktivieren"),
    ),
    Stammdatum(
        VERWALTUNG,
        _("Organisationseinheiten"),
        "frontend:einheiten",
        "organisation.change_organisationseinheit",
        _("Dezernate, Ämter und Sachgebiete als Baum pflegen"),
    ),
    Stammdatum(
        VERWALTUNG,
        _("Kommune"),
        "frontend:kommune",
        "organisation.change_kommune",
        _("Name, Standard-Schwellenwerte, Erfassungsfrist, Mindesteinwohnerzahl, Kleinzahlgrenze"),
    ),
)
