"""Identity administration: a user's one-time password flag, last sign-in and row version, and a
role's row version (work orders on ``user:<username>`` and ``role:<code>`` record them).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch: on SQLite a batch rebuilds the table (copy, DROP, rename), and
    # dropping users fails while other tables' rows refer to it (work_order_level_approvers).
    op.add_column('users', sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                     nullable=False))
    op.add_column('users', sa.Column('last_sign_in_at', backend.db.types.UtcDateTime(), nullable=True))
    op.add_column('users', sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.add_column('roles', sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    # DROP COLUMN in place (SQLite 3.35+ has it) rather than a batch's rebuild, for the reason above.
    for table, column in (('roles', 'version'), ('users', 'version'), ('users', 'last_sign_in_at'),
                          ('users', 'must_change_password')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
