// Progressive enhancement only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Skip link: focus <main> without leaving "#inhalt" in the address. Otherwise a form posted after
  // the jump reloads with the fragment, and the browser's jump takes the focus from the first error.
  const sprung = document.querySelector(".skiplink");
  const inhalt = document.getElementById("inhalt");
  if (sprung && inhalt) {
    sprung.addEventListener("click", (ev) => { ev.preventDefault(); inhalt.focus(); inhalt.scrollIntoView(); });
  }
  // The first invalid field receives focus so screen readers announce its error.
  const ersterFehler = document.querySelector('[aria-invalid="true"]');
  if (ersterFehler) ersterFehler.focus();
  // Confirm dangerous actions declared with data-bestaetigen.
  document.querySelectorAll("form[data-bestaetigen]").forEach((form) => {
    form.addEventListener("submit", (ev) => {
      if (!window.confirm(form.dataset.bestaetigen)) ev.preventDefault();
    });
  });
  // Wide tables scroll inside their own frame, not the whole page (reflow at 320 px, WCAG 1.4.10).
  // A frame that actually scrolls becomes a named, focusable region so keyboard users can scroll it.
  const rahmen = [...document.querySelectorAll("main table")].map((tabelle) => {
    const r = document.createElement("div");
    r.className = "tabellenrahmen";
    tabelle.parentNode.insertBefore(r, tabelle);
    r.appendChild(tabelle);
    return r;
  });
  const rahmenPruefen = () => rahmen.forEach((r) => {
    if (r.scrollWidth > r.clientWidth + 1) {
      r.setAttribute("tabindex", "0");
      r.setAttribute("role", "region");
      const titel = r.querySelector("caption");
      r.setAttribute("aria-label", titel ? titel.textContent.trim() : "Tabelle");
    } else {
      ["tabindex", "role", "aria-label"].forEach((a) => r.removeAttribute(a));
    }
  });
  rahmenPruefen();
  window.addEventListener("resize", rahmenPruefen);
  // Printing shows everything: closed <details> (drill-downs, data tables) open for the print and close again after.
  let zuGeoeffnet = [];
  window.addEventListener("beforeprint", () => {
    zuGeoeffnet = [...document.querySelectorAll("main details:not([open])")];
    zuGeoeffnet.forEach((d) => { d.open = true; });
  });
  window.addEventListener("afterprint", () => { zuGeoeffnet.forEach((d) => { d.open = false; }); zuGeoeffnet = []; });
  // Disable submit buttons after the first click: no double submissions.
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll('button[type="submit"]').forEach((b) => { b.dataset.gesendet = "1"; setTimeout(() => { b.disabled = true; }, 0); });
    });
  });
});
