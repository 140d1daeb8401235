"""Day-trade windows per market, with the usual window of each market as the starting value.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 11:19:35.202931
"""

from collections.abc import Sequence
from datetime import UTC, datetime, time

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('risk_day_trade_windows',
    sa.Column('market', sa.String(length=4), nullable=False),
    sa.Column('time_zone', sa.String(length=40), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('force_close', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by'], ['users.id'], name=op.f('fk_risk_day_trade_windows_updated_by_users')),
    sa.PrimaryKeyConstraint('market', name=op.f('pk_risk_day_trade_windows'))
    )
    # Force-close 15 minutes before the close, the desk's usual setting (DOMAIN.md).
    windows = sa.table("risk_day_trade_windows", sa.column("market"), sa.column("time_zone"),
                       sa.column("start", sa.Time), sa.column("force_close", sa.Time),
                       sa.column("end", sa.Time), sa.column("enabled", sa.Boolean),
                       sa.column("version"), sa.column("updated_at", backend.db.types.UtcDateTime()))
    now = datetime.now(UTC)
    op.bulk_insert(windows, [
        {"market": market, "time_zone": zone, "start": time(9, 30), "force_close": time(15, 45),
         "end": time(16, 0), "enabled": True, "version": 1, "updated_at": now}
        for market, zone in (("HK", "Asia/Hong_Kong"), ("US", "America/New_York"))
    ])


def downgrade() -> None:
    op.drop_table('risk_day_trade_windows')
