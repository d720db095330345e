// The selected prompt's results as the moderator sees them, before anything is revealed:
// figures as tiles, the histogram with counts, the full ranking with its scores, and proposals
// with their votes. Built from the shared DOM kit and result widgets.
import { shiftPanel } from "./barometer.js";
import { el, fixed, pct } from "./dom.js";
import { t } from "./i18n.js";
import { pointSide, stackedBar } from "./results.js";
import { opinionMap } from "./opinion-map.js";

const SUPPORT_TITLE = t(
  "Support across groups: how strongly every group agrees; a proposal rises only when all groups support it.",
);

function tile(label, value, note, tone = "") {
  return el(
    "div",
    { class: `c-tile ${tone}` },
    el("span", { class: "c-tile-label", text: label }),
    el("strong", { class: "c-tile-value", text: value }),
    note ? el("span", { class: "c-tile-note", text: note }) : null,
  );
}

/** A horizontal bar whose width is a share (0..1); width is set through the CSSOM, CSP-safe. */
function bar(share, className = "") {
  const width = `${Math.max(0, Math.min(1, share || 0)) * 100}%`;
  return el("span", { class: "c-bar" }, el("span", { class: `c-bar-fill ${className}`, style: { width } }));
}

function histogram(prompt) {
  const s = prompt.results.summary;
  const max = Math.max(1, ...s.counts);
  const total = Math.max(1, s.n_opinion);
  const columns = s.counts.map((count, i) => {
    const point = i + 1;
    const height = `${(count / max) * 100}%`;
    return el(
      "div",
      { class: "c-col" },
      el("span", { class: "c-col-count", text: count ? `${count} · ${pct(count / total)}` : "0" }),
      el(
        "span",
        { class: "c-col-track" },
        el("span", { class: `c-col-fill c-side-${pointSide(prompt.settings, point)}`, style: { height } }),
      ),
      el("span", { class: "c-col-point", text: point }),
    );
  });
  const noOpinion = s.no_opinion ? ` (${t("{n} no opinion", { n: s.no_opinion })})` : "";
  return el("div", { class: "c-histogram", role: "img", "aria-label": `${t("Answers per point")}${noOpinion}` }, columns);
}

function positionResults(prompt) {
  const s = prompt.results.summary;
  const points = prompt.settings.points;
  return [
    el(
      "div",
      { class: "c-tiles" },
      tile(t("Answers"), s.n, s.no_opinion ? t("{n} no opinion", { n: s.no_opinion }) : null),
      tile(t("Mean"), s.mean == null ? "–" : `${fixed(s.mean)} / ${points}`),
      tile(t("Median"), s.median == null ? "–" : fixed(s.median, Number.isInteger(s.median) ? 0 : 1)),
      tile(t("Agree"), pct(s.share_agree), null, "c-side-text-high"),
      tile(t("Disagree"), pct(s.share_disagree), null, "c-side-text-low"),
      tile(t("Consensus"), fixed(s.consensus, 2), t("1 = all alike · 0 = split")),
    ),
    histogram(prompt),
    el(
      "div",
      { class: "c-scale-ends" },
      el("span", { text: `1 · ${prompt.settings.label_low}` }),
      el("span", { text: `${prompt.settings.label_high} · ${points}` }),
    ),
    s.n ? null : el("p", { class: "c-empty", text: t("No answers yet.") }),
  ];
}

function rankRow(rank, text, ...body) {
  return el(
    "li",
    { class: "c-rank-row" },
    el("span", { class: "c-rank", text: rank + 1 }),
    el("div", { class: "c-rank-body" }, el("span", { class: "c-rank-text", text, dir: "auto" }), ...body),
  );
}

function priorityResults(prompt) {
  const s = prompt.results.summary;
  const options = prompt.settings.options;
  const tiles = el(
    "div",
    { class: "c-tiles" },
    tile(t("Ballots"), s.n),
    tile(t("Options"), options.length),
    tile(t("Ranked"), prompt.settings.rank_top ? t("top {k}", { k: prompt.settings.rank_top }) : t("all")),
  );
  if (!s.n) {
    return [
      tiles,
      el("p", { class: "c-empty", text: t("No rankings yet. The options:") }),
      el("ol", { class: "c-plain-list" }, options.map((text) => el("li", { text }))),
    ];
  }
  const rows = s.order.map((index, rank) => {
    const o = s.options[index];
    const meta = t("score {score} · first for {first} · average place {place}", {
      score: Math.round((o.score || 0) * 100),
      first: pct(o.share_first),
      place: fixed(o.mean_position),
    });
    return rankRow(rank, options[index], bar(o.score, "c-fill-accent"), el("span", { class: "c-rank-meta", text: meta }));
  });
  return [
    tiles,
    el("p", { class: "c-help", text: t("Borda score: 100 = everyone put it first.") }),
    el("ol", { class: "c-rank-list" }, rows),
  ];
}

function proposalMeta(p) {
  const support = p.ranked === false ? t("not enough votes yet") : pct(p.support_across_groups);
  return el(
    "span",
    { class: "c-rank-meta c-proposal-meta" },
    el("span", { class: "c-support", title: SUPPORT_TITLE }, `${t("Support across groups")} `, el("strong", { text: support })),
    el("span", {
      text: t("{agree} agree · {disagree} disagree · {pass} pass", { agree: p.agree, disagree: p.disagree, pass: p.pass }),
    }),
    el("span", {
      class: "c-bridging",
      title: t("The raw bridging score the ranking is computed from"),
      text: t("bridging {value}", { value: p.bridging == null ? "–" : p.bridging.toPrecision(2) }),
    }),
  );
}

function proposalResults(prompt) {
  const ranked = prompt.results.proposals;
  if (!ranked.length) {
    return [el("p", { class: "c-empty", text: t("No approved proposals yet.") })];
  }
  return [
    el("p", {
      class: "c-help",
      text: t(
        "Ranked by support across groups: how strongly every group agrees; a proposal rises only when all groups support it (the geometric mean of each group's agree share).",
      ),
    }),
    el(
      "ol",
      { class: "c-rank-list" },
      ranked.map((p, rank) => rankRow(rank, p.text, stackedBar(p), proposalMeta(p))),
    ),
    opinionMap(prompt.results),
  ];
}

/** The results of a prompt of any kind, with the trust barometer's shift when it repeats one. */
export function resultsView(prompt, groupName) {
  const view =
    prompt.kind === "position"
      ? positionResults(prompt)
      : prompt.kind === "priority"
        ? priorityResults(prompt)
        : proposalResults(prompt);
  if (prompt.results.shift) view.push(shiftPanel(prompt.results.shift, { t, groupName }));
  return view.filter(Boolean);
}
