// A prompt in words, the same in the agenda and in the detail: its number, kind, state and
// counts, its settings, what the room sees of it, and which commands its state allows.
import { clockText } from "./countdown.js";
import { setText } from "./dom.js";
import { t, tn, tp } from "./i18n.js";
import { fieldOf } from "./console-kit.js";

const KIND_LABELS = { position: t("Position"), priority: t("Priority"), proposal: t("Proposals") };
const STATE_LABELS = { draft: t("Draft"), open: t("Open"), closed: t("Closed") };

function countText(prompt) {
  const c = prompt.counts || {};
  if (prompt.kind === "proposal") {
    return t("{approved} approved · {pending} pending", { approved: c.proposals || 0, pending: c.pending || 0 });
  }
  return tn(c.responses || 0, "{n} response", "{n} responses");
}

/** The pre/post link and countdown of a prompt, as a tail for its settings line. */
function pacingText(prompt) {
  const pacing = prompt.pacing || {};
  const link = prompt.linked_prompt_id ? ` · ${t("Repeats an earlier statement (trust barometer)")}` : "";
  if (!pacing.countdown) return link;
  const time = clockText(pacing.countdown * 1000);
  return `${link} · ${
    pacing.auto_close
      ? t("Countdown {time}, then it closes itself", { time })
      : t("Countdown {time}", { time })
  }`;
}

function kindSettingsText(prompt) {
  const s = prompt.settings || {};
  if (prompt.kind === "position") {
    const noOpinion = s.allow_no_opinion ? ` · ${t("“No opinion” allowed")}` : "";
    const scale = t("{points}-point scale, from “{low}” to “{high}”", {
      points: s.points,
      low: s.label_low,
      high: s.label_high,
    });
    return `${scale}${noOpinion}`;
  }
  if (prompt.kind === "priority") {
    const n = (s.options || []).length;
    return s.rank_top
      ? t("{n} options, each participant ranks their top {k}", { n, k: s.rank_top })
      : t("{n} options, ranked in full", { n });
  }
  const moderation =
    s.moderation === "pre"
      ? t("Proposals approved by a moderator before they appear")
      : t("Proposals appear at once");
  const limits = t("up to {n} per participant, {max} characters each", {
    n: s.max_per_participant,
    max: s.max_length,
  });
  return `${moderation} · ${limits}`;
}

/** The settings line of the detail: how the prompt asks, and its pacing. */
export function settingsText(prompt) {
  return kindSettingsText(prompt) + pacingText(prompt);
}

function revealedHelp(prompt, k, onScreen) {
  if (prompt.published === null) {
    return t("The projector and the phones will show results once {k} have answered: with fewer, one answer could be told from the next.", { k });
  }
  if (prompt.published && prompt.published.final === false) {
    return tn(prompt.published.as_of, "The projector and the phones show results as of {n} answer: they move in steps of at least {k} answers, so no single answer shows.", "The projector and the phones show results as of {n} answers: they move in steps of at least {k} answers, so no single answer shows.", { k });
  }
  return onScreen
    ? t("The projector and the phones are showing these results now.")
    : t("The projector and the phones show these results whenever this prompt is on screen (it is not now).");
}

function hiddenHelp(prompt) {
  if (prompt.state === "draft") {
    return t("Open the prompt to collect answers; only moderators will see the results until you reveal them.");
  }
  if (prompt.kind === "proposal") {
    return t("Only moderators see the votes; the projector and phones show the approved proposals and how many votes they have.");
  }
  if (prompt.kind === "priority") {
    return t("Only moderators see these results; the projector and phones show the count of rankings.");
  }
  return t("Only moderators see these results; the projector and phones show the count of answers.");
}

/** What the room sees of the prompt's results, in a sentence for the moderator. */
export function visibilityHelp(prompt, k, onScreen) {
  return prompt.revealed ? revealedHelp(prompt, k, onScreen) : hiddenHelp(prompt);
}

/** Which commands the prompt's state allows, with the reason a disabled one is disabled. */
function commandStates(prompt, currentId) {
  const draft = prompt.state === "draft";
  return {
    "prompt:open": [prompt.state !== "open", t("It is open")],
    "prompt:close": [prompt.state === "open", t("It is not open")],
    "prompt:reveal": [!draft && !prompt.revealed, draft ? t("Open it first") : t("Already revealed")],
    "prompt:hide": [prompt.revealed, t("Results are hidden")],
    "prompt:present": [
      !draft && currentId !== prompt.id,
      draft ? t("Open it first") : t("It is on screen"),
    ],
  };
}

/** Number, kind, state, on-screen tag, counts and text of a prompt, in an agenda item or the detail. */
export function fillMeta(root, prompt, index, currentId) {
  setText(fieldOf(root, "number"), index + 1);
  const kind = fieldOf(root, "kind");
  kind.className = `c-kind c-kind-${prompt.kind}`;
  setText(kind, KIND_LABELS[prompt.kind] || prompt.kind);
  const state = fieldOf(root, "state");
  state.className = `c-state c-state-${prompt.state}`;
  setText(state, STATE_LABELS[prompt.state] || prompt.state);
  // Open but off screen (the join screen or another prompt shows): phones cannot answer it.
  const onscreen = fieldOf(root, "onscreen");
  const shown = currentId === prompt.id;
  const offScreen = !shown && prompt.state === "open";
  onscreen.hidden = !shown && !offScreen;
  onscreen.classList.toggle("is-off", offScreen);
  setText(onscreen, shown ? t("On screen") : t("Open, not on screen: phones cannot answer"));
  setText(fieldOf(root, "count"), countText(prompt));
  setText(fieldOf(root, "text"), prompt.text);
}

/** Enable the command buttons the prompt's state allows; a busy button stays disabled. */
export function fillCommands(root, prompt, currentId, busy) {
  const states = commandStates(prompt, currentId);
  for (const button of root.querySelectorAll("[data-command]")) {
    const entry = states[button.dataset.command];
    if (!entry) continue;
    const [allowed, reason] = entry;
    button.disabled = !allowed || busy.has(button);
    button.title = allowed ? "" : reason;
    if (button.dataset.command === "prompt:open") {
      setText(button, prompt.state === "closed" ? t("Reopen") : tp("action", "Open"));
    }
  }
}
