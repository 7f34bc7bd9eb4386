"""Demo Haushalt: Produktbereich 1.31 Soziale Hilfen with the figures of the Bochum Finanzdatenblatt.

Source: Jahresbericht 2021 des Amtes für Soziales Bochum, "C. Finanzdatenblatt": per Produkt
the result of Teilergebnisplan Zeile 29 (Plan 2021, Ist 2020; negative = Zuschussbedarf).
The extracted table is scrambled; what is read and what is constructed is said per figure:
- GELESEN: Plan 2021 and Ist 2020 of Produkt nummer X as printed. For 10 Produkte the column
  order is unambiguous (second half of the table); for the other 11 the pairing of numbers and
  values follows the table's column order and is checked against the Zuwendungen table where it
  can be (1.31.01.03 Haus der Begegnung 43.585 / +37.539, 1.31.06.02 779.185 / 1.110.903,
  1.31.06.05 167.785 / 61.237). Names of Produkte that steuerung's demo does not have yet are
  assigned from the table's name column (reconstructed where the order is ambiguous).
- KONSTRUIERT: the split of each Zuschussbedarf into Teilergebnisplan lines (the table prints
  only Zeile 29), all figures of 2025 and 2026, the Jugendamt's Produkt, and the Zuwendungen.
  Hilfe zur Pflege's Transferaufwand 2025/2026 is Fallzahl (Kennzahl K 1, Leistungsberechtigte in
  Einrichtungen) × constructed Kosten je Fall, so its Mengen- and Preiseffekt are visible.
Everything goes in through the importer (files named "…-konstruiert" where constructed), so
each amount can be traced to its file. Idempotent: a file whose rows are the current state is
not imported again; Produkte are created only when missing (existing names stay).
Modules: zahlen (the amounts), zuwendungen, erlaeuterungen (explanations of the report's finance
section, so the demo reports can be submitted).
"""

from __future__ import annotations

from demo.daten.haushalt import erlaeuterungen, zahlen, zuwendungen


def laden() -> None:
    """Load the demo Haushalt on top of the demo Kommune (organisation and steuerung demo first)."""
    zahlen.stammdaten()
    zahlen.datei_laden("finanzdatenblatt-bochum-plan-2021-ist-2020.csv", zahlen.jahresbericht_2021())
    zahlen.datei_laden("haushalt-2025-konstruiert.csv", zahlen.konstruiert(2025))
    zahlen.datei_laden("haushalt-2026-stand-31-08-konstruiert.csv", zahlen.konstruiert(2026))
    zuwendungen.laden()
    erlaeuterungen.laden()
