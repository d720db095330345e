// The projector: join code and QR always on screen, the current prompt, live counts and, once
// revealed, the results with their breakdown by constituency. No keyboard: it runs by itself.
/* global Chart */

import { LANG, errorMessage, localName, localized, localizedSettings, t, tn } from "./i18n.js";
import { shiftPanel } from "./barometer.js";
import { keepCountdown } from "./countdown.js";
import { showOpinionMap, yieldOpinionMap } from "./opinion-map.js";
import { connect } from "./protocol.js";
import { fullScreenButton } from "./fullscreen.js";
import { projectorRollup } from "./projector-rollup.js";
import { el, fixed, num, patch, pct, plural, shorten, wrapLines } from "./dom.js";
import {
  SUPPORT_HELP,
  groupName as originalGroupName,
  pointSide,
  positionHistogram,
  priorityBars,
  stackedBar,
  suppressedNote,
  voteCounts,
} from "./results.js";

const screenEl = document.getElementById("screen");
const CODE = screenEl.dataset.code;
const reconnect = document.getElementById("reconnect");
const current = document.getElementById("current");
const kindEl = document.getElementById("kind");
const stateEl = document.getElementById("state");
const promptText = document.getElementById("prompt-text");
const live = document.getElementById("live");
const resultsEl = document.getElementById("results");
const RTL = document.documentElement.dir === "rtl";

const KIND_LABEL = {
  position: t("Where do you stand?"),
  priority: t("What matters most?"),
  proposal: t("Proposals"),
};

const COLORS = {
  text: "#16191f",
  muted: "#4f5661",
  grid: "#dde1e6",
  accent: "#1d4f91",
  agree: ["#8fb8de", "#4f8fc9", "#1f6fb2"],
  disagree: ["#eab08f", "#dd8150", "#b84a12"],
  neutral: "#9aa1ab",
};

const app = { room: null, constituencies: [], prompt: null, resultsKey: null, chart: null };

/** A constituency's name in the screen's language ("Prefer not to say" from the catalogue). */
function groupName(constituencies, id) {
  const group = (constituencies || []).find((c) => c.id === id);
  if (!group || group.undisclosed) return originalGroupName(constituencies, id);
  return localName(group);
}

// ---------------------------------------------------------------- connection

const conn = connect({ role: "screen", room: CODE });
let everConnected = false;

// The last results stay on screen while the connection is down; a blip shorter than this shows
// no banner at all, so the hall sees no flicker.
const BANNER_DELAY_MS = 2000;
let bannerTimer = null;

conn.onStatus((status, detail) => {
  if (status === "online") {
    everConnected = true;
    clearTimeout(bannerTimer);
    bannerTimer = null;
    reconnect.hidden = true;
    return;
  }
  if (!everConnected) reconnect.hidden = false;
  else if (reconnect.hidden && !bannerTimer) {
    bannerTimer = setTimeout(() => {
      reconnect.hidden = false;
    }, BANNER_DELAY_MS);
  }
  if (status === "error" && detail && detail.message && !everConnected) {
    reconnect.textContent = errorMessage(detail);
  } else {
    reconnect.textContent = everConnected ? t("Reconnecting…") : t("Connecting…");
  }
});

conn.on("state", (state) => {
  // The moderator chose another language for this room's projector: load the page in it.
  const language = state.room && state.room.language;
  if (["en", "fr", "ur"].includes(language) && language !== LANG) {
    window.location.reload();
    return;
  }
  app.room = state.room;
  app.constituencies = state.constituencies || [];
  app.prompt = state.prompt || null;
  hall.apply(state.screen);
  render();
});

conn.on("prompt", (prompt) => {
  if (app.prompt && prompt && prompt.id === app.prompt.id) {
    app.prompt = prompt;
    render();
  }
});

// ---------------------------------------------------------------- full screen

fullScreenButton(document.getElementById("fullscreen"), () =>
  setTimeout(() => {
    resizeChart();
    hall.fit();
  }, 100),
);

// ---------------------------------------------------------------- sizes

/** Pixels of one rem: the projector scales everything with the window (see projector.css). */
function rem(n = 1) {
  return n * parseFloat(getComputedStyle(document.documentElement).fontSize);
}

/** Pixels of a chart's text: n rem, never under projector.css's --text-min (2 % of the height). */
function textPx(n) {
  return Math.max(rem(n), 0.02 * window.innerHeight);
}

function resizeChart() {
  if (!app.chart) return;
  applyChartFonts(app.chart);
  app.chart.resize();
  app.chart.update("none");
}

window.addEventListener("resize", () => {
  clearTimeout(resizeChart.timer);
  resizeChart.timer = setTimeout(() => {
    resizeChart();
    if (resultsEl.querySelector(".pt-item, .wall-card, .chart-priority")) render();
  }, 150);
});

// ---------------------------------------------------------------- rendering

// The roll-up of a shared prompt, when a moderator puts it on this projector (projector-rollup.js).
// Back from it, the room's results are built afresh at the size they now have.
const hall = projectorRollup({
  screenEl,
  rollupEl: document.getElementById("rollup"),
  code: CODE,
  showRoom: () => {
    dropChart();
    app.resultsKey = null;
    render();
  },
});

function render() {
  const room = app.room;
  if (room) {
    document.getElementById("room-name").textContent = localName(room);
    document.getElementById("event-title").textContent = room.event;
    document.querySelectorAll("[data-short-url]").forEach((node) => {
      node.textContent = room.short_url;
    });
  }
  if (hall.shown()) return; // the room's view is drawn again when it comes back
  const p = app.prompt;
  screenEl.dataset.mode = p ? "prompt" : "welcome";
  document.getElementById("welcome").hidden = !!p;
  current.hidden = !p;
  if (!p) {
    dropChart();
    app.resultsKey = null;
    resultsEl.replaceChildren();
    resultsEl.dataset.sig = "";
    return;
  }
  kindEl.textContent = KIND_LABEL[p.kind] || t("Question");
  const open = p.state === "open";
  stateEl.textContent = open ? t("Open — answer on your phone") : t("Closed");
  stateEl.dataset.state = p.state;
  const text = localized(p, "text");
  if (promptText.textContent !== text) promptText.textContent = text;
  promptText.dataset.size = text.length > 150 ? "long" : text.length > 85 ? "medium" : "short";
  renderLive(p);
  renderResults(p);
}

function countFigures(p) {
  const c = p.counts || {};
  if (p.kind === "proposal") {
    const figures = [
      [c.proposals || 0, tn(c.proposals || 0, "proposal", "proposals")],
      [c.endorsements || 0, tn(c.endorsements || 0, "vote", "votes")],
    ];
    // Tells an author their proposal is coming; once answers are closed it no longer matters.
    if (c.pending && p.state === "open") figures.push([c.pending, t("awaiting approval")]);
    return figures;
  }
  const n = c.responses || 0;
  return [[n, p.kind === "priority" ? tn(n, "ranking", "rankings") : tn(n, "answer", "answers")]];
}

function figureNodes(figures) {
  return figures.map(([n, label]) =>
    el("span", { class: "live-figure" }, el("strong", { text: String(n) }), el("span", { text: label })),
  );
}

function renderLive(p) {
  // While a position or priority prompt is hidden, the big count sits in the results panel.
  live.hidden = !(p.revealed && p.results) && p.kind !== "proposal";
  const figures = countFigures(p);
  patch(live, JSON.stringify(figures), () => figureNodes(figures));
}

function renderResults(p) {
  const revealed = p.revealed && p.results;
  const key = `${p.id}:${p.kind}:${revealed ? "shown" : "hidden"}`;
  const fresh = key !== app.resultsKey;
  if (fresh) {
    dropChart();
    app.resultsKey = key;
    resultsEl.dataset.kind = p.kind;
    resultsEl.dataset.revealed = revealed ? "yes" : "no";
    resultsEl.replaceChildren();
    app.parts = null;
  }
  if (!revealed) {
    if (p.kind === "proposal") renderProposalWall(p, fresh);
    else renderHidden(p, fresh);
  } else if (p.kind === "position") renderPosition(p, fresh);
  else if (p.kind === "priority") renderPriority(p, fresh);
  else if (p.kind === "proposal") renderProposals(p, fresh);
  renderAsOf(p);
}

function renderHidden(p, fresh) {
  if (fresh) {
    app.parts = {
      count: el("p", { class: "hidden-count" }),
      title: el("p", { class: "hidden-title" }),
      text: el("p", { class: "hidden-text" }),
    };
    resultsEl.append(
      el(
        "div",
        { class: "hidden-panel" },
        app.parts.count,
        app.parts.title,
        app.parts.text,
      ),
    );
  }
  const figures = countFigures(p);
  patch(app.parts.count, JSON.stringify(figures), () => figureNodes(figures));
  app.parts.title.textContent = p.revealed ? t("Waiting for more answers") : t("Results hidden");
  app.parts.text.textContent = p.revealed
    ? t("Revealed: they appear once enough people have answered to keep each answer anonymous.")
    : p.state === "open"
      ? t("They appear here when the moderator reveals them.")
      : t("Answers are closed. The moderator may reveal the results.");
}

/** While results lag behind the answers (released in steps), say as of how many answers. */
function renderAsOf(p) {
  const old = resultsEl.querySelector(".as-of");
  const lagging = p.revealed && p.results && p.results.final === false;
  if (!lagging) {
    if (old) old.remove();
    return;
  }
  const text = tn(p.results.as_of, "As of {n} answer", "As of {n} answers");
  if (old) old.textContent = text;
  else resultsEl.append(el("p", { class: "as-of", text }));
}

/** Approved proposals as a wall of cards while results stay hidden. */
function renderProposalWall(p, fresh) {
  if (fresh) {
    app.parts = { wall: el("div", { class: "wall" }) };
    resultsEl.append(app.parts.wall);
  }
  const items = p.proposals || [];
  patch(app.parts.wall, JSON.stringify(items), () => {
    if (!items.length) {
      return el(
        "div",
        { class: "hidden-panel" },
        el("p", { class: "hidden-title", text: t("Send your proposal from your phone") }),
        el("p", {
          class: "hidden-text",
          text:
            p.settings.moderation === "pre"
              ? t("Proposals appear here once the moderator has approved them.")
              : t("Proposals appear here as they arrive."),
        }),
      );
    }
    // Highlighted ones first, then the newest; as many as fit (fitRows), phones have them all.
    const spotlight = items.filter((item) => item.highlighted);
    const shown = [...spotlight, ...items.filter((item) => !item.highlighted).slice(-12).reverse()].slice(0, 12);
    return [
      el(
        "p",
        { class: "wall-note", text: t("Vote on each proposal on your phone: agree, disagree or pass. Results hidden.") },
      ),
      el(
        "ul",
        { class: "wall-list" },
        shown.map((item) =>
          item.highlighted
            ? el("li", { class: "wall-card is-highlighted", dir: "auto" }, el("span", { class: "wall-star", text: t("Highlighted") }), item.text)
            : el("li", { class: "wall-card", text: item.text, dir: "auto" }),
        ),
      ),
      el("p", { class: "wall-more", hidden: true }),
    ];
  });
  fitRows(".wall-card", items.length, true);
}

// ---- charts

function dropChart() {
  if (app.chart) {
    app.chart.destroy();
    app.chart = null;
  }
}

function applyChartFonts(chart) {
  const horizontal = chart.options.indexAxis === "y";
  for (const axis of Object.values(chart.options.scales || {})) axis.ticks.font = tickFont(horizontal);
  chart.options.layout.padding = chartPadding(horizontal);
}

/** Draws each bar's value at its end: counts on the histogram, scores on the ranking. */
const valueLabels = {
  id: "valueLabels",
  afterDatasetsDraw(chart, _args, options) {
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0].data;
    ctx.save();
    ctx.fillStyle = COLORS.text;
    ctx.font = `700 ${textPx(1.5)}px ${getComputedStyle(document.body).fontFamily}`;
    meta.data.forEach((bar, i) => {
      const value = data[i];
      if (value === null || value === undefined) return;
      const text = options.format ? options.format(value, i) : String(value);
      if (chart.options.indexAxis === "y") {
        ctx.textAlign = RTL ? "right" : "left";
        ctx.textBaseline = "middle";
        ctx.fillText(text, bar.x + (RTL ? -rem(0.6) : rem(0.6)), bar.y);
      } else {
        ctx.textAlign = "center";
        ctx.textBaseline = "bottom";
        ctx.fillText(text, bar.x, bar.y - rem(0.3));
      }
    });
    ctx.restore();
  },
};

function positionColors(points) {
  const mid = (points + 1) / 2;
  const colors = [];
  for (let i = 1; i <= points; i += 1) {
    if (pointSide({ points }, i) === "mid") colors.push(COLORS.neutral);
    else if (i < mid) {
      const steps = COLORS.disagree;
      const distance = Math.min(steps.length - 1, Math.floor(mid - i - 0.5));
      colors.push(steps[distance]);
    } else {
      const steps = COLORS.agree;
      const distance = Math.min(steps.length - 1, Math.floor(i - mid - 0.5));
      colors.push(steps[distance]);
    }
  }
  return colors;
}

function makeChart(canvas, config) {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = COLORS.text;
  // Sizes go into the config before the first draw; later changes use update("none").
  const horizontal = config.options.indexAxis === "y";
  const font = tickFont(horizontal);
  for (const axis of Object.values(config.options.scales)) {
    axis.ticks = { ...(axis.ticks || {}), font, color: COLORS.text };
  }
  config.options.layout = { padding: chartPadding(horizontal) };
  config.options.animation = false;
  if (RTL) {
    // A right-to-left room reads the chart from the right: 1 on the right, bars growing leftwards.
    config.options.scales.x.reverse = true;
    if (horizontal) config.options.scales.y.position = "right";
  }
  return new Chart(canvas, config);
}

function tickFont(horizontal) {
  const family = getComputedStyle(document.body).fontFamily;
  const scale = horizontal ? app.tickScale || 1 : 1;
  // Nastaliq climbs and descends far: Urdu labels need taller lines (see fitPriority too).
  const lineHeight = LANG === "ur" ? 1.9 : 1.2;
  return { family, size: textPx(horizontal ? 1.45 * scale : 1.5), weight: "600", lineHeight };
}

function chartPadding(horizontal) {
  if (!horizontal) return { top: rem(2.6) };
  return RTL ? { left: rem(4.5) } : { right: rem(4.5) };
}

// ---- position

/** Lay out a position prompt's results: the chart with its scale ends, figures, shift, groups. */
function buildPosition(s, summary) {
  const canvas = el("canvas", { role: "img", "aria-label": t("Histogram of answers") });
  app.parts = {
    stats: el("div", { class: "stats-column" }),
    shift: el("div", { class: "shift-slot" }),
    breakdown: el("div", { class: "breakdown" }),
  };
  resultsEl.append(
    el(
      "div",
      { class: "result-main" },
      el(
        "div",
        { class: "chart-column" },
        el("div", { class: "chart-box chart-position" }, canvas),
        el(
          "p",
          { class: "chart-ends" },
          el("span", { text: `1 = ${s.label_low}` }),
          el("span", { text: `${s.points} = ${s.label_high}` }),
        ),
      ),
      app.parts.stats,
    ),
    app.parts.shift,
    app.parts.breakdown,
  );
  const labels = [];
  for (let i = 1; i <= s.points; i += 1) labels.push(String(i));
  app.chart = makeChart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [{ data: [...summary.counts], backgroundColor: positionColors(s.points), borderRadius: 6 }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { enabled: false }, valueLabels: {} },
      scales: {
        x: { grid: { display: false }, border: { color: COLORS.muted, width: 2 }, ticks: { maxRotation: 0, autoSkip: false } },
        y: { display: false, beginAtZero: true, min: 0, ticks: { precision: 0 } },
      },
    },
    plugins: [valueLabels],
  });
}

/** The big figures beside the position chart. */
function positionFigures(summary, s) {
  const noOpinion = summary.no_opinion ? ` · ${t("{n} no opinion", { n: summary.no_opinion })}` : "";
  return [
    el(
      "dl",
      { class: "big-stats" },
      bigStat(t("Mean"), summary.mean === null ? "–" : num(summary.mean), t("on 1–{points}", { points: s.points })),
      bigStat(t("Median"), num(summary.median)),
      bigStat(t("Agree"), pct(summary.share_agree), null, "agree"),
      bigStat(t("Disagree"), pct(summary.share_disagree), null, "disagree"),
      bigStat(
        t("Consensus"),
        fixed(summary.consensus, 2),
        t("1 = all alike · 0 = split"),
      ),
    ),
    el("p", { class: "big-stats-n", text: `${tn(summary.n, "{n} answer", "{n} answers")}${noOpinion}` }),
  ];
}

function renderPosition(p, fresh) {
  const s = localizedSettings(p);
  const summary = p.results.summary;
  if (fresh) {
    buildPosition(s, summary);
  } else if (app.chart) {
    app.chart.data.datasets[0].data = [...summary.counts];
    app.chart.update("none");
  }
  patch(app.parts.stats, JSON.stringify(summary), () => positionFigures(summary, s));
  renderBreakdown(p, (group) => [
    positionHistogram(group.summary, s, { compact: true }),
    el(
      "p",
      { class: "bd-figures" },
      el("span", { text: t("avg {value}", { value: num(group.summary.mean) }) }),
      el("span", { class: "bd-agree", text: t("{share} agree", { share: pct(group.summary.share_agree) }) }),
      el("span", { class: "bd-disagree", text: t("{share} disagree", { share: pct(group.summary.share_disagree) }) }),
    ),
  ], "answers");
  // A repeated statement (trust barometer): how those who answered both times moved.
  const shift = p.results.shift || null;
  // The shift is the headline: it takes the by-group row's place (it gives each group's change).
  resultsEl.classList.toggle("has-shift", Boolean(shift));
  patch(app.parts.shift, JSON.stringify([shift, app.constituencies]), () =>
    shift ? shiftPanel(shift, { t, groupName: (id) => groupName(app.constituencies, id), compact: true }) : null,
  );
}

function bigStat(term, value, note = null, tone = null) {
  return el(
    "div",
    { class: `big-stat${tone ? ` is-${tone}` : ""}` },
    el("dt", { text: term }),
    el("dd", { text: value }),
    note ? el("dd", { class: "big-stat-note", text: note }) : null,
  );
}

// ---- priority

function renderPriority(p, fresh) {
  const options = localized(p, "options");
  const summary = p.results.summary;
  const order = summary.order;
  // One line a label when the longest fits in 58 characters (about 41 rem), else two of 44.
  const texts = order.map((i, rank) => `${rank + 1}. ${options[i]}`);
  // Chart.js gives the labels at most about half the chart: fewer characters on a 4:3 screen.
  const room = Math.floor((resultsEl.clientWidth * 0.5) / (0.55 * textPx(1.45)));
  const longest = Math.max(...texts.map((t) => t.length));
  const width = longest <= Math.min(58, room) ? Math.min(58, room) : Math.min(44, room);
  const labels = texts.map((text) => wrapLines(text, width, 2));
  const scores = order.map((i) => (summary.options[i].score === null ? 0 : Math.round(summary.options[i].score * 100)));
  if (fresh) {
    const canvas = el("canvas", { role: "img", "aria-label": t("Options ranked by score") });
    app.parts = {
      note: el("p", { class: "result-note" }),
      box: el("div", { class: "chart-box chart-priority" }, canvas),
      breakdown: el("div", { class: "breakdown" }),
    };
    app.tickScale = 1;
    resultsEl.append(app.parts.note, app.parts.box, app.parts.breakdown);
    app.chart = makeChart(canvas, {
      type: "bar",
      data: { labels, datasets: [{ data: scores, backgroundColor: COLORS.accent, borderRadius: 6, barPercentage: 0.8, categoryPercentage: 0.85 }] },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { enabled: false }, valueLabels: {} },
        scales: {
          x: { display: false, min: 0, max: 100 },
          y: { grid: { display: false }, border: { display: false }, ticks: { crossAlign: "far", autoSkip: false } },
        },
      },
      plugins: [valueLabels],
    });
  } else if (app.chart) {
    app.chart.data.labels = labels;
    app.chart.data.datasets[0].data = scores;
    app.chart.update("none");
  }
  app.parts.note.textContent = `${t("Score 0–100 (Borda): 100 = everyone ranked it first")} · ${tn(summary.n, "{n} ranking", "{n} rankings")}`;
  renderBreakdown(p, (group) => [
    priorityBars(group.summary, options, { limit: 3, compact: true, maxChars: 90 }),
  ], "rankings");
  fitPriority(labels);
}

/**
 * Give the ranking chart the height its labels need, from their real number of lines, and
 * make the whole results area fit the screen (a projector cannot scroll): if it does not,
 * each group shows its top two instead of three, then the chart's labels get smaller.
 */
function fitPriority(labels, looks = 6) {
  const { box, breakdown } = app.parts;
  if (!box) return;
  // Chart.js gives every option the same band, so the band is as tall as the longest label:
  // 1.75 rem a line of 1.45 rem text, and 0.7 rem to keep the labels apart.
  const lines = Math.max(1, ...labels.map((label) => label.length));
  const steps = [
    [1, false],
    [1, true],
    [0.85, true],
    [0.72, true],
    [0.72, "one"], // a tall script (Urdu) on a short screen: each group's first choice
    [0.6, "one"],
    [0.5, "one"],
    [0.5, "none"], // last resort: the whole room's ranking alone, readable; groups on the console
  ];
  for (const [scale, topTwo] of steps) {
    // Nastaliq lines never get shorter than their text needs (its labels keep the 2 vh floor).
    const line = LANG === "ur" ? ((2.8 / 1.45) * textPx(1.45 * scale)) / rem(1) : 1.75 * scale;
    const height = labels.length * (lines * line + 0.7);
    box.style.minHeight = `${height}rem`;
    box.style.maxHeight = `${height * 1.4}rem`; // room to breathe when the screen has it
    breakdown.classList.toggle("is-top-two", topTwo === true);
    breakdown.classList.toggle("is-top-one", topTwo === "one");
    breakdown.classList.toggle("is-left-out", topTwo === "none");
    if (app.tickScale !== scale && app.chart) {
      app.tickScale = scale;
      applyChartFonts(app.chart);
      app.chart.update("none");
    }
    if (resultsEl.scrollHeight <= resultsEl.clientHeight + 1) break;
  }
  // A chart drawn a moment ago may not have its final size yet (a busy laptop can take a few
  // frames): look again, a few times over most of a second, before giving up the breakdown.
  if (looks > 1 && breakdown.classList.contains("is-left-out")) {
    setTimeout(() => requestAnimationFrame(() => fitPriority(labels, looks - 1)), 120);
  }
}

// ---- breakdown (position and priority)

function renderBreakdown(p, cell, unit) {
  const breakdown = p.results.breakdown || { groups: [], suppressed_n: 0 };
  patch(app.parts.breakdown, JSON.stringify([breakdown, app.constituencies]), () => {
    const groups = breakdown.groups || [];
    const title = el("h2", { class: "breakdown-title", text: t("By group") });
    if (!groups.length) {
      return [
        title,
        el("p", {
          class: "breakdown-empty",
          text:
            unit === "rankings"
              ? t("Groups are shown separately once each has at least {k} rankings.", { k: breakdown.k || 5 })
              : t("Groups are shown separately once each has at least {k} answers.", { k: breakdown.k || 5 }),
        }),
        suppressedNote(breakdown.suppressed_n, unit.replace(/s$/, "")),
      ];
    }
    const columns = el(
      "div",
      { class: "bd-columns" },
      groups.map((group) =>
        el(
          "section",
          { class: "bd-column" },
          el(
            "div",
            { class: "bd-head" },
            el("h3", { class: "bd-name", text: groupName(app.constituencies, group.group), dir: "auto" }),
            el("span", {
              class: "bd-n",
              text:
                unit === "rankings"
                  ? tn(group.n, "{n} ranking", "{n} rankings")
                  : tn(group.n, "{n} answer", "{n} answers"),
            }),
          ),
          el("div", { class: "bd-body" }, cell(group)),
        ),
      ),
    );
    columns.style.gridTemplateColumns = `repeat(${groups.length}, minmax(0, 1fr))`;
    columns.classList.toggle("is-narrow", groups.length >= 6);
    return [title, columns, suppressedNote(breakdown.suppressed_n, unit.replace(/s$/, ""))];
  });
}

// ---- proposals

/**
 * Column widths of the proposals table: the stage is 85.5 rem wide at 16:9 (1920×1080 and
 * 1280×720 alike). Widths in rem of the rank, votes, support and group columns and the gap, by
 * number of groups: the proposal text keeps at least 17 rem, and a group name's longest word
 * ("government") fits up to 7.
 */
function proposalColumns(grid, n) {
  const [rankW, votesW, supportW, groupW, gap] =
    n <= 4 ? [3.2, 12, 6.5, 7, 1.25]
      : n === 5 ? [3.2, 9.2, 6, 8.4, 1]
        : n === 6 ? [2.6, 9.5, 5.5, 6.5, 1]
          : n === 7 ? [2.6, 8.5, 5.5, 6.3, 0.75]
            : [2.6, 8.5, 5.5, Math.max(4.2, 44 / n), 0.6];
  grid.dataset.n = String(Math.min(n, 8));
  grid.style.columnGap = `${gap}rem`;
  grid.style.gridTemplateColumns =
    // --votes-col: 0 on a 4:3 screen (projector.css), where the group columns need the room.
    `${rankW}rem minmax(16rem, 1fr) var(--votes-col, ${votesW}rem) ${supportW}rem` +
    (n ? ` repeat(${n}, ${groupW}rem)` : "");
}

/** A group's name over its narrow column: it may break only where its language allows. */
function columnName(id) {
  const group = app.constituencies.find((c) => c.id === id);
  return (group && !group.undisclosed && group.hyphenated) || groupName(app.constituencies, id);
}

function proposalHead(groupIds) {
  const head = [
    el("span", { class: "pt-h", role: "columnheader", text: "#" }),
    el("span", { class: "pt-h", role: "columnheader", text: t("Proposal") }),
    el("span", { class: "pt-h", role: "columnheader", text: t("All votes") }),
    el("span", {
      class: "pt-h pt-num pt-support-h",
      role: "columnheader",
      title: SUPPORT_HELP,
      text: t("Support across groups"),
    }),
    ...groupIds.map((id) =>
      el("span", {
        class: "pt-h pt-group",
        role: "columnheader",
        text: columnName(id),
        dir: "auto",
      }),
    ),
  ];
  return el("div", { class: "pt-row pt-head", role: "row" }, head);
}

function proposalRow(item, rank, groupIds, highlighted) {
  const byGroup = new Map(item.breakdown.groups.map((g) => [g.group, g]));
  return el(
    "div",
    { class: highlighted ? "pt-row pt-item is-highlighted" : "pt-row pt-item", role: "row" },
    el("span", { class: "pt-rank", role: "cell", text: String(rank + 1) }),
    el("p", { class: "pt-text", role: "cell", text: shorten(item.text, 150), dir: "auto" }),
    el("div", { class: "pt-votes", role: "cell" }, stackedBar(item), voteCounts(item)),
    el("span", { class: "pt-num pt-support", role: "cell", text: item.ranked === false ? "–" : pct(item.support_across_groups) }),
    ...groupIds.map((id) => {
      const g = byGroup.get(id);
      if (!g) return el("span", { class: "pt-group-cell is-empty", role: "cell", text: "–" });
      return el(
        "div",
        { class: "pt-group-cell", role: "cell" },
        el("span", { class: "pt-share", text: `${pct(g.share_agree)}` }),
        stackedBar(g),
      );
    }),
  );
}

function proposalLegend() {
  return el(
    "p",
    { class: "pt-legend" },
    el("span", { class: "key key-agree", text: t("agree") }),
    el("span", { class: "key key-disagree", text: t("disagree") }),
    el("span", { class: "key key-pass", text: t("pass") }),
    el("span", {
      class: "pt-legend-text",
      "data-optional": "",
      text: t(
        "Support across groups: how strongly every group agrees; a proposal rises only when all groups support it. Group columns: the share of the group's votes that agree.",
      ),
    }),
  );
}

/** The proposals ranked by support across groups, one column per group shown. */
function proposalTable(p, items) {
  if (!items.length) {
    return el("div", { class: "hidden-panel" }, el("p", { class: "hidden-title", text: t("No proposals to show") }));
  }
  const shown = items.slice(0, 8);
  const spotlight = new Set((p.proposals || []).filter((x) => x.highlighted).map((x) => x.id));
  // One column per group visible for at least one shown proposal, in the event's order.
  const visible = new Set();
  let suppressed = 0;
  for (const item of shown) {
    for (const g of item.breakdown.groups) visible.add(g.group);
    suppressed = Math.max(suppressed, item.breakdown.suppressed_n || 0);
  }
  const groupIds = app.constituencies.map((c) => c.id).filter((id) => visible.has(id));
  const grid = el("div", {
    class: "pt",
    role: "table",
    "aria-label": t("Proposals ranked by support across groups"),
  });
  proposalColumns(grid, groupIds.length);
  grid.append(proposalHead(groupIds));
  shown.forEach((item, rank) => grid.append(proposalRow(item, rank, groupIds, spotlight.has(item.id))));
  return [grid, el("p", { class: "wall-more", hidden: true }), proposalLegend(), suppressedNote(suppressed, "vote")];
}

function renderProposals(p, fresh) {
  if (fresh) {
    app.parts = { table: el("div", { class: "proposal-results" }), map: el("div", { class: "om-slot" }) };
    resultsEl.append(app.parts.table, app.parts.map);
  }
  showOpinionMap(app.parts.map, p.results, { compact: true });
  const items = p.results.proposals || [];
  const highlightedIds = (p.proposals || []).filter((x) => x.highlighted).map((x) => x.id);
  patch(app.parts.table, JSON.stringify([items, app.constituencies, highlightedIds]), () => proposalTable(p, items));
  fitRows(".pt-item", items.length, false);
  if (yieldOpinionMap(app.parts.map, resultsEl)) fitRows(".pt-item", items.length, false);
}

/**
 * Drop rows from the end until the results fit the screen (a projector cannot scroll), then
 * say how many are not shown; when one row still does not fit, leave out the explanations
 * marked data-optional. Runs after every rebuild and on resize.
 */
function fitRows(rowSelector, total, onPhone) {
  const rows = [...resultsEl.querySelectorAll(rowSelector)];
  const optional = [...resultsEl.querySelectorAll("[data-optional]")];
  [...rows, ...optional].forEach((node) => {
    node.hidden = false;
  });
  const overflows = () => resultsEl.scrollHeight > resultsEl.clientHeight + 1;
  let visible = rows.length;
  const more = resultsEl.querySelector(".wall-more");
  const update = () => {
    if (!more) return;
    const rest = total - visible;
    more.hidden = rest <= 0;
    if (rest <= 0) more.textContent = "";
    else if (onPhone) more.textContent = tn(rest, "and {n} more proposal on your phone", "and {n} more proposals on your phone");
    else more.textContent = tn(rest, "and {n} more proposal", "and {n} more proposals");
  };
  update();
  while (visible > 1 && overflows()) {
    visible -= 1;
    rows[visible].hidden = true;
    update();
  }
  for (const node of optional) {
    if (!overflows()) break;
    node.hidden = true;
  }
}

// ---------------------------------------------------------------- countdown

const clockEl = el("p", { class: "countdown", id: "countdown", role: "timer", hidden: true });
stateEl.after(clockEl);
keepCountdown(() => clockEl, () => app.prompt, {
  running: (clock) => t("{time} left", { time: clock }),
  over: (p) => (p.pacing.auto_close ? t("Time is up — closing…") : t("Time is up")),
});
