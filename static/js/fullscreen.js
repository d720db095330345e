// The "Full screen" button of the projector pages, for whoever sets the projector up: it shows
// when the mouse moves, hides after a few idle seconds and while the page is full screen, and
// the key `f` toggles full screen. Without the Fullscreen API it never shows.

const IDLE_MS = 3000;

function toggle() {
  if (document.fullscreenElement) return document.exitFullscreen().catch(() => {});
  return document.documentElement.requestFullscreen().catch(() => {});
}

/** A key press that is only `f`, outside any text field. */
function isToggleKey(event) {
  if (event.key !== "f" && event.key !== "F") return false;
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return false;
  return !event.target.closest || !event.target.closest("input, textarea, select, [contenteditable]");
}

/**
 * Wire the button (templates/projector/_fullscreen.html); `onChange()` runs after the page
 * enters or leaves full screen (charts measure themselves again).
 */
export function fullScreenButton(button, onChange = () => {}) {
  if (!button) return;
  if (!document.fullscreenEnabled || !document.documentElement.requestFullscreen) {
    button.hidden = true;
    return;
  }
  button.hidden = false;
  let idle = null;
  const hide = () => {
    clearTimeout(idle);
    button.classList.remove("is-shown");
  };
  const show = () => {
    if (document.fullscreenElement) return hide();
    button.classList.add("is-shown");
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (!button.matches(":hover, :focus-visible")) hide();
      else show();
    }, IDLE_MS);
    return undefined;
  };
  button.addEventListener("click", toggle);
  button.addEventListener("focus", show);
  document.addEventListener("mousemove", show, { passive: true });
  document.addEventListener("pointerdown", show, { passive: true });
  document.addEventListener("keydown", (event) => {
    if (!isToggleKey(event)) return;
    event.preventDefault();
    toggle();
  });
  document.addEventListener("fullscreenchange", () => {
    show(); // hidden in full screen; shown a moment after leaving it, to go back in
    onChange();
  });
  show(); // whoever just opened the page sees where it is
}
