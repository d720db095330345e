"""No opinion is SQL NULL: answers stored as the JSON text null become NULL.

Revision ID: c4d2e8f1a7b3
Revises: 613a2c87609d
Create Date: 2026-12-04 02:20:00
"""

from alembic import op

revision = "c4d2e8f1a7b3"
down_revision = "613a2c87609d"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE response SET value = NULL WHERE value::text = 'null'")
    else:
        op.execute("UPDATE response SET value = NULL WHERE value = 'null'")


def downgrade():
    # The JSON text null and SQL NULL read back alike in the app: nothing to undo.
    pass
