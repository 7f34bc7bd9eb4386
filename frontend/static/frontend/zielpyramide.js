// Draws the treemap of the Zielpyramide from the JSON the server rendered (no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("zielpyramide-figur");
  const ziel = document.getElementById("zielpyramide-diagramm");
  if (!daten || !ziel || typeof Plotly === "undefined") return;
  const figur = JSON.parse(daten.textContent);
  Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig());
});
