"""Fund settlement: a confirmation import per side (its own NAV and NAV date), a difference limit
per fund, side confirmations by the system (a side without orders), and settlement steps.

An import of both sides becomes two, one per side: the redemption side's lines, explanations and
confirmation move to its new row, so each side keeps what it was reconciled against.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_imports = sa.table('fund_confirmation_imports', sa.column('id', sa.Integer), sa.column('batch_id', sa.Integer),
                    sa.column('side', sa.String), sa.column('file_name', sa.String), sa.column('rows', sa.Integer),
                    sa.column('nav', backend.db.types.ExactDecimal(20, 6)), sa.column('imported_by', sa.Integer),
                    sa.column('imported_at', backend.db.types.UtcDateTime()),
                    sa.column('replaced_at', backend.db.types.UtcDateTime()))
_lines = sa.table('fund_confirmation_lines', sa.column('import_id', sa.Integer), sa.column('side', sa.String),
                  sa.column('nav', backend.db.types.ExactDecimal(20, 6)))
_notes = sa.table('fund_line_explanations', sa.column('import_id', sa.Integer), sa.column('side', sa.String))
_confirmations = sa.table('fund_side_confirmations', sa.column('import_id', sa.Integer), sa.column('side', sa.String))


def upgrade() -> None:
    # Columns are added and dropped in place (ALTER TABLE), never by copying the table as SQLite's
    # batch mode would: other tables refer to these two, and dropping a referenced table fails there.
    op.add_column('public_funds', sa.Column('difference_limit', backend.db.types.ExactDecimal(20, 6),
                                            nullable=False, server_default='0.5'))
    op.add_column('fund_confirmation_imports', sa.Column('side', sa.String(length=16), nullable=False,
                                                         server_default='subscription'))
    op.add_column('fund_confirmation_imports', sa.Column('nav_date', sa.Date(), nullable=True))
    _split_imports()
    with op.batch_alter_table('fund_side_confirmations', schema=None) as batch_op:
        batch_op.alter_column('import_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('by_system', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table('fund_settlement_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('done_by', sa.Integer(), nullable=True),
    sa.Column('by_system', sa.Boolean(), nullable=False),
    sa.Column('done_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['fund_clearing_batches.id'], name=op.f('fk_fund_settlement_steps_batch_id_fund_clearing_batches')),
    sa.ForeignKeyConstraint(['done_by'], ['users.id'], name=op.f('fk_fund_settlement_steps_done_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_settlement_steps')),
    sa.UniqueConstraint('batch_id', 'step', name=op.f('uq_fund_settlement_steps_batch_id'))
    )


def _split_imports() -> None:
    """Each existing import becomes its subscription side; a copy of it becomes its redemption
    side, taking the redemption lines, explanations and confirmation along."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_imports.c.id, _imports.c.batch_id, _imports.c.file_name, _imports.c.nav,
                                  _imports.c.imported_by, _imports.c.imported_at, _imports.c.replaced_at)
                        .order_by(_imports.c.id)).all()
    for row in rows:
        counts: dict[str, int] = dict(bind.execute(sa.select(_lines.c.side, sa.func.count()).where(_lines.c.import_id == row.id)
                                   .group_by(_lines.c.side)).all())
        navs: dict[str, object] = dict(bind.execute(sa.select(_lines.c.side, sa.func.min(_lines.c.nav))
                                 .where(_lines.c.import_id == row.id).group_by(_lines.c.side)).all())
        bind.execute(sa.update(_imports).where(_imports.c.id == row.id).values(
            side='subscription', rows=counts.get('subscription', 0), nav=navs.get('subscription', row.nav)))
        new_id = bind.execute(sa.insert(_imports).values(
            batch_id=row.batch_id, side='redemption', file_name=row.file_name, rows=counts.get('redemption', 0),
            nav=navs.get('redemption', row.nav), imported_by=row.imported_by, imported_at=row.imported_at,
            replaced_at=row.replaced_at).returning(_imports.c.id)).scalar_one()
        for table in (_lines, _notes, _confirmations):
            bind.execute(sa.update(table).where(table.c.import_id == row.id, table.c.side == 'redemption')
                         .values(import_id=new_id))


def _merge_imports() -> None:
    """Back to one import per file: each redemption side split from a file goes back to its
    subscription side (same batch, file and time); the others become imports of their own."""
    bind = op.get_bind()
    subscriptions = {(r.batch_id, r.file_name, r.imported_at): r.id for r in bind.execute(
        sa.select(_imports.c.id, _imports.c.batch_id, _imports.c.file_name, _imports.c.imported_at)
        .where(_imports.c.side == 'subscription'))}
    for row in bind.execute(sa.select(_imports.c.id, _imports.c.batch_id, _imports.c.file_name,
                                      _imports.c.imported_at, _imports.c.rows)
                            .where(_imports.c.side == 'redemption')).all():
        sibling = subscriptions.get((row.batch_id, row.file_name, row.imported_at))
        if sibling is None:
            continue
        for table in (_lines, _notes, _confirmations):
            bind.execute(sa.update(table).where(table.c.import_id == row.id).values(import_id=sibling))
        bind.execute(sa.update(_imports).where(_imports.c.id == sibling).values(rows=_imports.c.rows + row.rows))
        bind.execute(sa.delete(_imports).where(_imports.c.id == row.id))


def downgrade() -> None:
    op.drop_table('fund_settlement_steps')
    bind = op.get_bind()
    bind.execute(sa.delete(_confirmations).where(_confirmations.c.import_id.is_(None)))
    with op.batch_alter_table('fund_side_confirmations', schema=None) as batch_op:
        batch_op.drop_column('by_system')
        batch_op.alter_column('import_id', existing_type=sa.Integer(), nullable=False)
    _merge_imports()
    op.drop_column('fund_confirmation_imports', 'nav_date')
    op.drop_column('fund_confirmation_imports', 'side')
    op.drop_column('public_funds', 'difference_limit')
