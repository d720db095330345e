// The selected prompt's countdown in the detail, with more time or a stop while it runs.
import { keepCountdown } from "./countdown.js";
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { fieldOf } from "./console-kit.js";

/** Put the countdown and its buttons into the detail; `update(prompt)` shows or hides them. */
export function pacingControls(store, detail) {
  const clock = el("span", { class: "c-countdown", role: "timer", hidden: true });
  const bar = el(
    "div",
    { class: "c-pacing", "data-scope": "pacing", hidden: true },
    el("button", { type: "button", class: "c-btn c-btn-small", "data-command": "prompt:add_time", text: t("+30 s") }),
    el("button", {
      type: "button",
      class: "c-btn c-btn-small",
      "data-command": "prompt:stop_countdown",
      text: t("Stop countdown"),
    }),
    el("p", { class: "c-ack-error", role: "alert", "data-field": "error", hidden: true }),
  );
  fieldOf(detail, "count").after(clock);
  detail.querySelector(".c-detail-head").append(bar);
  keepCountdown(
    () => clock,
    () => store.selectedPrompt(),
    {
      running: (time) => t("{time} left", { time }),
      over: (p) => (p.pacing.auto_close ? t("Time is up — closing…") : t("Time is up")),
    },
  );
  return {
    update(prompt) {
      bar.hidden = !(prompt.state === "open" && prompt.pacing && prompt.pacing.deadline);
    },
  };
}
