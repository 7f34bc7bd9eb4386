// Progressive enhancement only; every page works without JavaScript.

// Charts: one plotly configuration for every page (German tool tips, nothing that uploads data to a
// cloud service, no selection tools nobody needs). Defined at load time: the pages draw their charts
// on DOMContentLoaded, after this file ran.
if (window.Plotly) {
  window.Plotly.register({
    moduleType: "locale",
    name: "de",
    dictionary: {
      "Download plot as a PNG": "Als PNG herunterladen",
      "Download plot": "Diagramm herunterladen",
      "Zoom": "Zoomen",
      "Pan": "Verschieben",
      "Zoom in": "Vergrößern",
      "Zoom out": "Verkleinern",
      "Autoscale": "Automatisch skalieren",
      "Reset axes": "Achsen zurücksetzen",
      "Reset view": "Ansicht zurücksetzen",
      "Reset": "Zurücksetzen",
      "Double-click to zoom back out": "Doppelklick: zurück zur Gesamtansicht",
      "Produced with Plotly.js": "Erstellt mit Plotly.js",
    },
    format: {
      days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
      shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
      months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
      shortMonths: ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
      date: "%d.%m.%Y",
      decimal: ",",
      thousands: ".",
    },
  });
}
window.diagrammKonfig = (weitere = {}) => ({
  locale: "de",
  responsive: true,
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtonsToRemove: [
    "sendDataToCloud", "editInChartStudio", "select2d", "lasso2d", "toggleSpikelines",
    "hoverClosestCartesian", "hoverCompareCartesian",
  ],
  ...weitere,
});

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
  // Below 768 px the main navigation folds behind a menu button.
  const menue = document.querySelector(".menueknopf");
  if (menue) {
    document.documentElement.classList.add("mit-menueknopf");
    menue.addEventListener("click", () => {
      const offen = menue.getAttribute("aria-expanded") !== "true";
      menue.setAttribute("aria-expanded", String(offen));
      menue.closest("nav").classList.toggle("offen", offen);
    });
  }
  // Below 480 px a chart is too small to read: its data table comes first (and opens).
  const schmal = window.matchMedia("(max-width: 480px)");
  const paare = [...document.querySelectorAll("figure[data-datentabelle]")].map((figur) => {
    const ziel = document.getElementById(figur.dataset.datentabelle);
    if (!ziel) return null;
    const element = ziel.parentElement.classList.contains("tabellenrahmen") ? ziel.parentElement : ziel;
    const marke = document.createComment("datentabelle");
    element.before(marke);
    return { figur, element, marke };
  }).filter(Boolean);
  const anordnen = () => paare.forEach(({ figur, element, marke }) => {
    if (schmal.matches) {
      figur.before(element);
      if (element.tagName === "DETAILS") element.open = true;
    } else {
      marke.after(element);
    }
  });
  anordnen();
  schmal.addEventListener("change", anordnen);
  // Printing shows everything: closed <details> (drill-downs, data tables) open for the print and close again after.
  let zuGeoeffnet = [];
  window.addEventListener("beforeprint", () => {
    zuGeoeffnet = [...document.querySelectorAll("main details:not([open])")];
    zuGeoeffnet.forEach((d) => { d.open = true; });
  });
  window.addEventListener("afterprint", () => { zuGeoeffnet.forEach((d) => { d.open = false; }); zuGeoeffnet = []; });
  // Dependent choices: a list offers only the options belonging to the controlling field's current keys
  // (frontend/forms/auswahl.py). The server scopes and checks the same; this only spares wrong picks.
  document.querySelectorAll("select[data-abhaengig-von]").forEach((liste) => {
    const steuer = document.getElementById(liste.dataset.abhaengigVon);
    if (!steuer) return;
    const schluessel = () => {
      if (steuer.tagName === "SELECT") {
        const gewaehlt = steuer.selectedOptions[0];
        if (!gewaehlt || !gewaehlt.value) return null;
        return (gewaehlt.dataset.schluessel || gewaehlt.value).split(" ");
      }
      return steuer.value.trim() ? [steuer.value.trim()] : null;
    };
    const eingrenzen = () => {
      const erlaubt = schluessel();
      [...liste.options].forEach((option) => {
        if (!option.value || option.dataset.gehoert === undefined) return;
        const passt = !erlaubt || option.dataset.gehoert.split(" ").some((k) => erlaubt.includes(k));
        option.hidden = !passt;
        option.disabled = !passt;
        if (!passt && option.selected) liste.value = "";
      });
    };
    steuer.addEventListener("change", eingrenzen);
    steuer.addEventListener("input", eingrenzen);
    eingrenzen();
  });
  // German date fields get a calendar; its scripts load only on pages that have such a field.
  if (document.querySelector("input[data-datum]")) {
    const q = document.body.dataset;
    const laden = (src) => new Promise((fertig) => {
      const s = document.createElement("script"); s.src = src; s.onload = fertig; document.head.appendChild(s);
    });
    const css = document.createElement("link"); css.rel = "stylesheet"; css.href = q.datumCss; document.head.appendChild(css);
    laden(q.datumJs).then(() => laden(q.datumDe)).then(() => laden(q.datumFeld)).then(() => window.datumsfelderEinrichten());
  }
  // Disable submit buttons after the first click: no double submissions.
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll('button[type="submit"]').forEach((b) => { b.dataset.gesendet = "1"; setTimeout(() => { b.disabled = true; }, 0); });
    });
  });
});
