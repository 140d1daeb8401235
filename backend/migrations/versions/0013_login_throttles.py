"""Sign-in throttle: failed sign-ins per username and the lock they lead to.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25 20:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('login_throttles',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('locked_until', backend.db.types.UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_login_throttles'))
    )


def downgrade() -> None:
    op.drop_table('login_throttles')
