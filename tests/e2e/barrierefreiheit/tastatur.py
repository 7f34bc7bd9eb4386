"""Keyboard-only helpers for the browser tests: Tab until a target has focus, check the focus ring.

No mouse and no `.click()`: only `keyboard.press` / `keyboard.type`.
"""

from __future__ import annotations

from demo.daten.organisation import DEMO_PASSWORT

# Reads the focused element: tag, id, name, text, href and whether a focus indicator is drawn.
_FOKUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  let deckkraft = 1;
  for (let x = e; x && x.nodeType === 1; x = x.parentElement) deckkraft = Math.min(deckkraft, parseFloat(getComputedStyle(x).opacity));
  const rahmen = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const schatten = s.boxShadow && s.boxShadow !== "none";
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || "", href: e.getAttribute("href") || "",
          text: (e.innerText || e.value || "").trim().slice(0, 120),
          label: e.labels && e.labels.length ? e.labels[0].innerText.trim() : "",
          sichtbar: (rahmen || schatten) && deckkraft > 0.9};
}"""

INTERAKTIV = {"a", "button", "input", "select", "textarea", "summary"}


def fokus(page) -> dict | None:
    return page.evaluate(_FOKUS_JS)


def pruefe_fokus_sichtbar(page) -> dict:
    f = fokus(page)
    assert f is not None, "kein Element hat den Fokus"
    if f["tag"] in INTERAKTIV:
        assert f["sichtbar"], f"Fokus nicht sichtbar auf {f}"
    return f


def tab_bis(page, passt, *, max_schritte: int = 250, rueckwaerts: bool = False, schon_da: bool = True) -> dict:
    """Press Tab (or Shift+Tab) until `passt(fokus)` is true; every step must show the focus.

    With `schon_da`, an element that already has the focus (autofocus, focus after an error) counts.
    """
    taste = "Shift+Tab" if rueckwaerts else "Tab"
    if schon_da:
        f = fokus(page)
        if f is not None and passt(f):
            return pruefe_fokus_sichtbar(page)
    besucht = []
    for _ in range(max_schritte):
        page.keyboard.press(taste)
        f = pruefe_fokus_sichtbar(page)
        besucht.append(f"{f['tag']}:{f['text'] or f['label'] or f['name']}"[:60])
        if passt(f):
            return f
    raise AssertionError(f"Ziel nach {max_schritte} Tabs nicht erreicht; zuletzt: {besucht[-8:]}")


def anmelden(seite, username: str, passwort: str = DEMO_PASSWORT, *, pfad: str = "/anmelden/") -> None:
    """Log in with the keyboard only: the login form's first field is reached by Tab."""
    page = seite.page
    if pfad:
        seite.besuchen(pfad, barrierefrei=False)
    tab_bis(page, lambda f: f["name"] == "username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert fokus(page)["name"] == "password"
    page.keyboard.type(passwort)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "/anmelden/" not in page.url, f"Anmeldung als {username} fehlgeschlagen"


def enter(page) -> None:
    """Press Enter on the focused link/button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
