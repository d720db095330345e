// The agenda: one item per prompt in order, with its state, counts and commands, kept in place
// across updates so that buttons do not jump under the mouse.
import { el, setText } from "./dom.js";
import { t, tn } from "./i18n.js";
import { fillCommands, fillMeta } from "./console-describe.js";
import { fieldOf } from "./console-kit.js";

function shortText(text) {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** One line by the join screen button: what the projector and phones show now. */
function showScreenState(root, store) {
  const line = fieldOf(root, "screen-state");
  if (!line) return;
  const current = store.prompts.get(store.currentId());
  const open = store.order.map((id) => store.prompts.get(id)).find((p) => p && p.state === "open");
  let text;
  if (current) {
    const words = { text: shortText(current.text) };
    text = current.state === "open" ? t("On screen: “{text}”, open for answers.", words) : t("On screen: “{text}”, not taking answers.", words);
  } else if (open) {
    text = t("Join screen showing. “{text}” is still open, but phones cannot answer it until you show it on screen again.", { text: shortText(open.text) });
  } else {
    text = t("Join screen showing: the join code and QR code are on the projector and phones.");
  }
  line.classList.toggle("is-off", Boolean(!current && open));
  setText(line, text);
}

/** A shared prompt: the link to its roll-up and, in a plenary, the button that puts it on the projector. */
function addRollupLink(root, li, prompt) {
  if (!prompt.family || li.querySelector(".c-shared")) return;
  const rollup = `/screen/${root.dataset.room}/rollup/${encodeURIComponent(prompt.family)}`;
  fieldOf(li, "onscreen").after(
    el("a", {
      class: "c-tag c-shared",
      href: rollup,
      target: "_blank",
      rel: "noopener",
      title: t("The same prompt is put to other rooms: open the roll-up that compares them"),
      text: t("Shared ↗"),
    }),
  );
  if (root.dataset.kind !== "plenary") return;
  li.querySelector(".c-shared").after(
    el("button", {
      type: "button",
      class: "c-btn c-btn-small c-rollup-show",
      dataset: { screenRollup: prompt.family },
      text: t("Show roll-up on the projector"),
    }),
  );
}

/** The agenda of the console's store: `render()` it all, or `update(prompt)` one item. */
export function agendaView(store) {
  const { root } = store;
  const list = document.getElementById("agenda");
  const template = document.getElementById("agenda-item");
  const promptsUrl = root.dataset.promptsUrl;

  function newItem(id) {
    const li = template.content.firstElementChild.cloneNode(true);
    li.dataset.promptId = id;
    li.id = `prompt-${id}`;
    li.querySelector('[data-form="move"]').action = `${promptsUrl}/${id}/move`;
    li.querySelector('[data-form="edit"]').href = `${promptsUrl}/${id}/edit`;
    li.querySelector('[data-form="delete"]').action = `${promptsUrl}/${id}/delete`;
    return li;
  }

  function fillItem(li, prompt, index) {
    const current = store.currentId();
    const selected = store.selected === prompt.id;
    li.dataset.state = prompt.state;
    li.classList.toggle("is-current", current === prompt.id);
    li.classList.toggle("is-selected", selected);
    fillMeta(li, prompt, index, current);
    addRollupLink(root, li, prompt);
    const results = fieldOf(li, "results");
    results.classList.toggle("is-revealed", prompt.revealed);
    setText(results, prompt.revealed ? t("Results revealed") : t("Results hidden"));
    fieldOf(li, "text").setAttribute("aria-current", selected ? "true" : "false");
    fillCommands(li, prompt, current, store.busy);
    const draft = prompt.state === "draft";
    fieldOf(li, "draft-tools").hidden = !draft;
    fieldOf(li, "count").hidden = draft;
    const [up, down] = li.querySelectorAll('[data-form="move"] button');
    up.disabled = index === 0;
    down.disabled = index === store.order.length - 1;
  }

  function render() {
    const { order } = store;
    const existing = new Map([...list.children].map((li) => [Number(li.dataset.promptId), li]));
    order.forEach((id, index) => {
      const li = existing.get(id) || newItem(id);
      existing.delete(id);
      fillItem(li, store.prompts.get(id), index);
      if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
    });
    for (const li of existing.values()) li.remove();
    document.getElementById("agenda-empty").hidden = order.length > 0;
    setText(document.getElementById("agenda-count"), tn(order.length, "{n} prompt", "{n} prompts"));
    const joinScreen = root.querySelector('[data-command="show-join"]');
    if (!store.busy.has(joinScreen)) joinScreen.disabled = store.currentId() == null;
    showScreenState(root, store);
  }

  function update(prompt) {
    const li = list.querySelector(`[data-prompt-id="${prompt.id}"]`);
    if (li) fillItem(li, prompt, store.order.indexOf(prompt.id));
    showScreenState(root, store);
  }

  return { render, update };
}
