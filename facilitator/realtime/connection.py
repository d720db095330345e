"""Connect: authenticate the role, join its channel and send the full state."""

from flask import current_app, request, session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from facilitator.domain.anonymity import validate_token
from facilitator.domain.errors import ValidationError
from facilitator.extensions import socketio
from facilitator.realtime.broadcaster import channel
from facilitator.services import ServiceError, participation, views


def _refuse(code: str, message: str):
    raise ConnectionRefusedError(message, {"code": code, "message": message})


def _host_allowed() -> bool:
    host = request.environ.get("HTTP_HOST", "").rsplit(":", 1)[0].strip("[]")
    return host in current_app.config["TRUSTED_HOSTS"]


@socketio.on("connect")
def connect(auth=None):
    """Accept a participant, screen or moderator connection to one room by its code."""
    if not _host_allowed():
        _refuse("bad_host", "This server does not answer to that host name.")
    if not isinstance(auth, dict):
        _refuse("invalid_auth", "Connect with {role, room} (and token for participants).")
    role, code = auth.get("role"), auth.get("room")
    if role not in views.ROLES:
        _refuse("invalid_role", "Role must be participant, screen or moderator.")
    if not isinstance(code, str) or len(code) > 16:
        _refuse("invalid_room", "Give the room's join code.")
    try:
        room = participation.find_room(code)
    except ServiceError as error:
        _refuse(error.code, error.message)
    info = {"role": role, "room_id": room.id}
    if role == views.PARTICIPANT:
        try:
            info["token"] = validate_token(auth.get("token"))
        except ValidationError as error:
            _refuse(error.code, error.message)
    elif role == views.MODERATOR and not (
        current_user.is_authenticated and current_user.can_moderate(room)
    ):
        _refuse("forbidden", "Log in as a moderator of this room.")
    session["client"] = info
    join_room(channel(room.id, role))
    state = views.room_view(room, role)
    if role == views.PARTICIPANT:
        state["mine"] = participation.own_answers(room, info["token"])
    broadcaster = current_app.extensions["broadcaster"]
    broadcaster.welcome(request.sid, state)
    if not current_app.testing:  # tests flush the broadcaster themselves
        broadcaster.start()
        current_app.extensions["pacer"].start()


@socketio.on("disconnect")
def disconnect(*_args):
    """Forget the connection; nothing about it is kept."""
    session.pop("client", None)
