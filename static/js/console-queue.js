// The moderation queue of a proposal prompt: proposals waiting, approved, hidden and merged,
// with their actions. Nodes are kept per proposal so that buttons do not jump under the mouse.
import { el, setText } from "./dom.js";
import { t } from "./i18n.js";
import { mergeTool } from "./console-merge.js";
import { editButton } from "./console-edit.js";
import { fillSimilar } from "./console-similar.js";

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
  merged: [["unmerge", t("Unmerge"), ""]],
};

function highlightButton(proposal) {
  return el("button", {
    type: "button",
    class: `c-btn c-btn-small c-btn-star${proposal.highlighted ? " is-on" : ""}`,
    "data-highlight": proposal.highlighted ? "off" : "on",
    "aria-pressed": proposal.highlighted ? "true" : "false",
    title: t("Show it in the spotlight on the projector"),
    text: proposal.highlighted ? t("★ Highlighted") : t("☆ Highlight"),
  });
}

function queueActions(proposal) {
  const buttons = (ACTIONS[proposal.status] || []).map(([action, label, cls]) =>
    el("button", { type: "button", class: `c-btn c-btn-small ${cls}`, "data-moderate": action, text: label }),
  );
  if (proposal.status === "approved") buttons.unshift(highlightButton(proposal));
  if (proposal.status !== "merged") buttons.push(editButton());
  return buttons;
}

function queueMeta(proposal, byId) {
  const parts = [];
  if (proposal.merged_from) {
    parts.push(el("span", { class: "c-badge c-badge-merged", text: t("merged from {n}", { n: proposal.merged_from }) }));
  }
  if (proposal.status === "merged") {
    const into = byId.get(proposal.merged_into);
    const text = into ? t("→ merged into “{text}”", { text: into.text.slice(0, 60) }) : t("→ merged");
    parts.push(el("span", { class: "c-muted", text }));
  }
  return parts;
}

function newQueueItem(proposal) {
  return el(
    "li",
    { class: "c-queue-item", "data-proposal-id": proposal.id },
    el(
      "label",
      { class: "c-queue-pick", title: t("Select as a duplicate to merge") },
      el("input", { type: "checkbox", "data-merge-pick": proposal.id }),
      el("span", { class: "visually-hidden", text: t("Select to merge") }),
    ),
    el("p", { class: "c-queue-text", text: proposal.text, dir: "auto" }),
    el("p", { class: "c-queue-meta" }),
    el("div", { class: "c-queue-similar", hidden: true }),
    el("div", { class: "c-queue-actions" }),
    el("p", { class: "c-ack-error", role: "alert", "data-field": "error", hidden: true }),
  );
}

function fillQueueItem(li, proposal, byId, selection) {
  const look = `${proposal.status}|${proposal.highlighted}|${proposal.merged_from}|${proposal.merged_into}`;
  if (li.dataset.look !== look) {
    li.dataset.look = look;
    li.dataset.status = proposal.status;
    li.classList.toggle("is-highlighted", Boolean(proposal.highlighted));
    li.querySelector(".c-queue-actions").replaceChildren(...queueActions(proposal));
    li.querySelector(".c-queue-meta").replaceChildren(...queueMeta(proposal, byId));
  }
  fillSimilar(li.querySelector(".c-queue-similar"), proposal, byId);
  const shown = li.querySelector(".c-queue-text");
  if (shown.textContent !== proposal.text) setText(shown, proposal.text);
  const pick = li.querySelector("[data-merge-pick]");
  pick.disabled = proposal.status === "merged" || proposal.status === "hidden";
  pick.checked = selection.has(proposal.id);
}

/** Lay out the queue: the help line, the merge bar and one list per status; the lists by status. */
function buildSections(queue, mergeBar) {
  const lists = {};
  queue.replaceChildren(
    el("p", { class: "c-help", text: t("Tick duplicates to merge them: endorsements carry over, one per participant.") }),
    mergeBar,
    ...SECTIONS.map(([status, title, empty]) => {
      lists[status] = el("ul", { class: "c-queue-list" });
      return el(
        "section",
        { class: `c-queue-section c-queue-${status}` },
        el("h4", {}, el("span", { text: title }), el("span", { class: "c-badge", "data-count": status })),
        lists[status],
        el("p", { class: "c-empty", "data-empty": status, text: empty }),
      );
    }),
  );
  return lists;
}

/** The queue panel of the console's store: `render(prompt)` for the selected prompt. */
export function moderationQueue(store) {
  const panel = document.getElementById("queue-panel");
  const queue = document.getElementById("queue");
  const items = new Map();
  let shownFor = null;
  let lists = {};
  let merge = mergeTool();

  function build() {
    items.clear();
    merge = mergeTool();
    lists = buildSections(queue, merge.bar);
  }

  function placeItems(proposals, byId) {
    const seen = new Set();
    for (const proposal of proposals) {
      seen.add(proposal.id);
      if (!items.has(proposal.id)) items.set(proposal.id, newQueueItem(proposal));
      const li = items.get(proposal.id);
      fillQueueItem(li, proposal, byId, merge.selection);
      const list = lists[proposal.status];
      if (list && li.parentElement !== list) list.append(li);
    }
    for (const [id, li] of items) {
      if (!seen.has(id)) {
        li.remove();
        items.delete(id);
      }
    }
  }

  function render(prompt) {
    if (!prompt) return;
    panel.hidden = prompt.kind !== "proposal";
    if (panel.hidden) return;
    if (shownFor !== prompt.id) {
      shownFor = prompt.id;
      build();
    }
    const proposals = prompt.proposals || [];
    const byId = new Map(proposals.map((p) => [p.id, p]));
    placeItems(proposals, byId);
    for (const [status] of SECTIONS) {
      const n = lists[status].children.length;
      setText(queue.querySelector(`[data-count="${status}"]`), n);
      queue.querySelector(`[data-empty="${status}"]`).hidden = n > 0;
    }
    queue.querySelector(".c-queue-merged").hidden = lists.merged.children.length === 0;
    merge.render(byId);
  }

  /** The proposals of the prompt the queue shows. */
  function proposals() {
    const prompt = store.prompts.get(shownFor);
    return (prompt && prompt.proposals) || [];
  }

  /** Put a proposal as the server now has it into the local copy of the shown prompt. */
  function updateProposal(data) {
    const entry = proposals().find((p) => p.id === data.id);
    if (entry) {
      Object.assign(entry, { text: data.text, status: data.status, highlighted: data.highlighted, merged_into: data.merged_into });
    }
  }

  /** The longest proposal text the shown prompt takes. */
  function maxLength() {
    const prompt = store.prompts.get(shownFor);
    return prompt && prompt.settings && prompt.settings.max_length;
  }

  return { render, updateProposal, proposals, maxLength, merge: () => merge };
}
