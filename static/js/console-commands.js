// The moderator's commands: every button sends its event over the socket, waits for the ack,
// shows the outcome at once and then resyncs; a refusal is shown under the button.
import { t } from "./i18n.js";
import { ackMessage, clearError, fieldOf, showError } from "./console-kit.js";
import { closeEditor, editorValue, openEditor } from "./console-edit.js";
import { confirmedSuggestion } from "./console-similar.js";

const FOLLOWED = new Set(["prompt:open", "prompt:present", "prompt:reveal"]);
const SCOPES = ".c-queue-item, .c-merge-bar, .c-visibility, .c-item, [data-scope]";

/** A button whose command is answered can be used again (paused instead while the socket is down). */
function release(button) {
  if (document.body.classList.contains("is-offline")) button.dataset.paused = "";
  else button.disabled = false;
}

/** `run(button, event, payload, onOk)`: send a command for a button, marked busy meanwhile. */
export function commandRunner({ client, store, render, applyState, queue }) {
  async function resync() {
    const sync = await client.send("moderator:sync", {});
    if (sync && sync.ok) applyState(sync.state);
    return sync && sync.ok;
  }

  return async function run(button, event, payload, onOk) {
    const errorEl = fieldOf(button.closest(SCOPES), "error");
    clearError(errorEl);
    store.busy.add(button);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    const ack = await client.send(event, payload);
    store.busy.delete(button);
    button.removeAttribute("aria-busy");
    release(button);
    if (ack && ack.ok) {
      if (store.state) onOk(ack);
      render();
      if (!(await resync())) render();
      return;
    }
    // A co-moderator decided first: show their decision at once, say so, then resync.
    const conflict = ack && ack.error && ack.error.code === "already_handled" && ack.error.proposal;
    if (conflict && store.state) queue.updateProposal(ack.error.proposal);
    render();
    showError(errorEl, ackMessage(ack));
    if (conflict) await resync();
  };
}

/** The projector's language: the projector reloads itself in the chosen one. */
export function setupRoomLanguage(store, run) {
  const select = store.root.querySelector("[data-room-language]");
  if (!select) return;
  select.addEventListener("change", () => {
    run(select, "room:language", { language: select.value }, (ack) => {
      if (store.state.room) store.state.room.language = ack.language;
    }).then(() => {
      select.disabled = false;
      if (store.state && store.state.room && store.state.room.language) select.value = store.state.room.language;
    });
  });
}

function moderationClick(target, { store, queue, run, render }) {
  const moderate = target.closest("[data-moderate]");
  if (moderate) {
    const item = moderate.closest("[data-proposal-id]");
    if (moderate.dataset.moderate === "unmerge") {
      if (!window.confirm(t("Unmerge this proposal? It comes back with its own endorsements, which leave the proposal it was merged into."))) return true;
      run(moderate, "proposal:unmerge", { proposal_id: Number(item.dataset.proposalId) }, (ack) => queue.updateProposal(ack.proposal));
      return true;
    }
    // `expected`: the status this console saw; a co-moderator's earlier decision wins.
    const payload = { proposal_id: Number(item.dataset.proposalId), action: moderate.dataset.moderate, expected: item.dataset.status };
    run(moderate, "proposal:moderate", payload, (ack) => queue.updateProposal(ack.proposal));
    return true;
  }
  const star = target.closest("[data-highlight]");
  if (star) {
    const proposalId = Number(star.closest("[data-proposal-id]").dataset.proposalId);
    const payload = { proposal_id: proposalId, highlighted: star.dataset.highlight === "on" };
    run(star, "proposal:highlight", payload, (ack) => queue.updateProposal(ack.proposal));
    return true;
  }
  return editClick(target, { queue, run }) || mergeClick(target, { store, queue, run, render });
}

function editClick(target, { queue, run }) {
  const button = target.closest("[data-edit]");
  if (!button) return false;
  const item = button.closest("[data-proposal-id]");
  const step = button.dataset.edit;
  if (step === "open") openEditor(item, queue.maxLength());
  else if (step === "cancel") closeEditor(item);
  else {
    const payload = { proposal_id: Number(item.dataset.proposalId), ...editorValue(item) };
    run(button, "proposal:edit", payload, (ack) => {
      queue.updateProposal(ack.proposal);
      closeEditor(item);
    });
  }
  return true;
}

function mergeClick(target, { queue, run, render }) {
  const merge = queue.merge();
  const pick = target.closest("[data-merge-pick]");
  if (pick) {
    const id = Number(pick.dataset.mergePick);
    if (pick.checked) merge.selection.add(id);
    else merge.selection.delete(id);
    render();
    return true;
  }
  const into = target.closest("[data-merge-into]");
  if (into) {
    const payload = confirmedSuggestion(into, queue.proposals());
    if (payload) run(into, "proposal:merge", payload, () => merge.selection.clear());
    return true;
  }
  const button = target.closest("[data-merge]");
  if (!button) return false;
  if (button.dataset.merge === "clear") {
    merge.selection.clear();
    render();
    return true;
  }
  const payload = merge.confirmed(queue.proposals());
  if (payload) run(button, "proposal:merge", payload, () => merge.selection.clear());
  return true;
}

function promptCommand(command, { store, run }) {
  if (command.dataset.command === "show-join") {
    run(command, "prompt:present", { prompt_id: null }, () => {
      store.state.current_prompt_id = null;
    });
    return;
  }
  const promptId = Number(command.closest("[data-prompt-id]").dataset.promptId);
  run(command, command.dataset.command, { prompt_id: promptId }, (ack) => {
    if (ack.prompt) store.prompts.set(ack.prompt.id, ack.prompt);
    if ("current_prompt_id" in ack) store.state.current_prompt_id = ack.current_prompt_id;
    // The detail and its results follow the prompt just opened or put on screen.
    if (FOLLOWED.has(command.dataset.command) && store.selected !== promptId) {
      store.selected = promptId;
      history.replaceState(null, "", `#prompt-${promptId}`);
    }
  });
}

/** One click handler for the page: select a prompt, moderate, merge, or run a prompt command. */
export function handleClicks(parts) {
  const { store, render } = parts;
  document.addEventListener("click", (event) => {
    const select = event.target.closest('[data-action="select"]');
    if (select) {
      store.selected = Number(select.closest("[data-prompt-id]").dataset.promptId);
      history.replaceState(null, "", `#prompt-${store.selected}`);
      render();
      return;
    }
    if (moderationClick(event.target, parts)) return;
    const command = event.target.closest("[data-command]");
    if (command) promptCommand(command, parts);
  });
}

