// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (ev) => {
      if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
    });
  });
  // Mark the current sub-navigation link.
  document.querySelectorAll(".subnav a").forEach((a) => {
    if (a.getAttribute("href") === window.location.pathname) a.classList.add("active");
  });
});
