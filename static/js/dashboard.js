// The event dashboard: every room of the event at a glance, live. Organisers and the event's
// moderators see each room's prompt now, its participation and its pending proposals.

import { t } from "./i18n.js";
import { connect } from "./protocol.js";
import { el, patch } from "./dom.js";

const root = document.getElementById("dashboard");
const EVENT_ID = Number(root.dataset.event);
const statusEl = document.getElementById("connection");
const rooms = new Map(); // room id -> latest summary

const KIND = { position: t("Position"), priority: t("Priority"), proposal: t("Proposals") };
const STATE = { draft: t("Draft"), open: t("Open"), closed: t("Closed") };

function render(summary) {
  rooms.set(summary.id, summary);
  const card = document.querySelector(`.d-room[data-room-id="${summary.id}"]`);
  if (!card) return;
  card.dataset.state = summary.prompt ? summary.prompt.state : "idle";
  card.querySelector('[data-field="moderators"]').textContent =
    summary.moderators.join(", ") || "none yet";
  const live = card.querySelector('[data-field="live"]');
  patch(live, JSON.stringify(summary), () => liveNodes(summary));
  renderChips(summary);
  if (summary.admission) renderAdmission(summary.admission);
  tick();
}

/** Phones joined, seat cards used / printed, and the alert when more phones joined than seats. */
function renderAdmission(figures) {
  const panel = document.getElementById("admission");
  if (!panel) return;
  const set = (name, text) => {
    const node = panel.querySelector(`[data-field="${name}"]`);
    if (node && node.textContent !== text) node.textContent = text;
  };
  set("joined", String(figures.joined));
  set("cards", `${figures.used} / ${figures.printed}`);
  const alert = panel.querySelector('[data-field="capacity-alert"]');
  alert.hidden = !figures.over_capacity;
  if (figures.over_capacity) {
    set(
      "capacity-alert",
      t("More phones joined than seats: {joined} of {capacity}", {
        joined: figures.joined,
        capacity: figures.capacity,
      }),
    );
  }
}

function liveNodes(room) {
  const p = room.prompt;
  const now = p
    ? el(
      "div",
      { class: "d-now" },
      el(
        "div",
        { class: "d-now-tags" },
        el("span", { class: "c-num", text: String(p.number) }),
        el("span", { class: `c-kind c-kind-${p.kind}`, text: KIND[p.kind] || p.kind }),
        el("span", { class: `c-state c-state-${p.state}`, text: STATE[p.state] || p.state }),
        p.on_screen ? el("span", { class: "c-onscreen", text: t("On screen") }) : null,
        el("span", {
          class: `d-results${p.revealed ? " is-revealed" : ""}`,
          text: p.revealed ? t("Results revealed") : t("Results hidden"),
        }),
        p.deadline && p.state === "open"
          ? el("span", { class: "d-countdown", dataset: { deadline: p.deadline }, title: t("Time left") })
          : null,
      ),
      el("p", { class: "d-now-text", text: p.text, dir: "auto" }),
    )
    : el("div", { class: "d-now d-now-idle" }, el("p", { text: t("Join screen: no prompt on now.") }));
  return [now, el("dl", { class: "d-figures" }, figures(room))];
}

function figure(value, label, attrs = {}) {
  return el(
    "div",
    { class: "d-figure", ...attrs },
    el("dt", { text: label }),
    el("dd", { text: value === null || value === undefined ? "–" : String(value) }),
  );
}

function figures(room) {
  const p = room.prompt;
  const items = [];
  if (p && p.kind === "proposal") {
    items.push(figure(p.counts.proposals, "proposals shown"));
    items.push(figure(p.counts.endorsements, "votes"));
  } else if (p) {
    items.push(figure(p.counts.responses, p.kind === "priority" ? "rankings" : "answers"));
  } else {
    items.push(figure(null, "answers"));
  }
  if (room.phones !== null && room.phones !== undefined) items.push(figure(room.phones, "phones connected"));
  items.push(
    figure(room.pending, "pending proposals", { class: `d-figure${room.pending ? " is-pending" : ""}` }),
  );
  items.push(figure(`${room.agenda.done}/${room.agenda.total}`, "prompts done"));
  return items;
}

function renderChips(room) {
  for (const shared of room.shared) {
    const chip = document.querySelector(
      `.d-family[data-family="${CSS.escape(shared.family)}"] [data-chip-room="${room.code}"]`,
    );
    if (!chip) continue;
    chip.dataset.state = shared.state;
    const label = STATE[shared.state] || shared.state;
    chip.querySelector('[data-field="state"]').textContent =
      shared.state === "draft" ? label : `${label} · ${shared.revealed ? "revealed" : "hidden"}`;
  }
}

// Countdowns tick in the browser from the server's deadline; the server closes the prompt.
function tick() {
  for (const node of document.querySelectorAll(".d-countdown")) {
    const left = Math.max(0, Math.round((Date.parse(node.dataset.deadline) - Date.now()) / 1000));
    const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} left`;
    if (node.textContent !== text) node.textContent = text;
    node.classList.toggle("is-ending", left <= 30);
  }
}
setInterval(tick, 1000);

// The state as the page was served, then the live one.
const initial = JSON.parse(document.getElementById("dashboard-state").textContent);
initial.rooms.forEach(render);

const conn = connect({ role: "dashboard", event: EVENT_ID });
conn.onStatus((status, detail) => {
  statusEl.dataset.status = status;
  if (status === "online") statusEl.textContent = t("Live");
  else if (status === "error" && detail && detail.code === "forbidden") {
    statusEl.textContent = t("Not allowed — log in again");
  } else statusEl.textContent = status === "offline" ? t("Reconnecting…") : t("Connecting…");
});
conn.on("state", (state) => {
  if (state && Array.isArray(state.rooms)) state.rooms.forEach(render);
});
conn.on("dashboard:room", render);

