// The roll-up of one shared prompt: the rooms side by side. A room's results arrive only once
// revealed in that room and when it has at least k answers; the server leaves everything else
// out, so this module only lays out what it is sent. Used by the roll-up page (rollup.js) and
// by the projector when a moderator puts the roll-up on it (projector.js).

import { localName, localized, localizedSettings, t, tn } from "./i18n.js";
import { el, fixed, patch, pct, shorten } from "./dom.js";

const KIND = {
  position: t("Where do the rooms stand?"),
  priority: t("What matters most, room by room?"),
  proposal: t("The best-supported proposals, room by room"),
};

function render(parts, raw) {
  // The prompt's text, options and labels in the room's language, where the moderator gave them.
  const data = { ...raw, text: localized(raw, "text"), settings: localizedSettings(raw) };
  parts.kind.textContent = KIND[data.kind] || t("All rooms");
  parts.event.textContent = data.event.title;
  parts.text.textContent = data.text;
  parts.text.dataset.size = data.text.length > 150 ? "long" : data.text.length > 85 ? "medium" : "short";
  parts.scale.textContent =
    data.kind === "position"
      ? t("Scale 1 “{low}” to {points} “{high}” · agree = {from} to {points}", {
          low: data.settings.label_low,
          high: data.settings.label_high,
          points: data.settings.points,
          from: Math.floor(data.settings.points / 2) + 2,
        })
      : "";
  const { rooms } = parts;
  rooms.style.gridTemplateColumns = `repeat(${data.rooms.length}, minmax(0, 1fr))`;
  rooms.dataset.n = String(data.rooms.length);
  patch(rooms, JSON.stringify(data.rooms), () => data.rooms.map((part) => roomColumn(data, part)));
  fit(rooms);
  document.fonts.ready.then(() => fit(rooms)); // measuring starts the fonts loading; wrap lines change then
  parts.foot.textContent = t(
    "A room appears once its results are revealed there. Rooms and groups with fewer than {k} answers are not shown, nor groups whose figures could be worked out from the others.",
    { k: data.k },
  );
}

function count(part, kind) {
  const c = part.counts || {};
  if (kind === "proposal") {
    return `${tn(c.proposals || 0, "{n} proposal", "{n} proposals")} · ${tn(c.endorsements || 0, "{n} vote", "{n} votes")}`;
  }
  const n = c.responses || 0;
  return kind === "priority" ? tn(n, "{n} ranking", "{n} rankings") : tn(n, "{n} answer", "{n} answers");
}

function roomColumn(data, part) {
  let body;
  if (part.status === "shown" && data.kind === "position") body = positionBody(data, part);
  else if (part.status === "shown" && data.kind === "priority") body = priorityBody(data, part);
  else if (part.status === "shown") body = proposalBody(data, part);
  else if (part.status === "few") {
    body = el(
      "div",
      { class: "ru-wait" },
      el("p", { class: "ru-wait-title", text: t("Fewer than {k} answers", { k: data.k }) }),
      el("p", { text: t("Too few to show without identifying anyone.") }),
    );
  } else {
    body = el(
      "div",
      { class: "ru-wait" },
      el("p", { class: "ru-wait-title", text: part.state === "draft" ? t("Not asked yet") : t("Results not revealed yet") }),
      el("p", { text: part.state === "open" ? t("Answering now") : part.state === "closed" ? t("Answers closed") : "" }),
    );
  }
  return el(
    "section",
    { class: `ru-room is-${part.status}`, dataset: { room: part.room.id } },
    el(
      "header",
      { class: "ru-room-head" },
      el("h2", { text: localName(part.room) }),
      el("p", { class: "ru-count", text: count(part, data.kind) }),
    ),
    body,
  );
}

/** A group's name in the screen's language. */
function groupName(data, id) {
  const group = data.constituencies.find((c) => c.id === id);
  return group ? localName(group) : t("Group");
}

/** Disagree / neutral / agree as one bar, shares of the answers with an opinion. */
function splitBar(summary) {
  const agree = summary.share_agree || 0;
  const disagree = summary.share_disagree || 0;
  const neutral = Math.max(0, 1 - agree - disagree);
  return el(
    "div",
    { class: "ru-split", role: "img", "aria-label": t("{agree} agree, {disagree} disagree", { agree: pct(agree), disagree: pct(disagree) }) },
    disagree ? el("span", { class: "ru-split-low", style: { width: `${disagree * 100}%` } }) : null,
    neutral ? el("span", { class: "ru-split-mid", style: { width: `${neutral * 100}%` } }) : null,
    agree ? el("span", { class: "ru-split-high", style: { width: `${agree * 100}%` } }) : null,
  );
}

function positionBody(data, part) {
  const s = part.summary;
  const groups = (part.breakdown && part.breakdown.groups) || [];
  return el(
    "div",
    { class: "ru-body" },
    el(
      "div",
      { class: "ru-big" },
      el("p", { class: "ru-agree" }, el("strong", { text: pct(s.share_agree) }), el("span", { text: t("agree") })),
      el("p", { class: "ru-disagree" }, el("strong", { text: pct(s.share_disagree) }), el("span", { text: t("disagree") })),
    ),
    splitBar(s),
    el("p", {
      class: "ru-stats",
      text: t("Mean {mean} of {points} · consensus {consensus}", {
        mean: s.mean === null ? "–" : s.mean.toFixed(1),
        points: data.settings.points,
        consensus: fixed(s.consensus, 2),
      }),
    }),
    groupsBlock(data, part, groups, (g) => [
      el("span", { class: "ru-g-value", text: t("{share} agree", { share: pct(g.summary.share_agree) }) }),
      splitBar(g.summary),
    ]),
  );
}

function priorityBody(data, part) {
  const s = part.summary;
  const options = data.settings.options || [];
  const groups = (part.breakdown && part.breakdown.groups) || [];
  return el(
    "div",
    { class: "ru-body" },
    el(
      "ol",
      { class: "ru-ranks" },
      s.order.slice(0, 3).map((index) =>
        el(
          "li",
          { class: "ru-rank" },
          el("span", { class: "ru-rank-text", text: shorten(options[index], 60) }),
          el(
            "span",
            { class: "ru-rank-bar" },
            el("span", { style: { width: `${(s.options[index].score || 0) * 100}%` } }),
          ),
          el("span", { class: "ru-rank-score", text: String(Math.round((s.options[index].score || 0) * 100)) }),
        ),
      ),
    ),
    groupsBlock(
      data,
      part,
      groups,
      (g) => [el("span", { class: "ru-g-first", text: `1. ${shorten(options[g.summary.order[0]] || "–", 45)}` })],
      "is-ranking",
    ),
  );
}

function proposalBody(data, part) {
  return el(
    "div",
    { class: "ru-body" },
    el(
      "ol",
      { class: "ru-proposals" },
      part.proposals.map((item) =>
        el(
          "li",
          { class: "ru-proposal" },
          el("p", { class: "ru-proposal-text", text: shorten(item.text, 120), dir: "auto" }),
          el(
            "p",
            { class: "ru-proposal-figures" },
            el("span", { text: t("{share} agree", { share: pct(item.share_agree) }) }),
            el("span", {
              class: "ru-support",
              text: t("{share} support across groups", { share: pct(item.support_across_groups) }),
            }),
          ),
        ),
      ),
    ),
  );
}

function groupsBlock(data, part, groups, cell, variant = "") {
  const suppressed = (part.breakdown && part.breakdown.suppressed_n) || 0;
  return el(
    "div",
    { class: `ru-groups ${variant}` },
    el("h3", { text: t("By group") }),
    groups.length
      ? el(
        "ul",
        {},
        groups.map((g) =>
          el("li", { class: "ru-group" }, el("span", { class: "ru-g-name", text: groupName(data, g.group) }), cell(g)),
        ),
      )
      : el("p", { class: "ru-muted", text: t("No group has {k} answers here, or would be identifiable.", { k: data.k }) }),
    el("p", { class: "ru-muted ru-more", hidden: true }),
    suppressed && groups.length
      ? el("p", {
          class: "ru-muted",
          text: tn(
            suppressed,
            "{n} answer not shown by group: too few to show without identifying anyone.",
            "{n} answers not shown by group: too few to show without identifying anyone.",
          ),
        })
      : null,
  );
}

/**
 * A projector cannot scroll: while a room's column overflows, leave out its last group, then its
 * lower-ranked options or proposals (never the first), and say how many groups are left out.
 */
function fit(roomsEl) {
  for (const column of roomsEl.querySelectorAll(".ru-room")) {
    const body = column.querySelector(".ru-body");
    if (!body) continue;
    const optional = [...column.querySelectorAll(".ru-rank + .ru-rank, .ru-proposal + .ru-proposal")];
    const groups = [...column.querySelectorAll(".ru-group")];
    const rows = [...optional, ...groups];
    rows.forEach((row) => {
      row.hidden = false;
    });
    const more = column.querySelector(".ru-more");
    if (more) more.hidden = true;
    let dropped = 0;
    while (body.scrollHeight > body.clientHeight + 1 && dropped < rows.length) {
      dropped += 1;
      rows[rows.length - dropped].hidden = true;
      const groupsLeft = Math.min(dropped, groups.length);
      if (more) {
        more.hidden = false;
        more.textContent = tn(groupsLeft, "+ {n} more group", "+ {n} more groups");
      }
    }
  }
}

/** The heading, the rooms and the footnote, appended to the root. */
function skeleton(root, eventTitle) {
  const parts = {
    kind: el("span", { class: "ru-kind", text: t("All rooms") }),
    event: el("span", { class: "ru-event", text: eventTitle || "" }),
    text: el("h1", { class: "ru-text", dir: "auto" }),
    scale: el("p", { class: "ru-scale" }),
    rooms: el("main", { class: "ru-rooms", "aria-label": t("Results room by room") }),
    foot: el("footer", { class: "ru-foot" }),
  };
  root.append(
    el("header", { class: "ru-head" }, el("p", { class: "ru-over" }, parts.kind, " · ", parts.event), parts.text, parts.scale),
    parts.rooms,
    parts.foot,
  );
  return parts;
}

/**
 * The roll-up drawn into `root` (a `.ru` element): `render(rollup)` with a roll-up state or
 * `rollup` event (docs/protocol.md); it fits the rooms again when the window changes size.
 */
export function rollupView(root, eventTitle = "") {
  const parts = skeleton(root, eventTitle);
  let timer = null;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (root.isConnected && !root.hidden) fit(parts.rooms);
    }, 150);
  });
  return {
    render: (data) => render(parts, data),
    fit: () => fit(parts.rooms),
  };
}
