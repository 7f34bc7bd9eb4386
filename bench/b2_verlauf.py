"""Benchmark 2 (child process): recomputation of all consolidation curves.

- product: controlling.verlauf_speicher.alle_verlaeufe_speichern() (read, compute, store every curve);
- floor: one hand-written PostgreSQL query computing the same monthly gross sums (brutto) over
  the same cases; its result is compared with the stored curve month by month;
- naive: a straightforward per-case loop (one query per case for its measure, Python sums).
"""

from __future__ import annotations

import calendar
import time
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bench.umgebung import ausgeben, django_starten

# Monthly brutto per measure: Σ (vermiedene − neue) × effect days in the month / days of the month,
# rounded half up to cents, horizon = December of the measure's last Soll year. Each case expands to
# the months of its effect interval (LATERAL generate_series), then one GROUP BY: months without any
# effect are absent here and must be 0 in the product.
BODEN_SQL = """
WITH m AS (
    SELECT h.id AS mid, h.beginn,
           make_date(COALESCE((SELECT max(s.jahr) FROM controlling_hsksoll s WHERE s.hsk_massnahme_id = h.id),
                              EXTRACT(year FROM current_date)::int), 12, 31) AS horizont
    FROM controlling_hskmassnahme h
), w AS (
    SELECT m.mid, GREATEST(f.wirkungsbeginn, m.beginn) AS von,
           LEAST(COALESCE(f.wirkungsende, m.horizont), m.horizont) AS bis,
           f.vermiedene_kosten_monat - f.neue_kosten_monat AS betrag
    FROM controlling_einzelfall f JOIN m ON m.mid = f.hsk_massnahme_id
    WHERE f.wirkungsbeginn IS NOT NULL
)
SELECT w.mid, to_char(g, 'YYYY-MM') AS monat,
       round(sum(w.betrag * (LEAST(w.bis, (g + interval '1 month - 1 day')::date) - GREATEST(w.von, g::date) + 1))
             / extract(day FROM g + interval '1 month - 1 day'), 2) AS brutto
FROM w CROSS JOIN LATERAL generate_series(date_trunc('month', w.von), w.bis, interval '1 month') AS g
WHERE w.bis >= w.von
GROUP BY w.mid, g
ORDER BY 1, 2
"""


def naiv() -> dict[tuple[int, str], Decimal]:
    """The straightforward version: every case loaded on its own, its measure fetched per case."""
    from controlling.models import Einzelfall, HSKMassnahme, HSKSoll

    summen: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for fall_id in Einzelfall.objects.order_by("pk").values_list("pk", flat=True):
        fall = Einzelfall.objects.get(pk=fall_id)
        m = HSKMassnahme.objects.get(pk=fall.hsk_massnahme_id)
        if fall.wirkungsbeginn is None:
            continue
        letztes_jahr = max(HSKSoll.objects.filter(hsk_massnahme=m).values_list("jahr", flat=True))
        horizont = date(letztes_jahr, 12, 31)
        von, bis = max(fall.wirkungsbeginn, m.beginn), fall.wirkungsende or horizont
        jahr, monat = von.year, von.month
        while date(jahr, monat, 1) <= min(bis, horizont):
            tage = calendar.monthrange(jahr, monat)[1]
            tage_drin = (min(bis, date(jahr, monat, tage)) - max(von, date(jahr, monat, 1))).days + 1
            summen[(m.pk, f"{jahr:04d}-{monat:02d}")] += (
                (fall.vermiedene_kosten_monat - fall.neue_kosten_monat) * tage_drin / tage
            )
            jahr, monat = (jahr + 1, 1) if monat == 12 else (jahr, monat + 1)
    return {k: v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for k, v in summen.items()}


def main() -> None:
    django_starten()
    from django.db import connection

    from controlling.models import Verlaufsmonat
    from controlling.verlauf_speicher import alle_verlaeufe_speichern

    start = time.perf_counter()
    anzahl = alle_verlaeufe_speichern()
    produkt = time.perf_counter() - start

    start = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(BODEN_SQL)
        boden_zeilen = cur.fetchall()
    boden = time.perf_counter() - start

    gespeichert = {
        (m, monat): b for m, monat, b in Verlaufsmonat.objects.values_list("hsk_massnahme_id", "monat", "brutto")
    }
    boden_werte = {(m, monat): b for m, monat, b in boden_zeilen}
    abweichend = sum(1 for k, b in gespeichert.items() if boden_werte.get(k, 0) != b)

    start = time.perf_counter()
    naive_werte = naiv()
    naiv_zeit = time.perf_counter() - start
    naiv_abweichend = sum(1 for k, v in naive_werte.items() if v and gespeichert.get(k) != v)
    ausgeben(
        {
            "massnahmen": anzahl,
            "monate": len(gespeichert),
            "produkt_s": produkt,
            "boden_s": boden,
            "naiv_s": naiv_zeit,
            "abweichende_monate": abweichend,
            "naiv_abweichende_monate": naiv_abweichend,
        }
    )


if __name__ == "__main__":
    main()
