"""What remains of an event after `facilitator close-event`: its report and data files."""

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db


class EventArchive(db.Model):
    """The published figures of a closed event, kept once its answer rows are gone."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        db.ForeignKey("event.id", ondelete="CASCADE"), unique=True
    )
    closed_at: Mapped[datetime] = mapped_column()
    # The report's data (services/report.build_report) and each data file's text by name.
    report: Mapped[dict] = mapped_column(db.JSON)
    files: Mapped[dict] = mapped_column(db.JSON)
