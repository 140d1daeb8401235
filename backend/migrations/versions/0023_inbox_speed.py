"""The inbox without reading the orders' rows: the pending orders newest first with their level,
maker and flow in one index, and an index of the seats held now of each order's level; a maker's
orders by status and last change, for "Returned to me".

Revision ID: 0023_inbox_speed
Revises: 0022
Create Date: 2026-12-07 01:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0023_inbox_speed'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HELD_NOW = sa.text("transferred_at IS NULL")


def upgrade() -> None:
    op.create_index('ix_work_orders_status_id', 'work_orders',
                    ['status', 'id', 'approvals', 'maker_id', 'flow'])
    op.create_index('ix_work_order_level_approvers_open', 'work_order_level_approvers',
                    ['work_order_id', 'level', 'user_id'], sqlite_where=_HELD_NOW, postgresql_where=_HELD_NOW)
    op.create_index('ix_work_orders_maker_status', 'work_orders', ['maker_id', 'status', 'updated_at'])


def downgrade() -> None:
    op.drop_index('ix_work_orders_maker_status', table_name='work_orders')
    op.drop_index('ix_work_order_level_approvers_open', table_name='work_order_level_approvers')
    op.drop_index('ix_work_orders_status_id', table_name='work_orders')
