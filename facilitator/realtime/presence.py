"""Phones connected to each room, counted over every worker process.

One process counts its own phones from its Socket.IO rooms. With a message queue (several
workers) each process also writes its count of each room into Redis, as one field of the room's
hash (`facilitator:presence:<room id>`, field = the process's random id, value = "count time"),
on every change and at least every REFRESH seconds; a reader sums the fields written in the last
STALE seconds, so a worker that died stops counting by itself. Nothing about a phone is stored:
counts only.
"""

import time
import uuid
from collections.abc import Callable

import redis

KEY = "facilitator:presence:{}"
REFRESH = 20.0  # seconds between rewrites of unchanged counts
STALE = 60.0  # a count older than this is from a worker that has gone


class Presence:
    """The number of phones connected to a room, on this process or on all of them."""

    def __init__(self, url: str | None, local: Callable[[int], int]):
        self.local = local
        self.worker = uuid.uuid4().hex
        self.redis = redis.Redis.from_url(url, socket_timeout=2) if url else None
        self._written: dict[int, int] = {}
        self._refreshed = 0.0

    def phones(self, room_id: int) -> int:
        """Phones connected to the room now, summed over every live worker."""
        if self.redis is None:
            return self.local(room_id)
        now = time.time()
        total = 0
        for raw in self.redis.hvals(KEY.format(room_id)):
            count, written = raw.decode().split()
            if now - float(written) <= STALE:
                total += int(count)
        return total

    def publish(self, room_ids: set[int]) -> None:
        """Write this process's counts of these rooms (and, when due, of every room it holds)."""
        if self.redis is None:
            return
        now = time.time()
        if now - self._refreshed >= REFRESH:
            room_ids = set(room_ids) | set(self._written)
            self._refreshed = now
        if not room_ids:
            return
        pipe = self.redis.pipeline(transaction=False)
        for room_id in room_ids:
            count = self.local(room_id)
            key = KEY.format(room_id)
            pipe.hset(key, self.worker, f"{count} {now}")
            pipe.expire(key, int(STALE * 2))
            if count:
                self._written[room_id] = count
            else:
                self._written.pop(room_id, None)
        pipe.execute()
