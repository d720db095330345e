"""The one place that sends to sockets: coalesced room states and prompt updates."""

import threading

from facilitator.extensions import db
from facilitator.models import Event, Prompt, Room
from facilitator.realtime.periodic import Periodic
from facilitator.realtime.presence import Presence
from facilitator.services import changes, dashboard, rollup, views


def channel(room_id: int, role: str) -> str:
    """The Socket.IO room that holds one role's connections to one room."""
    return f"room:{room_id}:{role}"


def dashboard_channel(event_id: int) -> str:
    """The Socket.IO room of an event's dashboards (organisers and the event's moderators)."""
    return f"event:{event_id}:dashboard"


def rollup_channel(event_id: int, family: str) -> str:
    """The Socket.IO room of the screens showing one prompt family's roll-up."""
    return f"event:{event_id}:rollup:{family}"


class Broadcaster:
    """Collects committed changes and sends each room or prompt at most once per interval."""

    def __init__(self, app, socketio, interval: float):
        self.app = app
        self.socketio = socketio
        self.interval = interval
        self._lock = threading.Lock()
        self._rooms: set[int] = set()
        self._prompts: set[int] = set()
        self._presence: set[int] = set()  # rooms whose count of connected phones changed
        self._loop = Periodic(socketio, interval, self.flush, "broadcast")
        self.presence = Presence(
            app.config.get("SOCKETIO_MESSAGE_QUEUE"),
            lambda room_id: len(self._members(channel(room_id, views.PARTICIPANT))),
        )

    def notice(self, change: changes.Change) -> None:
        """Mark what a committed change makes stale; nothing is sent yet."""
        with self._lock:
            if change.what == changes.ROOM:
                self._rooms.add(change.room_id)
            if change.prompt_id is not None:
                self._prompts.add(change.prompt_id)

    def notice_presence(self, room_id: int) -> None:
        """A phone connected to or left a room: its dashboard line is stale."""
        with self._lock:
            self._presence.add(room_id)

    def phones(self, room_id: int) -> int:
        """Phones connected to a room now, over every worker process."""
        return self.presence.phones(room_id)

    def _members(self, name: str) -> dict:
        return self.socketio.server.manager.rooms.get("/", {}).get(name) or {}

    def _watched(self, name: str) -> bool:
        """Whether anyone may listen on a channel (always, with a message queue)."""
        return bool(self.app.config.get("SOCKETIO_MESSAGE_QUEUE") or self._members(name))

    def welcome(self, sid: str, state: dict) -> None:
        """Send a (re)connecting client the full state of its room for its role."""
        self.socketio.emit("state", state, to=sid)

    def start(self) -> None:
        """Start the background loop that flushes every interval (once per process)."""
        self._loop.start()

    def flush(self) -> None:
        """Send the state of every room and prompt that changed since the last flush."""
        with self._lock:
            rooms, self._rooms = self._rooms, set()
            prompts, self._prompts = self._prompts, set()
            presence, self._presence = self._presence, set()
        self.presence.publish(presence)
        if not rooms and not prompts and not presence:
            return
        with self.app.app_context():
            for room_id in rooms:
                self._send_room(room_id)
            for prompt_id in prompts:
                self._send_prompt(prompt_id)
            self._send_overviews(rooms | presence, prompts)

    def _send_room(self, room_id: int) -> None:
        room = db.session.get(Room, room_id)
        if room is None:
            return
        for role in views.ROLES:
            self.socketio.emit("state", views.room_view(room, role), to=channel(room_id, role))

    def _send_prompt(self, prompt_id: int) -> None:
        prompt = db.session.get(Prompt, prompt_id)
        if prompt is None:
            return
        for role, view in views.prompt_views(prompt).items():
            if role != views.MODERATOR and prompt.id != prompt.room.current_prompt_id:
                continue  # phones and screens only follow the current prompt
            self.socketio.emit("prompt", view, to=channel(prompt.room_id, role))

    def _send_overviews(self, room_ids: set[int], prompt_ids: set[int]) -> None:
        """Dashboard lines of the rooms that changed, and roll-ups of the families that did."""
        room_ids = set(room_ids)
        families: set[tuple[int, str]] = set()
        for prompt_id in prompt_ids:
            prompt = db.session.get(Prompt, prompt_id)
            if prompt is not None:
                room_ids.add(prompt.room_id)
                if prompt.family:
                    families.add((prompt.room.event_id, prompt.family))
        for room_id in room_ids:
            room = db.session.get(Room, room_id)
            if room is not None and self._watched(dashboard_channel(room.event_id)):
                summary = dashboard.room_summary(room, self.phones(room_id))
                self.socketio.emit("dashboard:room", summary, to=dashboard_channel(room.event_id))
        for event_id, family in families:
            name = rollup_channel(event_id, family)
            if self._watched(name):
                self.socketio.emit(
                    "rollup", rollup.rollup(db.session.get(Event, event_id), family), to=name
                )
