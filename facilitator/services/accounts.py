"""Moderator sign-in: password checks off the event loop, throttling, revocable sessions.

A password check costs the same for an unknown user name (a dummy hash is checked), so timing
reveals no names. Failed sign-ins are counted per name, per name and address, and per address
(moving windows, `limits`; the address only as a keyed hash) and written to the audit log
without the password or the address. A signed-in browser holds a random session token; the
server keeps only its hash in ModeratorSession, so logout and "sign out everywhere" revoke it.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash

from facilitator.extensions import db
from facilitator.models import AuditEntry, Moderator, ModeratorSession
from facilitator.models.moderator import _now, hash_password
from facilitator.realtime.throttle import address_key
from facilitator.services import ServiceError
from facilitator.services.audit import SYSTEM, _check_detail

# The published password of `facilitator demo`: never served on a reachable address.
DEMO_PASSWORD = "demo-facilitator"
SIGN_IN = "sign_in_failed"
# last_seen_at is written at most this often, not on every request.
TOUCH_EVERY = timedelta(seconds=30)


def off_loop(func, *args):
    """Run a CPU-heavy call in a thread pool so the event loop keeps serving phones."""
    mode = current_app.config.get("ASYNC_MODE")
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(func, *args)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(func, args)
    return func(*args)


def _dummy_hash() -> str:
    """A hash of a random password, made once, checked for unknown names."""
    extension = current_app.extensions
    if "dummy_password_hash" not in extension:
        extension["dummy_password_hash"] = hash_password(secrets.token_urlsafe(16))
    return extension["dummy_password_hash"]


def check_password(moderator: Moderator | None, password: str) -> bool:
    """Whether the password is the moderator's; an unknown name checks a dummy hash instead."""
    stored = moderator.password_hash if moderator is not None else _dummy_hash()
    matches = off_loop(check_password_hash, stored, password)
    return matches and moderator is not None


class SignInThrottle:
    """Failed sign-ins counted per name, per name and address, and per address."""

    def __init__(self, app):
        self.limiter = MovingWindowRateLimiter(
            storage_from_string(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
        )
        self.rules = [
            (kind, parse(app.config[setting]))
            for kind, setting in (
                ("name_address", "SIGN_IN_NAME_ADDRESS_LIMIT"),
                ("name", "SIGN_IN_NAME_LIMIT"),
                ("address", "SIGN_IN_ADDRESS_LIMIT"),
            )
            if app.config.get(setting)
        ]

    @staticmethod
    def _keys(username: str, address: str | None) -> dict:
        name = address_key("name:" + username.casefold())
        where = address_key(address)
        return {"name_address": (name, where), "name": (name,), "address": (where,)}

    def allowed(self, username: str, address: str | None) -> bool:
        """Whether another attempt may be checked now (no limit used up)."""
        keys = self._keys(username, address)
        return all(
            self.limiter.test(rule, "sign-in", kind, *keys[kind]) for kind, rule in self.rules
        )

    def failed(self, username: str, address: str | None) -> None:
        """Count one failed attempt."""
        keys = self._keys(username, address)
        for kind, rule in self.rules:
            self.limiter.hit(rule, "sign-in", kind, *keys[kind])


def _audit_failure(moderator: Moderator | None, reason: str) -> None:
    """A failed sign-in in the audit log: the account aimed at, never password or address."""
    db.session.add(
        AuditEntry(
            event_id=None,
            moderator_id=moderator.id if moderator is not None else None,
            moderator_name=SYSTEM,
            action=SIGN_IN,
            target_type="moderator",
            target_id=moderator.id if moderator is not None else None,
            detail=_check_detail(
                {
                    "username": moderator.username if moderator is not None else "(unknown)",
                    "reason": reason,
                }
            ),
        )
    )
    db.session.commit()


def authenticate(username: str, password: str, address: str | None) -> Moderator:
    """The moderator these credentials sign in, or ServiceError (invalid / throttled)."""
    username = username.strip()
    throttle = current_app.extensions["sign_in_throttle"]
    moderator = db.session.scalar(select(Moderator).where(Moderator.username == username))
    if not throttle.allowed(username, address):
        _audit_failure(moderator, "throttled")
        raise ServiceError(
            "rate_limited", "Too many failed sign-ins; wait a few minutes and try again."
        )
    if not check_password(moderator, password):
        throttle.failed(username, address)
        _audit_failure(moderator, "wrong_password" if moderator else "unknown_name")
        raise ServiceError("invalid_credentials", "Unknown username or wrong password.")
    return moderator


def set_password(moderator: Moderator, password: str) -> None:
    """Give a moderator a new password and end every session they have."""
    if len(password) < 10:
        raise ServiceError("weak_password", "Use a password of at least 10 characters.")
    moderator.set_password(password)
    db.session.execute(
        delete(ModeratorSession).where(ModeratorSession.moderator_id == moderator.id)
    )


def has_demo_password() -> list[str]:
    """Names of moderators whose password is still the published demo password."""
    return [
        moderator.username
        for moderator in db.session.scalars(select(Moderator))
        if check_password_hash(moderator.password_hash, DEMO_PASSWORD)
    ]


# -- sessions -------------------------------------------------------------------------------


@dataclass
class Started:
    """A new session: its row and the token the cookie carries (shown once)."""

    record: ModeratorSession
    token: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(moderator: Moderator) -> Started:
    """Record a new signed-in browser of the moderator; the token goes into the cookie."""
    token = secrets.token_urlsafe(32)
    record = ModeratorSession(token_hash=_hash(token), moderator_id=moderator.id)
    db.session.add(record)
    db.session.commit()
    return Started(record, token)


def _expired(record: ModeratorSession, now: datetime) -> bool:
    config = current_app.config
    idle = timedelta(minutes=config["MODERATOR_IDLE_MINUTES"])
    lifetime = timedelta(hours=config["MODERATOR_SESSION_HOURS"])
    return now - record.last_seen_at > idle or now - record.created_at > lifetime


def find_session(token) -> ModeratorSession | None:
    """The live session this cookie token names (touched), or None; an expired one is deleted."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    record = db.session.scalar(
        select(ModeratorSession).where(ModeratorSession.token_hash == _hash(token))
    )
    if record is None:
        return None
    now = _now()
    if _expired(record, now):
        db.session.delete(record)
        db.session.commit()
        return None
    if now - record.last_seen_at > TOUCH_EVERY:
        record.last_seen_at = now
        db.session.commit()
    return record


def end_session(token) -> ModeratorSession | None:
    """Delete the session this token names; the deleted row (for its id), or None."""
    if not isinstance(token, str):
        return None
    record = db.session.scalar(
        select(ModeratorSession).where(ModeratorSession.token_hash == _hash(token))
    )
    if record is not None:
        db.session.delete(record)
        db.session.commit()
    return record


def end_all_sessions(moderator: Moderator) -> int:
    """Delete every session of the moderator; how many there were."""
    result = db.session.execute(
        delete(ModeratorSession).where(ModeratorSession.moderator_id == moderator.id)
    )
    db.session.commit()
    return result.rowcount


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def refuse_published_password(app, host: str) -> None:
    """Exit before binding a reachable address while a moderator has the demo password."""
    if host in LOOPBACK or host.startswith("127."):
        return
    with app.app_context():
        try:
            names = has_demo_password()
        except Exception:  # no tables yet: no moderator either
            db.session.rollback()
            return
    if names:
        raise SystemExit(
            f"Refusing to serve on {host}: moderator {', '.join(names)} still has the published "
            "demo password.\nChange it first: facilitator set-password "
            f"{names[0]}  (or run `facilitator demo` with DEMO_PASSWORD set)."
        )
