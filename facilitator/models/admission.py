"""Who may answer in an event: printed seat cards and the phones admitted, kept apart.

A seat card is stored only as a keyed hash of its code and whether it was used. An admission is
only a per-event key derived from a phone's token. The two tables share nothing but the event:
no foreign key, no id or time that orders them together, so no row says which card let which
phone in (and the per-prompt answer keys are unlinkable to both without the token).
"""

from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db

DIGEST_LENGTH = 64


class SeatCard(db.Model):
    """One printed single-use card: HMAC of its code, and whether a phone has used it."""

    event_id: Mapped[int] = mapped_column(
        db.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(db.String(DIGEST_LENGTH), primary_key=True)
    used: Mapped[bool] = mapped_column(default=False)


class Admission(db.Model):
    """A phone that joined an event: the per-event key of its token, and nothing else."""

    event_id: Mapped[int] = mapped_column(
        db.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    participant_key: Mapped[str] = mapped_column(db.String(DIGEST_LENGTH), primary_key=True)
