"""A room's projector may show a prompt family's roll-up instead of the room.

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-12-04 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "c3d4e5f6a7b8"
down_revision = "b2c3d4e5f6a7"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("room") as batch_op:
        batch_op.add_column(sa.Column("screen_rollup", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("room") as batch_op:
        batch_op.drop_column("screen_rollup")
