"""The one place that sends to sockets: coalesced room states and prompt updates."""

import logging
import threading

from facilitator.extensions import db
from facilitator.models import Prompt, Room
from facilitator.services import changes, views

log = logging.getLogger(__name__)


def channel(room_id: int, role: str) -> str:
    """The Socket.IO room that holds one role's connections to one room."""
    return f"room:{room_id}:{role}"


class Broadcaster:
    """Collects committed changes and sends each room or prompt at most once per interval."""

    def __init__(self, app, socketio, interval: float):
        self.app = app
        self.socketio = socketio
        self.interval = interval
        self._lock = threading.Lock()
        self._rooms: set[int] = set()
        self._prompts: set[int] = set()
        self._started = False

    def notice(self, change: changes.Change) -> None:
        """Mark what a committed change makes stale; nothing is sent yet."""
        with self._lock:
            if change.what == changes.ROOM:
                self._rooms.add(change.room_id)
            if change.prompt_id is not None:
                self._prompts.add(change.prompt_id)

    def welcome(self, sid: str, state: dict) -> None:
        """Send a (re)connecting client the full state of its room for its role."""
        self.socketio.emit("state", state, to=sid)

    def start(self) -> None:
        """Start the background loop that flushes every interval (once per process)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        self.socketio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            self.socketio.sleep(self.interval)
            try:
                self.flush()
            except Exception:  # keep broadcasting whatever one flush hit
                log.exception("broadcast failed")

    def flush(self) -> None:
        """Send the state of every room and prompt that changed since the last flush."""
        with self._lock:
            rooms, self._rooms = self._rooms, set()
            prompts, self._prompts = self._prompts, set()
        if not rooms and not prompts:
            return
        with self.app.app_context():
            for room_id in rooms:
                self._send_room(room_id)
            for prompt_id in prompts:
                self._send_prompt(prompt_id)

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
