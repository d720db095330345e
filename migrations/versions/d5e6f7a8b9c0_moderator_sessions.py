"""Moderator sessions the server can revoke; audit entries without an event (failed sign-ins).

Revision ID: d5e6f7a8b9c0
Revises: b7e3c1d9a2f4
Create Date: 2026-12-04 02:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "d5e6f7a8b9c0"
down_revision = "b7e3c1d9a2f4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "moderator_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
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
    with op.batch_alter_table("moderator_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_moderator_session_moderator_id"), ["moderator_id"], unique=False
        )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=True)


def downgrade():
    op.execute("DELETE FROM audit_entry WHERE event_id IS NULL")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("moderator_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderator_session_moderator_id"))
    op.drop_table("moderator_session")
