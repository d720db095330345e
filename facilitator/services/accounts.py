"""Moderator sign-in: hashing off the event loop, equal work for unknown names, throttling,
failed attempts in the audit log, and sessions the server can revoke.

A password hash takes a tenth of a second of CPU: under eventlet or gevent it runs in a real
thread, so phones' answers keep flowing while someone signs in. An unknown user name is checked
against a dummy hash, so the time taken does not tell which names exist. Failed attempts are
limited per user name, per user name and address, and per address (the `limits` library, the
address only as a keyed hash); a success is never counted. Each sign-in gets a server-side
session record: logout, "sign out everywhere", idleness and age end it, whatever the cookie says.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app
from limits import parse
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import delete, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from facilitator.extensions import db
from facilitator.limit_storage import limit_storage
from facilitator.models import Moderator, ModeratorSession
from facilitator.models.moderator import hash_method
from facilitator.realtime.throttle import address_key
from facilitator.services import ServiceError, audit

UNKNOWN_NAME = "(an unknown user name)"
TOUCH_EVERY = timedelta(minutes=1)  # last-seen is written at most this often
_DUMMY: dict[str, str] = {}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def offload(function, *args):
    """Run a CPU-heavy function in a real thread under eventlet or gevent; directly otherwise."""
    mode = current_app.config.get("ASYNC_MODE")
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(function, *args)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(function, args)
    return function(*args)


def _dummy_hash() -> str:
    """A hash of a random password, made like real ones: checking it costs the same."""
    method = hash_method()
    if method not in _DUMMY:
        _DUMMY[method] = generate_password_hash(secrets.token_hex(16), method=method)
    return _DUMMY[method]


class _Limits:
    """Moving windows of failed sign-ins, per name, per name and address, per address."""

    def __init__(self, config):
        self.limiter = MovingWindowRateLimiter(limit_storage(config.get("RATELIMIT_STORAGE_URI")))
        self.rules = [
            ("name", parse(config["SIGN_IN_LIMIT_PER_NAME"])),
            ("name+address", parse(config["SIGN_IN_LIMIT_PER_NAME_AND_ADDRESS"])),
            ("address", parse(config["SIGN_IN_LIMIT_PER_ADDRESS"])),
        ]

    def _keys(self, username: str, address: str | None) -> dict:
        where = address_key(address)
        name = hashlib.sha256(username.casefold().encode()).hexdigest()[:32]
        return {"name": name, "name+address": f"{name}:{where}", "address": where}

    def allowed(self, username: str, address: str | None) -> bool:
        keys = self._keys(username, address)
        return all(self.limiter.test(rule, "sign-in", keys[kind]) for kind, rule in self.rules)

    def failed(self, username: str, address: str | None) -> None:
        keys = self._keys(username, address)
        for kind, rule in self.rules:
            self.limiter.hit(rule, "sign-in", keys[kind])


def _limits() -> _Limits:
    app = current_app._get_current_object()
    if "sign_in_limits" not in app.extensions:
        app.extensions["sign_in_limits"] = _Limits(app.config)
    return app.extensions["sign_in_limits"]


def sign_in(username: str, password: str, address: str | None) -> tuple[Moderator, str]:
    """The moderator and a new session token; ServiceError 'throttled' or 'wrong_credentials'.

    The caller commits (a failed attempt is recorded in the audit log).
    """
    username = username.strip()[:64]
    limits = _limits()
    if not limits.allowed(username, address):
        raise ServiceError(
            "throttled", "Too many failed sign-ins. Wait a few minutes and try again."
        )
    moderator = db.session.scalar(select(Moderator).where(Moderator.username == username))
    stored = moderator.password_hash if moderator else _dummy_hash()
    if not offload(check_password_hash, stored, password) or moderator is None:
        limits.failed(username, address)
        # An unknown name is not kept as typed: it may be a password typed in the wrong box.
        target = moderator.id if moderator else None
        audit.record(moderator or UNKNOWN_NAME, "sign_in_failed", None, "moderator", target)
        raise ServiceError("wrong_credentials", "Unknown username or wrong password.")
    return moderator, start_session(moderator)


def start_session(moderator: Moderator) -> str:
    """A new server-side session for the moderator; the token for the cookie (flushed)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    db.session.add(
        ModeratorSession(
            moderator_id=moderator.id,
            token_hash=token_hash(token),
            created_at=now,
            last_seen_at=now,
        )
    )
    db.session.flush()
    return token


def token_hash(token: str) -> str:
    """What the database keeps of a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


def session_moderator(moderator_id: int, token: str | None, touch: bool = True) -> Moderator | None:
    """The moderator of a live session with this token; None when it ended or never was.

    With touch, a session used again after TOUCH_EVERY has its last-seen time written in a
    transaction of its own, so that nothing the caller has pending is committed with it.
    """
    if not token:
        return None
    digest = token_hash(token)
    row = db.session.execute(
        select(
            ModeratorSession.moderator_id,
            ModeratorSession.created_at,
            ModeratorSession.last_seen_at,
        ).where(ModeratorSession.token_hash == digest)
    ).first()
    if row is None or row.moderator_id != moderator_id:
        return None
    now = _now()
    idle = timedelta(minutes=current_app.config["MODERATOR_IDLE_MINUTES"])
    lifetime = timedelta(hours=current_app.config["MODERATOR_SESSION_HOURS"])
    if now - row.last_seen_at > idle or now - row.created_at > lifetime:
        return None
    if touch and now - row.last_seen_at > TOUCH_EVERY:
        with db.engine.begin() as connection:
            connection.execute(
                update(ModeratorSession)
                .where(ModeratorSession.token_hash == digest)
                .values(last_seen_at=now)
            )
    return db.session.get(Moderator, moderator_id)


def end_session(token: str | None) -> None:
    """Logout: this browser's session ends (flushed)."""
    if token:
        db.session.execute(
            delete(ModeratorSession).where(ModeratorSession.token_hash == token_hash(token))
        )


def end_all_sessions(moderator: Moderator) -> None:
    """Sign out everywhere: every session of the moderator ends, ended ones purged (flushed)."""
    db.session.execute(
        delete(ModeratorSession).where(ModeratorSession.moderator_id == moderator.id)
    )


def accounts_with_password(password: str) -> list[str]:
    """User names whose password is this one (the demo's published password, say)."""
    moderators = db.session.scalars(select(Moderator).order_by(Moderator.id)).all()
    return [m.username for m in moderators if check_password_hash(m.password_hash, password)]
