// Merging duplicate proposals: the moderator ticks duplicates, chooses the one to keep, confirms.
import { el, setText } from "./dom.js";
import { t, tn } from "./i18n.js";
import { fieldOf } from "./console-kit.js";

function shortText(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The merge bar and the ticked proposals of one proposal prompt's queue. */
export function mergeTool() {
  const selection = new Set(); // proposal ids ticked as duplicates
  const bar = el(
    "div",
    { class: "c-merge-bar", role: "group", "aria-label": t("Merge duplicates"), hidden: true },
    el("span", { "data-field": "merge-count" }),
    el("select", { "aria-label": t("The proposal to keep"), "data-field": "merge-target" }),
    el("button", { type: "button", class: "c-btn c-btn-small c-btn-primary", "data-merge": "go", text: t("Merge into it") }),
    el("button", { type: "button", class: "c-btn c-btn-small c-btn-ghost", "data-merge": "clear", text: t("Clear") }),
    el("p", { class: "c-ack-error", role: "alert", "data-field": "error", hidden: true }),
  );
  const select = bar.querySelector("select");

  /** Drop ticks that can no longer merge; show the bar once two are ticked. */
  function render(byId) {
    for (const id of [...selection]) {
      const p = byId.get(id);
      if (!p || p.status === "merged" || p.status === "hidden") selection.delete(id);
    }
    const chosen = [...selection].map((id) => byId.get(id));
    bar.hidden = chosen.length < 2;
    if (chosen.length < 2) return;
    const keep = Number(select.value);
    select.replaceChildren(...chosen.map((p) => el("option", { value: p.id, text: shortText(p.text, 70) })));
    const fallback = chosen.find((p) => p.status === "approved") || chosen[0];
    select.value = String(selection.has(keep) ? keep : fallback.id);
    setText(fieldOf(bar, "merge-count"), t("{n} selected as duplicates. Keep:", { n: chosen.length }));
  }

  /** The merge the moderator asked for, once confirmed: {target_id, source_ids}, or null. */
  function confirmed(proposals) {
    const targetId = Number(select.value);
    const sources = [...selection].filter((id) => id !== targetId);
    const target = proposals.find((p) => p.id === targetId);
    const question = `${tn(sources.length, "Merge {n} duplicate into “{text}”?", "Merge {n} duplicates into “{text}”?", {
      text: target ? target.text.slice(0, 80) : targetId,
    })} ${t("Their endorsements carry over, one per participant; the duplicates leave the room's list.")}`;
    return window.confirm(question) ? { target_id: targetId, source_ids: sources } : null;
  }

  return { bar, selection, render, confirmed };
}
