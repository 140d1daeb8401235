"""A maker's note to the approvers on a work order: why it was resubmitted and what changed.

Added in place (see 0020): on SQLite a table copy would drop the orders' cascading children.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 21:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('work_orders', sa.Column('maker_note', sa.String(length=2000), nullable=True))


def downgrade() -> None:
    op.drop_column('work_orders', 'maker_note')
