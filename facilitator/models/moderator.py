"""Moderator accounts (the only people the app knows by name) and their revocable sessions."""

from datetime import UTC, datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from facilitator.extensions import db

# How passwords are hashed unless PASSWORD_METHOD says otherwise (tests use a cheap one).
PASSWORD_METHOD = "scrypt"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hash_password(password: str) -> str:
    """A salted hash of the password with the configured method (slow on purpose)."""
    method = PASSWORD_METHOD
    if has_app_context():
        method = current_app.config.get("PASSWORD_METHOD", PASSWORD_METHOD)
    return generate_password_hash(password, method=method)


class Moderator(UserMixin, db.Model):
    """A person who runs rooms; an admin (organiser) may run every room."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(db.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(db.String(120))
    password_hash: Mapped[str] = mapped_column(db.String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """Whether the password matches the stored hash (slow: call it off the event loop)."""
        return check_password_hash(self.password_hash, password)

    def can_moderate(self, room) -> bool:
        """Whether this moderator may control the room."""
        return self.is_admin or self in room.moderators


class ModeratorSession(db.Model):
    """One signed-in browser of a moderator; deleting it signs that browser out for good.

    The cookie holds a random token; only its SHA-256 is stored, so a database dump signs no
    one in.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    moderator_id: Mapped[int] = mapped_column(
        db.ForeignKey("moderator.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=_now)
