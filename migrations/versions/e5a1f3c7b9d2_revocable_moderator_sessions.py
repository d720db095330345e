"""Revocable moderator sessions; sign-in entries in the audit log belong to no event.

Revision ID: e5a1f3c7b9d2
Revises: b7e3c1d9a2f4
Create Date: 2026-12-04 02:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "e5a1f3c7b9d2"
down_revision = "b7e3c1d9a2f4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "moderator_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["moderator_id"],
            ["moderator.id"],
            name=op.f("fk_moderator_session_moderator_id_moderator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderator_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_moderator_session_token_hash")),
    )
    with op.batch_alter_table("moderator_session") as batch:
        batch.create_index(
            batch.f("ix_moderator_session_moderator_id"), ["moderator_id"], unique=False
        )
    with op.batch_alter_table("audit_entry") as batch:
        batch.alter_column("event_id", existing_type=sa.Integer(), nullable=True)


def downgrade():
    op.execute("DELETE FROM audit_entry WHERE event_id IS NULL")
    with op.batch_alter_table("audit_entry") as batch:
        batch.alter_column("event_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("moderator_session") as batch:
        batch.drop_index(batch.f("ix_moderator_session_moderator_id"))
    op.drop_table("moderator_session")
