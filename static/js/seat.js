// The seat card. In a seat-card event a phone is let in once, with an unused printed card: its QR
// code opens the room with the card in the address fragment (#seat=…), or the phone types it here.
// The server then knows the phone by its token; the card is spent (README "Admission").

import { t } from "./i18n.js";
import { el } from "./dom.js";

const SEAT_KEY = "facilitator.seat";

/** The connect refusals that ask for a seat card (docs/protocol.md). */
export const SEAT_CODES = new Set(["seat_required", "seat_spent", "seat_unknown", "invalid_seat"]);

const MESSAGES = {
  seat_spent: t("This seat card has been used already. Each card lets one phone in: ask the organisers for another."),
  seat_unknown: t("No seat card of this session has this code. Check the code on your card."),
  invalid_seat: t("A seat card code has 12 letters and digits, for example {code}.", { code: "K7QM-3XWD-9PHT" }),
};

/**
 * The card waiting to be presented: one from the address (a card's QR code) is kept in storage
 * and taken out of the address bar, so it is neither bookmarked nor shown on a shared screen.
 */
export function pendingSeat(storage) {
  const query = new URLSearchParams(window.location.search);
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get("seat") || query.get("seat");
  if (fromAddress) {
    storage.setItem(SEAT_KEY, fromAddress.slice(0, 40));
    query.delete("seat");
    const rest = query.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (rest ? `?${rest}` : ""));
  }
  return storage.getItem(SEAT_KEY) || undefined;
}

/** Keep a typed card until the server has answered it. */
export function keepSeat(storage, code) {
  storage.setItem(SEAT_KEY, code);
}

/** The card is spent (or refused): nothing about it stays on the phone. */
export function forgetSeat(storage) {
  storage.removeItem(SEAT_KEY);
}

/** The screen asking for the seat card; `error` is a refusal code; onSubmit(code) on send. */
export function seatScreen(error, onSubmit) {
  const message = MESSAGES[error];
  const input = el("input", {
    type: "text",
    id: "seat-code",
    name: "seat",
    class: "code-input seat-input",
    maxlength: "20",
    autocomplete: "off",
    autocapitalize: "characters",
    autocorrect: "off",
    spellcheck: "false",
    placeholder: "K7QM-3XWD-9PHT",
    dir: "ltr",
    "aria-describedby": message ? "seat-error" : "seat-hint",
    "aria-invalid": message ? "true" : null,
  });
  const form = el(
    "form",
    { class: "seat-form", novalidate: true },
    el("label", { for: "seat-code", text: t("Seat card code") }),
    input,
    message
      ? el("p", { class: "field-error", id: "seat-error", role: "alert", text: message })
      : el("p", { class: "hint", id: "seat-hint", text: t("12 letters and digits, printed under the QR code.") }),
    el("div", { class: "actions" }, el("button", { type: "submit", class: "primary block", text: t("Join") })),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = input.value.replace(/[\s-]+/g, "").toUpperCase();
    if (code) onSubmit(code);
    else input.focus();
  });
  return el(
    "section",
    { class: "card intro seat-card" },
    el("h1", { text: t("Your seat card, please") }),
    el("p", {
      class: "muted",
      text: t("This session lets in one phone per printed seat card. Scan the QR code on your card with the camera, or type its code."),
    }),
    form,
    el("p", { class: "hint", text: t("The card is not linked to you or your answers: it only lets this phone in.") }),
  );
}
