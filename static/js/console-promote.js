// Promotion: the best-bridging proposals of open proposal prompts, in any room the moderator
// runs, become the options of a new draft priority prompt.
import { el } from "./dom.js";
import { localName, t, tn } from "./i18n.js";
import { ackMessage, clearError, fieldOf, showError } from "./console-kit.js";

function sourceWhy(prompt) {
  if (prompt.state === "draft") return t("not opened yet");
  if (prompt.state === "closed") return t("closed");
  return prompt.approved
    ? tn(prompt.approved, "{n} approved proposal", "{n} approved proposals")
    : t("no approved proposals yet");
}

function promoteSource(room, prompt, selected) {
  const usable = prompt.state === "open" && prompt.approved > 0;
  return el(
    "label",
    { class: `c-check${usable ? "" : " is-disabled"}` },
    el("input", {
      type: "checkbox",
      name: "prompt_ids",
      value: prompt.id,
      disabled: !usable,
      checked: usable && prompt.id === selected,
    }),
    el(
      "span",
      {},
      el("strong", { text: `${localName(room)}: ` }),
      prompt.text,
      el("span", { class: "c-muted", text: ` · ${sourceWhy(prompt)}` }),
    ),
  );
}

function showSources(form, rooms, selected) {
  const withPrompts = rooms.filter((room) => room.prompts.length);
  fieldOf(form, "sources").replaceChildren(
    ...(withPrompts.length
      ? withPrompts.flatMap((room) => room.prompts.map((prompt) => promoteSource(room, prompt, selected)))
      : [el("p", { class: "c-muted", text: t("No proposal prompts in the rooms you moderate.") })]),
  );
  const target = form.elements.room_id;
  target.replaceChildren(...rooms.map((room) => el("option", { value: room.id, "data-code": room.code, text: localName(room) })));
  const plenary = rooms.find((room) => room.kind === "plenary");
  if (plenary) target.value = String(plenary.id);
}

/** What the moderator is told once the prompt is added, with a link when it is in another room. */
function doneMessage(form, ack, here) {
  const option = form.elements.room_id.selectedOptions[0];
  const into = option ? option.textContent : t("the room");
  const added = tn(
    ack.prompt.settings.options.length,
    "Added “{text}” as a draft priority prompt with {n} option to {room}.",
    "Added “{text}” as a draft priority prompt with {n} options to {room}.",
    { text: ack.prompt.text, room: into },
  );
  const href = `${location.pathname.replace(/[^/]+$/, "")}${option && option.dataset.code}#prompt-${ack.prompt.id}`;
  return [`${added} `, here ? t("It is at the end of the agenda.") : el("a", { href, text: t("Go to that room") })];
}

/** The promote dialog of the console: opened by [data-open-promote], sent over the client. */
export function setupPromote(store, client) {
  const dialog = document.getElementById("promote-dialog");
  const form = document.getElementById("promote-form");
  if (!dialog || !form) return;
  const errorEl = fieldOf(form, "error");
  const done = fieldOf(form, "done");

  async function open() {
    clearError(errorEl);
    done.hidden = true;
    const sources = fieldOf(form, "sources");
    sources.replaceChildren(el("p", { class: "c-muted", text: t("Loading…") }));
    if (dialog.showModal) dialog.showModal();
    else dialog.setAttribute("open", "");
    const ack = await client.send("promote:sources", {});
    if (!ack || !ack.ok) {
      sources.replaceChildren();
      showError(errorEl, ackMessage(ack));
      return;
    }
    showSources(form, ack.rooms, store.selected);
  }

  async function submit(event) {
    event.preventDefault();
    clearError(errorEl);
    done.hidden = true;
    const ids = [...form.querySelectorAll('input[name="prompt_ids"]:checked')].map((i) => Number(i.value));
    if (!ids.length) {
      showError(errorEl, t("Choose at least one proposal prompt to promote from."));
      return;
    }
    const n = Number(form.elements.n.value);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const ack = await client.send("prompt:promote", {
      prompt_ids: ids,
      n: Number.isInteger(n) ? n : 0,
      room_id: Number(form.elements.room_id.value),
      text: form.elements.text.value,
    });
    button.disabled = false;
    if (!ack || !ack.ok) {
      showError(errorEl, ackMessage(ack));
      return;
    }
    done.replaceChildren(...doneMessage(form, ack, ack.room_id === store.state.room.id));
    done.hidden = false;
  }

  form.addEventListener("submit", submit);
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-open-promote]")) open();
    if (event.target.closest("[data-close-promote]")) dialog.close();
  });
}
