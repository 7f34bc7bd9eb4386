"""Browser tests: real headless Debian Chromium driven by Playwright, against live_server.

Every page visited through `seite.besuchen()` is checked with axe-core: no violations of
impact "serious" or "critical". Screenshots of each role's main page go to docs/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM_PFAD", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Accepted axe findings below "serious" are reported in the test output, not failures.
SCHWERE_VERSTOESSE = {"serious", "critical"}

_axe = Axe()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium fehlt unter {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Seite:
    """A logged-in (or anonymous) browser tab with helpers for navigation and checks."""

    def __init__(self, page, basis_url: str):
        self.page = page
        self.basis_url = basis_url

    def besuchen(self, pfad: str, *, barrierefrei: bool = True):
        antwort = self.page.goto(self.basis_url + pfad)
        if barrierefrei:
            self.pruefe_barrierefreiheit()
        return antwort

    def anmelden(self, username: str, passwort: str) -> None:
        self.besuchen("/anmelden/")
        self.page.get_by_label("Benutzername").fill(username)
        self.page.get_by_label("Passwort").fill(passwort)
        self.page.get_by_role("button", name="Anmelden").click()
        self.page.wait_for_load_state("networkidle")

    def pruefe_barrierefreiheit(self) -> None:
        ergebnis = _axe.run(self.page)
        schwer = [v for v in ergebnis.response["violations"] if v.get("impact") in SCHWERE_VERSTOESSE]
        details = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}" for v in schwer]
        assert not schwer, f"axe-Verstöße auf {self.page.url}:\n" + "\n".join(details)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        ziel = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(ziel), full_page=True)
        return ziel


@pytest.fixture
def seite(browser, live_server):
    kontext = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1366, "height": 900})
    page = kontext.new_page()
    page.set_default_timeout(15_000)
    yield Seite(page, live_server.url)
    kontext.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
