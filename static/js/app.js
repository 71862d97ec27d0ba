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
  // The browser's own validation bubbles and file chooser speak the browser's language; the
  // portal's texts (data-* of <body>, translated by Django) replace them.
  const texts = document.body.dataset;
  document.addEventListener(
    "invalid",
    (ev) => {
      const el = ev.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return;
      if (el.validity.valueMissing) el.setCustomValidity(texts.msgRequired || "");
      else if (el.validity.patternMismatch && el.placeholder)
        el.setCustomValidity(`${texts.msgFormat || ""} ${el.placeholder}`);
      else if (!el.validity.customError) el.setCustomValidity(texts.msgInvalid || "");
    },
    true,
  );
  document.addEventListener("input", (ev) => {
    if (ev.target && ev.target.setCustomValidity) ev.target.setCustomValidity("");
  });
  document.addEventListener("change", (ev) => {
    if (ev.target && ev.target.setCustomValidity) ev.target.setCustomValidity("");
  });
  document.querySelectorAll("input[type=file]").forEach((input) => {
    const wrap = document.createElement("span");
    wrap.className = "file-pick";
    const button = document.createElement("label");
    button.className = "button file-button";
    button.htmlFor = input.id;
    button.textContent = texts.fileChoose || "…";
    const name = document.createElement("span");
    name.className = "file-name";
    name.setAttribute("aria-live", "polite");
    name.textContent = texts.fileNone || "";
    input.classList.add("file-native");
    input.parentNode.insertBefore(wrap, input);
    wrap.append(input, button, name);
    input.addEventListener("change", () => {
      name.textContent = input.files && input.files.length
        ? Array.from(input.files).map((f) => f.name).join(", ")
        : texts.fileNone || "";
    });
  });
  // On a phone the tables are stacked cards: each cell is labelled by its column's header.
  document.querySelectorAll("table.grid:not(.entry-grid)").forEach((table) => {
    const heads = table.tHead ? Array.from(table.tHead.rows[0]?.cells || []) : [];
    if (!heads.length) return;
    table.classList.add("stacked");
    Array.from(table.tBodies).forEach((body) => {
      Array.from(body.rows).forEach((row) => {
        let col = 0;
        Array.from(row.cells).forEach((cell) => {
          const head = heads[col];
          if (head && !cell.hasAttribute("data-label") && cell.colSpan === 1) {
            cell.setAttribute("data-label", head.textContent.trim());
          }
          col += cell.colSpan || 1;
        });
      });
    });
  });
  // Mark the current sub-navigation link.
  document.querySelectorAll(".subnav a").forEach((a) => {
    if (a.getAttribute("href") === window.location.pathname) a.classList.add("active");
  });
});
