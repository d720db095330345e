"""The state a (re)connecting phone or screen gets: built once per change, not once per phone.

Every phone of a room gets the same room state (its own answers are added after), so a reconnect
storm of 2,000 phones builds it once. A committed change to the room (agenda, prompt state, the
current prompt) forgets it at once. Answers and proposals do not: the broadcaster refreshes the
cached prompt with the view it is about to send (`refresh`), before sending it. A phone that
read the cache before that refresh had already joined its channel, so it gets the update too;
one that connects after reads the refreshed prompt. Answers arriving in a storm therefore never
force a rebuild per connection.

With a message queue (several workers), changes made by other workers never reach this
process's change bus. There every committed change also bumps a version of the room in Redis
(`facilitator:welcome:<room id>`), and a cached state serves a connection only while the room's
version is the one it was built at: one Redis read per connection instead of a build. If Redis
cannot be read, the state is built. Moderators' states are always built for them.
"""

import logging
import threading

import redis

from facilitator.services import changes, pacing, payloads

log = logging.getLogger(__name__)
VERSION_KEY = "facilitator:welcome:{}"

CACHED_ROLES = (payloads.PARTICIPANT, payloads.SCREEN)


class WelcomeStates:
    """Room states for phones and screens, kept until the room next changes."""

    def __init__(self, app):
        self.app = app
        self._states: dict[tuple[int, str], dict] = {}
        self._versions: dict[tuple[int, str], bytes | None] = {}
        self._lock = threading.Lock()
        url = app.config.get("SOCKETIO_MESSAGE_QUEUE")
        self.redis = redis.Redis.from_url(url, socket_timeout=2) if url else None
        changes.subscribe(app, self.forget)

    def state(self, room, role: str) -> dict:
        """The full state of the room for this role, as payloads.room_view gives it."""
        if role not in CACHED_ROLES:
            return payloads.room_view(room, role)
        key = (room.id, role)
        version = None
        if self.redis is not None:
            try:
                version = self.redis.get(VERSION_KEY.format(room.id)) or b"0"
            except redis.RedisError as error:
                log.warning("room version not read: %s", type(error).__name__)
                return payloads.room_view(room, role)
        with self._lock:
            cached = self._states.get(key)
            if cached is not None and self._versions.get(key) != version:
                cached = None
        if cached is None:
            cached = payloads.room_view(room, role)
            with self._lock:
                self._states[key] = cached
                self._versions[key] = version
        return _fresh(cached)

    def forget(self, change: changes.Change) -> None:
        """A committed change to a room: its states are built anew on the next connection."""
        if self.redis is not None:
            try:
                self.redis.incr(VERSION_KEY.format(change.room_id))
            except redis.RedisError as error:
                log.warning("room version not bumped: %s", type(error).__name__)
        if change.what != changes.ROOM:
            return  # answers and proposals: the broadcaster's next send refreshes the prompt
        with self._lock:
            for role in CACHED_ROLES:
                self._states.pop((change.room_id, role), None)

    def refresh(self, room_id: int, prompt_id: int, prompt_views: dict[str, dict]) -> None:
        """The current prompt's views about to be sent: cached states carry them from now on."""
        with self._lock:
            for role in CACHED_ROLES:
                cached = self._states.get((room_id, role))
                if cached is not None and cached.get("current_prompt_id") == prompt_id:
                    self._states[(room_id, role)] = {**cached, "prompt": prompt_views[role]}


def _fresh(cached: dict) -> dict:
    """A copy safe to add to, with the countdown's server time of now."""
    state = dict(cached)
    prompt = state.get("prompt")
    if prompt is not None:
        state["prompt"] = {**prompt, "pacing": {**prompt["pacing"], "server_now": pacing.now_iso()}}
    return state
