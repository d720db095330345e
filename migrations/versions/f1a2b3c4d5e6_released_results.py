"""Live results released in steps: answers' revisions and each prompt's released snapshot.

Revision ID: f1a2b3c4d5e6
Revises: e7f8a9b0c1d2
Create Date: 2026-12-04 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "f1a2b3c4d5e6"
down_revision = "e7f8a9b0c1d2"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("response", "endorsement"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("revision", sa.Integer(), server_default="0", nullable=False)
            )
    with op.batch_alter_table("prompt") as batch_op:
        batch_op.add_column(sa.Column("released", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("prompt") as batch_op:
        batch_op.drop_column("released")
    for table in ("response", "endorsement"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("revision")
