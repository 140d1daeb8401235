"""Approval chains (審批流程配置) as data: versioned chains, seeded with who approved each flow
before (backend/approval_chains/seed.py); an order's chain version, levels (或簽/會簽), approvers
and CC people; decisions unique per (order, level, decider) so a 會簽 level takes one from each.

Orders submitted before keep what they had: one 或簽 level per approval level, whose approvers are
the people holding the flow's decide permission now (and whoever decided it), the maker excepted.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types
from backend.approval_chains.seed import seed_rows

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECIDE_PREFIX = "approval.decide:"


def upgrade() -> None:
    chains = op.create_table('approval_chains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flow', sa.String(length=80), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('spec', sa.JSON(), nullable=True),
    sa.Column('created_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_chains')),
    sa.UniqueConstraint('flow', 'version', name=op.f('uq_approval_chains_flow'))
    )
    op.create_table('work_order_cc',
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('via', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_work_order_cc_user_id_users')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_cc_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('work_order_id', 'user_id', name=op.f('pk_work_order_cc'))
    )
    with op.batch_alter_table('work_order_cc', schema=None) as batch_op:
        batch_op.create_index('ix_work_order_cc_user_order', ['user_id', 'work_order_id'], unique=False)

    approvers = op.create_table('work_order_level_approvers',
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('via', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_work_order_level_approvers_user_id_users')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_level_approvers_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('work_order_id', 'level', 'user_id', name=op.f('pk_work_order_level_approvers'))
    )
    with op.batch_alter_table('work_order_level_approvers', schema=None) as batch_op:
        batch_op.create_index('ix_work_order_level_approvers_user_order', ['user_id', 'work_order_id'], unique=False)

    levels = op.create_table('work_order_levels',
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], name=op.f('fk_work_order_levels_work_order_id_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('work_order_id', 'level', name=op.f('pk_work_order_levels'))
    )
    with op.batch_alter_table('work_order_decisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_work_order_decisions_work_order_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_work_order_decisions_work_order_id'), ['work_order_id', 'level', 'decider_id'])

    # Added in place, never by copying the table: on SQLite a copy drops the old table, and its
    # ON DELETE CASCADE children (targets, locks, decisions) with it.
    op.add_column('work_orders', sa.Column('chain_id', sa.Integer(), nullable=True))

    op.bulk_insert(chains, seed_rows(set()))
    _backfill_orders(levels, approvers)


def _backfill_orders(levels: sa.Table, approvers: sa.Table) -> None:
    """Each existing order's levels as 或簽 levels of the people who could decide its flow."""
    conn = op.get_bind()
    holders: dict[str, dict[int, str]] = {}
    for permission, code, user_id in conn.execute(sa.text(
            "SELECT p.permission, r.code, ur.user_id FROM role_permissions p JOIN roles r ON r.id = p.role_id "
            "JOIN user_roles ur ON ur.role_id = r.id WHERE p.permission LIKE :prefix ORDER BY r.code, ur.user_id"),
            {"prefix": DECIDE_PREFIX + "%"}):
        holders.setdefault(permission.removeprefix(DECIDE_PREFIX), {}).setdefault(user_id, f"role:{code}")
    decided: dict[tuple[int, int], set[int]] = {}
    for order_id, level, decider_id in conn.execute(sa.text(
            "SELECT work_order_id, level, decider_id FROM work_order_decisions")):
        decided.setdefault((order_id, level), set()).add(decider_id)
    level_rows, approver_rows = [], []
    for order_id, flow, maker_id, count in conn.execute(sa.text("SELECT id, flow, maker_id, levels FROM work_orders")):
        for level in range(1, count + 1):
            level_rows.append({"work_order_id": order_id, "level": level, "mode": "any"})
            people = {user_id: via for user_id, via in holders.get(flow, {}).items() if user_id != maker_id}
            for decider_id in decided.get((order_id, level), ()):
                people.setdefault(decider_id, "user")
            approver_rows += [{"work_order_id": order_id, "level": level, "user_id": user_id, "via": via}
                              for user_id, via in people.items()]
    if level_rows:
        op.bulk_insert(levels, level_rows)
    if approver_rows:
        op.bulk_insert(approvers, approver_rows)


def downgrade() -> None:
    op.drop_column('work_orders', 'chain_id')  # in place (SQLite 3.35+), as it was added

    # A 會簽 level's several decisions do not fit the old constraint: the first of each level stays.
    op.execute("DELETE FROM work_order_decisions WHERE id NOT IN "
               "(SELECT min(id) FROM work_order_decisions GROUP BY work_order_id, level)")
    with op.batch_alter_table('work_order_decisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_work_order_decisions_work_order_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_work_order_decisions_work_order_id'), ['work_order_id', 'level'])

    op.drop_table('work_order_levels')
    with op.batch_alter_table('work_order_level_approvers', schema=None) as batch_op:
        batch_op.drop_index('ix_work_order_level_approvers_user_order')

    op.drop_table('work_order_level_approvers')
    with op.batch_alter_table('work_order_cc', schema=None) as batch_op:
        batch_op.drop_index('ix_work_order_cc_user_order')

    op.drop_table('work_order_cc')
    op.drop_table('approval_chains')
