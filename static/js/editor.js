// The report editor: nothing typed is lost.
// - every section's unsaved text is kept as a draft in this browser (localStorage) a second
//   after typing stops and every 5 seconds; coming back, each draft is offered for restoring;
// - leaving the page with unsaved edits asks first (beforeunload, registered only while dirty);
// - a section is saved alone (htmx swaps only that section: the others keep their edits), its
//   error shown beside it;
// - a click (or Enter) on a placeholder inserts it at the caret of the last edited section.
// The texts come from data-* of [data-editor] (the Content Security Policy forbids inline script).
(() => {
  "use strict";
  const root = document.querySelector("[data-editor]");
  if (!root) return;
  const t = root.dataset;
  const prefix = `cchc-draft:${t.draftScope}:`;
  const AUTOSAVE_MS = 5000;
  const DEBOUNCE_MS = 1000;
  let lastEditor = null;
  let guarded = false;
  const timers = new Map();

  const editors = () =>
    Array.from(document.querySelectorAll("[data-editor] textarea.editor:not([readonly])"));
  const sectionOf = (ta) => ta.closest("section[data-key]");
  const keyOf = (ta) => sectionOf(ta).dataset.key;
  const isDirty = (ta) => ta.value !== ta.defaultValue || ta.dataset.unsaved === "1";
  const anyDirty = () => editors().some(isDirty);
  const hhmm = (ms) =>
    new Date(ms).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false });

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage disabled: the leave-page warning still protects the text
    }
  }

  function readDraft(key) {
    const s = storage();
    if (!s) return null;
    try {
      return JSON.parse(s.getItem(prefix + key) || "null");
    } catch (e) {
      return null;
    }
  }

  function dropDraft(key) {
    const s = storage();
    if (s) s.removeItem(prefix + key);
  }

  function storeDraft(ta) {
    const s = storage();
    if (!s || !ta.isConnected || !isDirty(ta)) return; // a replaced (saved) section: no draft
    const at = Date.now();
    try {
      s.setItem(prefix + keyOf(ta), JSON.stringify({ text: ta.value, at }));
    } catch (e) {
      return; // quota: nothing more to do than the leave-page warning
    }
    status(ta, `${t.tAutosaved} ${hhmm(at)}.`);
  }

  function status(ta, text) {
    const el = sectionOf(ta).querySelector(".draft-status");
    if (el) el.textContent = text;
  }

  function onBeforeUnload(ev) {
    if (!anyDirty()) return;
    ev.preventDefault();
    ev.returnValue = ""; // older browsers need it set
  }

  function guard() {
    const dirty = anyDirty();
    if (dirty && !guarded) window.addEventListener("beforeunload", onBeforeUnload);
    if (!dirty && guarded) window.removeEventListener("beforeunload", onBeforeUnload);
    guarded = dirty;
  }

  function markDirty(ta) {
    const section = sectionOf(ta);
    const dirty = isDirty(ta);
    section.classList.toggle("dirty", dirty);
    if (!section.querySelector(".draft-status")) {
      const p = document.createElement("p");
      p.className = "draft-status muted";
      p.setAttribute("aria-live", "polite");
      const form = section.querySelector("form.section-form");
      if (form) form.append(p);
    }
    if (dirty && !readDraft(keyOf(ta))) status(ta, t.tUnsaved);
    if (!dirty) status(ta, "");
    guard();
  }

  function offerRestore(ta) {
    const key = keyOf(ta);
    const draft = readDraft(key);
    if (!draft || typeof draft.text !== "string") return;
    if (draft.text === ta.value) {
      dropDraft(key); // already saved
      return;
    }
    const section = sectionOf(ta);
    const bar = document.createElement("div");
    bar.className = "draft-bar msg msg-warning";
    bar.setAttribute("role", "status");
    const label = document.createElement("span");
    label.textContent = `${t.tDraft} ${hhmm(draft.at)}). `;
    const restore = document.createElement("button");
    restore.type = "button";
    restore.className = "primary draft-restore";
    restore.textContent = t.tRestore;
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "draft-discard";
    discard.textContent = t.tDiscard;
    bar.append(label, restore, " ", discard);
    restore.addEventListener("click", () => {
      ta.value = draft.text;
      bar.remove();
      ta.dispatchEvent(new Event("input", { bubbles: true })); // live preview, dirty mark
      ta.focus();
    });
    discard.addEventListener("click", () => {
      dropDraft(key);
      bar.remove();
      ta.focus();
    });
    const form = section.querySelector("form.section-form");
    (form || section).prepend(bar);
  }

  function insertAtCaret(ta, text) {
    const start = ta.selectionStart ?? ta.value.length;
    const end = ta.selectionEnd ?? start;
    ta.focus();
    ta.setRangeText(text, start, end, "end");
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function targetLabel() {
    const out = document.getElementById("ph-target");
    if (!out || !lastEditor) return;
    const h2 = sectionOf(lastEditor).querySelector("h2");
    out.textContent = `→ ${(h2.firstChild ? h2.firstChild.textContent : h2.textContent).trim()}`;
  }

  // Typing: dirty mark, leave-page guard, draft a second after the last key.
  document.addEventListener("input", (ev) => {
    const ta = ev.target;
    if (!(ta instanceof HTMLTextAreaElement) || !ta.matches("[data-editor] textarea.editor")) return;
    markDirty(ta);
    clearTimeout(timers.get(ta));
    timers.set(ta, setTimeout(() => storeDraft(ta), DEBOUNCE_MS));
  });
  document.addEventListener("focusin", (ev) => {
    if (ev.target instanceof HTMLTextAreaElement && ev.target.matches("[data-editor] textarea.editor:not([readonly])")) {
      lastEditor = ev.target;
      targetLabel();
    }
  });
  setInterval(() => editors().forEach(storeDraft), AUTOSAVE_MS);

  // A section came back from its save: saved → its draft goes; refused → it stays dirty.
  document.body.addEventListener("htmx:afterSwap", (ev) => {
    const old = ev.detail && ev.detail.target; // the replaced section (outerHTML swap)
    const key = old instanceof HTMLElement ? old.dataset.key : undefined;
    const now = key ? document.getElementById(`sec-${key}`) : null;
    if (!now) return;
    const ta = now.querySelector("textarea.editor");
    if (!ta) return;
    if (!now.querySelector(".errorlist")) dropDraft(key);
    else storeDraft(ta);
    if (lastEditor && !lastEditor.isConnected) lastEditor = ta;
    markDirty(ta);
  });

  // Placeholders: click or Enter inserts; the search box filters the list.
  document.addEventListener("click", (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest("[data-insert]") : null;
    if (!button) return;
    ev.preventDefault();
    const ta = lastEditor && lastEditor.isConnected ? lastEditor : null;
    if (!ta) {
      const out = document.getElementById("ph-target");
      if (out) out.textContent = t.tNoTarget;
      return;
    }
    insertAtCaret(ta, `{{ ${button.dataset.insert} }}`);
  });
  const filter = document.querySelector("[data-ph-filter]");
  if (filter) {
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      document.querySelectorAll("#placeholder-list > li").forEach((li) => {
        li.hidden = Boolean(q) && !li.dataset.search.includes(q);
      });
    });
  }

  editors().forEach((ta) => {
    offerRestore(ta);
    if (ta.dataset.unsaved === "1") markDirty(ta);
  });

  // For tests and the curious: whether the page holds unsaved edits and is guarded.
  window.cchcEditor = { dirty: anyDirty, guarded: () => guarded };
})();
