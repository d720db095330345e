// The selected prompt's results by constituency: the server's findings, a table per kind, how
// alike the groups' orders are, and the anonymity threshold that held answers back.
import { el, fixed, pct } from "./dom.js";
import { LANG, t, tn } from "./i18n.js";

function thresholdNote(heldBack, k, unit = "answer") {
  const rule =
    unit === "vote"
      ? t("Groups with fewer than {k} votes are not shown, nor any group whose count could be worked out from the others", { k })
      : t("Groups with fewer than {k} answers are not shown, nor any group whose count could be worked out from the others", { k });
  const held =
    unit === "vote"
      ? tn(heldBack, "{n} vote held back.", "{n} votes held back.")
      : tn(heldBack, "{n} answer held back.", "{n} answers held back.");
  return el("p", { class: "c-help c-threshold", text: heldBack ? `${rule}: ${held}` : `${rule}.` });
}

/** A finding's sentence in the console's language. */
function worded(finding) {
  return (finding.sentences && finding.sentences[LANG]) || finding.sentence;
}

/** The server's findings (common ground, divergences between the groups shown), one line each. */
function findingsView(results) {
  const lines = [
    ...(results.common_ground || []).map((f) => ["common", `${t("Common ground:")} `, worded(f)]),
    ...(results.divergences || []).map((f) => ["divergent", `${t("Divergence:")} `, worded(f)]),
  ];
  if (!lines.length) return null;
  return el(
    "div",
    { class: "c-findings" },
    lines.map(([tone, label, sentence]) =>
      el("p", { class: `c-verdict c-verdict-${tone}` }, el("strong", { text: label }), sentence),
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

function table(headers, rows) {
  const head = headers.map((cell) =>
    Array.isArray(cell)
      ? el("th", { scope: "col", class: cell[1], text: cell[0] })
      : el("th", { scope: "col", text: cell }),
  );
  return el(
    "div",
    { class: "c-table-wrap" },
    el("table", { class: "c-table" }, el("thead", {}, el("tr", {}, head)), el("tbody", {}, rows)),
  );
}

/** Disagree, neutral and agree shares of one group side by side. */
function sidesBar(s) {
  const parts = [
    [s.share_disagree, "c-side-low"],
    [s.share_neutral || 0, "c-side-mid"],
    [s.share_agree, "c-side-high"],
  ];
  return el(
    "span",
    { class: "c-stack" },
    parts.map(([share, cls]) => el("span", { class: `c-stack-part ${cls}`, style: { width: `${(share || 0) * 100}%` } })),
  );
}

function positionBreakdown(prompt, names) {
  const rows = prompt.results.breakdown.groups.map((g) =>
    el(
      "tr",
      {},
      el("th", { scope: "row", text: names(g.group) }),
      el("td", { class: "c-num-cell", text: g.n }),
      el("td", { class: "c-num-cell", text: fixed(g.summary.mean) }),
      el("td", { class: "c-num-cell", text: pct(g.summary.share_disagree) }),
      el("td", { class: "c-num-cell", text: pct(g.summary.share_agree) }),
      el("td", { class: "c-stack-cell" }, sidesBar(g.summary)),
    ),
  );
  return [
    table([t("Group"), t("Answers"), t("Mean"), t("Disagree"), t("Agree"), t("Disagree · neutral · agree")], rows),
  ];
}

function priorityBreakdown(prompt, names) {
  const b = prompt.results.breakdown;
  const options = prompt.settings.options;
  const rows = b.groups.map((g) =>
    el(
      "tr",
      {},
      el("th", { scope: "row", text: names(g.group) }),
      el("td", { class: "c-num-cell", text: g.n }),
      el("td", {}, el("ol", { class: "c-top3" }, g.summary.order.slice(0, 3).map((i) => el("li", { text: options[i] })))),
    ),
  );
  const pairs = (b.agreement || []).filter((a) => a.tau_b != null).sort((x, y) => y.tau_b - x.tau_b);
  return [
    table([t("Group"), t("Ballots"), [t("Their top three"), "c-th-text"]], rows),
    pairsView(pairs, names, opposedPairs(prompt.results)),
  ];
}

/** Kendall's tau between groups: the closest and furthest pairs, and every pair on demand. */
function pairsView(pairs, names, opposed) {
  if (!pairs.length) return null;
  const item = (a) => {
    const tone = opposed.has(`${a.a}-${a.b}`) ? "divergent" : a.tau_b >= 0.5 ? "common" : "neutral";
    return el(
      "li",
      { class: `c-pair c-pair-${tone}` },
      el("span", { text: `${names(a.a)} ↔ ${names(a.b)}` }),
      el("strong", { text: `τ ${fixed(a.tau_b, 2)}` }),
    );
  };
  const title = el("h4", { text: t("How alike the groups' orders are (Kendall τ: 1 the same order, −1 reversed)") });
  if (pairs.length <= 6) return el("div", { class: "c-pairs" }, title, el("ul", {}, pairs.map(item)));
  return el(
    "div",
    { class: "c-pairs" },
    title,
    el(
      "div",
      { class: "c-pairs-split" },
      el("div", {}, el("h5", { text: t("Closest") }), el("ul", {}, pairs.slice(0, 3).map(item))),
      el("div", {}, el("h5", { text: t("Furthest apart") }), el("ul", {}, pairs.slice(-3).reverse().map(item))),
    ),
    el(
      "details",
      { class: "c-pairs-all", "data-keep": "pairs" },
      el("summary", { text: t("All {n} pairs", { n: pairs.length }) }),
      el("ul", {}, pairs.map(item)),
    ),
  );
}

function heatCell(share) {
  if (share == null) return el("td", { class: "c-num-cell c-muted", text: "–" });
  const heat = share >= 0.67 ? "hi" : share >= 0.34 ? "mid" : "lo";
  return el("td", { class: `c-num-cell c-heat-${heat}`, text: pct(share) });
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
    return el(
      "tr",
      {},
      el("th", { scope: "row", class: "c-clamp-cell", text: `${rank + 1}. ${p.text}` }),
      groupIds.map((id) => heatCell(shares.get(id))),
    );
  });
  return [
    el("p", { class: "c-help", text: t("Share of each group's votes that agree.") }),
    el("div", { class: "c-proposal-table" }, table([t("Proposal"), ...groupIds.map(names)], rows)),
  ];
}

function proposalGroups(prompt, names, k) {
  const parts = proposalBreakdown(prompt, names);
  const held = prompt.results.proposals.reduce((sum, p) => sum + (p.breakdown.suppressed_n || 0), 0);
  if (parts.length) return [...parts, thresholdNote(held, k, "vote")];
  return [
    el("p", {
      class: "c-empty",
      text: t("No group has cast {k} votes on a proposal yet; a breakdown appears once it cannot single anyone out.", { k }),
    }),
  ];
}

function groupsView(prompt, names, k) {
  if (prompt.kind === "proposal") return proposalGroups(prompt, names, k);
  const b = prompt.results.breakdown;
  if (!b.groups.length) {
    return [
      el("p", {
        class: "c-empty",
        text: t("No group has {k} answers yet; a breakdown appears once it cannot single anyone out.", { k }),
      }),
    ];
  }
  const parts = prompt.kind === "position" ? positionBreakdown(prompt, names) : priorityBreakdown(prompt, names);
  return [...parts, thresholdNote(b.suppressed_n || 0, k)];
}

/** The findings, then the breakdown by constituency of the prompt's kind. */
export function breakdownView(prompt, names, k) {
  return [findingsView(prompt.results), ...groupsView(prompt, names, k)].filter(Boolean);
}
