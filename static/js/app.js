// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (ev) => {
      if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
    });
  });
  // Selects that switch the page (unit, period, language) submit their form on change
  // (no inline onchange=: the Content Security Policy allows no inline script).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form && select.form.submit());
  });
  // Mark the current sub-navigation link.
  document.querySelectorAll(".subnav a").forEach((a) => {
    if (a.getAttribute("href") === window.location.pathname) a.classList.add("active");
  });
});
