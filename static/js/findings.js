// The indicators page: a warning explained in place (htmx swaps its box) keeps the keyboard
// where it was: the new box takes the focus, without scrolling, so Tab goes on from there.
document.addEventListener("DOMContentLoaded", () => {
  document.body.addEventListener("htmx:afterSwap", (ev) => {
    const old = ev.detail && ev.detail.target;
    if (!(old instanceof HTMLElement) || !old.classList.contains("finding") || !old.id) return;
    const box = document.getElementById(old.id);
    if (box) box.focus({ preventScroll: true });
  });
});
