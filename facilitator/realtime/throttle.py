"""Limits that keep the hall responsive: one phone cannot stall everyone.

Every connection has a token bucket: it may send `burst` events at once and `rate` per second
after that. An event over the limit is refused at once, before any database work, with the code
`rate_limited` and the seconds to wait; a connection refused `STRIKES` times within
`STRIKE_WINDOW` seconds is flooding and is disconnected. An honest phone sends an answer every few
seconds, and its outbox after a reconnect fits in the burst.

Connects are limited per client address with the `limits` library. A hall behind one NAT address
is many phones, so the figure is generous; the address is kept only as a keyed hash with a key
that lives in this process alone, never in clear (so with several workers each counts its own).
"""

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from limits import parse_many
from limits.strategies import MovingWindowRateLimiter

from facilitator.limit_storage import limit_storage

STRIKES = 40
STRIKE_WINDOW = 10.0
_ADDRESS_KEY = secrets.token_bytes(32)  # never stored: a restart forgets every address


def address_key(address: str | None) -> str:
    """A client address as a keyed hash: limits count it without holding the address."""
    return hmac.new(_ADDRESS_KEY, (address or "").encode(), hashlib.sha256).hexdigest()[:32]


@dataclass
class Bucket:
    """A token bucket with the refusals it has handed out recently."""

    rate: float
    burst: float
    tokens: float = 0.0
    stamp: float = field(default_factory=time.monotonic)
    strikes: list[float] = field(default_factory=list)

    def __post_init__(self):
        self.tokens = self.burst

    def take(self, now: float) -> float:
        """0 if an event may pass now (and take a token), else the seconds until one may."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

    def strike(self, now: float) -> bool:
        """Count a refusal; whether the connection has been refused too often to stay."""
        self.strikes = [moment for moment in self.strikes if now - moment < STRIKE_WINDOW]
        self.strikes.append(now)
        return len(self.strikes) >= STRIKES


class Throttle:
    """Token buckets per connection and connect limits per address."""

    def __init__(self, config: dict):
        self.rates = {
            "participant": (config["PHONE_EVENTS_PER_SECOND"], config["PHONE_EVENTS_BURST"]),
            "screen": (config["PHONE_EVENTS_PER_SECOND"], config["PHONE_EVENTS_BURST"]),
        }
        self.default = (config["CONSOLE_EVENTS_PER_SECOND"], config["CONSOLE_EVENTS_BURST"])
        self._buckets: dict[str, Bucket] = {}
        self._lock = threading.Lock()
        # Connect counters stay in this process, even beside Redis: a hall arriving at once is
        # a thousand checks in a second, which a network round trip each would slow down and a
        # Redis outage would stop. With several workers the limit holds per worker.
        self._limiter = MovingWindowRateLimiter(limit_storage("memory://"))
        self._connects = (
            parse_many(config["CONNECT_RATE_LIMIT"]) if config["CONNECT_RATE_LIMIT"] else []
        )

    def check(self, sid: str, role: str) -> tuple[float, bool]:
        """(seconds to wait or 0, whether to disconnect) for one event of this connection."""
        now = time.monotonic()
        bucket = self._buckets.get(sid)
        if bucket is None:
            rate, burst = self.rates.get(role, self.default)
            with self._lock:
                bucket = self._buckets.setdefault(sid, Bucket(rate, burst))
        wait = bucket.take(now)
        if not wait:
            return 0.0, False
        return wait, bucket.strike(now)

    def forget(self, sid: str) -> None:
        """The connection ended: drop its bucket."""
        with self._lock:
            self._buckets.pop(sid, None)

    def may_connect(self, address: str | None) -> bool:
        """Whether one more connection from this address fits the per-address limits."""
        key = address_key(address)
        return all(self._limiter.hit(limit, "connect", key) for limit in self._connects)
