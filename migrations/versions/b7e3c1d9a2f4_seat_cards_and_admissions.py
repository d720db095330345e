"""Seat cards and admissions

Revision ID: b7e3c1d9a2f4
Revises: c4d2e8f1a7b3
Create Date: 2026-12-04 01:40:00.000000

Events gain an admission mode (open, or one phone per printed seat card) and a seat capacity;
seat cards are kept as keyed hashes, admitted phones as per-event keys, in two unlinked tables.
Existing events stay open, with no capacity.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e3c1d9a2f4'
down_revision = 'c4d2e8f1a7b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('admission',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('participant_key', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_admission_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'participant_key', name=op.f('pk_admission'))
    )
    op.create_table('seat_card',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_seat_card_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'digest', name=op.f('pk_seat_card'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('admission_mode', sa.String(length=16), nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('capacity')
        batch_op.drop_column('admission_mode')

    op.drop_table('seat_card')
    op.drop_table('admission')
