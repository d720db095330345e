// Countdowns: the time left on a prompt, by this device's clock corrected for its skew.
// The server sends the deadline and its own "now" (ISO, UTC) with every prompt view; a device
// whose clock is off by minutes still counts down to the right moment.

/** Last seconds in which the countdown asks for attention. */
export const URGENT_MS = 10000;

const localDeadlines = new WeakMap(); // a view's pacing object -> its deadline on this clock

/** Milliseconds left on an open prompt's countdown (never below 0), or null when none runs. */
export function remainingMs(prompt) {
  const pacing = prompt && prompt.pacing;
  if (!pacing || !pacing.deadline || prompt.state !== "open") return null;
  let local = localDeadlines.get(pacing);
  if (local === undefined) {
    // First seen now, just after it arrived: the server's now is this device's now.
    const skew = Date.parse(pacing.server_now) - Date.now();
    local = Date.parse(pacing.deadline) - (Number.isFinite(skew) ? skew : 0);
    localDeadlines.set(pacing, local);
  }
  return Math.max(0, local - Date.now());
}

/** 65 000 ms → "1:05"; rounded up, so "0:00" shows only when the time is up. */
export function clockText(ms) {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Keep a countdown element up to date, four times a second: getNode() and getPrompt() are
 * asked each time (screens rebuild their elements). `running(clock, ms)` and `over(prompt)`
 * give its text; it gets the class is-urgent in the last 10 s and is-over once time is up.
 */
export function keepCountdown(getNode, getPrompt, { running = (clock) => clock, over = () => "" } = {}) {
  const tick = () => {
    const node = getNode();
    if (!node) return;
    const prompt = getPrompt();
    const ms = remainingMs(prompt);
    node.hidden = ms === null;
    if (ms === null) return;
    node.classList.toggle("is-urgent", ms <= URGENT_MS);
    node.classList.toggle("is-over", ms === 0);
    const text = ms > 0 ? running(clockText(ms), ms) : over(prompt);
    if (node.textContent !== text) node.textContent = text;
  };
  tick();
  return setInterval(tick, 250);
}
