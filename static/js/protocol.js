// The one client of Facilitator's Socket.IO protocol (docs/protocol.md), shared by every screen.
/* global io */

const ACK_TIMEOUT_MS = 8000;

/** A random id for a submission, so that a resend after a reconnect changes nothing. */
export function newClientId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Connect to one room in one role. `auth` is {role, room, token?}.
 * Returns {socket, send(event, payload) -> Promise<ack>, on(event, fn), onStatus(fn)}.
 * `send` resolves with the server's ack ({ok: true, ...} or {ok: false, error}); when the
 * server does not answer in time it resolves {ok: false, error: {code: "timeout"}}.
 */
export function connect(auth) {
  const socket = io({
    auth,
    transports: ["websocket", "polling"],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  const statusListeners = [];
  const setStatus = (status, detail) => statusListeners.forEach((fn) => fn(status, detail));
  socket.on("connect", () => setStatus("online"));
  socket.on("disconnect", () => setStatus("offline"));
  socket.on("connect_error", (err) => setStatus("error", err && err.data ? err.data : null));
  socket.io.on("reconnect_attempt", () => setStatus("connecting"));

  function send(event, payload) {
    return new Promise((resolve) => {
      if (!socket.connected) {
        resolve({ ok: false, error: { code: "offline", message: "Not connected." } });
        return;
      }
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, ack) => {
        if (err) {
          resolve({ ok: false, error: { code: "timeout", message: "No answer from the server." } });
        } else {
          resolve(ack);
        }
      });
    });
  }

  return {
    socket,
    send,
    on: (event, fn) => socket.on(event, fn),
    onStatus: (fn) => statusListeners.push(fn),
  };
}
