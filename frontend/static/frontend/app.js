// Progressive enhancement only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The first invalid field receives focus so screen readers announce its error.
  const ersterFehler = document.querySelector('[aria-invalid="true"]');
  if (ersterFehler) ersterFehler.focus();
  // Confirm dangerous actions declared with data-bestaetigen.
  document.querySelectorAll("form[data-bestaetigen]").forEach((form) => {
    form.addEventListener("submit", (ev) => {
      if (!window.confirm(form.dataset.bestaetigen)) ev.preventDefault();
    });
  });
  // Disable submit buttons after the first click: no double submissions.
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll('button[type="submit"]').forEach((b) => { b.dataset.gesendet = "1"; setTimeout(() => { b.disabled = true; }, 0); });
    });
  });
});
