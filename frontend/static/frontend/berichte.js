// Tertialbericht pages: draw the Zielerreichungsgrad chart from server-rendered JSON (table below has the numbers).
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("bericht-figur");
  const ziel = document.getElementById("bericht-diagramm");
  if (daten && ziel && typeof Plotly !== "undefined") {
    const figur = JSON.parse(daten.textContent);
    Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig({ displayModeBar: false }));
  }
});
