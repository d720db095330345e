// The page's language for scripts: t() and tn() over the catalogue the server embeds in
// <script type="application/json" id="i18n"> (facilitator/i18n_js.py). The English text is
// the key, so a missing translation falls back to English.

function readCatalogue() {
  const node = document.getElementById("i18n");
  if (!node) return {};
  try {
    return JSON.parse(node.textContent) || {};
  } catch {
    return {};
  }
}

const catalogue = readCatalogue();
const messages = catalogue.messages || {};
const plurals = catalogue.plurals || {};
const errors = catalogue.errors || {};

/** The page's language code: "en", "fr" or "ur". */
export const LANG = catalogue.lang || document.documentElement.lang || "en";

/** Index of the plural form for n: French counts 0 and 1 as singular; English and Urdu 1 only. */
function pluralIndex(n) {
  return LANG === "fr" ? (n > 1 ? 1 : 0) : n === 1 ? 0 : 1;
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The translation of an English text, with {name} placeholders filled from params. */
export function t(key, params) {
  return fill(messages[key] || key, params);
}

/** A text with a context, where one English word has two meanings: tp("action", "Open"). */
export function tp(context, key, params) {
  return fill(messages[`${context}\u0004${key}`] || key, params);
}

/** A counted text: tn(3, "{n} answer", "{n} answers") → "3 answers" (or its translation). */
export function tn(n, singular, plural, params) {
  const forms = plurals[singular];
  const index = pluralIndex(n);
  const text = forms ? forms[index] || forms[forms.length - 1] : index === 0 ? singular : plural;
  return fill(text, { n, ...(params || {}) });
}

/**
 * A server error in the page's language: the translation of its stable code when there is
 * one, else the server's own message, else the fallback.
 */
export function errorMessage(error, fallback) {
  const code = error && error.code;
  if (code && errors[code]) return errors[code];
  return (error && error.message) || fallback || t("Could not save. Please try again.");
}

/**
 * A room's or a group's name in the page's language: the organiser's translation when there is
 * one, else its own name; the built-in "Prefer not to say" group from the catalogue.
 */
export function localName(item) {
  if (!item) return "";
  if (item.undisclosed) return t(item.name);
  const own = item.translations && item.translations[LANG];
  return typeof own === "string" && own.trim() ? own : item.name || "";
}

/**
 * A prompt's field ("text", "options", "label_low", "label_high") in the page's language:
 * the moderator's translation when there is one, else the original. Each option falls back
 * on its own; the scale's labels are translations[LANG].labels = [low, high].
 */
export function localized(prompt, field) {
  const original = field === "text" ? prompt.text : (prompt.settings || {})[field];
  const own = prompt.translations && prompt.translations[LANG];
  const labels = own && Array.isArray(own.labels) ? own.labels : [];
  const value = !own
    ? undefined
    : field === "label_low"
      ? labels[0]
      : field === "label_high"
        ? labels[1]
        : own[field];
  if (Array.isArray(original)) {
    return original.map((item, i) =>
      Array.isArray(value) && typeof value[i] === "string" && value[i].trim() ? value[i] : item,
    );
  }
  return typeof value === "string" && value.trim() ? value : original;
}

/** A prompt's settings with its options and scale labels in the page's language. */
export function localizedSettings(prompt) {
  const settings = { ...(prompt.settings || {}) };
  for (const field of ["options", "label_low", "label_high"]) {
    if (field in settings) settings[field] = localized(prompt, field);
  }
  return settings;
}
