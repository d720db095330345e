// The one client of Facilitator's Socket.IO protocol (docs/protocol.md), shared by every screen.
// It reconnects by itself and never gives up: backoff with jitter capped at a few seconds, an
// immediate attempt when the page wakes (visible again, back online, restored from the cache), and
// a probe on wake that replaces a connection which died silently while the device slept.
/* global io */

import { t } from "./i18n.js";

const TEXT = {
  offline: t("Not connected."),
  timeout: t("No answer from the server."),
};

const ACK_TIMEOUT_MS = 8000;
const PROBE_TIMEOUT_MS = 4000; // a wake-up probe that takes longer means the connection is dead
const REFUSED_RETRY_MS = 15000; // a refused or server-closed connection is tried again this often
// The server pings every 20 s (ping_interval); silence for longer than two pings means a dead link.
const SILENCE_MS = 45000;
const RECONNECTION = {
  reconnection: true,
  reconnectionAttempts: Infinity,
  reconnectionDelay: 500,
  reconnectionDelayMax: 3000,
  randomizationFactor: 0.5,
  timeout: 8000,
};

/** A random id for a submission, so that a resend after a reconnect changes nothing. */
export function newClientId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Emit an event and resolve with the server's ack, or an offline / timeout refusal. */
function emitWithAck(socket, event, payload, timeoutMs, heard) {
  return new Promise((resolve) => {
    if (!socket.connected) {
      resolve({ ok: false, error: { code: "offline", message: TEXT.offline } });
      return;
    }
    socket.timeout(timeoutMs).emit(event, payload, (err, ack) => {
      if (err) {
        resolve({ ok: false, error: { code: "timeout", message: TEXT.timeout } });
      } else {
        heard();
        resolve(ack);
      }
    });
  });
}

/** Check the connection when the page is visible again or restored, or the network returns. */
function wakeWithThePage(socket, wake) {
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") wake();
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) wake();
  });
  window.addEventListener("online", wake);
  // The device says the network is gone: close now rather than wait for the ping timeout, so
  // that submissions are kept for later at once; the library then retries with its backoff.
  window.addEventListener("offline", () => {
    if (socket.io.engine) socket.io.engine.close();
  });
}

/**
 * Connect to one room in one role. `auth` is {role, room, token?}; `options.probe` names the
 * event that re-synchronises this role ("participant:sync", "moderator:sync"), sent when the page
 * wakes while the connection looks alive.
 * Returns {socket, send(event, payload, timeoutMs?) -> Promise<ack>, on(event, fn), onStatus(fn),
 * onResync(fn), wake(), reconnect(), close()}; after close() the connection stays closed.
 * `send` resolves with the server's ack ({ok: true, ...} or {ok: false, error}); when the
 * server does not answer in time it resolves {ok: false, error: {code: "timeout"}}, and when
 * there is no connection {ok: false, error: {code: "offline"}} (nothing is buffered).
 * Status listeners get "online", "offline", "connecting" or "error" (with the refusal's data).
 * Resync listeners get the probe's ack after a wake-up.
 */
export function connect(auth, options = {}) {
  const socket = io({ auth, transports: ["websocket", "polling"], ...RECONNECTION });
  const statusListeners = [];
  const resyncListeners = [];
  let lastHeard = Date.now();
  let retryTimer = null;
  let closed = false;
  const heard = () => {
    lastHeard = Date.now();
  };
  const setStatus = (status, detail) => statusListeners.forEach((fn) => fn(status, detail));

  socket.on("connect", () => {
    heard();
    clearTimeout(retryTimer);
    setStatus("online");
  });
  socket.on("disconnect", (reason) => {
    setStatus("offline");
    // The client library retries by itself except when the server closed the connection.
    if (reason === "io server disconnect") retryLater();
  });
  // A moderator's session ended (logout, "sign out everywhere" elsewhere): back to the login page.
  socket.on("signed_out", () => {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  });
  socket.on("connect_error", (err) => {
    setStatus("error", err && err.data ? err.data : null);
    // A refusal at connect (err.data set) stops the library's retries; keep trying, slowly.
    if (!socket.active) retryLater();
  });
  socket.io.on("reconnect_attempt", () => setStatus("connecting"));
  socket.io.on("ping", heard);
  socket.onAny(heard);

  function retryLater() {
    clearTimeout(retryTimer);
    if (closed) return;
    retryTimer = setTimeout(reconnectNow, REFUSED_RETRY_MS);
  }

  /** Drop the current connection (or pending backoff) and connect again at once. */
  function reconnectNow() {
    clearTimeout(retryTimer);
    if (closed) return;
    socket.disconnect();
    socket.connect();
  }

  const send = (event, payload, timeoutMs = ACK_TIMEOUT_MS) => emitWithAck(socket, event, payload, timeoutMs, heard);

  /** The page woke up: make sure the connection is alive and the state current. */
  async function wake() {
    if (closed) return;
    if (!socket.connected || Date.now() - lastHeard > SILENCE_MS) {
      reconnectNow();
      return;
    }
    if (!options.probe) return;
    const ack = await send(options.probe, {}, PROBE_TIMEOUT_MS);
    if (ack && ack.ok) resyncListeners.forEach((fn) => fn(ack));
    else if (ack && ack.error && ack.error.code === "timeout") reconnectNow();
  }

  wakeWithThePage(socket, wake);

  return {
    socket,
    send,
    wake,
    reconnect: reconnectNow,
    close: () => { closed = true; clearTimeout(retryTimer); socket.disconnect(); }, // for good
    on: (event, fn) => socket.on(event, fn),
    onStatus: (fn) => statusListeners.push(fn),
    onResync: (fn) => resyncListeners.push(fn),
  };
}
