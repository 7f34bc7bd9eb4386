// Tertial pages: draw the Kennzahl chart from server-rendered JSON (figure built in Python).
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("kennzahl-figur");
  const ziel = document.getElementById("kennzahl-diagramm");
  if (daten && ziel && typeof Plotly !== "undefined") {
    const figur = JSON.parse(daten.textContent);
    Plotly.newPlot(ziel, figur.data, figur.layout, { displaylogo: false, responsive: true });
  }
});
