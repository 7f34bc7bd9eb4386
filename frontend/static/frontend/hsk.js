// HSK pages: draw the controlling chart from server-rendered JSON; refresh a running recomputation.
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("hsk-figur");
  const ziel = document.getElementById("hsk-diagramm");
  if (daten && ziel && typeof Plotly !== "undefined") {
    const figur = JSON.parse(daten.textContent);
    Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig());
  }
  // Progress of the full recomputation: reload every two seconds while it runs (at most 5 minutes).
  const auftrag = document.getElementById("hsk-auftrag");
  if (auftrag && auftrag.dataset.laeuft === "1") {
    const start = Number(sessionStorage.getItem("hskAuftragStart") || Date.now());
    sessionStorage.setItem("hskAuftragStart", String(start));
    if (Date.now() - start < 5 * 60 * 1000) setTimeout(() => window.location.reload(), 2000);
  } else {
    sessionStorage.removeItem("hskAuftragStart");
  }
});
