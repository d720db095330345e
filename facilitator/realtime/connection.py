"""Connect: authenticate the role, join its channel and send the full state."""

from flask import current_app, request, session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from facilitator.domain.anonymity import validate_token
from facilitator.extensions import socketio
from facilitator.realtime import clients, signout
from facilitator.realtime.broadcaster import channel, dashboard_channel, rollup_channel
from facilitator.services import ServiceError, dashboard, participation, payloads, rollup, unit
from facilitator.services.admission import admit
from facilitator.web.auth import SESSION_TOKEN

DASHBOARD = "dashboard"


def _refuse(code: str, message: str):
    raise ConnectionRefusedError(message, {"code": code, "message": message})


def _host_allowed() -> bool:
    host = request.environ.get("HTTP_HOST", "").rsplit(":", 1)[0].strip("[]")
    return host in current_app.config["TRUSTED_HOSTS"]


@socketio.on("connect")
def connect(auth=None):
    """Accept a participant, screen or moderator connection to one room, or a dashboard."""
    if not _host_allowed():
        _refuse("bad_host", "This server does not answer to that host name.")
    if not current_app.extensions["throttle"].may_connect(request.remote_addr):
        _refuse("rate_limited", "Too many connections from your network just now; retrying.")
    if not isinstance(auth, dict):
        _refuse("invalid_auth", "Connect with {role, room} (and token for participants).")
    if auth.get("role") == DASHBOARD:
        return _connect_dashboard(auth.get("event"))
    role, code = auth.get("role"), auth.get("room")
    if role not in payloads.ROLES:
        _refuse("invalid_role", "Role must be participant, screen or moderator.")
    if not isinstance(code, str) or len(code) > 16:
        _refuse("invalid_room", "Give the room's join code.")
    try:
        room = participation.find_room(code)
    except ServiceError as error:
        _refuse(error.code, error.message)
    info = {"role": role, "room_id": room.id}
    if role == payloads.PARTICIPANT:
        try:
            info["token"] = validate_token(auth.get("token"))
            admit(room.event_id, info["token"], auth.get("seat"))
            unit.commit()
        except ServiceError as error:  # ValidationError included
            unit.rollback()
            _refuse(error.code, error.message)
    elif role == payloads.MODERATOR and not (
        current_user.is_authenticated and current_user.can_moderate(room)
    ):
        _refuse("forbidden", "Log in as a moderator of this room.")
    if role == payloads.SCREEN and auth.get("family") is not None:
        return _connect_rollup(room, auth["family"])
    if role == payloads.MODERATOR:
        _bind_session(info)
    clients.remember(request.sid, info)
    join_room(channel(room.id, role))
    state = current_app.extensions["welcome"].state(room, role)
    if role == payloads.PARTICIPANT:
        state["mine"] = participation.own_answers(room, info["token"])
        current_app.extensions["broadcaster"].notice_presence(room.id)
    _welcome(state)


def _bind_session(info: dict) -> None:
    """Tie a moderator's socket to the sign-in session behind it, so a sign-out ends it too."""
    token = session.get(SESSION_TOKEN)
    info.update(session=token, moderator_id=current_user.id)
    join_room(signout.session_room(token))
    join_room(signout.moderator_room(current_user.id))


def _connect_dashboard(event_id):
    """An organiser's or the event's moderator's dashboard: every room of one event."""
    if type(event_id) is not int or not 0 < event_id < 2**31:
        _refuse("invalid_event", "Give the event's id.")
    event = unit.event(event_id) if current_user.is_authenticated else None
    if event is None or not dashboard.may_view(current_user, event):
        _refuse("forbidden", "Log in as an organiser or a moderator of this event.")
    info = {"role": DASHBOARD, "event_id": event.id}
    _bind_session(info)
    clients.remember(request.sid, info)
    join_room(dashboard_channel(event.id))
    _welcome(dashboard.event_summary(event))


def _connect_rollup(room, family):
    """A screen showing one prompt family's roll-up (revealed results only, as any screen)."""
    if not isinstance(family, str) or len(family) > 32:
        _refuse("invalid_family", "Give the prompt family's name.")
    try:
        state = rollup.rollup(room.event, family)
    except ServiceError as error:
        _refuse(error.code, error.message)
    clients.remember(request.sid, {"role": payloads.SCREEN, "room_id": room.id, "family": family})
    join_room(rollup_channel(room.event_id, family))
    _welcome(state)


def _welcome(state: dict) -> None:
    """Send the full state to the connecting client; start the background loops."""
    broadcaster = current_app.extensions["broadcaster"]
    broadcaster.welcome(request.sid, state)
    if not current_app.testing:  # tests flush the broadcaster themselves
        broadcaster.start()
        current_app.extensions["pacer"].start()


@socketio.on("disconnect")
def disconnect(*_args):
    """Forget the connection; nothing about it is kept."""
    info = clients.forget(request.sid)
    current_app.extensions["throttle"].forget(request.sid)
    if info and info["role"] == payloads.PARTICIPANT:
        current_app.extensions["broadcaster"].notice_presence(info["room_id"])
