// German date fields (TT.MM.JJJJ): the text field stays the only value; a calendar button next to it
// offers flatpickr (German locale) to pick a day. The picker never rewrites what was typed, so a
// mistyped date reaches the server and gets its German message instead of being silently changed.
(function () {
  const MUSTER = [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, /^(\d{4})-(\d{2})-(\d{2})$/];

  function datumLesen(text) {
    const wert = (text || "").trim();
    for (const [i, muster] of MUSTER.entries()) {
      const t = muster.exec(wert);
      if (!t) continue;
      const [tag, monat, jahr] = i === 0 ? [+t[1], +t[2], +t[3]] : [+t[3], +t[2], +t[1]];
      const d = new Date(jahr, monat - 1, tag);
      if (d.getFullYear() === jahr && d.getMonth() === monat - 1 && d.getDate() === tag) return d;
    }
    return null;
  }

  function einrichten(feld) {
    const beschriftung = feld.labels && feld.labels[0] ? feld.labels[0].textContent.replace(/\(Pflichtfeld\)/, "").trim() : "Datum";
    const knopf = document.createElement("button");
    knopf.type = "button";
    knopf.className = "knopf knopf--zweitrangig datum__knopf";
    knopf.textContent = "Kalender";
    knopf.setAttribute("aria-label", "Kalender öffnen");
    knopf.title = `Kalender: ${beschriftung}`;
    const ablage = document.createElement("input");
    ablage.type = "hidden";
    const gruppe = document.createElement("span");
    gruppe.className = "datum";
    feld.before(gruppe);
    gruppe.append(feld, knopf, ablage);
    const wahl = window.flatpickr(ablage, {
      locale: "de",
      dateFormat: "d.m.Y",
      ariaDateFormat: "j. F Y",
      positionElement: feld,
      clickOpens: false,
      animate: false,
      // Fields may name the days their rule accepts (ISO dates); the server checks the same.
      minDate: datumLesen(feld.dataset.min),
      maxDate: datumLesen(feld.dataset.max),
      onClose: () => { if (document.activeElement && wahl.calendarContainer.contains(document.activeElement)) knopf.focus(); },
      onChange: (tage) => {
        if (!tage.length) return;
        feld.value = wahl.formatDate(tage[0], "d.m.Y");
        feld.dispatchEvent(new Event("change", { bubbles: true }));
        wahl.close();
        feld.focus();
      },
    });
    // flatpickr turns its input into a read-only text field; it only carries the picker, so it goes back
    // to a hidden input (no second, unlabelled field for assistive technology).
    ablage.type = "hidden";
    knopf.addEventListener("click", () => {
      const d = datumLesen(feld.value);
      if (d) wahl.setDate(d, false); else wahl.clear(false);
      wahl.jumpToDate(d || new Date());
      wahl.open();
      // Keyboard users continue in the calendar (arrow keys move between days, Enter picks).
      const tag = [".flatpickr-day.selected", ".flatpickr-day.today", ".flatpickr-day:not(.prevMonthDay)"]
        .map((s) => wahl.calendarContainer.querySelector(s)).find(Boolean);
      if (tag) tag.focus();
    });
  }

  window.datumsfelderEinrichten = () => document.querySelectorAll("input[data-datum]").forEach(einrichten);
})();
