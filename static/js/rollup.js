// The roll-up page (/screen/<code>/rollup/<family>): one shared prompt, the rooms side by side,
// on a screen of its own. The drawing is rollup-view.js, shared with the projector page.

import { errorMessage, t } from "./i18n.js";
import { connect } from "./protocol.js";
import { fullScreenButton } from "./fullscreen.js";
import { rollupView } from "./rollup-view.js";

const root = document.getElementById("rollup");
const reconnect = document.getElementById("reconnect");
const view = rollupView(root, root.dataset.event);
let everConnected = false;

fullScreenButton(document.getElementById("fullscreen"), () => setTimeout(view.fit, 100));

const conn = connect({ role: "screen", room: root.dataset.code, family: root.dataset.family });
conn.onStatus((status, detail) => {
  if (status === "online") {
    everConnected = true;
    reconnect.hidden = true;
    return;
  }
  reconnect.hidden = false;
  if (status === "error" && detail && detail.message && !everConnected) reconnect.textContent = errorMessage(detail);
  else reconnect.textContent = everConnected ? t("Reconnecting…") : t("Connecting…");
});
conn.on("state", view.render);
conn.on("rollup", view.render);
