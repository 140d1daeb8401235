"""Help Center › Articles: the HTTP shapes, the work-order payloads of its four flows, and paths.

An article's live content changes only when a work order of ``help_center.article.update|delete|
hide|show`` is applied. New articles and reorders are ``update`` orders too, so nothing reaches
customers unapproved; Copy is the one immediate write, and its copy is hidden.
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from services.contract.queries import PageParams, _Query
from services.contract.schemas import ApiModel, StoredId

ARTICLES_PATH = "/help-center/articles"  # GET list (ArticleQuery) → Page[ArticleOut]
ARTICLE_PATH = "/help-center/articles/{article_id}"  # GET → ArticleDetail
ARTICLE_COPY_PATH = "/help-center/articles/{article_id}/copy"  # POST ArticleCopyIn → 201 ArticleDetail
HELP_CATEGORIES_PATH = "/help-center/categories"  # GET → list[HelpCategoryOut]

TITLE_MAX = 200
BODY_MAX = 100_000  # characters of Markdown
COPY_SUFFIX = {"en": " (copy)", "zh-Hant": "（副本）", "zh-Hans": "（副本）"}  # marks a copy's title


class ArticleLanguage(StrEnum):
    ZH_HANT = "zh-Hant"
    ZH_HANS = "zh-Hans"
    EN = "en"


class HelpCategoryOut(ApiModel):
    id: int
    code: str
    name: str
    name_zh: str
    sort_order: int


class ArticleOut(ApiModel):
    """An article as the list shows it: the live revision, and the change awaiting approval."""

    id: int
    category_id: int
    language: ArticleLanguage
    title: str
    visible: bool
    sort_order: int
    version: int  # bumped by every applied change; a work order's expected version
    updated_at: datetime
    updated_by: str | None  # username of whoever made the live revision
    copied_from: int | None = None
    pending_work_order_id: int | None = None
    pending_flow: str | None = None  # which change is pending: help_center.article.update|delete|hide|show


class ArticleDetail(ArticleOut):
    body: str  # Markdown of the live revision


class ArticleQuery(PageParams):
    """Filters of the Articles page; ordered by category, language, sort order, id."""

    category_id: StoredId | None = None
    language: ArticleLanguage | None = None
    visible: bool | None = None
    title: str | None = Field(None, max_length=100, description="words of the title")


class ArticleCopyIn(ApiModel):
    """Copy makes a hidden article at once from the live revision; category and language default
    to the original's."""

    category_id: StoredId | None = None
    language: ArticleLanguage | None = None


# --- work-order payloads ------------------------------------------------------------------------


class ArticleEditPayload(BaseModel):
    """``help_center.article.update`` of one article's content; ``article_id`` None creates a new
    hidden article when approved. ``version`` is the live version the editor started from. The
    body is kept exactly as typed: Markdown's leading spaces mean something."""

    model_config = ConfigDict(extra="forbid")

    article_id: StoredId | None = None
    version: int | None = None
    category_id: StoredId
    language: ArticleLanguage
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
    body: str = Field(max_length=BODY_MAX)

    @model_validator(mode="after")
    def _version_with_article(self) -> Self:
        if (self.article_id is None) != (self.version is None):
            raise ValueError("version is given exactly when article_id is")
        return self


class ArticleReorderPayload(_Query):
    """``help_center.article.update`` of the order of one category's articles in one language
    (drag and drop): every article of that list, in the new order, with the versions seen."""

    category_id: StoredId
    language: ArticleLanguage
    article_ids: list[StoredId] = Field(min_length=2, max_length=500)
    versions: list[int] = Field(min_length=2, max_length=500)

    @model_validator(mode="after")
    def _one_version_each(self) -> Self:
        if len(self.article_ids) != len(self.versions) or len(set(self.article_ids)) != len(self.article_ids):
            raise ValueError("one version per article, each article once")
        return self


class ArticleTargetPayload(_Query):
    """``help_center.article.delete|hide|show``: one article at the version seen."""

    article_id: StoredId
    version: int
