"""Benchmark 3 (child process): Tertialbericht PDF with 500 and with 50 Kennzahlen and their chart, and a
published report regenerated from its snapshot (must give the stored bytes).

Reference: a one-page WeasyPrint document in the same process (the fixed cost of the PDF engine).
"""

from __future__ import annotations

import hashlib
import time

from bench.umgebung import ausgeben, django_starten

KENNZAHLEN, WENIGE = 500, 50


def main() -> None:
    django_starten()
    from weasyprint import HTML

    from organisation.models import Organisationseinheit
    from steuerung.berichte.inhalt import inhalt_bauen, kennzahlzeilen
    from steuerung.berichte.pdf import pdf_erzeugen
    from steuerung.models import Veroeffentlichung
    from steuerung.models.berichte import kanonisches_json

    start = time.perf_counter()
    HTML(string="<html lang='de'><body><h1>Referenz</h1><p>Eine Seite.</p></body></html>").write_pdf()
    referenz = time.perf_counter() - start

    # The first Amt (about 830 Kennzahlen at faktor 1; its first 500 make the report, its first 50 the small one).
    amt = Organisationseinheit.objects.get(kuerzel="GS 50")
    start = time.perf_counter()
    alle = kennzahlzeilen(organisationseinheit=amt, periode="2026-T2")
    zeilen = alle[:KENNZAHLEN]
    daten = inhalt_bauen(organisationseinheit=amt, periode="2026-T2", zeilen=zeilen)
    inhalt_zeit = time.perf_counter() - start

    def erzeugen(daten: dict) -> tuple[bytes, float, float]:
        text = kanonisches_json(daten)
        start, cpu = time.perf_counter(), time.process_time()
        pdf = pdf_erzeugen(
            daten | {"bericht": daten["bericht"] | {"veroeffentlicht_am": "2026-09-01T10:00:00+02:00"}},
            inhalt_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        return pdf, time.perf_counter() - start, time.process_time() - cpu

    pdf, pdf_zeit, pdf_cpu = erzeugen(daten)
    klein = inhalt_bauen(organisationseinheit=amt, periode="2026-T2", zeilen=alle[:WENIGE])
    _pdf, klein_zeit, klein_cpu = erzeugen(klein)

    veroeffentlichung = Veroeffentlichung.objects.order_by("-pk").first()
    neu_zeit, gleich, snapshot_kennzahlen = None, None, None
    if veroeffentlichung is not None:
        start = time.perf_counter()
        neu = pdf_erzeugen(veroeffentlichung.daten, inhalt_hash=veroeffentlichung.inhalt_hash)
        neu_zeit = time.perf_counter() - start
        gleich = bytes(neu) == bytes(veroeffentlichung.pdf)
        snapshot_kennzahlen = veroeffentlichung.daten["zusammenfassung"]["anzahl"]
    ausgeben(
        {
            "kennzahlen": len(zeilen),
            "inhalt_s": inhalt_zeit,
            "pdf_s": pdf_zeit,
            "pdf_cpu_s": pdf_cpu,
            "wenige": WENIGE,
            "wenige_s": klein_zeit,
            "wenige_cpu_s": klein_cpu,
            "pdf_bytes": len(pdf),
            "referenz_s": referenz,
            "snapshot_kennzahlen": snapshot_kennzahlen,
            "snapshot_pdf_s": neu_zeit,
            "snapshot_bytegleich": gleich,
        }
    )


if __name__ == "__main__":
    main()
