"""Initial schema: users and roles, tokens, the append-only audit trail, margin-call data.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 09:12:54.930604
"""

import secrets
from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mc_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_no', sa.String(length=16), nullable=False),
    sa.Column('customer_name', sa.String(length=128), nullable=False),
    sa.Column('customer_name_zh', sa.String(length=64), nullable=True),
    sa.Column('account_type', sa.String(length=16), nullable=False),
    sa.Column('base_currency', sa.String(length=3), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mc_accounts')),
    sa.UniqueConstraint('account_no', name=op.f('uq_mc_accounts_account_no'))
    )
    with op.batch_alter_table('mc_accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mc_accounts_customer_name'), ['customer_name'], unique=False)

    op.create_table('mc_borrow_rates',
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('annual_rate', backend.db.types.ExactDecimal(10, 6), nullable=False),
    sa.Column('day_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('currency', name=op.f('pk_mc_borrow_rates'))
    )
    op.create_table('roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('name_zh', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles')),
    sa.UniqueConstraint('code', name=op.f('uq_roles_code'))
    )
    op.create_table('server_secrets',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=256), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_server_secrets'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=128), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity_type', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=128), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_events_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_events_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('auth_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('expires_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('last_used_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('revoked_at', backend.db.types.UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_auth_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_auth_tokens_token_hash'))
    )
    with op.batch_alter_table('auth_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('mc_auto_convert_enrolments',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('enrolled', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('first_enabled_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('last_enabled_at', backend.db.types.UtcDateTime(), nullable=False),
    sa.Column('disabled_at', backend.db.types.UtcDateTime(), nullable=True),
    sa.Column('last_conversion_at', backend.db.types.UtcDateTime(), nullable=True),
    sa.Column('last_conversion_amount', backend.db.types.ExactDecimal(20, 2), nullable=True),
    sa.Column('last_conversion_currency', sa.String(length=3), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['mc_accounts.id'], name=op.f('fk_mc_auto_convert_enrolments_account_id_mc_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', name=op.f('pk_mc_auto_convert_enrolments'))
    )
    with op.batch_alter_table('mc_auto_convert_enrolments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mc_auto_convert_enrolments_disabled_at'), ['disabled_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mc_auto_convert_enrolments_enrolled'), ['enrolled'], unique=False)
        batch_op.create_index(batch_op.f('ix_mc_auto_convert_enrolments_first_enabled_at'), ['first_enabled_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mc_auto_convert_enrolments_last_conversion_at'), ['last_conversion_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mc_auto_convert_enrolments_last_enabled_at'), ['last_enabled_at'], unique=False)

    op.create_table('mc_balances',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amount', backend.db.types.ExactDecimal(20, 2), nullable=False),
    sa.Column('borrowed_since', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['mc_accounts.id'], name=op.f('fk_mc_balances_account_id_mc_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'currency', name=op.f('pk_mc_balances'))
    )
    with op.batch_alter_table('mc_balances', schema=None) as batch_op:
        batch_op.create_index('ix_mc_balances_borrowed', ['borrowed_since', 'currency'], unique=False)

    op.create_table('role_permissions',
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('permission', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_role_permissions_role_id_roles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('role_id', 'permission', name=op.f('pk_role_permissions'))
    )
    op.create_table('user_roles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_user_roles_role_id_roles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_roles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'role_id', name=op.f('pk_user_roles'))
    )
    op.create_table('mc_auto_convert_currencies',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['mc_auto_convert_enrolments.account_id'], name=op.f('fk_mc_auto_convert_currencies_account_id_mc_auto_convert_enrolments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'currency', name=op.f('pk_mc_auto_convert_currencies'))
    )
    with op.batch_alter_table('mc_auto_convert_currencies', schema=None) as batch_op:
        batch_op.create_index('ix_mc_auto_convert_currencies_currency', ['currency', 'account_id'], unique=False)


    _audit_append_only()
    # The HMAC key of bearer tokens, shared by every worker through the database.
    secrets_table = sa.table("server_secrets", sa.column("name"), sa.column("value"))
    op.bulk_insert(secrets_table, [{"name": "token_hmac_key", "value": secrets.token_hex(32)}])
    # Reference borrow rates (annual, money-market day count); risk staff maintain them later.
    rates = sa.table("mc_borrow_rates", sa.column("currency"), sa.column("annual_rate", backend.db.types.ExactDecimal(10, 6)),
                     sa.column("day_count"))
    op.bulk_insert(rates, [
        {"currency": "HKD", "annual_rate": Decimal("0.0725"), "day_count": 365},
        {"currency": "USD", "annual_rate": Decimal("0.085"), "day_count": 360},
        {"currency": "CNH", "annual_rate": Decimal("0.06"), "day_count": 365},
    ])


def _audit_append_only() -> None:
    """Audit events can be inserted, never changed or removed, whoever connects."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""")
        return
    op.execute("""
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$""")
    op.execute("""
        CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    with op.batch_alter_table('mc_auto_convert_currencies', schema=None) as batch_op:
        batch_op.drop_index('ix_mc_auto_convert_currencies_currency')

    op.drop_table('mc_auto_convert_currencies')
    op.drop_table('user_roles')
    op.drop_table('role_permissions')
    with op.batch_alter_table('mc_balances', schema=None) as batch_op:
        batch_op.drop_index('ix_mc_balances_borrowed')

    op.drop_table('mc_balances')
    with op.batch_alter_table('mc_auto_convert_enrolments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mc_auto_convert_enrolments_last_enabled_at'))
        batch_op.drop_index(batch_op.f('ix_mc_auto_convert_enrolments_last_conversion_at'))
        batch_op.drop_index(batch_op.f('ix_mc_auto_convert_enrolments_first_enabled_at'))
        batch_op.drop_index(batch_op.f('ix_mc_auto_convert_enrolments_enrolled'))
        batch_op.drop_index(batch_op.f('ix_mc_auto_convert_enrolments_disabled_at'))

    op.drop_table('mc_auto_convert_enrolments')
    with op.batch_alter_table('auth_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_tokens_user_id'))

    op.drop_table('auth_tokens')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_entity')
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_actor_id'))

    op.drop_table('audit_events')
    op.drop_table('users')
    op.drop_table('server_secrets')
    op.drop_table('roles')
    op.drop_table('mc_borrow_rates')
    with op.batch_alter_table('mc_accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mc_accounts_customer_name'))

    op.drop_table('mc_accounts')
