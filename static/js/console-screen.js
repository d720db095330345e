// What the room's projector shows: the room itself, or the roll-up of a shared prompt that the
// moderator put on it (`room:screen`, docs/protocol.md). A line in the top bar says when the
// projector shows a roll-up, with the way back; the agenda's "Show roll-up on the projector"
// buttons send it there.
import { setText } from "./dom.js";
import { t } from "./i18n.js";
import { fieldOf } from "./console-kit.js";

function shortText(text) {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The projector's roll-up in the console: `render()` it, `listen(run)` to its buttons. */
export function screenControl(store) {
  const { root } = store;
  const shownFamily = () => (store.state && store.state.screen && store.state.screen.rollup) || null;

  function render() {
    const family = shownFamily();
    const line = fieldOf(root, "screen-rollup");
    if (line) {
      line.hidden = !family;
      const prompt = family && [...store.prompts.values()].find((p) => p.family === family);
      setText(
        fieldOf(line, "screen-rollup-text"),
        prompt
          ? t("The projector shows the roll-up of “{text}”; phones still show this room.", { text: shortText(prompt.text) })
          : t("The projector shows the roll-up of a shared prompt; phones still show this room."),
      );
    }
    for (const button of document.querySelectorAll(".c-rollup-show")) {
      const on = button.dataset.screenRollup === family;
      button.classList.toggle("is-on", on);
      setText(button, on ? t("Roll-up on the projector") : t("Show roll-up on the projector"));
      if (!store.busy.has(button)) button.disabled = on;
    }
  }

  function listen(run) {
    document.addEventListener("click", (event) => {
      const button = event.target.closest("[data-screen-rollup]");
      if (!button) return;
      const payload = { room_id: Number(root.dataset.roomId), rollup: button.dataset.screenRollup || null };
      run(button, "room:screen", payload, (ack) => {
        store.state.screen = ack.screen;
      });
    });
  }

  return { render, listen };
}
