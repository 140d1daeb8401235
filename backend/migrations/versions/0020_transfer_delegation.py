"""Transfer (轉交) and delegation (委託) of approvals: a transferred approver seat is kept and marked,
each transfer is on the order's trail, people added to an order's CC say who added them, a decision
may be made on behalf of an approver, and delegations while away.

Columns are added in place, never by copying a table: on SQLite a copy drops the old table, and its
ON DELETE CASCADE children with it (see 0017).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-14 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('approval_delegations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_user_id', sa.Integer(), nullable=False),
    sa.Column('to_user_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('ends_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('flows', sa.JSON(), nullable=True),
    sa.Column('created_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('revoked_at', backend.db.types.UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['from_user_id'], ['users.id'], name=op.f('fk_approval_delegations_from_user_id_users')),
    sa.ForeignKeyConstraint(['to_user_id'], ['users.id'], name=op.f('fk_approval_delegations_to_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_delegations'))
    )
    with op.batch_alter_table('approval_delegations', schema=None) as batch_op:
        batch_op.create_index('ix_approval_delegations_from_user', ['from_user_id', 'ends_at'], unique=False)
        batch_op.create_index('ix_approval_delegations_to_user', ['to_user_id', 'ends_at'], unique=False)

    op.create_table('work_order_transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('from_user_id', sa.Integer(), nullable=False),
    sa.Column('to_user_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('transferred_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['from_user_id'], ['users.id'], name=op.f('fk_work_order_transfers_from_user_id_users')),
    sa.ForeignKeyConstraint(['to_user_id'], ['users.id'], name=op.f('fk_work_order_transfers_to_user_id_users')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_transfers_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_transfers'))
    )
    with op.batch_alter_table('work_order_transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_transfers_work_order_id'), ['work_order_id'], unique=False)

    op.add_column('work_order_level_approvers', sa.Column('transferred_at', backend.db.types.UtcDateTime(), nullable=True))
    op.add_column('work_order_cc', sa.Column('added_by_id', sa.Integer(), nullable=True))
    op.add_column('work_order_cc', sa.Column('added_at', backend.db.types.UtcDateTime(), nullable=True))
    op.add_column('work_order_decisions', sa.Column('on_behalf_of_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+), as they were added. A transferred seat goes back to its first holder
    # only in the trail: the rows of those who received one stay, as approvers of their level.
    op.execute("DELETE FROM work_order_level_approvers WHERE transferred_at IS NOT NULL")
    op.drop_column('work_order_decisions', 'on_behalf_of_id')
    op.drop_column('work_order_cc', 'added_at')
    op.drop_column('work_order_cc', 'added_by_id')
    op.drop_column('work_order_level_approvers', 'transferred_at')
    with op.batch_alter_table('work_order_transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_transfers_work_order_id'))
    op.drop_table('work_order_transfers')
    with op.batch_alter_table('approval_delegations', schema=None) as batch_op:
        batch_op.drop_index('ix_approval_delegations_to_user')
        batch_op.drop_index('ix_approval_delegations_from_user')
    op.drop_table('approval_delegations')
