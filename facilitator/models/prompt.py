"""Prompts: one question put to a room, with guarded state transitions."""

import enum
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.domain.errors import Refusal
from facilitator.extensions import db


class PromptState(enum.StrEnum):
    """Lifecycle of a prompt: draft → open → closed (and reopened when needed)."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Prompt(db.Model):
    """A position, priority or proposal question with its settings and state."""

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(db.ForeignKey("room.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(db.String(16))
    text: Mapped[str] = mapped_column(db.String(500))
    settings: Mapped[dict] = mapped_column(db.JSON, default=dict)
    state: Mapped[str] = mapped_column(db.String(8), default=PromptState.DRAFT)
    results_revealed: Mapped[bool] = mapped_column(default=False)
    opened_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    # Copies of one prompt put to several rooms at once share a family, for the roll-up.
    family: Mapped[str | None] = mapped_column(db.String(32), index=True, default=None)
    # A position prompt may repeat an earlier one (pre/post): both then share participant keys.
    linked_prompt_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("prompt.id", ondelete="SET NULL"), default=None
    )
    # Pacing: an optional countdown, started when the prompt opens.
    countdown_seconds: Mapped[int | None] = mapped_column(default=None)
    auto_close: Mapped[bool] = mapped_column(default=False)
    deadline: Mapped[datetime | None] = mapped_column(default=None)
    # The results screens and phones last got while the prompt was open and revealed, with the
    # answers' revisions they were taken at (services/release.py); None until then.
    released: Mapped[dict | None] = mapped_column(db.JSON, default=None)
    # The prompt's text and options in other languages: {"fr": {"text": ..., ...}, ...}.
    translations: Mapped[dict] = mapped_column(db.JSON, default=dict)
    room: Mapped["Room"] = relationship(  # noqa: F821
        back_populates="prompts", foreign_keys=[room_id]
    )

    @property
    def key_scope(self) -> int:
        """The prompt id participant keys derive from: the earlier prompt of a pre/post pair."""
        return self.linked_prompt_id or self.id

    @property
    def is_open(self) -> bool:
        """Whether participants may answer now."""
        return self.state == PromptState.OPEN

    def open(self) -> None:
        """Let participants answer; a closed prompt may be reopened."""
        if self.state == PromptState.OPEN:
            raise Refusal("already_open", "This prompt is already open.")
        now = datetime.now(UTC).replace(tzinfo=None)
        self.state = PromptState.OPEN
        self.opened_at = self.opened_at or now
        self.closed_at = None
        self.deadline = (
            now + timedelta(seconds=self.countdown_seconds) if self.countdown_seconds else None
        )

    def close(self) -> None:
        """Stop accepting answers."""
        if self.state != PromptState.OPEN:
            raise Refusal("not_open", "Only an open prompt can be closed.")
        self.state = PromptState.CLOSED
        self.closed_at = datetime.now(UTC).replace(tzinfo=None)
        self.deadline = None

    def reveal(self) -> None:
        """Show results to the room and the projector."""
        if self.results_revealed:
            raise Refusal("already_revealed", "Results are already revealed.")
        self.results_revealed = True

    def hide(self) -> None:
        """Hide results from the room and the projector again."""
        if not self.results_revealed:
            raise Refusal("already_hidden", "Results are already hidden.")
        self.results_revealed = False
