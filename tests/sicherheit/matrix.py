"""The declared access matrix: URL name × method → expected status per role.

Columns (fixed order): anonym, sb50 (Sachbearbeitung Amt 50), sb51 (Sachbearbeitung
Jugendamt 51), al50 (Amtsleitung 50), dez (Dezernatsleitung), su (Steuerungsunterstützung),
kae (Kämmerei), rat (Ratsmitglied), adm (Administration). Objects in URLs belong to Amt 50
(see `objekte.py`), so a user of another unit must get 404, never 403 or 200.

Writes are sent with an empty or minimal body: an allowed role then gets 400 (validation)
or the action's success code; a forbidden role 403. Every URL pattern of the project must
appear here; `test_matrix_deckt_jede_url_ab` fails otherwise.
"""

from __future__ import annotations

ROLLEN = ["anonym", "sb50", "sb51", "al50", "dez", "su", "kae", "rat", "adm"]

# Frequent rows, spelled out once.
API_LESEN_AUSSER_RAT = "403 200 200 200 200 200 200 403 200"
API_DETAIL_AMT50 = "403 200 404 200 200 200 200 403 200"
API_NUR_SU_SCHREIBT = "403 403 403 403 403 400 403 403 403"
SEITE_AUSSER_RAT = "302 200 200 200 200 200 200 403 200"
SEITE_AMT50 = "302 200 404 200 200 200 200 403 200"
SEITE_NUR_SU = "302 403 403 403 403 200 403 403 403"
API_IMPORT_HAUSHALT = "403 403 403 403 403 400 400 403 403"
SEITE_SU_KAEMMEREI = "302 403 403 403 403 200 200 403 403"
NUR_ADM_API = "403 403 403 403 403 403 403 403 200"
NUR_ADM_API_SCHREIBT = "403 403 403 403 403 403 403 403 400"
NUR_ADM_SEITE = "302 403 403 403 403 403 403 403 200"
NUR_ADM_AKTION = "302 403 403 403 403 403 403 403 302"
ALLE_OHNE_ANMELDUNG = "200 200 200 200 200 200 200 200 200"

# (url name, method) -> expected statuses in ROLLEN order; `None` rows are documented exclusions.
MATRIX: dict[tuple[str, str], str] = {
    # Infrastructure
    ("healthz", "GET"): "200 200 200 200 200 200 200 200 200",
    ("api-schema", "GET"): "200 200 200 200 200 200 200 200 200",
    ("api-docs", "GET"): "200 200 200 200 200 200 200 200 200",
    ("organisation-api:token", "POST"): "400 400 400 400 400 400 400 400 400",
    ("organisation-api:organisationseinheit-list", "GET"): API_LESEN_AUSSER_RAT,
    ("organisation-api:organisationseinheit-list", "POST"): "403 403 403 403 403 403 403 403 400",
    ("organisation-api:organisationseinheit-detail", "GET"): API_DETAIL_AMT50,
    ("organisation-api:organisationseinheit-detail", "PUT"): "403 403 403 403 403 403 403 403 400",
    ("organisation-api:organisationseinheit-detail", "DELETE"): "403 403 403 403 403 403 403 403 400",
    # Notifications: every user reads and marks only their own (the object belongs to sb50; others 404).
    ("organisation-api:benachrichtigung-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("organisation-api:benachrichtigung-detail", "GET"): "403 200 404 404 404 404 404 404 404",
    ("organisation-api:benachrichtigung-gelesen", "POST"): "403 200 404 404 404 404 404 404 404",
    ("organisation-api:benachrichtigung-alle-gelesen", "POST"): "403 200 200 200 200 200 200 200 200",
    # Administration: accounts and the Kommune's settings (never case data)
    ("organisation-api:benutzer-list", "GET"): NUR_ADM_API,
    ("organisation-api:benutzer-list", "POST"): NUR_ADM_API_SCHREIBT,
    ("organisation-api:benutzer-detail", "GET"): NUR_ADM_API,
    ("organisation-api:benutzer-detail", "PUT"): NUR_ADM_API_SCHREIBT,
    ("organisation-api:benutzer-einladen", "POST"): NUR_ADM_API,
    ("organisation-api:kommune", "GET"): NUR_ADM_API,
    ("organisation-api:kommune", "PUT"): NUR_ADM_API_SCHREIBT,
    # Erfassungsfristen per period: the Steuerungsunterstützung keeps the reporting calendar
    ("steuerung-api:erfassungsfristen", "GET"): "403 403 403 403 403 200 403 403 403",
    ("steuerung-api:erfassungsfristen", "POST"): API_NUR_SU_SCHREIBT,
    # Zielpyramide
    ("steuerung-api:zielpyramide", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:zielmatrix-uebernehmen", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:leitziel-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:leitziel-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:leitziel-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:leitziel-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:leitziel-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppe-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:produktgruppe-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppe-detail", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:produktgruppe-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppe-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppenziel-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:produktgruppenziel-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppenziel-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:produktgruppenziel-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppenziel-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produkt-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:produkt-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produkt-detail", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:produkt-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produkt-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktziel-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:produktziel-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktziel-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:produktziel-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktziel-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:teilziel-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:teilziel-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:teilziel-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:teilziel-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:teilziel-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:massnahme-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:massnahme-list", "POST"): "403 400 400 403 403 400 403 403 403",
    ("steuerung-api:massnahme-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:massnahme-detail", "PUT"): "403 400 404 403 403 400 403 403 403",
    ("steuerung-api:massnahme-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:kennzahl-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:kennzahl-list", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:kennzahl-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:kennzahl-detail", "PUT"): "403 400 404 403 403 400 403 403 403",
    ("steuerung-api:kennzahl-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    # Archiving (the alternative to deleting: needs the delete permission; an empty body is a 400)
    ("steuerung-api:leitziel-archivieren", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktgruppenziel-archivieren", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:produktziel-archivieren", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:teilziel-archivieren", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:massnahme-archivieren", "POST"): API_NUR_SU_SCHREIBT,
    ("steuerung-api:kennzahl-archivieren", "POST"): API_NUR_SU_SCHREIBT,
    # Tertialberichte I
    ("steuerung-api:kennzahl-auswertung", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:tertial-dashboard", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:messwert-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:messwert-list", "POST"): "403 400 400 400 403 400 403 403 403",
    ("steuerung-api:messwert-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:messwert-detail", "PUT"): "403 400 404 400 403 400 403 403 403",
    ("steuerung-api:messwert-detail", "DELETE"): "403 403 403 403 403 405 403 403 403",
    # Tertialberichte II (the report object is Amt 50's published 2026-T2 report)
    ("steuerung-api:tertialbericht-list", "GET"): API_LESEN_AUSSER_RAT,
    ("steuerung-api:tertialbericht-list", "POST"): "403 400 400 400 403 400 403 403 403",
    ("steuerung-api:tertialbericht-detail", "GET"): API_DETAIL_AMT50,
    ("steuerung-api:tertialbericht-einreichen", "POST"): "403 400 404 400 400 400 403 403 403",
    ("steuerung-api:tertialbericht-freigeben", "POST"): "403 400 404 400 400 400 403 403 403",
    ("steuerung-api:tertialbericht-zurueckgeben", "POST"): "403 400 404 400 400 400 403 403 403",
    ("steuerung-api:tertialbericht-veroeffentlichen", "POST"): "403 400 404 400 400 400 403 403 403",
    ("steuerung-api:tertialbericht-wieder-oeffnen", "POST"): "403 400 404 400 400 400 403 403 403",
    ("steuerung-api:veroeffentlichung-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("steuerung-api:veroeffentlichung-detail", "GET"): "403 200 200 200 200 200 200 200 200",
    ("steuerung-api:veroeffentlichung-pdf", "GET"): "403 200 200 200 200 200 200 200 200",
    ("steuerung-api:veroeffentlichung-excel", "GET"): "403 200 200 200 200 200 200 200 200",
    # HSK-Controlling (the measure belongs to Amt 50; case records only for the owning unit and SU)
    ("controlling-api:hsk-massnahme-list", "GET"): API_LESEN_AUSSER_RAT,
    ("controlling-api:hsk-massnahme-list", "POST"): API_NUR_SU_SCHREIBT,
    ("controlling-api:hsk-massnahme-portfolio", "GET"): API_LESEN_AUSSER_RAT,
    ("controlling-api:hsk-massnahme-detail", "GET"): API_DETAIL_AMT50,
    ("controlling-api:hsk-massnahme-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("controlling-api:hsk-massnahme-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("controlling-api:hsk-massnahme-berechnen", "POST"): "403 202 404 202 403 202 403 403 403",
    ("controlling-api:hsk-massnahme-verlauf", "GET"): API_DETAIL_AMT50,
    ("controlling-api:einzelfall-list", "GET"): "403 200 200 200 403 200 403 403 403",
    ("controlling-api:einzelfall-list", "POST"): "403 400 400 400 403 400 403 403 403",
    ("controlling-api:einzelfall-detail", "GET"): "403 200 404 200 403 200 403 403 403",
    ("controlling-api:einzelfall-detail", "PUT"): "403 400 404 400 403 400 403 403 403",
    ("controlling-api:einzelfall-detail", "DELETE"): "403 204 404 204 403 204 403 403 403",
    ("controlling-api:praeventionsbudget-list", "GET"): API_LESEN_AUSSER_RAT,
    ("controlling-api:praeventionsbudget-list", "POST"): API_NUR_SU_SCHREIBT,
    ("controlling-api:praeventionsbudget-detail", "GET"): API_LESEN_AUSSER_RAT,
    ("controlling-api:praeventionsbudget-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("controlling-api:praeventionsbudget-detail", "DELETE"): "403 403 403 403 403 204 403 403 403",
    ("controlling-api:praeventionsprojekt-list", "GET"): API_LESEN_AUSSER_RAT,
    ("controlling-api:praeventionsprojekt-list", "POST"): API_NUR_SU_SCHREIBT,
    ("controlling-api:praeventionsprojekt-bilanz", "GET"): API_LESEN_AUSSER_RAT,
    ("controlling-api:praeventionsprojekt-detail", "GET"): API_DETAIL_AMT50,
    ("controlling-api:praeventionsprojekt-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("controlling-api:praeventionsprojekt-detail", "DELETE"): "403 403 403 403 403 204 403 403 403",
    # Sozialraum (city-wide data; the Rat reads only areas ≥ minimum population)
    ("sozialraum-api:sozialraumindex", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:vergleich", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:raum-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:raum-list", "POST"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:raum-detail", "GET"): "403 200 200 200 200 200 200 404 200",
    ("sozialraum-api:raum-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:raum-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:indikator-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:indikator-list", "POST"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:indikator-detail", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:indikator-detail", "PUT"): API_NUR_SU_SCHREIBT,
    # An Indikator with values is refused (400), not deleted with its values.
    ("sozialraum-api:indikator-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:indikatorwert-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:indikatorwert-list", "POST"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:indikatorwert-detail", "GET"): "403 200 200 200 200 200 200 404 200",
    ("sozialraum-api:indikatorwert-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:indikatorwert-detail", "DELETE"): "403 403 403 403 403 204 403 403 403",
    ("sozialraum-api:traeger-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:traeger-list", "POST"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:traeger-detail", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:traeger-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:traeger-detail", "DELETE"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:angebot-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:angebot-list", "POST"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:angebot-detail", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:angebot-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:angebot-detail", "DELETE"): "403 403 403 403 403 204 403 403 403",
    ("sozialraum-api:vergleichswert-list", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:vergleichswert-list", "POST"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:vergleichswert-detail", "GET"): "403 200 200 200 200 200 200 200 200",
    ("sozialraum-api:vergleichswert-detail", "PUT"): API_NUR_SU_SCHREIBT,
    ("sozialraum-api:vergleichswert-detail", "DELETE"): "403 403 403 403 403 204 403 403 403",
    # Haushalt (money of Amt 50's Produkt Hilfe zur Pflege; import and settings: Steuerung and Kämmerei)
    ("haushalt-api:haushaltsposition-list", "GET"): API_LESEN_AUSSER_RAT,
    ("haushalt-api:haushaltsposition-detail", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:haushalt-import", "POST"): API_IMPORT_HAUSHALT,
    ("haushalt-api:finanzen-produkt", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:finanzen-produktgruppe", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:finanzen-produktbereich", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:produktzuordnung-list", "GET"): API_LESEN_AUSSER_RAT,
    ("haushalt-api:produktzuordnung-list", "POST"): API_IMPORT_HAUSHALT,
    ("haushalt-api:produktzuordnung-detail", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:produktzuordnung-detail", "PUT"): API_IMPORT_HAUSHALT,
    ("haushalt-api:produktzuordnung-detail", "DELETE"): "403 403 403 403 403 204 403 403 403",
    ("haushalt-api:zuwendung-list", "GET"): API_LESEN_AUSSER_RAT,
    ("haushalt-api:zuwendung-list", "POST"): "403 400 400 400 403 400 403 403 403",
    ("haushalt-api:zuwendung-detail", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:zuwendung-detail", "PUT"): "403 400 404 400 403 400 403 403 403",
    ("haushalt-api:zuwendung-detail", "DELETE"): "403 204 404 204 403 204 403 403 403",
    # Explanations of the report's finance section: the Fachamt and the Steuerungsunterstützung write, nobody deletes.
    ("haushalt-api:finanzerlaeuterung-list", "GET"): API_LESEN_AUSSER_RAT,
    ("haushalt-api:finanzerlaeuterung-list", "POST"): "403 400 400 400 403 400 403 403 403",
    ("haushalt-api:finanzerlaeuterung-detail", "GET"): API_DETAIL_AMT50,
    ("haushalt-api:finanzerlaeuterung-detail", "PUT"): "403 400 404 400 403 400 403 403 403",
    ("haushalt-api:finanzerlaeuterung-detail", "DELETE"): "403 403 403 403 403 403 403 403 403",
    # Pages
    ("frontend:start", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:login", "GET"): "200 302 302 302 302 302 302 302 302",
    ("frontend:logout", "POST"): "302 302 302 302 302 302 302 302 302",
    # The one-time link (invitation, password reset): open without login; a wrong token shows "ungültig".
    ("frontend:passwort-setzen", "GET"): ALLE_OHNE_ANMELDUNG,
    ("frontend:passwort-gesetzt", "GET"): ALLE_OHNE_ANMELDUNG,
    ("frontend:benutzer-liste", "GET"): NUR_ADM_SEITE,
    ("frontend:benutzer-neu", "GET"): NUR_ADM_SEITE,
    ("frontend:benutzer-bearbeiten", "GET"): NUR_ADM_SEITE,
    ("frontend:benutzer-deaktivieren", "POST"): NUR_ADM_AKTION,
    ("frontend:benutzer-aktivieren", "POST"): NUR_ADM_AKTION,
    ("frontend:benutzer-einladen", "POST"): NUR_ADM_AKTION,
    ("frontend:einheiten", "GET"): NUR_ADM_SEITE,
    ("frontend:einheit-neu", "GET"): NUR_ADM_SEITE,
    ("frontend:einheit-bearbeiten", "GET"): NUR_ADM_SEITE,
    # Amt 50 is in use (users, goals): the Administration is sent back with the reason, nothing deleted.
    ("frontend:einheit-loeschen", "POST"): NUR_ADM_AKTION,
    ("frontend:kommune", "GET"): NUR_ADM_SEITE,
    ("frontend:perioden", "GET"): SEITE_NUR_SU,
    ("frontend:periode-frist", "GET"): SEITE_NUR_SU,
    ("frontend:barrierefreiheit", "GET"): "200 200 200 200 200 200 200 200 200",
    ("frontend:konto", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:konto", "POST"): "302 302 302 302 302 302 302 302 302",
    ("frontend:passwort-aendern", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:passwort-aendern", "POST"): "302 200 200 200 200 200 200 200 200",
    ("frontend:passwort-vergessen", "GET"): ALLE_OHNE_ANMELDUNG,
    ("frontend:passwort-vergessen", "POST"): ALLE_OHNE_ANMELDUNG,
    ("frontend:benachrichtigungen", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:benachrichtigungen-alle-gelesen", "POST"): "302 302 302 302 302 302 302 302 302",
    ("frontend:benachrichtigung-oeffnen", "GET"): "302 302 404 404 404 404 404 404 404",
    ("frontend:benachrichtigung-gelesen", "POST"): "302 302 404 404 404 404 404 404 404",
    ("frontend:zielpyramide", "GET"): SEITE_AUSSER_RAT,
    ("frontend:zielpyramide-ebene", "GET"): SEITE_AUSSER_RAT,
    ("frontend:zielsystem-check", "GET"): SEITE_NUR_SU,
    ("frontend:zielmatrix-uebernehmen", "POST"): "302 403 403 403 403 302 403 403 403",
    ("frontend:zielmatrix-export", "GET"): SEITE_AUSSER_RAT,
    ("frontend:zielmatrix-import", "GET"): SEITE_NUR_SU,
    ("frontend:ziel-neu", "GET"): SEITE_NUR_SU,
    ("frontend:ziel-steckbrief", "GET"): SEITE_AMT50,
    ("frontend:ziel-bearbeiten", "GET"): "302 403 404 403 403 200 403 403 403",
    ("frontend:kennzahl-neu", "GET"): SEITE_NUR_SU,
    ("frontend:kennzahl-steckbrief", "GET"): SEITE_AMT50,
    ("frontend:kennzahl-bearbeiten", "GET"): "302 200 404 403 403 200 403 403 403",
    ("frontend:kennzahl-auswertung", "GET"): SEITE_AMT50,
    # Sollwert table: an empty POST lacks the Bearbeitungsstand (200 with the message); delete and
    # archive redirect back to the Steckbrief (refused: the demo objects have values and subgoals)
    ("frontend:kennzahl-sollwerte", "POST"): "302 403 404 403 403 200 403 403 403",
    ("frontend:kennzahl-loeschen", "POST"): "302 403 404 403 403 302 403 403 403",
    ("frontend:kennzahl-archivieren", "POST"): "302 403 404 403 403 302 403 403 403",
    ("frontend:ziel-loeschen", "POST"): "302 403 404 403 403 302 403 403 403",
    ("frontend:ziel-archivieren", "POST"): "302 403 404 403 403 302 403 403 403",
    ("frontend:tertial-erfassung-uebersicht", "GET"): "302 200 200 200 403 200 403 403 403",
    ("frontend:tertial-erfassung", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:tertial-excel-vorlage", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:tertial-excel-hochladen", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:tertial-dashboard", "GET"): SEITE_AUSSER_RAT,
    ("frontend:hsk-liste", "GET"): SEITE_AUSSER_RAT,
    ("frontend:hsk-portfolio", "GET"): SEITE_AUSSER_RAT,
    ("frontend:hsk-praevention", "GET"): SEITE_AUSSER_RAT,
    ("frontend:hsk-alle-berechnen", "POST"): "302 403 403 403 403 302 403 403 403",
    ("frontend:hsk-auftrag", "GET"): SEITE_AUSSER_RAT,
    ("frontend:hsk-detail", "GET"): SEITE_AMT50,
    ("frontend:hsk-neu", "GET"): SEITE_NUR_SU,
    ("frontend:hsk-bearbeiten", "GET"): "302 403 404 403 403 200 403 403 403",
    ("frontend:hsk-loeschen", "POST"): "302 403 404 403 403 302 403 403 403",
    ("frontend:hsk-berechnen", "POST"): "302 302 404 302 403 302 403 403 403",
    ("frontend:hsk-faelle", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:hsk-auskunft", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:hsk-fall-neu", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:hsk-fall", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:berichte-liste", "GET"): SEITE_AUSSER_RAT,
    ("frontend:bericht-aufrufen", "GET"): "302 302 302 302 302 302 302 403 302",
    ("frontend:bericht", "GET"): SEITE_AMT50,
    ("frontend:bericht-aktion", "POST"): "302 302 404 302 302 302 403 403 403",
    ("frontend:veroeffentlichungen", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:veroeffentlichung", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:veroeffentlichung-pdf", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:veroeffentlichung-excel", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:sozialraum", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:sozialraum-index", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:sozialraum-steckbrief", "GET"): "302 200 200 200 200 200 200 404 200",
    ("frontend:sozialraum-steckbrief-pdf", "GET"): "302 200 200 200 200 200 200 404 200",
    ("frontend:sozialraum-vergleich", "GET"): "302 200 200 200 200 200 200 200 200",
    ("frontend:sozialraum-import", "GET"): SEITE_NUR_SU,
    ("frontend:sozialraum-import-vorlage", "GET"): SEITE_NUR_SU,
    ("frontend:finanzen", "GET"): SEITE_AUSSER_RAT,
    ("frontend:finanzen-produkt", "GET"): SEITE_AMT50,
    ("frontend:finanzen-produktgruppe", "GET"): SEITE_AMT50,
    ("frontend:finanzen-produktbereich", "GET"): SEITE_AMT50,
    ("frontend:finanzen-zuordnung", "GET"): SEITE_SU_KAEMMEREI,
    ("frontend:finanzen-import", "GET"): SEITE_SU_KAEMMEREI,
    ("frontend:finanzen-import-vorschau", "GET"): SEITE_SU_KAEMMEREI,
    ("frontend:finanzen-einstellungen", "GET"): "302 403 403 403 403 200 200 403 200",
    ("frontend:finanzen-erlaeuterungen", "GET"): SEITE_AMT50,
    ("frontend:zuwendungen", "GET"): SEITE_AUSSER_RAT,
    ("frontend:zuwendung-neu", "GET"): "302 200 200 200 403 200 403 403 403",
    ("frontend:zuwendung", "GET"): "302 200 404 200 403 200 403 403 403",
    ("frontend:stammdaten", "GET"): "302 200 200 200 200 200 200 200 200",
}

# Stammdaten pflegen (frontend.pflege): four pages per screen. Writes are the Steuerungsunterstützung's;
# an empty POST re-shows the form with its errors (200). Deleting an object in use is refused on the
# page (200); a free one is deleted (302).
# slug: (list and detail GET, detail GET, delete POST by the Steuerungsunterstützung)
_STAMMDATEN = {
    "produktgruppen": (SEITE_AUSSER_RAT, SEITE_AUSSER_RAT, "200"),  # has Produkte
    "produkte": (SEITE_AUSSER_RAT, SEITE_AUSSER_RAT, "200"),  # has Produktziele
    "praeventionsprojekte": (SEITE_AUSSER_RAT, SEITE_AMT50, "302"),
    "praeventionsbudgets": (SEITE_AUSSER_RAT, SEITE_AUSSER_RAT, "302"),
    "raeume": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 404 200", "200"),  # has values
    "indikatoren": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200", "200"),
    "indikatorwerte": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 404 200", "302"),
    "traeger": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200", "200"),  # has Angebote
    "angebote": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200", "302"),
    "vergleichswerte": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200", "302"),
}
for _slug, (_liste, _detail, _loeschen) in _STAMMDATEN.items():
    _name = f"frontend:stammdaten-{_slug}"
    MATRIX.update(
        {
            (_name, "GET"): _liste,
            (f"{_name}-neu", "GET"): SEITE_NUR_SU,
            (f"{_name}-neu", "POST"): SEITE_NUR_SU,
            (f"{_name}-detail", "GET"): _detail,
            (f"{_name}-detail", "POST"): SEITE_NUR_SU,
            (f"{_name}-loeschen", "GET"): SEITE_NUR_SU,
            (f"{_name}-loeschen", "POST"): f"302 403 403 403 403 {_loeschen} 403 403 403",
        }
    )

# URL patterns outside the matrix, each with the reason.
AUSGENOMMEN = {
    "admin": "Django-Admin: eigene Rechteprüfung (is_staff + Modellrechte), nicht Teil der Fachoberfläche",
}
