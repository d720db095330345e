// The opinion map of a proposal prompt (results.opinion_groups, docs/protocol.md): each opinion
// group drawn as a shaded area with its size, never a point per participant; beside it what each
// group stands for (its representative proposals) and the proposals every group supports. The
// projector shows it once revealed, the console live. Labels are HTML laid over the SVG, so their
// type sizes are real CSS sizes (the projector's floors apply to them).
import { el, patch, pct, shorten } from "./dom.js";
import { t, tn } from "./i18n.js";
import { stackedBar } from "./results.js";

const SVG = "http://www.w3.org/2000/svg";
const LETTERS = "ABCDEFGH";
const ASPECT = 1.5; // the map's width over its height (opinion-map.css keeps the same)
const MARGIN = 0.2; // room around the outlines, as a share of their extent
// A proposal counts as supported across opinion groups when the groups' smoothed agree shares
// average (geometrically) above one half: more agree than not, in every group taken together.
const SUPPORTED = 0.5;

/** "Group A", "Group B" … in the order the server gives (largest first). */
export function groupLabel(index) {
  return t("Group {letter}", { letter: LETTERS[index] || String(index + 1) });
}

function svgNode(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** The box the outlines fill, widened to the map's aspect so labels land where the areas are. */
function frame(groups) {
  const points = groups.flatMap((g) => [g.centre, ...(g.outline || [])]);
  let [minX, maxX] = [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0]))];
  let [minY, maxY] = [Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[1]))];
  let w = Math.max(maxX - minX, 0.5) * (1 + 2 * MARGIN);
  let h = Math.max(maxY - minY, 0.5) * (1 + 2 * MARGIN);
  if (w / h < ASPECT) w = h * ASPECT;
  else h = w / ASPECT;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

function inside(share) {
  return Math.round(Math.min(0.82, Math.max(0.18, share)) * 1000) / 10;
}

function mapFigure(groups) {
  const box = frame(groups);
  // y grows upwards on the map, downwards in SVG: flip it.
  const sx = (x) => ((x - box.x) / box.w) * 300;
  const sy = (y) => (1 - (y - box.y) / box.h) * 200;
  const svg = svgNode("svg", {
    class: "om-svg",
    viewBox: "0 0 300 200",
    preserveAspectRatio: "none",
    "aria-hidden": "true",
    focusable: "false",
  });
  svg.append(svgNode("rect", { class: "om-ground", x: 0, y: 0, width: 300, height: 200 }));
  groups.forEach((g, i) => {
    const outline = g.outline && g.outline.length ? g.outline : [g.centre];
    const d = `M${outline.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join("L")}Z`;
    svg.append(svgNode("path", { class: `om-area om-c${i % 5}`, d, "vector-effect": "non-scaling-stroke" }));
  });
  const labels = groups.map((g, i) => {
    // Under its area, or over it near the map's foot, so that the shading stays in view; kept
    // off the map's edges, so that a label never leaves the map.
    const ys = (g.outline && g.outline.length ? g.outline : [g.centre]).map((p) => sy(p[1]) / 200);
    const below = Math.max(...ys) < 0.6;
    const top = below ? Math.max(...ys) : Math.min(...ys);
    return el(
      "span",
      {
        class: `om-label om-c${i % 5} ${below ? "is-below" : "is-above"}`,
        style: { left: `${inside(sx(g.centre[0]) / 300)}%`, top: `${Math.round(top * 1000) / 10}%` },
      },
      el("strong", { text: groupLabel(i) }),
      el("span", { text: tn(g.n, "{n} person", "{n} people") }),
    );
  });
  const described = groups.map((g, i) => `${groupLabel(i)}: ${tn(g.n, "{n} person", "{n} people")}`).join("; ");
  return el("figure", { class: "om-map", role: "img", "aria-label": `${t("Opinion map")}. ${described}` }, svg, labels);
}

function voteShare(v) {
  const total = (v.agree || 0) + (v.disagree || 0) + (v.pass || 0);
  return total ? v.agree / total : null;
}

function representative(rep, text, long) {
  const agrees = rep.agree > rep.disagree;
  const total = rep.agree + rep.disagree + rep.pass;
  return el(
    "li",
    { class: `om-rep ${agrees ? "is-agree" : "is-disagree"}` },
    el("span", { class: "om-rep-text", dir: "auto", text: shorten(text, long ? 140 : 70) }),
    el(
      "span",
      { class: "om-rep-figures" },
      stackedBar(rep),
      el("span", {
        class: "om-rep-share",
        text: agrees
          ? t("{share} agree", { share: pct(voteShare(rep)) })
          : t("{share} disagree", { share: pct(total ? rep.disagree / total : null) }),
      }),
    ),
  );
}

function groupCard(g, i, textOf, perGroup, long) {
  const reps = (g.representative || []).filter((r) => textOf.has(r.proposal_id)).slice(0, perGroup);
  return el(
    "section",
    { class: `om-group om-c${i % 5}` },
    el(
      "h4",
      { class: "om-group-title" },
      el("span", { class: "om-swatch", "aria-hidden": "true" }),
      `${groupLabel(i)} · ${tn(g.n, "{n} person", "{n} people")}`,
    ),
    reps.length
      ? el("ul", { class: "om-reps" }, reps.map((r) => representative(r, textOf.get(r.proposal_id), long)))
      : el("p", { class: "om-none", text: t("No proposal sets this group apart yet.") }),
  );
}

function consensusList(opinion, textOf, limit, long) {
  const groups = opinion.groups.length;
  const supported = (opinion.consensus || [])
    .map((c) => ({ ...c, support: Math.pow(c.score, 1 / groups) }))
    .filter((c) => textOf.has(c.proposal_id) && c.support > SUPPORTED)
    .slice(0, limit);
  return el(
    "section",
    { class: "om-consensus" },
    el("h4", { class: "om-group-title", text: t("Supported across opinion groups") }),
    supported.length
      ? el(
          "ul",
          { class: "om-reps" },
          supported.map((c) =>
            el(
              "li",
              { class: "om-rep is-agree" },
              el("span", { class: "om-rep-text", dir: "auto", text: shorten(textOf.get(c.proposal_id), long ? 140 : 70) }),
              el("span", {
                class: "om-rep-share",
                title: long ? null : t("{share} support across opinion groups", { share: pct(c.support) }),
                text: long ? t("{share} support across opinion groups", { share: pct(c.support) }) : pct(c.support),
              }),
            ),
          ),
        )
      : el("p", { class: "om-none", text: t("No proposal is supported by every opinion group yet.") }),
  );
}

function emptyState(opinion) {
  const n = (opinion && opinion.n_clustered) || 0;
  const why = n
    ? tn(
        n,
        "{n} person voted on enough proposals, but the votes show no clear opinion groups yet.",
        "{n} people voted on enough proposals, but their votes show no clear opinion groups yet.",
      )
    : t("Not enough people have voted on enough proposals yet to find opinion groups.");
  return el(
    "div",
    { class: "om-empty" },
    el("p", { class: "om-empty-title", text: t("No opinion groups yet") }),
    el("p", { class: "om-empty-text", text: why }),
  );
}

/**
 * The opinion map of a proposal prompt's results as a section. `compact` (the projector) shows
 * fewer and shorter proposals; the console shows up to five of each.
 */
export function opinionMap(results, { compact = false } = {}) {
  const opinion = results && results.opinion_groups;
  const groups = (opinion && opinion.groups) || [];
  const title = el("h3", { class: "om-title", text: t("Opinion groups") });
  const help = el(
    "p",
    { class: "om-help" },
    t("Found from the votes: each area is a group of people who voted alike, never one person."),
    compact ? null : ` ${t("The map's directions have no fixed meaning.")}`,
  );
  if (!groups.length) return el("section", { class: "om is-empty" }, title, emptyState(opinion));
  // A kept map may name a proposal since hidden or merged: leave out what results no longer list.
  const textOf = new Map((results.proposals || []).map((p) => [p.id, p.text]));
  return el(
    "section",
    { class: "om", dataset: { groups: String(groups.length) } },
    el("div", { class: "om-head" }, title, help),
    el(
      "div",
      { class: "om-body" },
      mapFigure(groups),
      el("div", { class: "om-groups" }, groups.map((g, i) => groupCard(g, i, textOf, compact ? 1 : 5, !compact))),
      consensusList(opinion, textOf, compact ? 2 : 5, !compact),
    ),
  );
}

/** Fill `container` with the opinion map, rebuilding only when what it shows changed. */
export function showOpinionMap(container, results, options = {}) {
  container.hidden = false;
  const opinion = results && results.opinion_groups;
  const texts = (results && results.proposals ? results.proposals : []).map((p) => [p.id, p.text]);
  return patch(container, JSON.stringify([opinion || null, texts, options]), () => opinionMap(results, options));
}

/**
 * Leave the map out of a screen that cannot scroll when even the shortest ranking does not fit
 * beside it (the console still shows it); true when it did, so the caller refits its rows.
 */
export function yieldOpinionMap(container, screen) {
  if (container.hidden || screen.scrollHeight <= screen.clientHeight + 1) return false;
  container.hidden = true;
  return true;
}
