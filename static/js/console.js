// The moderator console: live agenda and controls, the selected prompt's results, moderation.
// Every text that came from a user is set with textContent; nothing is parsed as HTML.
import { shiftSentence, signed } from "./barometer.js";
import { clockText, keepCountdown } from "./countdown.js";
import { errorMessage, t, tn, tp } from "./i18n.js";
import { connect } from "./protocol.js";

const KIND_LABELS = { position: t("Position"), priority: t("Priority"), proposal: t("Proposals") };
const STATE_LABELS = { draft: t("Draft"), open: t("Open"), closed: t("Closed") };
const STATUS_LABELS = {
  online: t("Live"),
  connecting: t("Reconnecting…"),
  offline: t("Offline — reconnecting…"),
};
const OFFLINE_BANNER = t(
  "Reconnecting to the server… Opening, closing, revealing and moderating are paused until the status says Live. Nothing is lost.",
);
const BANNER_DELAY_MS = 2000; // a shorter blip shows no banner
const ERROR_SHOWN_MS = 12000;
const SUPPORT_TITLE = t(
  "Support across groups: how strongly every group agrees; a proposal rises only when all groups support it.",
);

// --- small helpers ----------------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("data-")) el.setAttribute(key, value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const pct = (x) => (x == null ? "–" : `${Math.round(x * 100)}%`);
const fixed = (x, digits = 1) => (x == null ? "–" : Number(x).toFixed(digits));
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const fieldOf = (root, name) => root && root.querySelector(`[data-field="${name}"]`);

function setText(el, text) {
  if (el && el.textContent !== String(text)) el.textContent = text;
}

/** A horizontal bar whose width is a share (0..1); width is set through the CSSOM, CSP-safe. */
function bar(share, className = "") {
  const fill = h("span", { class: `c-bar-fill ${className}` });
  fill.style.width = `${Math.max(0, Math.min(1, share || 0)) * 100}%`;
  return h("span", { class: "c-bar" }, fill);
}

function showError(el, message) {
  if (!el) return;
  el.textContent = message;
  el.hidden = false;
  clearTimeout(el.clearTimer);
  el.clearTimer = setTimeout(() => {
    el.hidden = true;
  }, ERROR_SHOWN_MS);
}

function clearError(el) {
  if (el) el.hidden = true;
}

function ackMessage(ack) {
  const error = (ack && ack.error) || {};
  if (error.code === "offline") return t("Not connected. Wait until the status says Live, then try again.");
  if (error.code === "timeout") {
    return t("No answer from the server. Check the status; the change may or may not have been made.");
  }
  return errorMessage(error, t("The server refused this."));
}

// --- prompt forms: show the fieldset of the chosen kind --------------------------------------

function setupPromptForms() {
  for (const form of document.querySelectorAll("[data-prompt-form]")) {
    const select = form.querySelector("[data-kind-select]");
    const rankTop = form.querySelector('input[name="rank_top"]');
    const apply = () => {
      const kind = select ? select.value : form.dataset.kind;
      for (const fieldset of form.querySelectorAll(".c-kind-fields")) {
        const active = fieldset.dataset.kind === kind;
        fieldset.hidden = !active;
        fieldset.disabled = !active;
      }
      if (rankTop) {
        const top = form.querySelector('input[name="rank_mode"]:checked');
        rankTop.disabled = !top || top.value !== "top";
      }
    };
    form.addEventListener("change", apply);
    apply();
  }
  document.addEventListener("submit", (event) => {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
}

// --- what a prompt looks like in words -------------------------------------------------------

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

/** The trust barometer's shift in the console: the sentence and one line per group shown. */
function shiftBox(shift, groupName) {
  const groups = (shift.breakdown && shift.breakdown.groups) || [];
  const suppressed = shift.breakdown ? shift.breakdown.suppressed_n : 0;
  return h(
    "div",
    { class: "c-shift" },
    h("h4", { class: "c-shift-title", text: t("Shift since the first time this was asked") }),
    h("p", { class: "c-shift-line", text: shiftSentence(shift, t) }),
    shift.n_paired && shift.mean_before !== null
      ? h("p", {
          class: "c-help",
          text: t("Average {before} then {after} among them.", {
            before: fixed(shift.mean_before),
            after: fixed(shift.mean_after),
          }),
        })
      : null,
    groups.length
      ? h(
          "ul",
          { class: "c-shift-groups" },
          groups.map((g) =>
            h(
              "li",
              {},
              h("span", { text: groupName(g.group) }),
              h("strong", { text: ` ${signed(g.mean_change)} ` }),
              h("span", {
                class: "c-help",
                text: t("{up} up · {down} down · {n} pairs", {
                  up: pct(g.share_up),
                  down: pct(g.share_down),
                  n: g.n_paired,
                }),
              }),
            ),
          ),
        )
      : null,
    suppressed
      ? h("p", {
          class: "c-help",
          text: tn(
            suppressed,
            "{n} pair from groups below the threshold is not shown by group.",
            "{n} pairs from groups below the threshold are not shown by group.",
          ),
        })
      : null,
  );
}

function settingsText(prompt) {
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

function fillMeta(root, prompt, index, currentId) {
  setText(fieldOf(root, "number"), index + 1);
  const kind = fieldOf(root, "kind");
  kind.className = `c-kind c-kind-${prompt.kind}`;
  setText(kind, KIND_LABELS[prompt.kind] || prompt.kind);
  const state = fieldOf(root, "state");
  state.className = `c-state c-state-${prompt.state}`;
  setText(state, STATE_LABELS[prompt.state] || prompt.state);
  fieldOf(root, "onscreen").hidden = currentId !== prompt.id;
  setText(fieldOf(root, "count"), countText(prompt));
  setText(fieldOf(root, "text"), prompt.text);
}

function fillCommands(root, prompt, currentId, busy) {
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

// --- results ---------------------------------------------------------------------------------

function tile(label, value, note, tone = "") {
  return h(
    "div",
    { class: `c-tile ${tone}` },
    h("span", { class: "c-tile-label", text: label }),
    h("strong", { class: "c-tile-value", text: value }),
    note ? h("span", { class: "c-tile-note", text: note }) : null,
  );
}

function positionResults(prompt) {
  const s = prompt.results.summary;
  const points = prompt.settings.points;
  const midpoint = (points + 1) / 2;
  const max = Math.max(1, ...s.counts);
  const total = Math.max(1, s.n_opinion);
  const columns = s.counts.map((count, i) => {
    const point = i + 1;
    const side = point < midpoint ? "low" : point > midpoint ? "high" : "mid";
    const fill = h("span", { class: `c-col-fill c-side-${side}` });
    fill.style.height = `${(count / max) * 100}%`;
    return h(
      "div",
      { class: "c-col" },
      h("span", { class: "c-col-count", text: count ? `${count} · ${pct(count / total)}` : "0" }),
      h("span", { class: "c-col-track" }, fill),
      h("span", { class: "c-col-point", text: point }),
    );
  });
  const noOpinion = s.no_opinion ? ` (${t("{n} no opinion", { n: s.no_opinion })})` : "";
  return [
    h(
      "div",
      { class: "c-tiles" },
      tile(t("Answers"), s.n, noOpinion ? t("{n} no opinion", { n: s.no_opinion }) : null),
      tile(t("Mean"), s.mean == null ? "–" : `${fixed(s.mean)} / ${points}`),
      tile(t("Median"), s.median == null ? "–" : fixed(s.median, Number.isInteger(s.median) ? 0 : 1)),
      tile(t("Agree"), pct(s.share_agree), null, "c-side-text-high"),
      tile(t("Disagree"), pct(s.share_disagree), null, "c-side-text-low"),
      tile(t("Consensus"), fixed(s.consensus, 2), t("1 = all alike · 0 = split")),
    ),
    h("div", { class: "c-histogram", role: "img", "aria-label": `${t("Answers per point")}${noOpinion}` }, columns),
    h(
      "div",
      { class: "c-scale-ends" },
      h("span", { text: `1 · ${prompt.settings.label_low}` }),
      h("span", { text: `${prompt.settings.label_high} · ${points}` }),
    ),
    s.n ? null : h("p", { class: "c-empty", text: t("No answers yet.") }),
  ];
}

function priorityResults(prompt) {
  const s = prompt.results.summary;
  const options = prompt.settings.options;
  const tiles = h(
    "div",
    { class: "c-tiles" },
    tile(t("Ballots"), s.n),
    tile(t("Options"), options.length),
    tile(t("Ranked"), prompt.settings.rank_top ? t("top {k}", { k: prompt.settings.rank_top }) : t("all")),
  );
  if (!s.n) {
    return [
      tiles,
      h("p", { class: "c-empty", text: t("No rankings yet. The options:") }),
      h("ol", { class: "c-plain-list" }, options.map((text) => h("li", { text }))),
    ];
  }
  const rows = s.order.map((index, rank) => {
    const o = s.options[index];
    return h(
      "li",
      { class: "c-rank-row" },
      h("span", { class: "c-rank", text: rank + 1 }),
      h(
        "div",
        { class: "c-rank-body" },
        h("span", { class: "c-rank-text", text: options[index] }),
        bar(o.score, "c-fill-accent"),
        h("span", {
          class: "c-rank-meta",
          text: t("score {score} · first for {first} · average place {place}", {
            score: Math.round((o.score || 0) * 100),
            first: pct(o.share_first),
            place: fixed(o.mean_position),
          }),
        }),
      ),
    );
  });
  return [
    tiles,
    h("p", { class: "c-help", text: t("Borda score: 100 = everyone put it first.") }),
    h("ol", { class: "c-rank-list" }, rows),
  ];
}

function voteBar(p) {
  const votes = Math.max(1, p.votes);
  const part = (count, cls) => {
    const el = h("span", { class: `c-stack-part ${cls}` });
    el.style.width = `${(count / votes) * 100}%`;
    return el;
  };
  return h(
    "span",
    { class: "c-stack", "aria-hidden": "true" },
    part(p.agree, "c-vote-agree"),
    part(p.disagree, "c-vote-disagree"),
    part(p.pass, "c-vote-pass"),
  );
}

function proposalResults(prompt) {
  const ranked = prompt.results.proposals;
  if (!ranked.length) {
    return [h("p", { class: "c-empty", text: t("No approved proposals yet.") })];
  }
  return [
    h("p", {
      class: "c-help",
      text: t(
        "Ranked by support across groups: how strongly every group agrees; a proposal rises only when all groups support it (the geometric mean of each group's agree share).",
      ),
    }),
    h(
      "ol",
      { class: "c-rank-list" },
      ranked.map((p, rank) =>
        h(
          "li",
          { class: "c-rank-row" },
          h("span", { class: "c-rank", text: rank + 1 }),
          h(
            "div",
            { class: "c-rank-body" },
            h("span", { class: "c-rank-text", text: p.text, dir: "auto" }),
            voteBar(p),
            h(
              "span",
              { class: "c-rank-meta c-proposal-meta" },
              h(
                "span",
                { class: "c-support", title: SUPPORT_TITLE },
                `${t("Support across groups")} `,
                h("strong", { text: p.ranked === false ? t("not enough votes yet") : pct(p.support_across_groups) }),
              ),
              h("span", {
                text: t("{agree} agree · {disagree} disagree · {pass} pass", {
                  agree: p.agree,
                  disagree: p.disagree,
                  pass: p.pass,
                }),
              }),
              h("span", {
                class: "c-bridging",
                title: t("The raw bridging score the ranking is computed from"),
                text: t("bridging {value}", { value: p.bridging == null ? "–" : p.bridging.toPrecision(2) }),
              }),
            ),
          ),
        ),
      ),
    ),
  ];
}

// --- breakdown by constituency --------------------------------------------------------------

function thresholdNote(breakdown, k, unit = "answer") {
  const held = breakdown.suppressed_n || 0;
  const rule =
    unit === "vote"
      ? t("Groups with fewer than {k} votes are not shown, nor any group whose count could be worked out from the others", { k })
      : t("Groups with fewer than {k} answers are not shown, nor any group whose count could be worked out from the others", { k });
  const heldBack =
    unit === "vote"
      ? tn(held, "{n} vote held back.", "{n} votes held back.")
      : tn(held, "{n} answer held back.", "{n} answers held back.");
  const text = held ? `${rule}: ${heldBack}` : `${rule}.`;
  return h("p", { class: "c-help c-threshold", text });
}

/** The server's findings (common ground, divergences between the groups shown), one line each. */
function findingsView(results) {
  const lines = [
    ...(results.common_ground || []).map((f) => ["common", `${t("Common ground:")} `, f.sentence]),
    ...(results.divergences || []).map((f) => ["divergent", `${t("Divergence:")} `, f.sentence]),
  ];
  if (!lines.length) return null;
  return h(
    "div",
    { class: "c-findings" },
    lines.map(([tone, label, sentence]) =>
      h("p", { class: `c-verdict c-verdict-${tone}` }, h("strong", { text: label }), sentence),
    ),
  );
}

/** Group-id pairs "a-b" that the server found in opposite orders. */
function opposedPairs(results) {
  const pairs = new Set();
  for (const f of results.divergences || []) {
    if (f.basis !== "priority") continue;
    const [a, b] = [f.sides.a[0].group, f.sides.b[0].group];
    pairs.add(`${a}-${b}`).add(`${b}-${a}`);
  }
  return pairs;
}

function positionBreakdown(prompt, names) {
  const b = prompt.results.breakdown;
  const rows = b.groups.map((g) => {
    const s = g.summary;
    const neutral = s.share_neutral || 0;
    const stack = h("span", { class: "c-stack" });
    for (const [share, cls] of [
      [s.share_disagree, "c-side-low"],
      [neutral, "c-side-mid"],
      [s.share_agree, "c-side-high"],
    ]) {
      const part = h("span", { class: `c-stack-part ${cls}` });
      part.style.width = `${(share || 0) * 100}%`;
      stack.append(part);
    }
    return h(
      "tr",
      {},
      h("th", { scope: "row", text: names(g.group) }),
      h("td", { class: "c-num-cell", text: g.n }),
      h("td", { class: "c-num-cell", text: fixed(s.mean) }),
      h("td", { class: "c-num-cell", text: pct(s.share_disagree) }),
      h("td", { class: "c-num-cell", text: pct(s.share_agree) }),
      h("td", { class: "c-stack-cell" }, stack),
    );
  });
  return [
    table([t("Group"), t("Answers"), t("Mean"), t("Disagree"), t("Agree"), t("Disagree · neutral · agree")], rows),
  ];
}

function priorityBreakdown(prompt, names) {
  const b = prompt.results.breakdown;
  const options = prompt.settings.options;
  const rows = b.groups.map((g) =>
    h(
      "tr",
      {},
      h("th", { scope: "row", text: names(g.group) }),
      h("td", { class: "c-num-cell", text: g.n }),
      h(
        "td",
        {},
        h("ol", { class: "c-top3" }, g.summary.order.slice(0, 3).map((i) => h("li", { text: options[i] }))),
      ),
    ),
  );
  const pairs = (b.agreement || [])
    .filter((a) => a.tau_b != null)
    .sort((x, y) => y.tau_b - x.tau_b);
  const opposed = opposedPairs(prompt.results);
  return [
    table([t("Group"), t("Ballots"), [t("Their top three"), "c-th-text"]], rows),
    pairsView(pairs, names, opposed),
  ];
}

/** Kendall's tau between groups: the closest and furthest pairs, and every pair on demand. */
function pairsView(pairs, names, opposed) {
  if (!pairs.length) return null;
  const item = (a) => {
    const tone = opposed.has(`${a.a}-${a.b}`) ? "divergent" : a.tau_b >= 0.5 ? "common" : "neutral";
    return h(
      "li",
      { class: `c-pair c-pair-${tone}` },
      h("span", { text: `${names(a.a)} ↔ ${names(a.b)}` }),
      h("strong", { text: `τ ${fixed(a.tau_b, 2)}` }),
    );
  };
  const title = t("How alike the groups' orders are (Kendall τ: 1 the same order, −1 reversed)");
  if (pairs.length <= 6) {
    return h("div", { class: "c-pairs" }, h("h4", { text: title }), h("ul", {}, pairs.map(item)));
  }
  return h(
    "div",
    { class: "c-pairs" },
    h("h4", { text: title }),
    h(
      "div",
      { class: "c-pairs-split" },
      h("div", {}, h("h5", { text: t("Closest") }), h("ul", {}, pairs.slice(0, 3).map(item))),
      h("div", {}, h("h5", { text: t("Furthest apart") }), h("ul", {}, pairs.slice(-3).reverse().map(item))),
    ),
    h(
      "details",
      { class: "c-pairs-all", "data-keep": "pairs" },
      h("summary", { text: t("All {n} pairs", { n: pairs.length }) }),
      h("ul", {}, pairs.map(item)),
    ),
  );
}

function proposalBreakdown(prompt, names) {
  const ranked = prompt.results.proposals.slice(0, 10);
  const groupIds = [];
  for (const p of ranked) {
    for (const g of p.breakdown.groups) if (!groupIds.includes(g.group)) groupIds.push(g.group);
  }
  if (!groupIds.length) return [];
  const rows = ranked.map((p, rank) => {
    const shares = new Map(p.breakdown.groups.map((g) => [g.group, g.share_agree]));
    return h(
      "tr",
      {},
      h("th", { scope: "row", class: "c-clamp-cell", text: `${rank + 1}. ${p.text}` }),
      groupIds.map((id) => {
        const share = shares.get(id);
        if (share == null) return h("td", { class: "c-num-cell c-muted", text: "–" });
        const heat = share >= 0.67 ? "hi" : share >= 0.34 ? "mid" : "lo";
        return h("td", { class: `c-num-cell c-heat-${heat}`, text: pct(share) });
      }),
    );
  });
  return [
    h("p", { class: "c-help", text: t("Share of each group's votes that agree.") }),
    h("div", { class: "c-proposal-table" }, table([t("Proposal"), ...groupIds.map(names)], rows)),
  ];
}

function table(headers, rows) {
  return h(
    "div",
    { class: "c-table-wrap" },
    h(
      "table",
      { class: "c-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          headers.map((head) =>
            Array.isArray(head)
              ? h("th", { scope: "col", class: head[1], text: head[0] })
              : h("th", { scope: "col", text: head }),
          ),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}

function breakdownView(prompt, names, k) {
  return [findingsView(prompt.results), ...groupsView(prompt, names, k)];
}

function groupsView(prompt, names, k) {
  const results = prompt.results;
  if (prompt.kind === "proposal") {
    const parts = proposalBreakdown(prompt, names);
    const held = results.proposals.reduce((sum, p) => sum + (p.breakdown.suppressed_n || 0), 0);
    return parts.length
      ? [...parts, thresholdNote({ suppressed_n: held }, k, "vote")]
      : [
          h("p", {
            class: "c-empty",
            text: t("No group has cast {k} votes on a proposal yet; a breakdown appears once it cannot single anyone out.", { k }),
          }),
        ];
  }
  const b = results.breakdown;
  if (!b.groups.length) {
    return [
      h("p", {
        class: "c-empty",
        text: t("No group has {k} answers yet; a breakdown appears once it cannot single anyone out.", { k }),
      }),
    ];
  }
  const parts =
    prompt.kind === "position" ? positionBreakdown(prompt, names) : priorityBreakdown(prompt, names);
  return [...parts, thresholdNote(b, k)];
}

// --- the live console ------------------------------------------------------------------------

function startConsole(root) {
  const agenda = document.getElementById("agenda");
  const template = document.getElementById("agenda-item");
  const detail = document.querySelector('[data-detail="prompt"]');
  const detailEmpty = document.querySelector('[data-detail="empty"]');
  const queuePanel = document.getElementById("queue-panel");
  const queue = document.getElementById("queue");
  const statusEl = document.getElementById("connection");
  const promptsUrl = root.dataset.promptsUrl;
  const busy = new Set(); // buttons whose command awaits its ack
  // The selected prompt's countdown, with more time or a stop while it runs.
  const clock = h("span", { class: "c-countdown", role: "timer", hidden: true });
  const pacingBar = h(
    "div",
    { class: "c-pacing", "data-scope": "pacing", hidden: true },
    h("button", { type: "button", class: "c-btn c-btn-small", "data-command": "prompt:add_time", text: t("+30 s") }),
    h("button", { type: "button", class: "c-btn c-btn-small", "data-command": "prompt:stop_countdown", text: t("Stop countdown") }),
    h("p", { class: "c-ack-error", role: "alert", "data-field": "error", hidden: true }),
  );
  fieldOf(detail, "count").after(clock);
  detail.querySelector(".c-detail-head").append(pacingBar);

  let state = null;
  let order = [];
  const prompts = new Map();
  const hashId = Number((location.hash.match(/^#prompt-(\d+)$/) || [])[1]);
  let selected = hashId || null;
  keepCountdown(() => clock, () => prompts.get(selected), {
    running: (time) => t("{time} left", { time }),
    over: (p) => (p.pacing.auto_close ? t("Time is up — closing…") : t("Time is up")),
  });

  const client = connect({ role: "moderator", room: root.dataset.room }, { probe: "moderator:sync" });
  const currentId = () => (state ? state.current_prompt_id : null);
  const groupName = (id) => {
    const group = state && state.constituencies.find((c) => c.id === id);
    if (!group) return t("Group {id}", { id });
    return group.undisclosed ? t(group.name) : group.name;
  };

  // connection status: a banner and paused controls while the connection is down
  let relogin = null;
  let everConnected = false;
  let bannerTimer = null;
  const offlineBanner = h("p", { class: "c-offline-banner", role: "status", hidden: true, text: OFFLINE_BANNER });
  root.after(offlineBanner);
  client.onStatus((status, detail) => {
    statusEl.dataset.status = status;
    const wasOffline = document.body.classList.contains("is-offline");
    document.body.classList.toggle("is-offline", status !== "online");
    if (status === "online") {
      everConnected = true;
      clearTimeout(bannerTimer);
      bannerTimer = null;
      offlineBanner.hidden = true;
    } else if (everConnected && offlineBanner.hidden && !bannerTimer) {
      bannerTimer = setTimeout(() => {
        offlineBanner.hidden = false;
      }, BANNER_DELAY_MS);
    }
    if (wasOffline !== (status !== "online") && state) render();
    let text = STATUS_LABELS[status];
    if (status === "error") {
      text =
        detail && detail.message
          ? t("Not connected: {reason}", { reason: errorMessage(detail) })
          : t("Cannot reach the server — retrying…");
      if (detail && detail.code === "forbidden" && !relogin) {
        relogin = h("a", { class: "c-btn c-btn-small", href: root.dataset.loginUrl, text: t("Log in again") });
        statusEl.after(relogin);
      }
    }
    setText(statusEl, text);
  });

  // state from the server
  function applyState(next) {
    state = next;
    const language = root.querySelector("[data-room-language]");
    if (language && next.room && next.room.language && !busy.has(language)) language.value = next.room.language;
    prompts.clear();
    order = next.agenda.map((p) => p.id);
    for (const p of next.agenda) prompts.set(p.id, p);
    if (!prompts.has(selected)) {
      const open = next.agenda.find((p) => p.state === "open");
      selected = next.current_prompt_id || (open && open.id) || order[0] || null;
    }
    render();
  }

  function applyPrompt(view) {
    if (!prompts.has(view.id)) return; // a prompt this page does not know: the next state brings it
    prompts.set(view.id, view);
    const index = order.indexOf(view.id);
    const li = agenda.querySelector(`[data-prompt-id="${view.id}"]`);
    if (li) fillItem(li, view, index);
    if (view.id === selected) renderDetail();
  }

  client.on("state", applyState);
  client.on("prompt", applyPrompt);
  client.onResync((ack) => applyState(ack.state)); // woken up on a live connection

  // the agenda
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
    li.dataset.state = prompt.state;
    li.classList.toggle("is-current", currentId() === prompt.id);
    li.classList.toggle("is-selected", selected === prompt.id);
    fillMeta(li, prompt, index, currentId());
    if (prompt.family && !li.querySelector(".c-shared")) {
      const rollup = `/screen/${root.dataset.room}/rollup/${encodeURIComponent(prompt.family)}`;
      fieldOf(li, "onscreen").after(
        h("a", {
          class: "c-tag c-shared",
          href: rollup,
          target: "_blank",
          rel: "noopener",
          title: t("The same prompt is put to other rooms: open the roll-up that compares them"),
          text: t("Shared ↗"),
        }),
      );
    }
    const results = fieldOf(li, "results");
    results.classList.toggle("is-revealed", prompt.revealed);
    setText(results, prompt.revealed ? t("Results revealed") : t("Results hidden"));
    fieldOf(li, "text").setAttribute("aria-current", selected === prompt.id ? "true" : "false");
    fillCommands(li, prompt, currentId(), busy);
    const draft = prompt.state === "draft";
    fieldOf(li, "draft-tools").hidden = !draft;
    fieldOf(li, "count").hidden = draft;
    const [up, down] = li.querySelectorAll('[data-form="move"] button');
    up.disabled = index === 0;
    down.disabled = index === order.length - 1;
  }

  function renderAgenda() {
    const existing = new Map([...agenda.children].map((li) => [Number(li.dataset.promptId), li]));
    order.forEach((id, index) => {
      const li = existing.get(id) || newItem(id);
      existing.delete(id);
      fillItem(li, prompts.get(id), index);
      if (agenda.children[index] !== li) agenda.insertBefore(li, agenda.children[index] || null);
    });
    for (const li of existing.values()) li.remove();
    document.getElementById("agenda-empty").hidden = order.length > 0;
    setText(document.getElementById("agenda-count"), tn(order.length, "{n} prompt", "{n} prompts"));
    const joinScreen = root.querySelector('[data-command="show-join"]');
    if (!busy.has(joinScreen)) joinScreen.disabled = currentId() == null;
  }

  // the selected prompt
  function renderDetail() {
    const prompt = prompts.get(selected);
    detailEmpty.hidden = Boolean(prompt);
    detail.hidden = !prompt;
    if (!prompt) return;
    if (detail.dataset.promptId !== String(prompt.id)) {
      detail.dataset.promptId = prompt.id;
      clearError(fieldOf(detail, "error"));
      detail.parentElement.scrollTop = 0;
    }
    fillMeta(detail, prompt, order.indexOf(prompt.id), currentId());
    setText(fieldOf(detail, "settings"), settingsText(prompt) + pacingText(prompt));
    pacingBar.hidden = !(prompt.state === "open" && prompt.pacing && prompt.pacing.deadline);
    const visibility = fieldOf(detail, "visibility");
    visibility.classList.toggle("is-revealed", prompt.revealed);
    setText(
      fieldOf(detail, "visibility-label"),
      prompt.revealed ? t("Revealed to the room") : t("Hidden from the room"),
    );
    setText(
      fieldOf(detail, "visibility-help"),
      prompt.revealed
        ? prompt.published === null
          ? t("The projector and the phones will show results once {k} have answered: with fewer, one answer could be told from the next.", { k: state.k })
          : prompt.published && prompt.published.final === false
            ? tn(prompt.published.as_of, "The projector and the phones show results as of {n} answer: they move in steps of at least {k} answers, so no single answer shows.", "The projector and the phones show results as of {n} answers: they move in steps of at least {k} answers, so no single answer shows.", { k: state.k })
            : currentId() === prompt.id
          ? t("The projector and the phones are showing these results now.")
          : t("The projector and the phones show these results whenever this prompt is on screen (it is not now).")
        : prompt.state === "draft"
          ? t("Open the prompt to collect answers; only moderators will see the results until you reveal them.")
          : prompt.kind === "proposal"
            ? t("Only moderators see the votes; the projector and phones show the approved proposals and how many votes they have.")
            : prompt.kind === "priority"
              ? t("Only moderators see these results; the projector and phones show the count of rankings.")
              : t("Only moderators see these results; the projector and phones show the count of answers."),
    );
    fillCommands(detail, prompt, currentId(), busy);
    const results = prompt.results;
    const k = state.k;
    // <details> the moderator opened stay open across live updates
    const keep = [...detail.querySelectorAll("details[data-keep][open]")].map((d) => d.dataset.keep);
    if (!results) {
      document.getElementById("results").replaceChildren(h("p", { class: "c-empty", text: t("No results.") }));
      document.getElementById("breakdown").replaceChildren();
    } else {
      const view =
        prompt.kind === "position"
          ? positionResults(prompt)
          : prompt.kind === "priority"
            ? priorityResults(prompt)
            : proposalResults(prompt);
      if (results.shift) view.push(shiftBox(results.shift, groupName));
      document.getElementById("results").replaceChildren(...view.filter(Boolean));
      document
        .getElementById("breakdown")
        .replaceChildren(...breakdownView(prompt, groupName, k).filter(Boolean));
    }
    for (const name of keep) {
      const again = detail.querySelector(`details[data-keep="${name}"]`);
      if (again) again.open = true;
    }
    queuePanel.hidden = prompt.kind !== "proposal";
    if (prompt.kind === "proposal") renderQueue(prompt);
  }

  function render() {
    renderAgenda();
    renderDetail();
    pauseWhileOffline();
  }

  /** Commands travel over the socket: while it is down their buttons are paused (disabled). */
  function pauseWhileOffline() {
    const offline = document.body.classList.contains("is-offline");
    for (const button of document.querySelectorAll("button[data-command], button[data-moderate]")) {
      if (offline && !button.disabled) {
        button.dataset.paused = "";
        button.disabled = true;
      } else if (!offline && "paused" in button.dataset) {
        delete button.dataset.paused;
        // render() has just set the prompt commands afresh; the others were simply enabled.
        if (!("command" in button.dataset)) button.disabled = false;
      }
    }
  }

  // the moderation queue: nodes are kept per proposal so that buttons do not jump under the mouse
  const queueItems = new Map();
  let queueFor = null;
  let lists = null;
  const SECTIONS = [
    ["pending", t("Waiting for approval"), t("Nothing waiting.")],
    ["approved", t("Approved — visible to the room"), t("None approved yet.")],
    ["hidden", t("Hidden"), t("None hidden.")],
    ["merged", t("Merged into another proposal"), t("None merged.")],
  ];
  const ACTIONS = {
    pending: [
      ["approve", t("Approve"), "c-btn-go"],
      ["hide", t("Hide"), ""],
    ],
    approved: [["hide", t("Hide"), ""]],
    hidden: [["restore", t("Restore"), ""]],
    merged: [],
  };
  const mergeSelection = new Set(); // proposal ids ticked as duplicates
  let mergeBar = null;

  function queueActions(proposal) {
    const buttons = (ACTIONS[proposal.status] || []).map(([action, label, cls]) =>
      h("button", { type: "button", class: `c-btn c-btn-small ${cls}`, "data-moderate": action, text: label }),
    );
    if (proposal.status === "approved") {
      buttons.unshift(
        h("button", {
          type: "button",
          class: `c-btn c-btn-small c-btn-star${proposal.highlighted ? " is-on" : ""}`,
          "data-highlight": proposal.highlighted ? "off" : "on",
          "aria-pressed": proposal.highlighted ? "true" : "false",
          title: t("Show it in the spotlight on the projector"),
          text: proposal.highlighted ? t("★ Highlighted") : t("☆ Highlight"),
        }),
      );
    }
    return buttons;
  }

  function queueMeta(proposal, byId) {
    const parts = [];
    if (proposal.merged_from) {
      parts.push(h("span", { class: "c-badge c-badge-merged", text: t("merged from {n}", { n: proposal.merged_from }) }));
    }
    if (proposal.status === "merged") {
      const into = byId.get(proposal.merged_into);
      parts.push(
        h("span", {
          class: "c-muted",
          text: into ? t("→ merged into “{text}”", { text: into.text.slice(0, 60) }) : t("→ merged"),
        }),
      );
    }
    return parts;
  }

  function renderMergeBar(byId) {
    for (const id of [...mergeSelection]) {
      const p = byId.get(id);
      if (!p || p.status === "merged" || p.status === "hidden") mergeSelection.delete(id);
    }
    const chosen = [...mergeSelection].map((id) => byId.get(id));
    mergeBar.hidden = chosen.length < 2;
    if (chosen.length < 2) return;
    const select = mergeBar.querySelector("select");
    const keep = Number(select.value);
    select.replaceChildren(
      ...chosen.map((p) =>
        h("option", { value: p.id, text: p.text.length > 70 ? `${p.text.slice(0, 69)}…` : p.text }),
      ),
    );
    const fallback = chosen.find((p) => p.status === "approved") || chosen[0];
    select.value = String(mergeSelection.has(keep) ? keep : fallback.id);
    setText(fieldOf(mergeBar, "merge-count"), t("{n} selected as duplicates. Keep:", { n: chosen.length }));
  }

  function renderQueue(prompt) {
    if (queueFor !== prompt.id) {
      queueFor = prompt.id;
      queueItems.clear();
      mergeSelection.clear();
      lists = {};
      mergeBar = h(
        "div",
        { class: "c-merge-bar", role: "group", "aria-label": t("Merge duplicates"), hidden: true },
        h("span", { "data-field": "merge-count" }),
        h("select", { "aria-label": t("The proposal to keep"), "data-field": "merge-target" }),
        h("button", { type: "button", class: "c-btn c-btn-small c-btn-primary", "data-merge": "go", text: t("Merge into it") }),
        h("button", { type: "button", class: "c-btn c-btn-small c-btn-ghost", "data-merge": "clear", text: t("Clear") }),
        h("p", { class: "c-ack-error", role: "alert", "data-field": "error", hidden: true }),
      );
      queue.replaceChildren(
        h("p", {
          class: "c-help",
          text: t("Tick duplicates to merge them: endorsements carry over, one per participant."),
        }),
        mergeBar,
        ...SECTIONS.map(([status, title, empty]) => {
          lists[status] = h("ul", { class: "c-queue-list" });
          return h(
            "section",
            { class: `c-queue-section c-queue-${status}` },
            h("h4", {}, h("span", { text: title }), h("span", { class: "c-badge", "data-count": status })),
            lists[status],
            h("p", { class: "c-empty", "data-empty": status, text: empty }),
          );
        }),
      );
    }
    const seen = new Set();
    const byId = new Map((prompt.proposals || []).map((p) => [p.id, p]));
    for (const proposal of prompt.proposals || []) {
      seen.add(proposal.id);
      let li = queueItems.get(proposal.id);
      if (!li) {
        li = h(
          "li",
          { class: "c-queue-item", "data-proposal-id": proposal.id },
          h(
            "label",
            { class: "c-queue-pick", title: t("Select as a duplicate to merge") },
            h("input", { type: "checkbox", "data-merge-pick": proposal.id }),
            h("span", { class: "visually-hidden", text: t("Select to merge") }),
          ),
          h("p", { class: "c-queue-text", text: proposal.text, dir: "auto" }),
          h("p", { class: "c-queue-meta" }),
          h("div", { class: "c-queue-actions" }),
          h("p", { class: "c-ack-error", role: "alert", "data-field": "error", hidden: true }),
        );
        queueItems.set(proposal.id, li);
      }
      const look = `${proposal.status}|${proposal.highlighted}|${proposal.merged_from}|${proposal.merged_into}`;
      if (li.dataset.look !== look) {
        li.dataset.look = look;
        li.dataset.status = proposal.status;
        li.classList.toggle("is-highlighted", Boolean(proposal.highlighted));
        li.querySelector(".c-queue-actions").replaceChildren(...queueActions(proposal));
        li.querySelector(".c-queue-meta").replaceChildren(...queueMeta(proposal, byId));
      }
      const pick = li.querySelector("[data-merge-pick]");
      pick.disabled = proposal.status === "merged" || proposal.status === "hidden";
      pick.checked = mergeSelection.has(proposal.id);
      const list = lists[proposal.status];
      if (list && li.parentElement !== list) list.append(li);
    }
    for (const [id, li] of queueItems) {
      if (!seen.has(id)) {
        li.remove();
        queueItems.delete(id);
      }
    }
    for (const [status] of SECTIONS) {
      const n = lists[status].children.length;
      setText(queue.querySelector(`[data-count="${status}"]`), n);
      queue.querySelector(`[data-empty="${status}"]`).hidden = n > 0;
    }
    queue.querySelector(".c-queue-merged").hidden = lists.merged.children.length === 0;
    renderMergeBar(byId);
  }

  /** Put a proposal as the server now has it into the local copy of the selected prompt. */
  function updateProposal(data) {
    const prompt = prompts.get(queueFor);
    const entry = prompt && (prompt.proposals || []).find((p) => p.id === data.id);
    if (entry) Object.assign(entry, { status: data.status, highlighted: data.highlighted, merged_into: data.merged_into });
  }

  // promotion: the best-bridging proposals of open prompts become a new draft priority prompt
  const promoteDialog = document.getElementById("promote-dialog");
  const promoteForm = document.getElementById("promote-form");

  function promoteSource(room, prompt) {
    const usable = prompt.state === "open" && prompt.approved > 0;
    const why =
      prompt.state === "draft"
        ? t("not opened yet")
        : prompt.state === "closed"
          ? t("closed")
          : prompt.approved
            ? tn(prompt.approved, "{n} approved proposal", "{n} approved proposals")
            : t("no approved proposals yet");
    return h(
      "label",
      { class: `c-check${usable ? "" : " is-disabled"}` },
      h("input", {
        type: "checkbox",
        name: "prompt_ids",
        value: prompt.id,
        disabled: !usable,
        checked: usable && prompt.id === selected,
      }),
      h("span", {}, h("strong", { text: `${room.name}: ` }), prompt.text, h("span", { class: "c-muted", text: ` · ${why}` })),
    );
  }

  async function openPromote() {
    clearError(fieldOf(promoteForm, "error"));
    fieldOf(promoteForm, "done").hidden = true;
    const sources = fieldOf(promoteForm, "sources");
    sources.replaceChildren(h("p", { class: "c-muted", text: t("Loading…") }));
    if (promoteDialog.showModal) promoteDialog.showModal();
    else promoteDialog.setAttribute("open", "");
    const ack = await client.send("promote:sources", {});
    if (!ack || !ack.ok) {
      sources.replaceChildren();
      showError(fieldOf(promoteForm, "error"), ackMessage(ack));
      return;
    }
    const withPrompts = ack.rooms.filter((room) => room.prompts.length);
    sources.replaceChildren(
      ...(withPrompts.length
        ? withPrompts.flatMap((room) => room.prompts.map((prompt) => promoteSource(room, prompt)))
        : [h("p", { class: "c-muted", text: t("No proposal prompts in the rooms you moderate.") })]),
    );
    const target = promoteForm.elements.room_id;
    target.replaceChildren(...ack.rooms.map((room) => h("option", { value: room.id, "data-code": room.code, text: room.name })));
    const plenary = ack.rooms.find((room) => room.kind === "plenary");
    if (plenary) target.value = String(plenary.id);
  }

  promoteForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errorEl = fieldOf(promoteForm, "error");
    const done = fieldOf(promoteForm, "done");
    clearError(errorEl);
    done.hidden = true;
    const ids = [...promoteForm.querySelectorAll('input[name="prompt_ids"]:checked')].map((i) => Number(i.value));
    if (!ids.length) {
      showError(errorEl, t("Choose at least one proposal prompt to promote from."));
      return;
    }
    const n = Number(promoteForm.elements.n.value);
    const submit = promoteForm.querySelector('button[type="submit"]');
    submit.disabled = true;
    const ack = await client.send("prompt:promote", {
      prompt_ids: ids,
      n: Number.isInteger(n) ? n : 0,
      room_id: Number(promoteForm.elements.room_id.value),
      text: promoteForm.elements.text.value,
    });
    submit.disabled = false;
    if (!ack || !ack.ok) {
      showError(errorEl, ackMessage(ack));
      return;
    }
    const option = promoteForm.elements.room_id.selectedOptions[0];
    const here = ack.room_id === state.room.id;
    const into = option ? option.textContent : t("the room");
    done.replaceChildren(
      `${tn(
        ack.prompt.settings.options.length,
        "Added “{text}” as a draft priority prompt with {n} option to {room}.",
        "Added “{text}” as a draft priority prompt with {n} options to {room}.",
        { text: ack.prompt.text, room: into },
      )} `,
      here
        ? t("It is at the end of the agenda.")
        : h("a", { href: `${location.pathname.replace(/[^/]+$/, "")}${option.dataset.code}#prompt-${ack.prompt.id}`, text: t("Go to that room") }),
    );
    done.hidden = false;
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-open-promote]")) openPromote();
    if (event.target.closest("[data-close-promote]")) promoteDialog.close();
  });

  // commands
  async function run(button, event, payload, onOk) {
    const scope = button.closest(".c-queue-item, .c-merge-bar, .c-visibility, .c-item, [data-scope]");
    const errorEl = fieldOf(scope, "error");
    clearError(errorEl);
    busy.add(button);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    const ack = await client.send(event, payload);
    busy.delete(button);
    button.removeAttribute("aria-busy");
    if (ack && ack.ok) {
      if (state) onOk(ack);
      render();
      const sync = await client.send("moderator:sync", {});
      if (sync && sync.ok) applyState(sync.state);
      else render();
    } else {
      // A co-moderator decided first: show their decision at once, say so, then resync.
      const conflict = ack && ack.error && ack.error.code === "already_handled" && ack.error.proposal;
      if (conflict && state) updateProposal(ack.error.proposal);
      render();
      showError(errorEl, ackMessage(ack));
      if (conflict) {
        const sync = await client.send("moderator:sync", {});
        if (sync && sync.ok) applyState(sync.state);
      }
    }
  }

  // The projector's language: the projector reloads itself in the chosen one.
  const roomLanguage = root.querySelector("[data-room-language]");
  if (roomLanguage) {
    roomLanguage.addEventListener("change", () => {
      run(roomLanguage, "room:language", { language: roomLanguage.value }, (ack) => {
        if (state.room) state.room.language = ack.language;
      }).then(() => {
        roomLanguage.disabled = false;
        if (state && state.room && state.room.language) roomLanguage.value = state.room.language;
      });
    });
  }

  document.addEventListener("click", (event) => {
    const select = event.target.closest('[data-action="select"]');
    if (select) {
      selected = Number(select.closest("[data-prompt-id]").dataset.promptId);
      history.replaceState(null, "", `#prompt-${selected}`);
      render();
      return;
    }
    const moderate = event.target.closest("[data-moderate]");
    if (moderate) {
      const item = moderate.closest("[data-proposal-id]");
      const proposalId = Number(item.dataset.proposalId);
      // `expected`: the status this console saw; a co-moderator's earlier decision wins.
      const payload = { proposal_id: proposalId, action: moderate.dataset.moderate, expected: item.dataset.status };
      run(moderate, "proposal:moderate", payload, (ack) => updateProposal(ack.proposal));
      return;
    }
    const star = event.target.closest("[data-highlight]");
    if (star) {
      const proposalId = Number(star.closest("[data-proposal-id]").dataset.proposalId);
      const payload = { proposal_id: proposalId, highlighted: star.dataset.highlight === "on" };
      run(star, "proposal:highlight", payload, (ack) => updateProposal(ack.proposal));
      return;
    }
    const pick = event.target.closest("[data-merge-pick]");
    if (pick) {
      const id = Number(pick.dataset.mergePick);
      if (pick.checked) mergeSelection.add(id);
      else mergeSelection.delete(id);
      render();
      return;
    }
    const merge = event.target.closest("[data-merge]");
    if (merge) {
      if (merge.dataset.merge === "clear") {
        mergeSelection.clear();
        render();
        return;
      }
      const targetId = Number(mergeBar.querySelector("select").value);
      const sources = [...mergeSelection].filter((id) => id !== targetId);
      const prompt = prompts.get(queueFor);
      const target = prompt && (prompt.proposals || []).find((p) => p.id === targetId);
      const question =
        `${tn(sources.length, "Merge {n} duplicate into “{text}”?", "Merge {n} duplicates into “{text}”?", {
          text: target ? target.text.slice(0, 80) : targetId,
        })} ${t("Their endorsements carry over, one per participant; the duplicates leave the room's list.")}`;
      if (!window.confirm(question)) return;
      run(merge, "proposal:merge", { target_id: targetId, source_ids: sources }, () => mergeSelection.clear());
      return;
    }
    const command = event.target.closest("[data-command]");
    if (!command) return;
    if (command.dataset.command === "show-join") {
      run(command, "prompt:present", { prompt_id: null }, () => {
        state.current_prompt_id = null;
      });
      return;
    }
    const promptId = Number(command.closest("[data-prompt-id]").dataset.promptId);
    run(command, command.dataset.command, { prompt_id: promptId }, (ack) => {
      if (ack.prompt) prompts.set(ack.prompt.id, ack.prompt);
      if ("current_prompt_id" in ack) state.current_prompt_id = ack.current_prompt_id;
    });
  });
}

setupPromptForms();
const consoleRoot = document.getElementById("console");
if (consoleRoot) startConsole(consoleRoot);
