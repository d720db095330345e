"""The one place that sends to sockets: coalesced room states and prompt updates.

Answers are coalesced: a prompt is sent at most once per interval. A moderator's change to a room
(a prompt opened, revealed, closed) is sent at once. Phones, which show only a count of answers
beside the question, get an update that changes nothing but counts at most once per
`PHONE_COUNTS_INTERVAL`: a hall of phones is most of the sockets, and the projector and the
consoles keep the live count.
"""

import json
import threading
import time

from facilitator.realtime.periodic import Periodic
from facilitator.realtime.presence import Presence
from facilitator.services import changes, dashboard, payloads, rollup, unit


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
        self.phone_counts_interval = app.config.get("PHONE_COUNTS_INTERVAL", 2.0)
        self.clock = time.monotonic
        self._phones_sent: dict[int, tuple[float, str]] = {}  # prompt -> (when, what but counts)
        self._phones_due: dict[int, float] = {}  # prompts whose phones wait for their counts
        self._loop = Periodic(socketio, interval, self.flush, "broadcast")
        self.presence = Presence(
            app.config.get("SOCKETIO_MESSAGE_QUEUE"),
            lambda room_id: len(self._members(channel(room_id, payloads.PARTICIPANT))),
        )

    def notice(self, change: changes.Change) -> None:
        """Mark what a committed change makes stale; nothing is sent yet."""
        with self._lock:
            if change.what == changes.ROOM:
                self._rooms.add(change.room_id)
            if change.prompt_id is not None:
                self._prompts.add(change.prompt_id)
        if change.what == changes.ROOM:
            self._loop.wake()  # a moderator's action reaches the hall without waiting

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
        # The client is connected to this process: no round trip through the message queue.
        self.socketio.emit("state", state, to=sid, ignore_queue=True)

    def start(self) -> None:
        """Start the background loop that flushes every interval (once per process)."""
        self._loop.start()

    def flush(self) -> None:
        """Send the state of every room and prompt that changed since the last flush."""
        now = self.clock()
        with self._lock:
            rooms, self._rooms = self._rooms, set()
            prompts, self._prompts = self._prompts, set()
            presence, self._presence = self._presence, set()
            due = {p for p, when in self._phones_due.items() if when <= now}
            for prompt_id in due:
                del self._phones_due[prompt_id]
        owed = due - prompts  # phones owe only their count: nobody else needs a send
        self.presence.publish(presence)
        if not rooms and not prompts and not presence and not owed:
            return
        with self.app.app_context():
            for room_id in rooms:
                self._send_room(room_id)
            for prompt_id in prompts:
                self._send_prompt(prompt_id)
            for prompt_id in owed:
                self._send_prompt(prompt_id, only=payloads.PARTICIPANT)
            for room_id in presence - rooms:  # a full state already carries the count
                self._send_phones(room_id)
            self._send_overviews(rooms | presence, prompts)

    def _send_room(self, room_id: int) -> None:
        room = unit.room(room_id)
        if room is None:
            return
        # The current prompt's aggregates once for every role; phones first, the console last.
        current = room.current_prompt
        current_views = payloads.prompt_views(current) if current is not None else None
        for role in payloads.ROLES:
            state = payloads.room_view(room, role, current_views)
            self.socketio.emit("state", state, to=channel(room_id, role))

    def _send_phones(self, room_id: int) -> None:
        """The room's consoles learn how many phones are connected now (over every worker)."""
        self.socketio.emit(
            "room:phones",
            {"room_id": room_id, "phones": self.phones(room_id)},
            to=channel(room_id, payloads.MODERATOR),
        )

    def _send_prompt(self, prompt_id: int, only: str | None = None) -> None:
        prompt = unit.prompt(prompt_id)
        if prompt is None:
            return
        prompt_views = payloads.prompt_views(prompt)
        current = prompt.id == prompt.room.current_prompt_id
        if current:
            welcome = self.app.extensions.get("welcome")
            if welcome is not None:  # before sending: see realtime/welcome.py
                welcome.refresh(prompt.room_id, prompt.id, prompt_views)
        for role, view in prompt_views.items():
            if (role != payloads.MODERATOR and not current) or (only and role != only):
                continue  # phones and screens only follow the current prompt
            if role == payloads.PARTICIPANT and self._phones_wait(prompt.id, view):
                continue
            self.socketio.emit("prompt", view, to=channel(prompt.room_id, role))

    def _phones_wait(self, prompt_id: int, view: dict) -> bool:
        """Whether this view changes only counts for phones that had one recently."""
        pacing = {k: v for k, v in view.get("pacing", {}).items() if k != "server_now"}
        rest = {k: v for k, v in view.items() if k not in ("counts", "pacing")}
        what = json.dumps([rest, pacing], sort_keys=True, default=str)
        now = self.clock()
        with self._lock:
            sent = self._phones_sent.get(prompt_id)
            if sent is not None and sent[1] == what and now - sent[0] < self.phone_counts_interval:
                self._phones_due[prompt_id] = sent[0] + self.phone_counts_interval
                return True
            self._phones_sent[prompt_id] = (now, what)
            self._phones_due.pop(prompt_id, None)
        return False

    def _send_overviews(self, room_ids: set[int], prompt_ids: set[int]) -> None:
        """Dashboard lines of the rooms that changed, and roll-ups of the families that did."""
        room_ids = set(room_ids)
        families: set[tuple[int, str]] = set()
        for prompt_id in prompt_ids:
            prompt = unit.prompt(prompt_id)
            if prompt is not None:
                room_ids.add(prompt.room_id)
                if prompt.family:
                    families.add((prompt.room.event_id, prompt.family))
        for room_id in room_ids:
            room = unit.room(room_id)
            if room is not None and self._watched(dashboard_channel(room.event_id)):
                summary = dashboard.room_summary(room, self.phones(room_id))
                self.socketio.emit("dashboard:room", summary, to=dashboard_channel(room.event_id))
        for event_id, family in families:
            name = rollup_channel(event_id, family)
            if self._watched(name):
                self.socketio.emit("rollup", rollup.rollup(unit.event(event_id), family), to=name)
