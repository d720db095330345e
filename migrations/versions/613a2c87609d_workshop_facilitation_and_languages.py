"""Workshop facilitation and languages

Revision ID: 613a2c87609d
Revises: 36017ad59042
Create Date: 2026-11-28 15:50:00.375074

Prompts gain a family (one prompt put to several rooms), a pre/post link, a countdown and
translations; proposals can be highlighted and merged; rooms have a projector language; moderator
actions go to an audit log.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '613a2c87609d'
down_revision = '36017ad59042'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('moderator_name', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target_type', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_audit_entry_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moderator_id'], ['moderator.id'], name=op.f('fk_audit_entry_moderator_id_moderator'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_audit_entry_room_id_room'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('linked_prompt_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('countdown_seconds', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('auto_close', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('deadline', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.create_index(batch_op.f('ix_prompt_family'), ['family'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_prompt_linked_prompt_id_prompt'), 'prompt', ['linked_prompt_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('highlighted', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_proposal_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_proposal_merged_into_id_proposal'), 'proposal', ['merged_into_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default='en'))



def downgrade():
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.drop_column('language')

    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposal_merged_into_id_proposal'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_proposal_merged_into_id'))
        batch_op.drop_column('merged_into_id')
        batch_op.drop_column('highlighted')

    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_prompt_linked_prompt_id_prompt'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_prompt_family'))
        batch_op.drop_column('translations')
        batch_op.drop_column('deadline')
        batch_op.drop_column('auto_close')
        batch_op.drop_column('countdown_seconds')
        batch_op.drop_column('linked_prompt_id')
        batch_op.drop_column('family')

    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_event_id'))

    op.drop_table('audit_entry')
