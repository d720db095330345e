// The moderator console: live agenda and controls, the selected prompt's results, moderation,
// promotion. This module wires the parts (console-*.js) to the room's live connection.
// Every text that came from a user is set with textContent; nothing is parsed as HTML.
import { connect } from "./protocol.js";
import { agendaView } from "./console-agenda.js";
import { commandRunner, handleClicks, setupRoomLanguage } from "./console-commands.js";
import { pauseWhileOffline, watchConnection } from "./console-connection.js";
import { promptDetail } from "./console-detail.js";
import { setupPromote } from "./console-promote.js";
import { moderationQueue } from "./console-queue.js";
import { screenControl } from "./console-screen.js";
import { createStore } from "./console-store.js";
import { setText } from "./dom.js";
import { tn } from "./i18n.js";
import "./console-forms.js";

/** How many phones are connected to the room now (over every server process). */
function showPhones(root, phones) {
  const field = root.querySelector('[data-field="phones"]');
  if (field && typeof phones === "number") setText(field, tn(phones, "{n} phone", "{n} phones"));
}

function startConsole(root) {
  const store = createStore(root);
  const detail = promptDetail(store);
  const agenda = agendaView(store);
  const queue = moderationQueue(store);
  const screen = screenControl(store);
  const client = connect({ role: "moderator", room: root.dataset.room }, { probe: "moderator:sync" });

  const renderSelected = () => {
    detail.render();
    queue.render(store.selectedPrompt());
  };
  const render = () => {
    agenda.render();
    renderSelected();
    screen.render();
    pauseWhileOffline();
  };
  const applyState = (next) => {
    store.load(next);
    const language = root.querySelector("[data-room-language]");
    if (language && next.room && next.room.language && !store.busy.has(language)) language.value = next.room.language;
    if (next.room) showPhones(root, next.room.phones);
    render();
  };
  const applyPrompt = (view) => {
    if (!store.prompts.has(view.id)) return; // a prompt this page does not know: the next state brings it
    store.prompts.set(view.id, view);
    agenda.update(view);
    if (view.id === store.selected) renderSelected();
  };

  watchConnection(client, root, () => {
    if (store.state) render();
  });
  client.on("state", applyState);
  client.on("prompt", applyPrompt);
  client.on("room:phones", (data) => showPhones(root, data.phones));
  client.onResync((ack) => applyState(ack.state)); // woken up on a live connection

  setupPromote(store, client);
  const run = commandRunner({ client, store, render, applyState, queue });
  setupRoomLanguage(store, run);
  screen.listen(run);
  handleClicks({ store, queue, run, render });
}

const consoleRoot = document.getElementById("console");
if (consoleRoot) startConsole(consoleRoot);
