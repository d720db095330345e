// The trust barometer's shift, for a prompt that repeats an earlier one: how the answers of
// the participants who answered both moved. Used by the projector, the phone and the console.
// Texts go through the caller's translate function; user texts are set as text only.

import { el, fixed, pct } from "./dom.js";

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A change on the scale with its sign: +0.8, −0.3 (a true minus sign), 0.0. */
export function signed(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  const rounded = Number(Math.abs(value).toFixed(digits));
  if (rounded === 0) return fixed(0, digits);
  return `${value > 0 ? "+" : "−"}${fixed(rounded, digits)}`;
}

/** "Among the 34 who answered both: mean +0.8, 45% moved up, 12% down". */
export function shiftSentence(shift, t = fill) {
  if (!shift || !shift.n_paired) return t("Nobody has answered both times yet.", {});
  if (shift.mean_change === null) {
    return t("Among the {n} who answered both: {up} moved up, {down} down", {
      n: shift.n_paired,
      up: pct(shift.share_up),
      down: pct(shift.share_down),
    });
  }
  return t("Among the {n} who answered both: mean {change}, {up} moved up, {down} down", {
    n: shift.n_paired,
    change: signed(shift.mean_change),
    up: pct(shift.share_up),
    down: pct(shift.share_down),
  });
}

/**
 * The shift as a small panel: the sentence, then one line per group shown (at least k pairs,
 * complementary suppression done by the server). `groupName(id)` names a group.
 */
export function shiftPanel(shift, { t = fill, groupName = (id) => String(id), compact = false } = {}) {
  const groups = (shift && shift.breakdown && shift.breakdown.groups) || [];
  const suppressed = shift && shift.breakdown ? shift.breakdown.suppressed_n : 0;
  return el(
    "section",
    { class: `shift${compact ? " shift-compact" : ""}`, "aria-label": t("Shift since the first time", {}) },
    el("h2", { class: "shift-title", text: t("Shift since the first time", {}) }),
    el("p", { class: "shift-line", text: shiftSentence(shift, t) }),
    shift && shift.n_paired && shift.mean_before !== null
      ? el("p", {
          class: "shift-means",
          text: t("Mean {before} then {after}", {
            before: fixed(shift.mean_before, 1),
            after: fixed(shift.mean_after, 1),
          }),
        })
      : null,
    groups.length
      ? el(
          "ul",
          { class: "shift-groups" },
          groups.map((g) =>
            el(
              "li",
              { class: "shift-group" },
              el("span", { class: "shift-group-name", text: groupName(g.group) }),
              el("strong", {
                class: `shift-change ${g.mean_change > 0 ? "is-up" : g.mean_change < 0 ? "is-down" : ""}`,
                text: signed(g.mean_change),
              }),
              el("span", {
                class: "shift-group-shares",
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
      ? el("p", {
          class: "shift-note",
          text: t("{n} pairs from groups below the anonymity threshold are not shown by group.", {
            n: suppressed,
          }),
        })
      : null,
    groups.some((g) => g.means_withheld)
      ? el("p", {
          class: "shift-note shift-withheld",
          text: t("– : change held back, so that the answers of the few who answered only once cannot be worked out.", {}),
        })
      : null,
  );
}
