"""Answer rows keep their constituency sealed, never in clear (docs/anonymity.md).

Revision ID: e7f8a9b0c1d2
Revises: d5e6f7a8b9c0
Create Date: 2026-12-04 02:50:00
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app

from facilitator.domain.seal import seal, seal_key, unseal

revision = "e7f8a9b0c1d2"
down_revision = "d5e6f7a8b9c0"
branch_labels = None
depends_on = None

# Each table, its key to the prompt the seal is bound to, and the kind of row.
TABLES = {
    "response": ("SELECT r.id, r.prompt_id, r.constituency_id FROM response r", "response"),
    "endorsement": (
        "SELECT e.id, p.prompt_id, e.constituency_id FROM endorsement e "
        "JOIN proposal p ON p.id = e.proposal_id",
        "endorsement",
    ),
}


def _key() -> bytes:
    return seal_key(current_app.config["PARTICIPANT_SECRET"].encode())


def upgrade():
    bind = op.get_bind()
    key = _key()
    for table, (query, kind) in TABLES.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("sealed_group", sa.String(length=64), nullable=True))
        for row_id, prompt_id, group in bind.execute(sa.text(query)).all():
            bind.execute(
                sa.text(f"UPDATE {table} SET sealed_group = :sealed WHERE id = :id"),
                {"sealed": seal(key, group, kind, prompt_id), "id": row_id},
            )
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("sealed_group", existing_type=sa.String(64), nullable=False)
            batch_op.drop_constraint(f"fk_{table}_constituency_id_constituency", type_="foreignkey")
            batch_op.drop_column("constituency_id")


def downgrade():
    bind = op.get_bind()
    key = _key()
    for table, (query, kind) in TABLES.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("constituency_id", sa.Integer(), nullable=True))
        rows = bind.execute(sa.text(query.replace("constituency_id", "sealed_group"))).all()
        for row_id, prompt_id, sealed in rows:
            bind.execute(
                sa.text(f"UPDATE {table} SET constituency_id = :group WHERE id = :id"),
                {"group": unseal([key], sealed, kind, prompt_id), "id": row_id},
            )
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("constituency_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(
                f"fk_{table}_constituency_id_constituency",
                "constituency",
                ["constituency_id"],
                ["id"],
            )
            batch_op.drop_column("sealed_group")
