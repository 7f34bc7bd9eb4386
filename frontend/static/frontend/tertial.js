// Tertial pages: draw the Kennzahl chart from server-rendered JSON (figure built in Python).
document.addEventListener("DOMContentLoaded", () => {
  const daten = document.getElementById("kennzahl-figur");
  const ziel = document.getElementById("kennzahl-diagramm");
  if (daten && ziel && typeof Plotly !== "undefined") {
    const figur = JSON.parse(daten.textContent);
    Plotly.newPlot(ziel, figur.data, figur.layout, window.diagrammKonfig());
  }
});

// Entry form: preview of a rate computed from Zähler and Nenner (the server computes the stored value).
document.addEventListener("DOMContentLoaded", () => {
  const zahl = (text) => {
    const t = (text || "").trim().replace(/\./g, "").replace(",", ".");
    return t === "" ? NaN : Number(t);
  };
  document.querySelectorAll("output[data-skalierung]").forEach((ausgabe) => {
    const zaehler = document.getElementById(ausgabe.dataset.zaehler);
    const nenner = document.getElementById(ausgabe.dataset.nenner);
    if (!zaehler || !nenner) return;
    const rechnen = () => {
      const z = zahl(zaehler.value);
      const n = zahl(nenner.value);
      ausgabe.textContent = Number.isFinite(z) && Number.isFinite(n) && n > 0
        ? (z / n * Number(ausgabe.dataset.skalierung)).toLocaleString("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        : "–";
    };
    zaehler.addEventListener("input", rechnen);
    nenner.addEventListener("input", rechnen);
  });
});
