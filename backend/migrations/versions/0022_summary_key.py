"""A work order's summary as a key and values (services/contract/summaries.py), so that each
reader sees it in their own language; the English line stays for search, audit and old orders.

Added in place (see 0020): on SQLite a table copy would drop the orders' cascading children.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 22:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('work_orders', sa.Column('summary_key', sa.String(length=64), nullable=True))
    op.add_column('work_orders', sa.Column('summary_args', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('work_orders', 'summary_args')
    op.drop_column('work_orders', 'summary_key')
