// The DOM kit every screen builds on (phone, projector, roll-up, dashboard, console): one way
// to make elements and to write numbers. Every piece of user-supplied text goes in through
// textContent, never as HTML. Numbers are written the way the page's language writes them
// ("2,8" and "38 %" in French), as the report does with Babel (docs/method.md).

import { LANG } from "./i18n.js";

const percent = new Intl.NumberFormat(LANG, { style: "percent", maximumFractionDigits: 0 });

/**
 * Create an element. `attrs`: class, text, dataset {...}, style {...}, on {event: fn},
 * hidden/disabled (booleans), anything else via setAttribute (null/false leaves it out).
 * Children may be nodes, strings (as text) or null (skipped); arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") Object.assign(node.style, value);
    else if (key === "on") {
      for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    } else if (key === "hidden" || key === "disabled" || key === "checked") node[key] = !!value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace a container's children only when `signature` differs from the last one. */
export function patch(container, signature, build) {
  if (container.dataset.sig === signature) return false;
  container.dataset.sig = signature;
  const built = build();
  container.replaceChildren(...(Array.isArray(built) ? built : [built]).filter(Boolean));
  return true;
}

/** 0.625 → "63%"; null → "–". */
export function pct(share) {
  return share === null || share === undefined ? "–" : percent.format(Math.round(share * 100) / 100);
}

/** A number with at most `digits` decimals; null → "–". */
export function num(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  const rounded = Number(value.toFixed(digits));
  return rounded.toLocaleString(LANG, { maximumFractionDigits: digits });
}

/** A number with exactly `digits` decimals: 3 → "3.0"; null → "–". */
export function fixed(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  return Number(value).toLocaleString(LANG, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Set a node's text only when it changed (no needless layout or screen-reader chatter). */
export function setText(node, text) {
  if (node && node.textContent !== String(text)) node.textContent = text;
}

/** Plural helper: plural(1, "answer") → "1 answer", plural(3, "answer") → "3 answers". */
export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

/** Bridging (group-informed consensus) as a short number, e.g. 0.042. */
export function bridging(value) {
  if (value === null || value === undefined) return "–";
  if (value >= 0.1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** Short text of a long option: at most `max` characters, cut at a word. */
export function shorten(text, max = 60) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/, "")}…`;
}

/** Wrap a text into lines of about `width` characters, at most `lines` lines. */
export function wrapLines(text, width = 40, lines = 2) {
  const words = text.split(/\s+/);
  const out = [];
  let line = "";
  for (const word of words) {
    if (line && (line + " " + word).length > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = shorten(`${kept[lines - 1]} ${out[lines]}`, width);
    if (!kept[lines - 1].endsWith("…")) kept[lines - 1] += "…";
    return kept;
  }
  return out;
}
