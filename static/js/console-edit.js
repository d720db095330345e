// Correcting a proposal's text in the queue: an inline form under the proposal, sent as
// `proposal:edit` with the text this console showed (a co-moderator's correction is not overwritten).
import { el } from "./dom.js";
import { t } from "./i18n.js";

const DEFAULT_MAX_LENGTH = 280;

/** The button that opens the correction form of a proposal. */
export function editButton() {
  return el("button", { type: "button", class: "c-btn c-btn-small c-btn-ghost", "data-edit": "open", text: t("Edit text") });
}

/** Open the correction form inside a queue item, filled with the text it shows. */
export function openEditor(li, maxLength) {
  if (li.querySelector(".c-queue-edit")) return;
  const shown = li.querySelector(".c-queue-text");
  const limit = maxLength || DEFAULT_MAX_LENGTH;
  const area = el("textarea", {
    class: "c-queue-edit-text",
    rows: 3,
    maxlength: limit,
    dir: "auto",
    "aria-label": t("Corrected text of the proposal"),
  });
  area.value = shown.textContent;
  const count = el("span", { class: "c-muted", "aria-live": "polite" });
  const recount = () => {
    count.textContent = t("{n} of {max} characters", { n: area.value.length, max: limit });
  };
  area.addEventListener("input", recount);
  recount();
  const form = el(
    "div",
    { class: "c-queue-edit", role: "group", "aria-label": t("Correct the text") },
    area,
    el(
      "div",
      { class: "c-queue-edit-row" },
      count,
      el("button", { type: "button", class: "c-btn c-btn-small c-btn-primary", "data-edit": "save", text: t("Save correction") }),
      el("button", { type: "button", class: "c-btn c-btn-small c-btn-ghost", "data-edit": "cancel", text: t("Cancel") }),
      el("span", { class: "c-muted", text: t("The original text stays in the audit log.") }),
    ),
  );
  form.dataset.expected = shown.textContent;
  shown.after(form);
  shown.hidden = true;
  area.focus();
}

/** Close the correction form of a queue item. */
export function closeEditor(li) {
  const form = li.querySelector(".c-queue-edit");
  if (form) form.remove();
  li.querySelector(".c-queue-text").hidden = false;
}

/** What the open form asks for: {text, expected}. */
export function editorValue(li) {
  const form = li.querySelector(".c-queue-edit");
  return { text: form.querySelector("textarea").value, expected: form.dataset.expected };
}
