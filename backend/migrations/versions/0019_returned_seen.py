"""When each maker last looked at their orders that came back decided: the status bar's "Returned
to me" counts those decided since. Users that exist now have looked now, so an upgrade does not
greet every maker with their whole history.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 12:00:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('work_order_returned_seen',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seen_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_work_order_returned_seen_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_work_order_returned_seen'))
    )
    users = sa.table('users', sa.column('id', sa.Integer()))
    seen = sa.table('work_order_returned_seen', sa.column('user_id', sa.Integer()),
                    sa.column('seen_at', backend.db.types.UtcDateTime()))
    now = sa.bindparam('now', datetime.now(UTC), type_=backend.db.types.UtcDateTime())
    op.execute(seen.insert().from_select(['user_id', 'seen_at'], sa.select(users.c.id, now)))


def downgrade() -> None:
    op.drop_table('work_order_returned_seen')
