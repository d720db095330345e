// The phone's language chooser: links to ?lang=xx (the server remembers the choice in a
// cookie); the choice is also kept in localStorage, so a phone whose cookie was cleared
// comes back to its language. Scripts may keep unsent work before the page reloads.

import { LANG } from "./i18n.js";

const KEY = "facilitator.lang";
const CODES = ["en", "fr", "ur"];
const keepers = [];

function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Run fn just before the page reloads in another language (to keep drafts). */
export function beforeSwitch(fn) {
  keepers.push(fn);
}

function remember(code) {
  const s = store();
  if (s) s.setItem(KEY, code);
}

function start() {
  const url = new URL(window.location.href);
  const asked = url.searchParams.get("lang");
  const stored = store() ? store().getItem(KEY) : null;
  if (asked) {
    remember(LANG);
    url.searchParams.delete("lang");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  } else if (stored && CODES.includes(stored) && stored !== LANG && !document.cookie.includes("lang=")) {
    url.searchParams.set("lang", stored);
    window.location.replace(url.toString());
    return;
  } else {
    remember(LANG);
  }
  document.querySelectorAll("[data-lang-choice]").forEach((link) => {
    link.addEventListener("click", () => {
      remember(link.dataset.langChoice);
      keepers.forEach((fn) => fn());
    });
  });
}

start();
