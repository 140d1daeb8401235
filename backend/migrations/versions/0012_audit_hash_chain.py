"""Audit hash chain: prev_hash and hash on audit_events, the one-row audit_chain_head, and the
events already there chained in id order so existing databases verify.

The append-only triggers are set aside only while this migration fills the new columns (and, on
SQLite, while batch mode rebuilds the table, which drops triggers), then put back as 0001 made
them. The hash is backend.audit.chain.event_hash, the same function record() and verify() use.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25 20:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types
from backend.audit.chain import GENESIS_HASH, event_hash

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 1000
_events = sa.table(
    'audit_events',
    sa.column('id', sa.BigInteger()), sa.column('at', backend.db.types.UtcDateTime()),
    sa.column('actor_id', sa.Integer()), sa.column('action', sa.String()),
    sa.column('entity_type', sa.String()), sa.column('entity_id', sa.String()),
    sa.column('before', sa.JSON()), sa.column('after', sa.JSON()),
    sa.column('prev_hash', sa.String()), sa.column('hash', sa.String()),
)


def upgrade() -> None:
    _triggers_off()
    op.create_table('audit_chain_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    last_id, last_hash = _chain_existing_events()
    op.bulk_insert(sa.table('audit_chain_head', sa.column('id', sa.Integer()),
                            sa.column('last_event_id', sa.BigInteger()),
                            sa.column('last_hash', sa.String())),
                   [{'id': 1, 'last_event_id': last_id, 'last_hash': last_hash}])
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
    _triggers_on()


def downgrade() -> None:
    _triggers_off()
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
    op.drop_table('audit_chain_head')
    _triggers_on()


def _chain_existing_events() -> tuple[int | None, str]:
    bind = op.get_bind()
    last_id, last_hash = None, GENESIS_HASH
    set_hashes = (sa.update(_events).where(_events.c.id == sa.bindparam('event_id'))
                  .values(prev_hash=sa.bindparam('new_prev'), hash=sa.bindparam('new_hash')))
    while True:
        query = sa.select(_events).order_by(_events.c.id).limit(_CHUNK)
        if last_id is not None:
            query = query.where(_events.c.id > last_id)
        rows = bind.execute(query).mappings().all()
        updates = []
        for row in rows:
            new_hash = event_hash(last_hash, row)
            updates.append({'event_id': row['id'], 'new_prev': last_hash, 'new_hash': new_hash})
            last_id, last_hash = row['id'], new_hash
        if updates:
            bind.execute(set_hashes, updates)
        if len(rows) < _CHUNK:
            return last_id, last_hash


def _triggers_off() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    else:
        op.execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")


def _triggers_on() -> None:
    """As 0001 made them: audit events can be inserted, never changed or removed."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""")
    else:
        op.execute("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")
