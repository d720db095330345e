"""What participants give: responses, proposals and endorsements, keyed per prompt."""

import enum

from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.extensions import db

KEY_LENGTH = 64
SEALED_LENGTH = 64


class Response(db.Model):
    """One participant's answer to a position or priority prompt."""

    __table_args__ = (db.UniqueConstraint("prompt_id", "participant_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(db.ForeignKey("prompt.id", ondelete="CASCADE"))
    # HMAC of the phone's token and this prompt: links nothing across prompts.
    participant_key: Mapped[str] = mapped_column(db.String(KEY_LENGTH))
    # The participant's constituency, sealed (domain/seal.py): random without the secret.
    sealed_group: Mapped[str] = mapped_column(db.String(SEALED_LENGTH))
    # "No opinion" is SQL NULL (not the JSON text null), so that counts of opinions see it.
    value: Mapped[object] = mapped_column(db.JSON(none_as_null=True), nullable=True)
    client_id: Mapped[str] = mapped_column(db.String(64))
    # How often the participant changed this answer (live results move in steps of k: release).
    revision: Mapped[int] = mapped_column(default=0, server_default="0")


class ProposalStatus(enum.StrEnum):
    """Moderation status of a proposal."""

    PENDING = "pending"
    APPROVED = "approved"
    HIDDEN = "hidden"
    MERGED = "merged"


class Proposal(db.Model):
    """A participant's trust-building idea under a proposal prompt."""

    __table_args__ = (db.UniqueConstraint("prompt_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(
        db.ForeignKey("prompt.id", ondelete="CASCADE"), index=True
    )
    # Keyed with a scope of its own, so authorship cannot be joined to endorsements.
    author_key: Mapped[str] = mapped_column(db.String(KEY_LENGTH), index=True)
    client_id: Mapped[str] = mapped_column(db.String(64))
    text: Mapped[str] = mapped_column(db.Text)
    status: Mapped[str] = mapped_column(db.String(10), default=ProposalStatus.PENDING)
    highlighted: Mapped[bool] = mapped_column(default=False)
    # A duplicate merged into another proposal points at it and keeps its own text.
    merged_into_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("proposal.id", ondelete="SET NULL"), index=True, default=None
    )
    endorsements: Mapped[list["Endorsement"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan"
    )


class Endorsement(db.Model):
    """A participant's agree / disagree / pass on a proposal."""

    __table_args__ = (db.UniqueConstraint("proposal_id", "participant_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        db.ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    participant_key: Mapped[str] = mapped_column(db.String(KEY_LENGTH))
    sealed_group: Mapped[str] = mapped_column(db.String(SEALED_LENGTH))
    vote: Mapped[str] = mapped_column(db.String(10))
    client_id: Mapped[str] = mapped_column(db.String(64))
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    proposal: Mapped[Proposal] = relationship(back_populates="endorsements")
