"""Help Center: categories in levels (parent, hidden, version, soft delete), and an article's
external link (外鏈) and publish scenes (發佈場景), kept by its revisions too. Existing articles
publish in every scene, as they did before scenes existed.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db.types

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVERY_SCENE = "app,wtt,website"


def upgrade() -> None:
    with op.batch_alter_table('help_categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hidden', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('deleted_at', backend.db.types.UtcDateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_help_categories_parent_id_help_categories'), 'help_categories',
                                    ['parent_id'], ['id'])
    for table in ('help_articles', 'help_article_revisions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('external_link', sa.String(length=2000), nullable=True))
            batch_op.add_column(sa.Column('publish_scenes', sa.String(length=64), server_default=EVERY_SCENE,
                                          nullable=False))


def downgrade() -> None:
    for table in ('help_article_revisions', 'help_articles'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('publish_scenes')
            batch_op.drop_column('external_link')
    with op.batch_alter_table('help_categories', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_help_categories_parent_id_help_categories'), type_='foreignkey')
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('version')
        batch_op.drop_column('hidden')
        batch_op.drop_column('parent_id')
