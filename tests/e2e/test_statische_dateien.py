"""Browser: with the production storage a second visit loads no script or style sheet from the server.

pytest-django's live_server serves static files itself (without WhiteNoise), so this test runs its
own server thread over the whole middleware stack with the collected, content-hashed files and
records every path the server is asked for.
"""

from __future__ import annotations

import pytest
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

from demo.daten import organisation as organisation_demo
from demo.daten import steuerung as steuerung_demo
from demo.daten.organisation import DEMO_PASSWORT
from tests.statische_produktion import sammeln

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def produktionsserver(tmp_path):
    einstellungen = sammeln(tmp_path / "static")
    pfade: list[str] = []

    def mitschneiden(anwendung):
        def wsgi(environ, start_response):
            pfade.append(environ["PATH_INFO"])
            return anwendung(environ, start_response)

        return wsgi

    geteilt = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    with override_settings(**einstellungen):
        server = LiveServerThread("localhost", mitschneiden, connections_override=geteilt)
        server.daemon = True
        for c in geteilt.values():
            c.inc_thread_sharing()
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            yield f"http://localhost:{server.port}", pfade
        finally:
            server.terminate()
            for c in geteilt.values():
                c.dec_thread_sharing()


def _statisch(pfade: list[str]) -> list[str]:
    return [p for p in pfade if p.startswith("/static/")]


def test_zweiter_besuch_laedt_kein_skript_vom_server(browser, produktionsserver):
    organisation_demo.laden()
    steuerung_demo.laden()
    basis, pfade = produktionsserver
    kontext = browser.new_context(locale="de-DE", viewport={"width": 1366, "height": 900})
    page = kontext.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(basis + "/anmelden/")
        page.get_by_label("Benutzername").fill("steuerung")
        page.get_by_label("Passwort").fill(DEMO_PASSWORT)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state("networkidle")
        # Pages with plotly, the page scripts and the date picker app.js loads by hashed URL.
        besuche = ["/zielpyramide/?jahr=2025", "/hsk/portfolio/?jahr=2026"]
        for pfad in besuche:
            page.goto(basis + pfad)
            page.wait_for_load_state("networkidle")
        erste = _statisch(pfade)
        assert any("/static/vendor/plotly.min." in p for p in erste), erste
        assert any("/static/frontend/vendor/flatpickr/flatpickr.min." in p for p in erste), erste
        assert all(p.count(".") >= 2 for p in erste), erste  # only content-hashed names were asked for

        pfade.clear()
        for pfad in besuche:
            page.goto(basis + pfad)
            page.wait_for_load_state("networkidle")
        assert "/zielpyramide/" in pfade and "/hsk/portfolio/" in pfade  # the pages themselves came again
        assert _statisch(pfade) == [], _statisch(pfade)
        # The scripts ran from the cache: the date picker's calendar button is there again.
        page.wait_for_selector(".datum__knopf")
        page.goto(basis + besuche[0])
        page.wait_for_selector("#zielpyramide-diagramm .main-svg")
        assert _statisch(pfade) == [], _statisch(pfade)
    finally:
        kontext.close()
