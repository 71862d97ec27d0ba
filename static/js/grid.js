// Spreadsheet-like entry (records/grid.py): each cell is saved when it changes, keyboard moves
// between cells like a spreadsheet. Works with the section's own validation and history.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.entry-grid").forEach((grid) => {
    const t = grid.dataset;
    const status = document.getElementById("grid-status");
    if (t.readonly === "1") {
      grid.querySelectorAll("[data-field]").forEach((el) => { el.disabled = true; });
      return;
    }
    const cellsOf = (row) => Array.from(row.querySelectorAll("[data-field]"));
    const rows = () => Array.from(grid.tBodies[0].rows);

    function say(text) { if (status) status.textContent = text; }

    function showErrors(row, errors) {
      cellsOf(row).forEach((el) => {
        const msgs = (errors || {})[el.dataset.field];
        const slot = document.getElementById(el.getAttribute("aria-describedby"));
        if (msgs && msgs.length) {
          el.setAttribute("aria-invalid", "true");
          if (slot) slot.textContent = msgs.join(" ");
        } else {
          el.removeAttribute("aria-invalid");
          if (slot) slot.textContent = "";
        }
      });
    }

    async function save(row, changed) {
      const body = new FormData();
      body.append("pk", row.dataset.pk || "");
      body.append("version", row.dataset.version || "");
      body.append("key", row.dataset.key || "");
      body.append("changed", changed.dataset.field);
      cellsOf(row).forEach((el) => {
        if (el.type === "checkbox") { if (el.checked) body.append(`f_${el.dataset.field}`, "on"); }
        else body.append(`f_${el.dataset.field}`, el.value);
      });
      row.classList.add("saving");
      row.setAttribute("aria-busy", "true");
      let data;
      try {
        const resp = await fetch(t.saveUrl, {
          method: "POST", body, credentials: "same-origin",
          headers: { "X-CSRFToken": t.csrf, Accept: "application/json" },
        });
        data = await resp.json();
      } catch (e) {
        data = { ok: false, message: t.textError };
      }
      row.classList.remove("saving");
      row.removeAttribute("aria-busy");
      const label = row.querySelector("th[scope=row]");
      const what = label ? label.textContent.trim() : "";
      if (data.ok) {
        const isNew = !row.dataset.pk;
        row.dataset.pk = data.pk;
        row.dataset.version = data.version;
        row.classList.remove("row-error");
        row.classList.add("row-saved");
        showErrors(row, {});
        cellsOf(row).forEach((el) => {
          const v = (data.values || {})[el.dataset.field];
          if (el !== document.activeElement && el.type !== "checkbox" && v !== undefined) el.value = v;
        });
        const st = row.querySelector(".grid-row-status");
        if (st && data.history_url) st.innerHTML = "";
        if (st && data.history_url) {
          const a = document.createElement("a");
          a.href = data.history_url; a.className = "muted"; a.textContent = t.textSaved;
          st.append(a);
        }
        say(`${t.textSaved}${what ? ": " + what : ""}`);
        if (isNew && !row.dataset.key) addBlankRow(row);
      } else {
        if (data.version) row.dataset.version = data.version;
        row.classList.add("row-error");
        row.classList.remove("row-saved");
        showErrors(row, data.errors);
        const msgs = Object.values(data.errors || {}).flat();
        say(`${t.textFailed}${what ? " (" + what + ")" : ""}: ${[data.message, ...msgs].filter(Boolean).join(" ")}`);
      }
    }

    function addBlankRow(saved) {
      // The saved blank row became a record: offer a new blank row below it.
      const fresh = saved.cloneNode(true);
      const index = rows().length;
      fresh.dataset.pk = ""; fresh.dataset.version = ""; fresh.dataset.row = String(index);
      fresh.classList.remove("row-saved", "row-error");
      cellsOf(fresh).forEach((el) => {
        if (el.type === "checkbox") el.checked = false; else if (el.tagName === "SELECT") el.selectedIndex = 0; else el.value = "";
        el.removeAttribute("aria-invalid");
        const old = el.getAttribute("aria-describedby") || "";
        const id = old.replace(/^r\d+-/, `r${index}-`);
        el.setAttribute("aria-describedby", id);
        if (el.id) el.id = el.id.replace(/^id_r\d+-/, `id_r${index}-`);
      });
      fresh.querySelectorAll(".cell-error").forEach((slot) => {
        slot.textContent = ""; slot.id = slot.id.replace(/^r\d+-/, `r${index}-`);
      });
      const st = fresh.querySelector(".grid-row-status");
      if (st) st.textContent = "";
      saved.after(fresh);
    }

    grid.addEventListener("change", (ev) => {
      const el = ev.target.closest("[data-field]");
      if (el) save(el.closest("tr"), el);
    });

    function move(el, dRow, dCol) {
      const row = el.closest("tr");
      const all = rows();
      const r = all.indexOf(row) + dRow;
      const cells = cellsOf(row);
      const c = cells.indexOf(el) + dCol;
      if (r < 0 || r >= all.length) return false;
      const target = cellsOf(all[r])[Math.max(0, Math.min(c, cells.length - 1))];
      if (!target) return false;
      target.focus();
      if (target.select && target.type !== "checkbox" && target.tagName !== "SELECT") target.select();
      return true;
    }

    grid.addEventListener("keydown", (ev) => {
      const el = ev.target.closest("[data-field]");
      if (!el || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      const text = el.tagName === "INPUT" && el.type !== "checkbox";
      const atStart = text && el.selectionStart === 0 && el.selectionEnd === 0;
      const atEnd = text && el.selectionStart === el.value.length;
      let moved = false;
      if (ev.key === "Enter") moved = move(el, ev.shiftKey ? -1 : 1, 0) || true;
      else if (ev.key === "ArrowDown" && el.tagName !== "SELECT") moved = move(el, 1, 0);
      else if (ev.key === "ArrowUp" && el.tagName !== "SELECT") moved = move(el, -1, 0);
      else if (ev.key === "ArrowLeft" && (!text || atStart) && el.tagName !== "SELECT") moved = move(el, 0, -1);
      else if (ev.key === "ArrowRight" && (!text || atEnd) && el.tagName !== "SELECT") moved = move(el, 0, 1);
      if (moved) ev.preventDefault();
    });
  });
});
