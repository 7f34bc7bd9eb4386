// Draws the treemap of the Zielpyramide from the JSON the server rendered (no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("zielpyramide-figur");
  const ziel = document.getElementById("zielpyramide-diagramm");
  if (!daten || !ziel || typeof Plotly === "undefined") return;
  const figur = JSON.parse(daten.textContent);
  Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig());
});

// A large pyramid shows its Leitziele; opening a goal loads its direct children from the stored
// tree (the server renders the list). Without script the Steckbrief link inside stays usable.
document.addEventListener(
  "toggle",
  (ev) => {
    const details = ev.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.ebene) return;
    if (details.dataset.geladen) return;
    const platz = details.querySelector(".nachladen__inhalt");
    details.dataset.geladen = "1";
    details.setAttribute("aria-busy", "true");
    fetch(details.dataset.ebene, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then((antwort) => {
        if (!antwort.ok) throw new Error(String(antwort.status));
        return antwort.text();
      })
      .then((html) => {
        platz.innerHTML = html;
      })
      .catch(() => {
        delete details.dataset.geladen;
        const p = document.createElement("p");
        p.setAttribute("role", "alert");
        p.textContent = details.dataset.fehler;
        platz.prepend(p);
      })
      .finally(() => details.removeAttribute("aria-busy"));
  },
  true,
);
