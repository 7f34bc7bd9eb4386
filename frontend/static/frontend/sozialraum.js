// Draws the Sozialraum figures built in Python (json_script) with the local plotly.js.
// The page works without it: each figure has a text alternative and a data table.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.Plotly) return;
  document.querySelectorAll("[data-diagramm]").forEach((ziel) => {
    const quelle = document.getElementById(ziel.dataset.diagramm);
    if (!quelle) return;
    const figur = JSON.parse(quelle.textContent);
    window.Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig({ displayModeBar: false, scrollZoom: false }));
  });
});
