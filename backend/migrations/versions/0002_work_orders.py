"""Work orders: the orders, the versions of their targets, pending-target locks, decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 11:06:45.292192
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('work_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flow', sa.String(length=80), nullable=False),
    sa.Column('maker_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('levels', sa.Integer(), nullable=False),
    sa.Column('approvals', sa.Integer(), nullable=False),
    sa.Column('summary', sa.String(length=256), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=80), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('updated_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('expires_at', backend.db.types.UtcDateTime(), nullable=True),
    sa.Column('resubmitted_from_id', sa.Integer(), nullable=True),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['maker_id'], ['users.id'], name=op.f('fk_work_orders_maker_id_users')),
    sa.ForeignKeyConstraint(['resubmitted_from_id'], ['work_orders.id'], name=op.f('fk_work_orders_resubmitted_from_id_work_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_orders')),
    sa.UniqueConstraint('maker_id', 'idempotency_key', name=op.f('uq_work_orders_maker_id'))
    )
    with op.batch_alter_table('work_orders', schema=None) as batch_op:
        batch_op.create_index('ix_work_orders_maker_submitted', ['maker_id', 'submitted_at', 'id'], unique=False)
        batch_op.create_index('ix_work_orders_status_flow', ['status', 'flow'], unique=False)

    op.create_table('work_order_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('decider_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=8), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('decided_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decider_id'], ['users.id'], name=op.f('fk_work_order_decisions_decider_id_users')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_decisions_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_decisions')),
    sa.UniqueConstraint('work_order_id', 'level', name=op.f('uq_work_order_decisions_work_order_id'))
    )
    with op.batch_alter_table('work_order_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_decisions_decider_id'), ['decider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_decisions_work_order_id'), ['work_order_id'], unique=False)

    op.create_table('work_order_locks',
    sa.Column('target_key', sa.String(length=160), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_locks_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('target_key', name=op.f('pk_work_order_locks'))
    )
    with op.batch_alter_table('work_order_locks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_locks_work_order_id'), ['work_order_id'], unique=False)

    op.create_table('work_order_targets',
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('target_key', sa.String(length=160), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_targets_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('work_order_id', 'target_key', name=op.f('pk_work_order_targets'))
    )


def downgrade() -> None:
    op.drop_table('work_order_targets')
    with op.batch_alter_table('work_order_locks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_locks_work_order_id'))

    op.drop_table('work_order_locks')
    with op.batch_alter_table('work_order_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_decisions_work_order_id'))
        batch_op.drop_index(batch_op.f('ix_work_order_decisions_decider_id'))

    op.drop_table('work_order_decisions')
    with op.batch_alter_table('work_orders', schema=None) as batch_op:
        batch_op.drop_index('ix_work_orders_status_flow')
        batch_op.drop_index('ix_work_orders_maker_submitted')

    op.drop_table('work_orders')
