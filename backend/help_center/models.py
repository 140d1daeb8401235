"""Help Center (幫助中心): categories, articles and the history of their applied content.

An article's live content changes only when a work order is applied (backend.help_center.flows);
each content change leaves an ArticleRevision, so every live version is traceable to the order
that made it. A deleted article is kept (soft delete: ``deleted_at``) so its revisions and the
orders that named it stay readable; no list, detail or customer ever sees it again.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import UtcDateTime
from backend.kit.clock import utcnow
from services.contract.help_center import ALL_SCENES, TITLE_MAX
from services.rules.help_center import CATEGORY_NAME_MAX, CATEGORY_NAME_ZH_MAX, EXTERNAL_LINK_MAX

# Publish scenes are stored as their codes joined by commas, in the contract's order ("app,website"),
# so a scene filter is one LIKE on ",<codes>," and a revision keeps them in one column too.
SCENES_MAX = 64
EVERY_SCENE = ",".join(s.value for s in ALL_SCENES)


def scenes_text(scenes: list[str]) -> str:
    return ",".join(s for s in (x.value for x in ALL_SCENES) if s in scenes)


def scenes_list(text: str) -> list[str]:
    return [s for s in text.split(",") if s]


class HelpCategory(Base):
    """A category of the tree (文章分類): changed directly by its own permission, each change
    audited. A deleted category is kept (``deleted_at``) for the revisions that name it."""

    __tablename__ = "help_categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(CATEGORY_NAME_MAX))
    name_zh: Mapped[str] = mapped_column(String(CATEGORY_NAME_ZH_MAX))
    sort_order: Mapped[int] = mapped_column(Integer)  # among its siblings
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("help_categories.id"), nullable=True)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class HelpArticle(Base):
    __tablename__ = "help_articles"
    # The list's order within a category and language (and the reorder flow's list).
    __table_args__ = (Index("ix_help_articles_list", "category_id", "language", "sort_order", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("help_categories.id"))
    language: Mapped[str] = mapped_column(String(8))  # zh-Hant | zh-Hans | en
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)  # Markdown of the live revision
    visible: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer)
    # Bumped by every applied change; work orders record the version they read.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    copied_from: Mapped[int | None] = mapped_column(ForeignKey("help_articles.id"), nullable=True)
    external_link: Mapped[str | None] = mapped_column(String(EXTERNAL_LINK_MAX), nullable=True)  # 外鏈
    publish_scenes: Mapped[str] = mapped_column(String(SCENES_MAX), default=EVERY_SCENE,
                                                server_default=EVERY_SCENE)  # 發佈場景
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    deleted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class ArticleRevision(Base):
    """The content an article had from ``version`` on: written by a copy, a new article or an
    applied edit (hide, show and reorder change no content and leave none)."""

    __tablename__ = "help_article_revisions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("help_articles.id"))
    version: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int] = mapped_column(ForeignKey("help_categories.id"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    external_link: Mapped[str | None] = mapped_column(String(EXTERNAL_LINK_MAX), nullable=True)
    publish_scenes: Mapped[str] = mapped_column(String(SCENES_MAX), default=EVERY_SCENE, server_default=EVERY_SCENE)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"), nullable=True)
    made_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)  # who wrote it
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
