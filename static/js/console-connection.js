// The console's connection status: the label in the top bar, a banner and paused controls while
// the connection is down, and a way to log in again when the session has expired.
import { el, setText } from "./dom.js";
import { errorMessage, t } from "./i18n.js";

const STATUS_LABELS = {
  online: t("Live"),
  connecting: t("Reconnecting…"),
  offline: t("Offline — reconnecting…"),
};
const OFFLINE_BANNER = t(
  "Reconnecting to the server… Opening, closing, revealing and moderating are paused until the status says Live. Nothing is lost.",
);
const BANNER_DELAY_MS = 2000; // a shorter blip shows no banner

function statusText(status, detail) {
  if (status !== "error") return STATUS_LABELS[status];
  return detail && detail.message
    ? t("Not connected: {reason}", { reason: errorMessage(detail) })
    : t("Cannot reach the server — retrying…");
}

/** Follow the client's status; `onChange()` runs when the console goes offline or back online. */
export function watchConnection(client, root, onChange) {
  const statusEl = document.getElementById("connection");
  const banner = el("p", { class: "c-offline-banner", role: "status", hidden: true, text: OFFLINE_BANNER });
  root.after(banner);
  let relogin = null;
  let everConnected = false;
  let bannerTimer = null;
  client.onStatus((status, detail) => {
    statusEl.dataset.status = status;
    const wasOffline = document.body.classList.contains("is-offline");
    document.body.classList.toggle("is-offline", status !== "online");
    if (status === "online") {
      everConnected = true;
      clearTimeout(bannerTimer);
      bannerTimer = null;
      banner.hidden = true;
    } else if (everConnected && banner.hidden && !bannerTimer) {
      bannerTimer = setTimeout(() => {
        banner.hidden = false;
      }, BANNER_DELAY_MS);
    }
    if (wasOffline !== (status !== "online")) onChange();
    if (status === "error" && detail && detail.code === "forbidden" && !relogin) {
      relogin = el("a", { class: "c-btn c-btn-small", href: root.dataset.loginUrl, text: t("Log in again") });
      statusEl.after(relogin);
    }
    setText(statusEl, statusText(status, detail));
  });
}

/** Commands travel over the socket: while it is down their buttons are paused (disabled). */
export function pauseWhileOffline() {
  const offline = document.body.classList.contains("is-offline");
  for (const button of document.querySelectorAll("button[data-command], button[data-moderate]")) {
    if (offline && !button.disabled) {
      button.dataset.paused = "";
      button.disabled = true;
    } else if (!offline && "paused" in button.dataset) {
      delete button.dataset.paused;
      // The prompt commands have just been set afresh; the others were simply enabled.
      if (!("command" in button.dataset)) button.disabled = false;
    }
  }
}
