"""The handler decorator: validate → service → commit → ack, and nothing raises into the loop."""

import functools
import logging
import traceback

from flask import current_app, request
from sqlalchemy.exc import IntegrityError

from facilitator.extensions import socketio
from facilitator.realtime import clients
from facilitator.realtime.packets import MALFORMED
from facilitator.realtime.schema import validate
from facilitator.services import ServiceError, accounts, facts, unit

log = logging.getLogger(__name__)


def ok(**data) -> dict:
    """A successful ack."""
    return {"ok": True, **data}


def failure(code: str, message: str, field: str | None = None) -> dict:
    """A refused ack with a stable code and a human message."""
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"ok": False, "error": error}


def client() -> dict | None:
    """What the connect handler learned about this connection: role, room id, token."""
    return clients.get(request.sid)


def _room(info: dict):
    """The connection's room: its facts for a phone (no ORM load on the answer path), else the
    Room itself."""
    if info["role"] == "participant":
        return facts.room_facts(info["room_id"])
    return unit.room(info["room_id"])


class AfterCommit:
    """An ack built only once the change is committed and the hall has been sent it."""

    def __init__(self, build):
        self.build = build


def _commit(handler, info: dict, args: dict):
    """Run the handler and commit; a concurrent insert of the same row is retried once.

    A handler may return an AfterCommit: the loop then runs the broadcast the commit woke
    (a reveal reaches every phone) before the console's own ack is built."""
    for attempt in (1, 2):
        room = _room(info)
        if room is None:
            raise ServiceError("room_not_found", "This room no longer exists.")
        try:
            result = handler(room, info, **args)
            unit.commit()
            if isinstance(result, AfterCommit):
                socketio.sleep(0)
                result = result.build()
            return result
        except IntegrityError:
            unit.rollback()
            if attempt == 2:
                raise
    return None


# Phones' events skip Flask-SocketIO's per-event request context and session (most of the
# answer path's cost): they are bound straight to the Socket.IO server with an app context only.
_DIRECT: list[tuple[str, object]] = []


def _run(name: str, role: str, schema: dict, handler, info: dict | None, payload) -> dict:
    """Validate → service → commit → ack for one event; nothing raises into the server loop."""
    if info is None or info["role"] != role:
        return failure("forbidden", f"Only a {role} connection may send '{name}'.")
    try:
        args = validate(payload, schema)
        return ok(**(_commit(handler, info, args) or {}))
    except ServiceError as error:  # ValidationError included
        unit.rollback()
        return {"ok": False, "error": error.as_dict()}
    except Exception as error:
        unit.rollback()
        # Only the error's type and stack: its message may quote a participant's answer.
        log.error(
            "socket event %s failed: %s\n%s",
            name,
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        return failure("server_error", "Something went wrong; please try again.")


def _close(sid: str) -> None:
    """End a connection for good: its namespace and the transport under it."""
    server = socketio.server
    eio_sid = server.manager.eio_sid_from_sid(sid, "/")
    server.disconnect(sid, ignore_queue=True)
    if eio_sid is not None:
        server.eio.disconnect(eio_sid)


def _throttled(app, sid: str, info: dict | None) -> dict | None:
    """A rate_limited ack if this connection is over its limit (a flood is disconnected)."""
    wait, flooding = app.extensions["throttle"].check(sid, info["role"] if info else "")
    if not wait:
        return None
    if flooding:
        log.warning("a connection kept sending over its limit and was disconnected")
        _close(sid)
    error = failure("rate_limited", "Too many messages at once; this one will be sent again.")
    error["error"]["retry_after"] = round(wait, 2)
    return error


def _signed_out(info: dict | None) -> dict | None:
    """A signed_out ack (and the socket ended) when the moderator's session has ended."""
    if not info or "moderator_id" not in info:
        return None
    if accounts.session_moderator(info["moderator_id"], info["session"], touch=False):
        return None
    _close(request.sid)
    return failure("signed_out", "You are signed out. Sign in again to go on.")


def on_event(name: str, role: str, schema: dict):
    """Register a socket event for one role; the handler returns the ack's data."""

    def decorator(handler):
        if role == "participant":
            _DIRECT.append((name, functools.partial(_run, name, role, schema, handler)))
            return handler

        @functools.wraps(handler)
        def wrapper(payload=None, *extra):
            info = client()
            refused = _throttled(current_app, request.sid, info) or _signed_out(info)
            return refused or _run(name, role, schema, handler, info, payload)

        wrapper.__doc__ = handler.__doc__
        socketio.on_event(name, wrapper)
        return handler

    return decorator


def bind_direct(app) -> None:
    """Bind the phones' events to this app's Socket.IO server (after socketio.init_app)."""
    for name, run in _DIRECT:

        def direct(sid, payload=None, *extra, run=run):
            info = clients.get(sid)
            refused = _throttled(app, sid, info)
            if refused:
                return refused
            with app.app_context():
                return run(info, payload)

        socketio.server.on(name, direct)

    def malformed(sid, *_ignored):
        """A packet that could not be read: refuse it, under its own ack id."""
        return _throttled(app, sid, clients.get(sid)) or failure(
            "malformed", "This message could not be read (invalid JSON or too deeply nested)."
        )

    socketio.server.on(MALFORMED, malformed)
