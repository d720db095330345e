// The roll-up on the room's projector. When a moderator puts a shared prompt's roll-up on it
// (the room state's `screen`, docs/protocol.md), the projector shows the roll-up in place of the
// room, fed by a roll-up connection of its own, and the room again when it is cleared. Nothing
// reloads: a reload would take the projector out of full screen.

import { connect } from "./protocol.js";
import { rollupView } from "./rollup-view.js";

/**
 * `rollupEl`: the `.ru` element the roll-up is drawn in; `showRoom()` redraws the room's own
 * view when it comes back. Returns {apply(screen), shown(), fit()}.
 */
export function projectorRollup({ screenEl, rollupEl, code, showRoom }) {
  let family = null;
  let conn = null;
  let view = null;
  const shown = () => screenEl.dataset.screen === "rollup";

  function setShown(on) {
    screenEl.dataset.screen = on ? "rollup" : "room";
    rollupEl.hidden = !on;
  }

  function close() {
    if (conn) conn.close();
    conn = null;
    family = null;
  }

  function back() {
    const was = shown();
    close();
    setShown(false);
    if (was) showRoom();
  }

  function open(next) {
    close();
    family = next;
    view = view || rollupView(rollupEl);
    const mine = connect({ role: "screen", room: code, family: next });
    conn = mine;
    // The room stays on screen until the roll-up's first state arrives: no blank frame.
    const draw = (data) => {
      if (conn !== mine) return;
      setShown(true);
      view.render(data);
    };
    mine.on("state", draw);
    mine.on("rollup", draw);
    mine.onStatus((status, detail) => {
      if (conn === mine && status === "error" && detail && detail.code === "family_not_found") back();
    });
  }

  return {
    /** Follow the room state's `screen`: {rollup: family} or null. */
    apply(screen) {
      const next = (screen && screen.rollup) || null;
      if (next === family) return;
      if (next) open(next);
      else back();
    },
    shown,
    fit() {
      if (view && shown()) view.fit();
    },
  };
}
