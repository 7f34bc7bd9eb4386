// Row tables of a formset (HSK-Maßnahme: Soll, Stellen, Ablaufschritte): "Zeile hinzufügen" clones the
// formset's empty row from its <template> and counts it in the management form's TOTAL_FORMS.
// Without JavaScript the server's blank rows suffice; the server ignores rows left blank.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table[data-zeilen]").forEach((tabelle) => {
    const prefix = tabelle.dataset.zeilen;
    const vorlage = document.getElementById(`leer-${prefix}`);
    const gesamt = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const hoechstens = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
    if (!vorlage || !gesamt) return;
    const knopf = document.createElement("button");
    knopf.type = "button";
    knopf.className = "knopf knopf--zweitrangig";
    knopf.textContent = tabelle.dataset.knopf;
    const rahmen = tabelle.parentElement.classList.contains("tabellenrahmen") ? tabelle.parentElement : tabelle;
    rahmen.after(knopf);
    knopf.addEventListener("click", () => {
      const index = Number(gesamt.value);
      if (hoechstens && index >= Number(hoechstens.value)) return;
      const html = vorlage.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__nr__", String(index + 1));
      tabelle.tBodies[0].insertAdjacentHTML("beforeend", html);
      gesamt.value = String(index + 1);
      const erstes = tabelle.tBodies[0].lastElementChild.querySelector("input, select, textarea");
      if (erstes) erstes.focus();
    });
  });
});
