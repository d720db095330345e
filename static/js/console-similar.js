// Duplicates the server suggests for a pending proposal (its `similar` list, moderators only):
// listed under it, each with a one-click "Merge into this" (the pending one merges into it).
import { el } from "./dom.js";
import { t } from "./i18n.js";

function shortText(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The suggestions that still apply: pending or approved proposals of the list, most similar first. */
function applicable(proposal, byId) {
  if (proposal.status !== "pending") return [];
  return (proposal.similar || [])
    .map((entry) => ({ ...entry, other: byId.get(entry.id) }))
    .filter(({ other }) => other && (other.status === "pending" || other.status === "approved"));
}

/** Fill a pending proposal's suggestion line (empty when nothing looks like it). */
export function fillSimilar(node, proposal, byId) {
  const found = applicable(proposal, byId);
  const look = JSON.stringify(found.map(({ id, score, other }) => [id, score, other.text, other.status]));
  if (node.dataset.look === look) return;
  node.dataset.look = look;
  node.hidden = found.length === 0;
  if (!found.length) {
    node.replaceChildren();
    return;
  }
  node.replaceChildren(
    el("span", { class: "c-muted", text: t("Looks like:") }),
    el(
      "ul",
      {},
      ...found.map(({ id, score, other }) =>
        el(
          "li",
          { "data-similar-id": id },
          el("span", { dir: "auto", text: `“${shortText(other.text, 90)}”` }),
          el("span", { class: "c-muted", text: t("{percent} % alike", { percent: Math.round(score * 100) }) }),
          el("button", { type: "button", class: "c-btn c-btn-small", "data-merge-into": id, text: t("Merge into this") }),
        ),
      ),
    ),
  );
}

/** The merge a suggestion's button asks for, once confirmed: {target_id, source_ids}, or null. */
export function confirmedSuggestion(button, proposals) {
  const sourceId = Number(button.closest("[data-proposal-id]").dataset.proposalId);
  const targetId = Number(button.dataset.mergeInto);
  const source = proposals.find((p) => p.id === sourceId);
  const target = proposals.find((p) => p.id === targetId);
  if (!source || !target) return null;
  const question = `${t("Merge “{source}” into “{target}”?", { source: shortText(source.text, 80), target: shortText(target.text, 80) })} ${t(
    "Their endorsements carry over, one per participant; the duplicates leave the room's list.",
  )}`;
  return window.confirm(question) ? { target_id: targetId, source_ids: [sourceId] } : null;
}
