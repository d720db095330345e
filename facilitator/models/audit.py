"""The audit log: what each moderator did, and when. Moderators are accountable by name."""

from datetime import UTC, datetime

from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class AuditEntry(db.Model):
    """One moderator action: who, what, on which room and target, when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(db.ForeignKey("event.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("room.id", ondelete="SET NULL"), default=None
    )
    moderator_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("moderator.id", ondelete="SET NULL"), default=None
    )
    # The moderator's name as it was, so the log reads the same after an account changes.
    moderator_name: Mapped[str] = mapped_column(db.String(120))
    action: Mapped[str] = mapped_column(db.String(40))
    target_type: Mapped[str] = mapped_column(db.String(20), default="")
    target_id: Mapped[int | None] = mapped_column(default=None)
    detail: Mapped[dict] = mapped_column(db.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)
