// The result widgets every screen shows (phone, projector, roll-up, dashboard, console): plain
// HTML/CSS views (no Chart.js here: the phone must stay light), built with the DOM kit.
// Every piece of user-supplied text goes in through textContent, never as HTML.

import { localName, t, tn } from "./i18n.js";
import { el, fixed, num, pct, shorten } from "./dom.js";

/** The name of a constituency by id, from the state's list, in the page's language. */
export function groupName(constituencies, id) {
  const group = (constituencies || []).find((c) => c.id === id);
  return group ? localName(group) : t("Group");
}

/** Label of point i (1-based) of a position scale: end points carry their labels. */
export function pointLabel(settings, i) {
  if (i === 1) return settings.label_low;
  if (i === settings.points) return settings.label_high;
  if (settings.points % 2 === 1 && i === (settings.points + 1) / 2) return t("Neutral");
  return "";
}

/**
 * Which side of the scale point i (1-based) is on: "low" (disagree), "mid" (the neutral
 * midpoint of an odd scale) or "high" (agree). Phone, projector and console colour by it.
 */
export function pointSide(settings, i) {
  const mid = (settings.points + 1) / 2;
  return i < mid ? "low" : i > mid ? "high" : "mid";
}

/**
 * Histogram of a position summary as CSS bars: one column per point, count on top, number
 * under it, end labels beneath. `mine` (1..N) marks the viewer's own answer.
 */
export function positionHistogram(summary, settings, { mine = undefined, compact = false } = {}) {
  const counts = summary.counts || [];
  const max = Math.max(1, ...counts);
  const cols = counts.map((count, i) => {
    const point = i + 1;
    const share = summary.n_opinion ? count / summary.n_opinion : 0;
    const isMine = mine === point;
    return el(
      "div",
      { class: `hist-col hist-${pointSide(settings, point)}${isMine ? " is-mine" : ""}` },
      el("span", { class: "hist-count", text: compact ? String(count) : pct(share) }),
      el(
        "div",
        { class: "hist-track" },
        el("div", { class: "hist-bar", style: { height: `${(count / max) * 100}%` } }),
      ),
      el("span", { class: "hist-point", text: String(point) }),
    );
  });
  const label = counts
    .map((count, i) => `${i + 1}: ${tn(count, "{n} answer", "{n} answers")}`)
    .join(", ");
  return el(
    "figure",
    { class: `hist${compact ? " hist-compact" : ""}` },
    el("div", { class: "hist-cols", role: "img", "aria-label": label }, cols),
    compact
      ? null
      : el(
          "figcaption",
          { class: "hist-ends" },
          el("span", { text: `1 = ${settings.label_low}` }),
          el("span", { text: `${settings.points} = ${settings.label_high}` }),
        ),
  );
}

/** Position figures as small labelled numbers. */
export function positionStats(summary, settings, { consensus = true } = {}) {
  const items = [
    [t("Mean"), `${num(summary.mean)} / ${settings.points}`, ""],
    [t("Agree"), pct(summary.share_agree), " stat-agree"],
    [t("Disagree"), pct(summary.share_disagree), " stat-disagree"],
  ];
  if (consensus) items.push([t("Consensus"), fixed(summary.consensus, 2), ""]);
  return el(
    "dl",
    { class: "stats" },
    items.map(([term, value, tone]) =>
      el("div", { class: `stat${tone}` }, el("dt", { text: term }), el("dd", { text: value })),
    ),
  );
}

/**
 * Priority results as ranked horizontal CSS bars of the normalised Borda score (0–100).
 * `limit` keeps only the first options; `mine` is the viewer's own ballot (indices).
 */
export function priorityBars(summary, options, { limit = null, compact = false, maxChars = 0 } = {}) {
  const order = summary.order || [];
  const shown = limit ? order.slice(0, limit) : order;
  const rows = shown.map((index, rank) => {
    const option = summary.options[index];
    const score = option.score === null ? 0 : option.score * 100;
    const text = maxChars ? shorten(options[index], maxChars) : options[index];
    return el(
      "li",
      { class: "rank-row" },
      el("span", { class: "rank-no", text: String(rank + 1) }),
      el(
        "div",
        { class: "rank-body" },
        el("span", { class: "rank-text", text, title: options[index], dir: "auto" }),
        el(
          "div",
          { class: "rank-track" },
          el("div", { class: "rank-bar", style: { width: `${score}%` } }),
        ),
      ),
      el("span", { class: "rank-score", text: option.score === null ? "–" : String(Math.round(score)) }),
    );
  });
  return el("ol", { class: `ranking${compact ? " ranking-compact" : ""}` }, rows);
}

/** A stacked agree / disagree / pass bar with an accessible summary. */
export function stackedBar({ agree = 0, disagree = 0, pass = 0 }) {
  const total = agree + disagree + pass;
  const part = (kind, n) =>
    n ? el("span", { class: `stack-${kind}`, style: { width: `${(n / total) * 100}%` } }) : null;
  return el(
    "div",
    {
      class: `stack${total ? "" : " stack-empty"}`,
      role: "img",
      "aria-label": t("{agree} agree, {disagree} disagree, {pass} pass", { agree, disagree, pass }),
    },
    part("agree", agree),
    part("disagree", disagree),
    part("pass", pass),
  );
}

/** The counts beside a stacked bar: "12 agree · 3 disagree · 2 pass". */
export function voteCounts({ agree = 0, disagree = 0, pass = 0 }) {
  return el(
    "span",
    { class: "vote-counts" },
    el("span", { class: "vc-agree", text: t("{n} agree", { n: agree }) }),
    el("span", { class: "vc-sep", "aria-hidden": "true", text: " · " }),
    el("span", { class: "vc-disagree", text: t("{n} disagree", { n: disagree }) }),
    el("span", { class: "vc-sep", "aria-hidden": "true", text: " · " }),
    el("span", { class: "vc-pass", text: t("{n} pass", { n: pass }) }),
  );
}

/** What "support across groups" means, in the words the room sees. */
export const SUPPORT_HELP = t(
  "How strongly every group agrees: a proposal rises only when all groups support it.",
);

/** Proposals ranked by support across groups, each with its stacked bar (the phone). */
export function proposalRanking(items, { limit = null } = {}) {
  const shown = limit ? items.slice(0, limit) : items;
  return el(
    "ol",
    { class: "proposal-ranking" },
    shown.map((item, rank) =>
      el(
        "li",
        { class: "pr-row" },
        el("span", { class: "rank-no", text: String(rank + 1) }),
        el(
          "div",
          { class: "pr-body" },
          el("p", { class: "pr-text", text: item.text, dir: "auto" }),
          stackedBar(item),
          el(
            "p",
            { class: "pr-meta" },
            el(
              "span",
              { class: "pr-support", title: SUPPORT_HELP },
              `${t("Support across groups")} `,
              el("strong", { text: item.ranked === false ? t("not enough votes yet") : pct(item.support_across_groups) }),
            ),
            voteCounts(item),
          ),
        ),
      ),
    ),
  );
}

/** A note on answers from groups below the anonymity threshold, or null. */
export function suppressedNote(suppressedN, noun = "answer") {
  if (!suppressedN) return null;
  const text =
    noun === "vote"
      ? tn(
          suppressedN,
          "{n} vote from groups below the anonymity threshold is not shown separately.",
          "{n} votes from groups below the anonymity threshold are not shown separately.",
        )
      : noun === "ranking"
        ? tn(
            suppressedN,
            "{n} ranking from groups below the anonymity threshold is not shown separately.",
            "{n} rankings from groups below the anonymity threshold are not shown separately.",
          )
        : tn(
            suppressedN,
            "{n} answer from groups below the anonymity threshold is not shown separately.",
            "{n} answers from groups below the anonymity threshold are not shown separately.",
          );
  return el("p", { class: "suppressed-note", text });
}
