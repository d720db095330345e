// The console's own small kit on top of the shared DOM kit: named fields inside a part of the
// page and the error line under a control, shown for a while after a refused command.
import { errorMessage, t } from "./i18n.js";

const ERROR_SHOWN_MS = 12000;

/** The element marked `data-field="name"` inside `root` (null when either is missing). */
export function fieldOf(root, name) {
  return root && root.querySelector(`[data-field="${name}"]`);
}

/** Show a message in an error line for a while. */
export function showError(node, message) {
  if (!node) return;
  node.textContent = message;
  node.hidden = false;
  clearTimeout(node.clearTimer);
  node.clearTimer = setTimeout(() => {
    node.hidden = true;
  }, ERROR_SHOWN_MS);
}

/** Hide an error line. */
export function clearError(node) {
  if (node) node.hidden = true;
}

/** What to tell the moderator when the server refused a command or did not answer. */
export function ackMessage(ack) {
  const error = (ack && ack.error) || {};
  if (error.code === "offline") return t("Not connected. Wait until the status says Live, then try again.");
  if (error.code === "timeout") {
    return t("No answer from the server. Check the status; the change may or may not have been made.");
  }
  return errorMessage(error, t("The server refused this."));
}
