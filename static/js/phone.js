// The participant's phone: choose a group, answer the current prompt, propose and endorse.
// Submissions go through an outbox kept in localStorage, so a phone that loses the hall Wi-Fi
// resends them (same client id, so nothing is counted twice) once it is back.

import { connect, newClientId } from "./protocol.js";
import { errorMessage, localName, localized, localizedSettings, t, tn } from "./i18n.js";
import { beforeSwitch } from "./language.js";
import { shiftPanel } from "./barometer.js";
import { keepCountdown } from "./countdown.js";
import { SEAT_CODES, forgetSeat, keepSeat, pendingSeat, seatScreen } from "./seat.js";
import { el, num, patch, plural } from "./dom.js";
import {
  groupName,
  positionHistogram,
  positionStats,
  priorityBars,
  proposalRanking,
} from "./results.js";

const root = document.getElementById("phone");
const CODE = root.dataset.code;
const view = document.getElementById("view");
const announcer = document.getElementById("announce");
const banner = document.getElementById("banner");
const connBadge = document.getElementById("conn");
const footer = document.getElementById("footer");
const groupLabel = document.getElementById("group-label");

const storage = openStorage();
const TOKEN_KEY = "facilitator.token";
const GROUP_KEY = `facilitator.constituency.${CODE}`;
const OUTBOX_KEY = `facilitator.outbox.${CODE}`;

const STATE_WAIT_MS = 3000; // after a (re)connect, send the outbox once the state came, or after this
const LATE_TEXT = {
  closed: t("Something you sent while offline arrived after its question closed, so it was not counted."),
  other: t("Something you sent while offline could not be saved:"),
};

const STATUS_TEXT = {
  sending: t("Sending…"),
  saved: t("Saved ✓"),
  queued: t("Offline — will send"),
};

const KIND_LABEL = {
  position: t("Where do you stand?"),
  priority: t("Rank the options"),
  proposal: t("Your ideas"),
};

const app = {
  room: null,
  constituencies: [],
  k: 5,
  prompt: null,
  mine: null,
  connection: "connecting",
  everConnected: false,
  awaitingState: false,
  stateSinceConnect: false,
  choosingGroup: false,
  statuses: new Map(), // outbox key -> {state, message}
  ballot: [],
  ballotFor: null,
  ballotDirty: false,
  draft: "",
  lastPromptKey: null,
  seat: null, // a seat-card refusal to show ("seat_required", "seat_spent", …), or null
};

const outbox = loadOutbox(); // key -> {event, payload}
const inflight = new Set();

// What the participant is writing (a ranking not yet submitted, a proposal not yet sent) is kept
// on this phone per prompt, so that a reload or a switch of language loses nothing. It stays on
// the phone: only the participant's own "Submit" or "Send" puts it in the outbox.
const DRAFTS_KEY = `facilitator.drafts.${CODE}`;
const DRAFTS_KEPT = 10; // prompts whose drafts are kept; the oldest go first
beforeSwitch(() => keepDraft());

// ---------------------------------------------------------------- storage, token, outbox

function openStorage() {
  try {
    const s = window.localStorage;
    s.setItem("facilitator.probe", "1");
    s.removeItem("facilitator.probe");
    return s;
  } catch {
    const memory = new Map();
    return {
      getItem: (k) => (memory.has(k) ? memory.get(k) : null),
      setItem: (k, v) => memory.set(k, String(v)),
      removeItem: (k) => memory.delete(k),
    };
  }
}

function phoneToken() {
  let token = storage.getItem(TOKEN_KEY);
  if (!token || !/^[A-Za-z0-9_-]{22,128}$/.test(token)) {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    token = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    storage.setItem(TOKEN_KEY, token);
  }
  return token;
}

function loadOutbox() {
  try {
    const entries = JSON.parse(storage.getItem(OUTBOX_KEY) || "[]");
    return new Map(Array.isArray(entries) ? entries : []);
  } catch {
    return new Map();
  }
}

function saveOutbox() {
  if (outbox.size) storage.setItem(OUTBOX_KEY, JSON.stringify([...outbox]));
  else storage.removeItem(OUTBOX_KEY);
}

function loadDrafts() {
  try {
    const drafts = JSON.parse(storage.getItem(DRAFTS_KEY) || "{}");
    return drafts && typeof drafts === "object" && !Array.isArray(drafts) ? drafts : {};
  } catch {
    return {};
  }
}

/** Keep the ranking and the proposal being written for the prompt on screen (or forget them). */
function keepDraft() {
  const id = app.ballotFor;
  if (id === null || id === undefined) return;
  const drafts = loadDrafts();
  delete drafts[id];
  const entry = {};
  if (app.ballotDirty && app.ballot.length) entry.ballot = [...app.ballot];
  if (app.draft) entry.text = app.draft;
  if (Object.keys(entry).length) drafts[id] = entry;
  const ids = Object.keys(drafts);
  for (const old of ids.slice(0, Math.max(0, ids.length - DRAFTS_KEPT))) delete drafts[old];
  try {
    if (Object.keys(drafts).length) storage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
    else storage.removeItem(DRAFTS_KEY);
  } catch {
    /* storage full: the draft lives on screen only */
  }
}

/** A kept ranking that still fits the prompt's options (distinct indices, at most target). */
function keptBallot(ballot, p) {
  const s = p.settings || {};
  const count = Array.isArray(s.options) ? s.options.length : 0;
  const target = s.rank_top || count;
  if (!Array.isArray(ballot) || ballot.length > target) return [];
  const fits = ballot.every((i) => Number.isInteger(i) && i >= 0 && i < count);
  return fits && new Set(ballot).size === ballot.length ? [...ballot] : [];
}

function chosenGroupId() {
  const stored = storage.getItem(GROUP_KEY);
  if (stored === null) return undefined;
  const id = Number(stored);
  return app.constituencies.some((c) => c.id === id) ? id : undefined;
}

/** A group's name in the phone's language (the organiser's translation, where given). */
function groupText(group) {
  return localName(group);
}

function chosenGroup() {
  const id = chosenGroupId();
  return app.constituencies.find((c) => c.id === id);
}

// ---------------------------------------------------------------- connection

// A seat card (from a card's QR code, or typed) rides along in `auth` until the server admits us.
const auth = { role: "participant", room: CODE, token: phoneToken(), seat: pendingSeat(storage) };
const conn = connect(auth, { probe: "participant:sync" });
let flushTimer = null;

conn.onStatus((status, detail) => {
  app.connection = status;
  clearTimeout(flushTimer);
  if (status !== "online") app.stateSinceConnect = false;
  if (status === "online") {
    app.seat = null;
    if (auth.seat) presentSeat(undefined); // admitted: the card is spent, the token is enough now
    app.everConnected = true;
    showBanner("");
    // The server's full state (with this phone's own answers) comes first; sending the outbox
    // after it keeps that state from overwriting an answer saved a moment later. (The client
    // library may hand that state over just before it reports the connection.)
    if (app.stateSinceConnect) afterState();
    else {
      app.awaitingState = true;
      flushTimer = setTimeout(afterState, STATE_WAIT_MS);
    }
  } else if (status === "error" && detail && SEAT_CODES.has(detail.code)) {
    // A refused card is dropped; a later "seat required" keeps the reason on screen.
    if (detail.code !== "seat_required") presentSeat(undefined);
    if (detail.code !== "seat_required" || !app.seat) app.seat = detail.code;
    showBanner("");
  } else if (status === "error" && detail && detail.message) {
    showBanner(errorMessage(detail), "error");
  }
  renderConnection();
  render();
});

conn.on("state", (state) => {
  const previousId = app.prompt ? app.prompt.id : null;
  app.room = state.room;
  app.constituencies = state.constituencies || [];
  app.k = state.k || app.k;
  app.prompt = state.prompt || null;
  const currentId = app.prompt ? app.prompt.id : null;
  if (currentId !== previousId && banner.dataset.kind === "late") showBanner("");
  if ("mine" in state) {
    app.mine = state.mine;
  } else if (currentId !== previousId || !mineFits()) {
    app.mine = null;
    if (currentId !== null) sync();
  }
  render();
  app.stateSinceConnect = true;
  if (app.awaitingState) afterState();
});

function afterState() {
  clearTimeout(flushTimer);
  app.awaitingState = false;
  flushOutbox();
}

// Woken from sleep on a connection that stayed up: take the fresh answers, send what waits.
conn.onResync((ack) => {
  const shownId = app.prompt ? app.prompt.id : null;
  if (ack.mine && ack.mine.prompt_id !== shownId) {
    // The room moved on while this phone slept and its connection missed it: start afresh.
    conn.reconnect();
    return;
  }
  if (ack.mine) app.mine = ack.mine;
  render();
  flushOutbox();
});

conn.on("prompt", (prompt) => {
  if (app.prompt && prompt && prompt.id === app.prompt.id) {
    const pendingBefore = pendingCount(app.prompt);
    app.prompt = prompt;
    // A moderator decided on waiting proposals: learn whether one of ours was among them.
    const waiting = ownPending();
    const pending = pendingCount(prompt);
    if (waiting && (pending < pendingBefore || pending < waiting)) sync();
    render();
  }
});

function pendingCount(prompt) {
  return prompt.counts && typeof prompt.counts.pending === "number" ? prompt.counts.pending : 0;
}

function ownPending() {
  const mine = (app.mine && app.mine.proposals) || [];
  return mine.filter((proposal) => proposal.status === "pending").length;
}

/** Present a seat card at the next connect (undefined: none), keeping it until it is answered. */
function presentSeat(code) {
  if (code) keepSeat(storage, code);
  else forgetSeat(storage);
  auth.seat = code;
}

async function sync() {
  const ack = await conn.send("participant:sync", {});
  if (ack && ack.ok && ack.mine && app.prompt && ack.mine.prompt_id === app.prompt.id) {
    app.mine = ack.mine;
    render();
  }
}

function mineFits() {
  return !!(app.mine && app.prompt && app.mine.prompt_id === app.prompt.id);
}

setInterval(() => {
  if (app.connection === "online" && !app.awaitingState && outbox.size) flushOutbox();
}, 15000);

// ---------------------------------------------------------------- sending

function enqueue(key, event, payload) {
  outbox.set(key, { event, payload });
  saveOutbox();
  app.statuses.set(key, { state: app.connection === "online" ? "sending" : "queued" });
  pump(key);
  render();
}

function flushOutbox() {
  for (const key of [...outbox.keys()]) pump(key);
}

async function pump(key) {
  if (inflight.has(key)) return;
  const entry = outbox.get(key);
  if (!entry) return;
  if (app.connection !== "online" || app.awaitingState) {
    // Connected but waiting for the server's state: it is sent right after (afterState).
    app.statuses.set(key, { state: app.connection === "online" ? "sending" : "queued" });
    render();
    return;
  }
  inflight.add(key);
  app.statuses.set(key, { state: "sending" });
  render();
  const ack = await conn.send(entry.event, entry.payload);
  inflight.delete(key);
  const latest = outbox.get(key);
  const same = !!latest && latest.payload.client_id === entry.payload.client_id;
  if (ack && ack.ok) {
    if (same) {
      outbox.delete(key);
      saveOutbox();
      app.statuses.set(key, { state: "saved" });
    }
    applyAck(entry, ack);
    if (entry.event === "proposal:submit" && onScreen(entry)) clearComposeError();
  } else {
    const code = ack && ack.error ? ack.error.code : "timeout";
    if (code === "rate_limited") {
      // The server asks to slow down: kept, and sent again after its wait plus a little jitter.
      if (same) app.statuses.set(key, { state: "sending" });
      const wait = Math.max(0.2, Number(ack.error.retry_after) || 1);
      setTimeout(() => pump(key), (wait + Math.random() * wait) * 1000);
      render();
      return;
    } else if (code === "offline" || code === "timeout") {
      // Kept for the next try: at once on reconnecting, else within 15 s (a slow server).
      const waiting = code === "timeout" && app.connection === "online" ? "sending" : "queued";
      if (same) app.statuses.set(key, { state: waiting });
    } else if (same) {
      outbox.delete(key);
      saveOutbox();
      app.statuses.set(key, { state: "error", message: errorText(ack.error) });
      if (!onScreen(entry)) {
        // Sent too late for a question no longer shown (say, closed meanwhile): say so.
        const closed = ack.error && ack.error.code === "prompt_not_open";
        showBanner(closed ? LATE_TEXT.closed : `${LATE_TEXT.other} ${errorText(ack.error)}`, "late");
      } else if (entry.event === "proposal:submit") {
        const tooLong = ack.error && ack.error.code === "too_long" && app.prompt.settings;
        restoreDraft(entry.payload.text, tooLong ? tooLongText(app.prompt.settings.max_length) : errorText(ack.error));
      }
    }
  }
  render();
  if (!same && latest) pump(key);
}

/** Whether an outbox entry belongs to the prompt on screen. */
function onScreen(entry) {
  const p = app.prompt;
  if (!p) return false;
  if (entry.payload.prompt_id !== undefined) return entry.payload.prompt_id === p.id;
  return (p.proposals || []).some((proposal) => proposal.id === entry.payload.proposal_id);
}

function errorText(error) {
  const message = errorMessage(error, t("Could not save. Please try again."));
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function applyAck(entry, ack) {
  const payload = entry.payload;
  if (!app.mine) return;
  if (entry.event === "response:submit" && app.mine.prompt_id === payload.prompt_id) {
    Object.assign(app.mine, { answered: true, value: ack.value, client_id: ack.client_id });
  } else if (entry.event === "proposal:submit" && app.mine.prompt_id === payload.prompt_id) {
    const list = app.mine.proposals || (app.mine.proposals = []);
    if (!list.some((p) => p.id === ack.proposal.id)) {
      list.push(ack.proposal);
      app.mine.remaining = Math.max(0, (app.mine.remaining || 0) - 1);
    }
  } else if (entry.event === "endorsement:submit") {
    const votes = app.mine.endorsements || (app.mine.endorsements = {});
    votes[String(payload.proposal_id)] = ack.vote;
  }
}

function groupForPayload() {
  const id = chosenGroupId();
  return id === undefined ? null : id;
}

// ---------------------------------------------------------------- header, banner, announcer

function renderConnection() {
  // Before the first connection an error is real (wrong code, server down); after it, the
  // phone is simply reconnecting and keeps answers in the outbox.
  let status = app.connection;
  if (app.everConnected && status !== "online") status = "offline";
  const labels = {
    online: [t("Live"), t("Connected")],
    connecting: [t("Connecting…"), t("Connecting to the room")],
    offline: [t("Reconnecting…"), t("Not connected; answers are kept and sent when the connection is back")],
    error: [t("Can't connect"), t("Cannot reach the server")],
  };
  const [text, title] = labels[status] || labels.connecting;
  connBadge.dataset.status = status;
  connBadge.title = title;
  connBadge.querySelector(".conn-text").textContent = text;
}

function showBanner(text, kind = "info") {
  banner.textContent = text;
  banner.dataset.kind = kind;
  banner.hidden = !text;
}

function announce(text) {
  announcer.textContent = "";
  // A fresh text node after a tick makes screen readers read it even when it repeats.
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

function renderFooter() {
  const group = chosenGroup();
  const show = !!app.room && !!group && !app.choosingGroup;
  footer.hidden = !show;
  if (show) groupLabel.textContent = t("Your group: {name}", { name: groupText(group) });
}

document.getElementById("change-group").addEventListener("click", () => {
  app.choosingGroup = true;
  render();
  window.scrollTo(0, 0);
});

// ---------------------------------------------------------------- screens

function render() {
  renderConnection();
  renderFooter();
  const pending = [...outbox.values()].length;
  if (app.everConnected && app.connection !== "online" && pending) {
    showBanner(
      tn(
        pending,
        "Offline — {n} answer will be sent when the connection is back.",
        "Offline — {n} answers will be sent when the connection is back.",
      ),
      "warn",
    );
  } else if (app.connection === "online" && banner.dataset.kind === "warn") {
    showBanner("");
  }
  if (app.seat) {
    screen(`seat:${app.seat}`, () =>
      seatScreen(app.seat, (code) => {
        presentSeat(code);
        app.seat = "seat_required";
        conn.reconnect();
      }),
    );
    return;
  }
  if (!app.room) return;
  if (app.choosingGroup || chosenGroupId() === undefined) {
    screen("group", renderGroupChooser);
    return;
  }
  if (!app.prompt) {
    screen("waiting", renderWaiting);
    maybeAnnounce();
    return;
  }
  renderPrompt(app.prompt);
  maybeAnnounce();
}

/** Build a whole screen once per key; later renders only patch inside it. */
function screen(key, build) {
  if (view.dataset.screen === key) return false;
  view.dataset.screen = key;
  view.replaceChildren(...[].concat(build()));
  return true;
}

function maybeAnnounce() {
  const p = app.prompt;
  const key = p ? `${p.id}:${p.state}` : "none";
  if (app.lastPromptKey === null) {
    app.lastPromptKey = key;
    return;
  }
  if (key === app.lastPromptKey) return;
  app.lastPromptKey = key;
  if (!p) announce(t("The moderator has no question open right now."));
  else if (p.state === "open") announce(t("New question: {text}", { text: localized(p, "text") }));
  else announce(t("This question is closed: {text}", { text: localized(p, "text") }));
}

function groupChoices(current) {
  return app.constituencies.map((c) =>
    el(
      "label",
      { class: `choice${c.undisclosed ? " choice-undisclosed" : ""}` },
      el("input", {
        type: "radio",
        name: "constituency",
        value: String(c.id),
        checked: c.id === current,
      }),
      el("span", { text: groupText(c), dir: "auto" }),
    ),
  );
}

function renderGroupChooser() {
  const current = chosenGroupId();
  const changing = current !== undefined;
  const error = el("p", { class: "field-error", role: "alert", hidden: true });
  const options = groupChoices(current);
  const form = el(
    "form",
    { class: "group-form", novalidate: true },
    el(
      "fieldset",
      {},
      el("legend", { text: t("Which group are you part of?") }),
      el("div", { class: "choices" }, options),
    ),
    error,
    el(
      "p",
      { class: "hint" },
      t(
        "Your group is only used to compare how groups answer. A group with fewer than {k} people is never shown on its own, and nobody can see who you are.",
        { k: app.k },
      ),
    ),
    el(
      "div",
      { class: "actions" },
      el("button", { type: "submit", class: "primary block", text: changing ? t("Save") : t("Continue") }),
      changing
        ? el("button", {
            type: "button",
            class: "block",
            text: t("Cancel"),
            on: {
              click: () => {
                app.choosingGroup = false;
                view.dataset.screen = "";
                render();
              },
            },
          })
        : null,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = form.querySelector("input[name=constituency]:checked");
    if (!picked) {
      error.textContent = t("Choose a group, or “Prefer not to say”.");
      error.hidden = false;
      return;
    }
    storage.setItem(GROUP_KEY, picked.value);
    app.choosingGroup = false;
    view.dataset.screen = "";
    render();
    window.scrollTo(0, 0);
  });
  return [
    el(
      "section",
      { class: "card intro" },
      el("h1", { text: changing ? t("Change your group") : t("Welcome") }),
      changing
        ? el("p", { class: "muted", text: t("Your new group counts for the answers you give from now on.") })
        : el("p", { class: "muted", text: t("You are in {room}. Your answers are anonymous.", { room: localName(app.room) }) }),
      form,
    ),
  ];
}

function renderWaiting() {
  return el(
    "section",
    { class: "calm" },
    el("div", { class: "calm-mark", "aria-hidden": "true" }, el("span"), el("span"), el("span")),
    el("h1", { class: "calm-title", text: localName(app.room) }),
    el("p", { class: "calm-text", text: t("Waiting for the moderator to open a question.") }),
    el("p", {
      class: "muted",
      text: t("Keep this page open: the question appears here by itself."),
    }),
  );
}

// ---------------------------------------------------------------- the current prompt

function renderPrompt(p) {
  const key = `prompt:${p.id}:${p.kind}`;
  const fresh = screen(key, () => {
    const parts = {
      head: el("div", { class: "prompt-head" }),
      clock: el("p", { class: "countdown", role: "timer", hidden: true }),
      body: el("div", { class: "prompt-body" }),
      results: el("div", { class: "prompt-results" }),
      count: el("p", { class: "prompt-count muted" }),
    };
    app.parts = parts;
    return [
      el("section", { class: "card prompt-card is-new" }, parts.head, parts.clock, parts.body, parts.count),
      parts.results,
    ];
  });
  if (fresh && app.ballotFor !== p.id) resetLocal(p);
  const { head, body, results, count } = app.parts;
  const open = p.state === "open";

  const rankTop = p.kind === "priority" && p.settings ? p.settings.rank_top : null;
  patch(head, JSON.stringify([p.text, p.state, p.kind, rankTop]), () => [
    el(
      "p",
      { class: "prompt-kind" },
      el("span", { text: kindLabel(p.kind, rankTop) }),
      open ? null : el("span", { class: "chip chip-closed", text: t("Closed") }),
    ),
    el("h1", { class: "prompt-text", id: "prompt-text", text: localized(p, "text"), dir: "auto" }),
    open ? null : el("p", { class: "closed-note", role: "note", text: t("This question is closed.") }),
  ]);

  if (p.kind === "position") renderPosition(p, body);
  else if (p.kind === "priority") renderPriority(p, body);
  else if (p.kind === "proposal") renderProposal(p, body);

  const c = p.counts || {};
  count.textContent =
    p.kind === "proposal"
      ? `${tn(c.proposals || 0, "{n} proposal shown", "{n} proposals shown")} · ${tn(c.endorsements || 0, "{n} vote", "{n} votes")}`
      : open
        ? tn(c.responses || 0, "{n} answer so far", "{n} answers so far")
        : tn(c.responses || 0, "{n} answer", "{n} answers");

  patch(results, JSON.stringify([p.revealed, p.results || null, ownValue(p)]), () =>
    p.revealed && p.results ? renderResults(p) : null,
  );
}

/** A new prompt on screen: its kept draft, if any, else a blank ranking and proposal. */
/** What the prompt asks for, above its text ("Rank your top 3" when only the top count). */
function kindLabel(kind, rankTop) {
  if (kind === "priority" && rankTop) return tn(rankTop, "Rank your top {n}", "Rank your top {n}");
  return KIND_LABEL[kind] || t("Question");
}

function resetLocal(p) {
  const kept = loadDrafts()[p.id] || {};
  app.ballotFor = p.id;
  app.ballot = p.kind === "priority" ? keptBallot(kept.ballot, p) : [];
  app.ballotDirty = app.ballot.length > 0;
  app.draft = p.kind === "proposal" && typeof kept.text === "string" ? kept.text : "";
  app.statuses.clear();
}

/** The phone's current answer: a pending (not yet sent) one first, else the saved one. */
function ownValue(p) {
  const pending = outbox.get(`response:${p.id}`);
  if (pending) return { has: true, value: pending.payload.value, pending: true };
  if (mineFits() && app.mine.answered) return { has: true, value: app.mine.value, pending: false };
  return { has: false, value: undefined, pending: false };
}

function statusLine(key, fallbackSaved) {
  const status = app.statuses.get(key);
  const queued = outbox.has(key) && !inflight.has(key) && app.connection !== "online";
  let state = status ? status.state : fallbackSaved ? "saved" : null;
  if (queued) state = "queued";
  if (outbox.has(key) && state === "saved") state = "queued";
  if (!state) return el("p", { class: "send-status", role: "status" });
  const text = state === "error" ? status.message : STATUS_TEXT[state];
  return el("p", { class: `send-status is-${state}`, role: "status", text });
}

// ---- position

/** The line under the scale: the participant's answer, or what to do. */
function ownPositionLine(s, own, open) {
  if (own.has) {
    const detail = own.value === null ? null : describePoint(s, own.value);
    return el("p", {
      class: "own-answer",
      text:
        own.value === null
          ? t("Your answer: no opinion.")
          : detail
            ? t("Your answer: {value} of {points} ({detail}).", { value: own.value, points: s.points, detail })
            : t("Your answer: {value} of {points}.", { value: own.value, points: s.points }),
    });
  }
  if (!open) return el("p", { class: "own-answer muted", text: t("You did not answer this question.") });
  if (!mineFits()) return el("p", { class: "own-answer muted", text: t("Loading your answer…") });
  return el("p", { class: "own-answer muted", text: t("Tap a number to answer. You can change it while the question is open.") });
}

function renderPosition(p, body) {
  const s = localizedSettings(p);
  const own = ownValue(p);
  const open = p.state === "open";
  const key = `response:${p.id}`;
  const status = app.statuses.get(key);
  const sig = JSON.stringify([p.state, s, own, status, outbox.has(key), app.connection === "online", mineFits()]);
  patch(body, sig, () => {
    const choose = (value) => {
      if (!open) return;
      enqueue(key, "response:submit", {
        prompt_id: p.id,
        client_id: newClientId(),
        value,
        constituency_id: groupForPayload(),
      });
    };
    const points = [];
    for (let i = 1; i <= s.points; i += 1) {
      const label =
        i === 1 ? `${i}, ${s.label_low}` : i === s.points ? `${i}, ${s.label_high}` : String(i);
      points.push(
        el("button", {
          type: "button",
          class: "point",
          text: String(i),
          "aria-pressed": own.has && own.value === i ? "true" : "false",
          "aria-label": t("{label} (of {points})", { label, points: s.points }),
          disabled: !open,
          on: { click: () => choose(i) },
        }),
      );
    }
    const scale = el(
      "div",
      { class: `scale scale-${s.points}`, role: "group", "aria-labelledby": "prompt-text" },
      points,
    );
    const ends = el(
      "div",
      { class: "scale-ends", "aria-hidden": "true" },
      el("span", { text: document.dir === "rtl" ? `→ ${s.label_low}` : `← ${s.label_low}` }),
      el("span", { text: document.dir === "rtl" ? `${s.label_high} ←` : `${s.label_high} →` }),
    );
    const noOpinion = s.allow_no_opinion
      ? el("button", {
          type: "button",
          class: "no-opinion block",
          text: t("No opinion"),
          "aria-pressed": own.has && own.value === null ? "true" : "false",
          disabled: !open,
          on: { click: () => choose(null) },
        })
      : null;
    const summary = ownPositionLine(s, own, open);
    return [scale, ends, noOpinion, summary, open ? statusLine(key, own.has && !own.pending) : null];
  });
}

function describePoint(s, value) {
  const mid = (s.points + 1) / 2;
  if (value === 1) return s.label_low;
  if (value === s.points) return s.label_high;
  if (value === mid) return t("neutral");
  return t("towards “{label}”", { label: value < mid ? s.label_low : s.label_high });
}

// ---- priority

/** A closed priority prompt: the participant's own ranking, read-only. */
function closedBallot(options, own) {
  const ranked = own.has && Array.isArray(own.value) ? own.value : [];
  if (!ranked.length) return [el("p", { class: "own-answer muted", text: t("You did not rank the options.") })];
  return [
    el("h2", { class: "section-title", text: t("Your ranking") }),
    el(
      "ol",
      { class: "ballot ballot-readonly" },
      ranked.map((index, pos) =>
        el(
          "li",
          { class: "ballot-item" },
          el("span", { class: "ballot-no", text: String(pos + 1) }),
          el("span", { class: "ballot-text", text: options[index], dir: "auto" }),
        ),
      ),
    ),
  ];
}

/** Move an option of the ballot up or down, keeping the focus on the moved option's button. */
function moveInBallot(body, ballot, change, pos, delta) {
  const next = [...ballot];
  const [item] = next.splice(pos, 1);
  next.splice(pos + delta, 0, item);
  change(next);
  // Keep the keyboard / screen-reader focus on the moved option's same button.
  requestAnimationFrame(() => {
    const target = body.querySelector(
      `[data-option="${item}"] [data-move="${delta < 0 ? "up" : "down"}"]:not(:disabled)`,
    ) || body.querySelector(`[data-option="${item}"] button:not(:disabled)`);
    if (target) target.focus();
  });
}

function ballotControls(options, index, pos, { ballot, change, move }) {
  const names = { option: options[index], rank: pos + 1 };
  return el(
    "div",
    { class: "ballot-controls" },
    el("button", {
      type: "button",
      class: "icon",
      dataset: { move: "up" },
      text: t("▲ Up"),
      "aria-label": t("Move up: {option} (now number {rank})", names),
      disabled: pos === 0,
      on: { click: () => move(pos, -1) },
    }),
    el("button", {
      type: "button",
      class: "icon",
      dataset: { move: "down" },
      text: t("▼ Down"),
      "aria-label": t("Move down: {option} (now number {rank})", names),
      disabled: pos === ballot.length - 1,
      on: { click: () => move(pos, 1) },
    }),
    el("button", {
      type: "button",
      class: "remove",
      text: t("Remove"),
      "aria-label": t("Remove from my ranking: {option}", { option: options[index] }),
      on: { click: () => change(ballot.filter((o) => o !== index)) },
    }),
  );
}

/** The options ranked so far, each with its up, down and remove buttons. */
function rankedList(options, ctx) {
  return el(
    "ol",
    { class: "ballot", "aria-label": t("Your ranking") },
    ctx.ballot.map((index, pos) =>
      el(
        "li",
        { class: "ballot-item", dataset: { option: String(index) } },
        el("span", { class: "ballot-no", text: String(pos + 1), "aria-hidden": "true" }),
        el("span", { class: "ballot-text", text: options[index], dir: "auto" }),
        ballotControls(options, index, pos, ctx),
      ),
    ),
  );
}

/** The options not ranked yet, each a button that adds it at the end of the ranking. */
function optionPool(options, rest, full, { ballot, change, body }) {
  const add = (index) => {
    change([...ballot, index]);
    requestAnimationFrame(() => {
      const next = body.querySelector(".pool-item:not(:disabled)");
      if (next) next.focus();
    });
  };
  return el(
    "ul",
    { class: "pool", "aria-label": t("Options not ranked yet") },
    rest.map((index) =>
      el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            class: "pool-item",
            disabled: full,
            // The name starts with the words shown first in the DOM (WCAG 2.5.3, label in name).
            "aria-label": full
              ? `${t("Remove one above to add this")}: ${options[index]}`
              : t("Add to my ranking: {option}", { option: options[index] }),
            on: { click: () => add(index) },
          },
          el("span", { class: "pool-add", text: full ? t("Remove one above to add this") : t("+ Add to my ranking") }),
          " ",
          el("span", { class: "pool-text", text: options[index], dir: "auto" }),
        ),
      ),
    ),
  );
}

/** The progress line, the submit button and the status of the ranking. */
function ballotSubmitBar(p, key, own, ballot, target) {
  const ready = ballot.length === target;
  const canSubmit = ready && (app.ballotDirty || !own.has);
  let progress;
  if (ready) progress = app.ballotDirty && own.has ? t("You changed your ranking: submit it again to save it.") : "";
  else progress = t("{count} of {total} ranked.", { count: ballot.length, total: target });
  const submit = el("button", {
    type: "button",
    class: "primary block",
    text: t("Submit ranking"),
    disabled: !canSubmit,
    on: {
      click: () => {
        app.ballotDirty = false;
        keepDraft();
        enqueue(key, "response:submit", {
          prompt_id: p.id,
          client_id: newClientId(),
          value: [...app.ballot],
          constituency_id: groupForPayload(),
        });
      },
    },
  });
  return el(
    "div",
    { class: `submit-bar${canSubmit || !ready ? " is-sticky" : ""}` },
    progress ? el("p", { class: "progress", text: progress }) : null,
    submit,
    statusLine(key, own.has && !own.pending && !app.ballotDirty),
  );
}

/** An open priority prompt: the ranking so far, the options left, and the submit bar. */
function openBallot(p, body, key, own) {
  const s = localizedSettings(p);
  const options = s.options;
  const target = s.rank_top || options.length;
  const ballot = app.ballot;
  const change = (next) => {
    app.ballot = next;
    app.ballotDirty = true;
    app.statuses.delete(key);
    keepDraft();
    render();
  };
  const ctx = { ballot, change, body, move: (pos, delta) => moveInBallot(body, ballot, change, pos, delta) };
  const instructions = s.rank_top
    ? t("Choose your top {k}, most important first.", { k: s.rank_top })
    : t("Rank all {n} options, most important first.", { n: options.length });
  const rest = options.map((_, i) => i).filter((i) => !ballot.includes(i));
  return [
    el("p", { class: "instructions", text: instructions }),
    el("h2", { class: "section-title", text: ballot.length ? t("Your ranking") : t("Your ranking (empty)") }),
    ballot.length
      ? rankedList(options, ctx)
      : el("p", { class: "empty muted", text: t("Tap an option below to put it first.") }),
    rest.length ? el("h2", { class: "section-title", text: ballot.length ? t("Other options") : t("Options") }) : null,
    rest.length ? optionPool(options, rest, ballot.length >= target, ctx) : null,
    ballotSubmitBar(p, key, own, ballot, target),
  ];
}

function renderPriority(p, body) {
  const s = localizedSettings(p);
  const key = `response:${p.id}`;
  const own = ownValue(p);
  if (!app.ballotDirty && own.has && Array.isArray(own.value)) app.ballot = [...own.value];
  const status = app.statuses.get(key);
  const sig = JSON.stringify([
    p.state, s, app.ballot, app.ballotDirty, own, status, outbox.has(key), app.connection === "online", mineFits(),
  ]);
  patch(body, sig, () => (p.state === "open" ? openBallot(p, body, key, own) : closedBallot(s.options, own)));
}

// ---- proposal

/**
 * The length of a proposal as the server counts it: code points of the NFC text, without
 * invisible format characters (ZWNJ and ZWJ kept), line ends as one, trimmed. So an Urdu or a
 * French text, or one with emoji, meets the same limit on the phone and on the server.
 */
function proposalLength(text) {
  const clean = text
    .normalize("NFC")
    .replace(/(?![\u200c\u200d])\p{Cf}/gu, "")
    .replace(/\r\n?/g, "\n")
    .trim();
  return [...clean].length;
}

function tooLongText(max) {
  return t("Your proposal is too long: shorten it to {max} characters to send it.", { max });
}

/** The form to write a proposal, with its live character counter; sends through the outbox. */
function composeForm(p) {
  const s = p.settings;
  // No maxlength: a text pasted or typed over the limit is shown whole, counted and refused,
  // never cut mid-word.
  const textarea = el("textarea", {
    id: "proposal-text",
    rows: "4",
    "aria-describedby": "proposal-counter proposal-over proposal-error",
  });
  const counter = el("p", { class: "counter", id: "proposal-counter", "aria-live": "off" });
  const over = el("p", { class: "over-limit", id: "proposal-over", "aria-live": "polite", hidden: true });
  const error = el("p", { class: "field-error", id: "proposal-error", role: "alert", hidden: true });
  const remaining = el("p", { class: "remaining muted" });
  const button = el("button", { type: "submit", class: "primary block", text: t("Send proposal") });
  const form = el(
    "form",
    { class: "compose", novalidate: true },
    el("label", { for: "proposal-text", text: t("Your proposal") }),
    textarea,
    counter,
    over,
    error,
    button,
    remaining,
  );
  const updateCounter = () => {
    const n = proposalLength(textarea.value);
    const excess = n - s.max_length;
    counter.textContent = t("{n} / {max} characters", { n, max: s.max_length });
    counter.classList.toggle("is-near", n > s.max_length * 0.9 && excess <= 0);
    counter.classList.toggle("is-over", excess > 0);
    const overText =
      excess > 0
        ? tn(
            excess,
            "{n} character too many: shorten your proposal to send it.",
            "{n} characters too many: shorten your proposal to send it.",
          )
        : "";
    if (over.textContent !== overText) over.textContent = overText;
    over.hidden = excess <= 0;
    if (excess > 0) textarea.setAttribute("aria-invalid", "true");
    else if (error.hidden) textarea.removeAttribute("aria-invalid");
  };
  textarea.value = app.draft || "";
  textarea.addEventListener("input", () => {
    app.draft = textarea.value;
    app.compose.justSent = false;
    keepDraft();
    clearComposeError();
    updateCounter();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendProposal(p, textarea, updateCounter);
  });
  updateCounter();
  return { form, textarea, error, remaining, button, updateCounter, justSent: false };
}

function sendProposal(p, textarea, updateCounter) {
  const c = app.compose;
  const text = textarea.value.trim();
  if (!text) {
    // A second tap right after sending is no mistake: the proposal is on its way.
    if (c.justSent) return;
    showComposeError(t("Write your proposal first."));
    textarea.focus();
    return;
  }
  if (proposalLength(text) > p.settings.max_length) {
    showComposeError(tooLongText(p.settings.max_length));
    textarea.focus();
    return;
  }
  const clientId = newClientId();
  clearComposeError();
  c.justSent = true;
  textarea.value = "";
  app.draft = "";
  keepDraft();
  updateCounter();
  enqueue(`proposal:${clientId}`, "proposal:submit", {
    prompt_id: p.id,
    client_id: clientId,
    text,
    constituency_id: groupForPayload(),
  });
}

/** Build the proposal screen once per prompt: the form, own proposals, the room's list. */
function buildProposalScreen(p, body) {
  const closedNote = el("p", { class: "muted closed-proposals" });
  const ownBox = el("div", { class: "own-proposals" });
  const listHead = el(
    "div",
    { class: "list-head" },
    el("h2", { class: "section-title", text: t("Proposals from the room") }),
    el("p", { class: "hint list-hint" }),
  );
  const list = el("ul", { class: "endorse-list" });
  const empty = el("p", { class: "empty muted" });
  app.compose = { ...composeForm(p), closedNote, ownBox, list, empty, rows: new Map() };
  body.replaceChildren(app.compose.form, closedNote, ownBox, listHead, empty, list);
}

/** Show the form while the participant may still write, or say why not. */
function showComposeLimits(p, c, mine, queued) {
  const s = p.settings;
  const open = p.state === "open";
  const remainingCount = mine ? Math.max(0, (mine.remaining || 0) - queued.length) : null;
  const canWrite = open && (remainingCount === null || remainingCount > 0);
  c.form.hidden = !canWrite;
  // While a proposal of this prompt is on its way, the button waits (no accidental second send).
  c.button.disabled = queued.some(([key]) => inflight.has(key));
  c.remaining.textContent =
    remainingCount === null
      ? ""
      : tn(remainingCount, "You can send {n} more proposal.", "You can send {n} more proposals.");
  c.closedNote.textContent = tn(
    s.max_per_participant,
    "You have sent {n} proposal, the most this question takes. Thank you!",
    "You have sent {n} proposals, the most this question takes. Thank you!",
  );
  c.closedNote.hidden = canWrite || !open;
}

/** The participant's own proposals, with their moderation status (or still in the outbox). */
function showOwnProposals(p, c, mine, queued) {
  const approvedIds = new Set((p.proposals || []).map((x) => x.id));
  const own = (mine ? mine.proposals || [] : []).map((x) => ({
    text: x.text,
    status: approvedIds.has(x.id) ? "approved" : x.status === "approved" ? "hidden" : x.status,
  }));
  for (const [key, entry] of queued) {
    const st = app.statuses.get(key);
    own.push({
      text: entry.payload.text,
      status: st && st.state === "sending" && app.connection === "online" ? "sending" : "queued",
    });
  }
  patch(c.ownBox, JSON.stringify(own), () => {
    if (!own.length) return null;
    const labels = {
      pending: t("waiting for moderator"),
      approved: t("shown to everyone"),
      hidden: t("not shown"),
      merged: t("merged with a similar proposal"),
      sending: t("Sending…"),
      queued: t("Offline — will send"),
    };
    return [
      el("h2", { class: "section-title", text: t("Your proposals") }),
      el(
        "ul",
        { class: "own-list" },
        own.map((x) =>
          el(
            "li",
            { class: "own-item" },
            el("p", { class: "own-text", text: x.text, dir: "auto" }),
            el("span", { class: `chip chip-${x.status}`, text: labels[x.status] || x.status }),
          ),
        ),
      ),
    ];
  });
}

/** One approved proposal to vote on: its text and the agree / disagree / pass buttons. */
function endorseRow(item, { key, vote, open, yours, status, pending }) {
  const voteButton = (value, label) =>
    el("button", {
      type: "button",
      class: `vote vote-${value}`,
      text: label,
      "aria-pressed": vote === value ? "true" : "false",
      disabled: !open,
      on: {
        click: () =>
          enqueue(key, "endorsement:submit", {
            proposal_id: item.id,
            client_id: newClientId(),
            vote: value,
            constituency_id: groupForPayload(),
          }),
      },
    });
  return [
    el(
      "p",
      { class: "endorse-text" },
      yours ? el("span", { class: "chip chip-yours", text: t("Yours") }) : null,
      el("span", { text: item.text, dir: "auto" }),
    ),
    el(
      "div",
      { class: "votes", role: "group", "aria-label": t("Your vote") },
      voteButton("agree", t("Agree")),
      voteButton("disagree", t("Disagree")),
      voteButton("pass", t("Pass")),
    ),
    status || pending ? statusLine(key, false) : null,
  ];
}

/** Approved proposals to endorse, keyed so that a new one does not disturb the others. */
function showEndorseList(p, c, mine) {
  const items = p.proposals || [];
  const open = p.state === "open";
  c.empty.hidden = items.length > 0;
  c.empty.textContent =
    p.settings.moderation === "pre"
      ? t("No proposals yet. They appear here once the moderator has approved them.")
      : t("No proposals yet.");
  const ownIds = new Set((mine ? mine.proposals || [] : []).map((x) => x.id));
  const seen = new Set();
  items.forEach((item, index) => {
    seen.add(item.id);
    if (!c.rows.has(item.id)) c.rows.set(item.id, el("li", { class: "endorse-item" }));
    const row = c.rows.get(item.id);
    if (c.list.children[index] !== row) c.list.insertBefore(row, c.list.children[index] || null);
    const key = `endorse:${item.id}`;
    const pending = outbox.get(key);
    const vote = pending ? pending.payload.vote : mine && mine.endorsements ? mine.endorsements[String(item.id)] : undefined;
    const status = app.statuses.get(key);
    const yours = ownIds.has(item.id);
    const sig = JSON.stringify([item.text, open, vote, status, !!pending, app.connection === "online", yours]);
    patch(row, sig, () => endorseRow(item, { key, vote, open, yours, status, pending }));
  });
  for (const [id, row] of c.rows) {
    if (!seen.has(id)) {
      row.remove();
      c.rows.delete(id);
    }
  }
}

function renderProposal(p, body) {
  if (body.dataset.built !== `${p.id}`) {
    body.dataset.built = `${p.id}`;
    buildProposalScreen(p, body);
  }
  const c = app.compose;
  const mine = mineFits() ? app.mine : null;
  body.querySelector(".list-hint").textContent =
    p.state === "open"
      ? t("Do you agree? Your votes are anonymous. You can change a vote while the question is open.")
      : t("Voting is closed. Your own votes are highlighted.");
  const queued = [...outbox.entries()].filter(
    ([, e]) => e.event === "proposal:submit" && e.payload.prompt_id === p.id,
  );
  showComposeLimits(p, c, mine, queued);
  showOwnProposals(p, c, mine, queued);
  showEndorseList(p, c, mine);
}

/** A proposal the server refused comes back into the form (when empty), with the reason. */
function restoreDraft(text, message) {
  const c = app.compose;
  if (!c) return;
  c.justSent = false;
  if (!c.textarea.value) {
    c.textarea.value = text;
    app.draft = text;
    keepDraft();
    c.updateCounter();
  }
  showComposeError(message);
}

function clearComposeError() {
  const c = app.compose;
  if (!c || c.error.hidden) return;
  c.error.hidden = true;
  c.error.textContent = "";
  c.updateCounter();
}

function showComposeError(message) {
  const c = app.compose;
  if (!c) return;
  c.error.textContent = message;
  c.error.hidden = false;
  c.textarea.setAttribute("aria-invalid", "true");
}

// ---------------------------------------------------------------- revealed results

function renderResults(p) {
  const r = p.results;
  const parts = [el("h2", { class: "results-title", text: t("Results") })];
  if (p.kind === "position") {
    const s = r.summary;
    const own = ownValue(p);
    if (!s.n_opinion) {
      parts.push(el("p", { class: "muted", text: t("No answers with an opinion yet.") }));
    } else {
      parts.push(
        positionHistogram(s, localizedSettings(p), { mine: own.has ? own.value : undefined }),
        own.has && own.value !== null
          ? el("p", { class: "muted small", text: t("The outlined bar is your answer ({value}).", { value: own.value }) })
          : null,
        positionStats(s, p.settings, { consensus: false }),
        el("p", {
          class: "muted small",
          text: s.no_opinion
            ? t("{answers}, {n} with no opinion. Median {median}.", {
                answers: tn(s.n, "{n} answer", "{n} answers"),
                n: s.no_opinion,
                median: num(s.median),
              })
            : t("{answers}. Median {median}.", { answers: tn(s.n, "{n} answer", "{n} answers"), median: num(s.median) }),
        }),
      );
    }
    if (r.shift) parts.push(shiftPanel(r.shift, { t, groupName: (id) => groupName(app.constituencies, id) }));
  } else if (p.kind === "priority") {
    const s = r.summary;
    if (!s.n) parts.push(el("p", { class: "muted", text: t("No rankings yet.") }));
    else {
      parts.push(
        el("p", {
          class: "muted small",
          text: tn(s.n, "Score 0–100 (Borda), from {n} ranking.", "Score 0–100 (Borda), from {n} rankings."),
        }),
        priorityBars(s, localized(p, "options")),
      );
    }
  } else if (p.kind === "proposal") {
    const items = r.proposals || [];
    if (!items.length) parts.push(el("p", { class: "muted", text: t("No proposals were shown.") }));
    else {
      parts.push(
        el("p", {
          class: "muted small",
          text: t(
            "Ranked by support across groups: how strongly every group agrees. A proposal rises only when all groups support it.",
          ),
        }),
        proposalRanking(items),
      );
    }
  }
  return el("section", { class: "card results", "aria-label": t("Results") }, parts);
}

renderConnection();

// The open prompt's countdown, when the moderator set one.
keepCountdown(() => app.parts && app.parts.clock, () => app.prompt, {
  running: (clock) => t("{time} left", { time: clock }),
  over: (p) => (p.pacing.auto_close ? t("Time is up — closing…") : t("Time is up")),
});
