"""Sign-out reaches open consoles: the sockets of an ended session are told and disconnected.

Every moderator or dashboard socket joins a Socket.IO room named after its session (and one named
after its moderator). A sign-out emits `signed_out` to that room (through the message queue, so
every worker's sockets hear it; the page then goes to the login page) and disconnects the sockets
on this process; each moderator event also checks its session is still live (realtime/events.py).
"""

import hashlib

from facilitator.extensions import socketio
from facilitator.realtime import clients


def session_room(token: str) -> str:
    """The Socket.IO room of one moderator session's sockets."""
    return "session:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def moderator_room(moderator_id: int) -> str:
    """The Socket.IO room of every socket of one moderator."""
    return f"moderator:{moderator_id}"


def disconnect_session(token: str | None) -> None:
    """Tell and disconnect the sockets of one session."""
    if token:
        _end(session_room(token), lambda info: info.get("session") == token)


def disconnect_moderator(moderator_id: int) -> None:
    """Tell and disconnect every socket of one moderator."""
    _end(moderator_room(moderator_id), lambda info: info.get("moderator_id") == moderator_id)


def _end(room: str, mine) -> None:
    socketio.emit("signed_out", {"reason": "signed_out"}, to=room)
    for sid, info in clients.items():
        if mine(info):
            socketio.server.disconnect(sid, ignore_queue=True)
