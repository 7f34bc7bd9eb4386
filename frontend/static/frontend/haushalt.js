// Finanzdatenblatt: draw the Zuschussbedarf chart from server-rendered JSON (the table below has the same numbers).
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("hh-figur");
  const ziel = document.getElementById("hh-diagramm");
  if (daten && ziel && typeof Plotly !== "undefined") {
    const figur = JSON.parse(daten.textContent);
    Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig());
  }
});
