"""Setting records keep who synced them and the row they replaced; orders are found by target.

A margin row's change history (變更記錄) reads the applied work orders that name its target and
the setting records applied to it: ``applied_by``, ``outcome`` and ``before_values`` record what
applying a setting did, and an index finds a target's orders.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('risk_margin_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applied_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('before_values', sa.JSON(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_risk_margin_settings_applied_by_users'), 'users',
                                    ['applied_by'], ['id'])
    with op.batch_alter_table('work_order_targets', schema=None) as batch_op:
        batch_op.create_index('ix_work_order_targets_target_key', ['target_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('work_order_targets', schema=None) as batch_op:
        batch_op.drop_index('ix_work_order_targets_target_key')
    with op.batch_alter_table('risk_margin_settings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_risk_margin_settings_applied_by_users'), type_='foreignkey')
        batch_op.drop_column('before_values')
        batch_op.drop_column('outcome')
        batch_op.drop_column('applied_by')
