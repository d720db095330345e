"""Moderator accounts: the only people the app knows by name."""

from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from facilitator.extensions import db


def hash_method() -> str:
    """The password hash to use: scrypt, unless the configuration says otherwise (tests)."""
    return (
        current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
    )


class Moderator(UserMixin, db.Model):
    """A person who runs rooms; an admin (organiser) may run every room."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(db.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(db.String(120))
    password_hash: Mapped[str] = mapped_column(db.String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password."""
        self.password_hash = generate_password_hash(password, method=hash_method())

    def check_password(self, password: str) -> bool:
        """Whether the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def can_moderate(self, room) -> bool:
        """Whether this moderator may control the room."""
        return self.is_admin or self in room.moderators


class ModeratorSession(db.Model):
    """One signed-in browser of a moderator: revoked by logout, idleness or 'sign out everywhere'.

    The session cookie holds a random token; only its SHA-256 is stored, so a database dump gives
    no cookie that works.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(
        db.ForeignKey("moderator.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column()
    last_seen_at: Mapped[datetime] = mapped_column()
