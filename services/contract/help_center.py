"""Help Center › Articles: the HTTP shapes, the work-order payloads of its four flows, and paths.

An article's live content changes only when a work order of ``help_center.article.update|delete|
hide|show`` is applied. New articles and reorders are ``update`` orders too, so nothing reaches
customers unapproved; Copy is the one immediate write, and its copy is hidden.
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from services.contract.queries import PageParams, _Query
from services.contract.schemas import ApiModel, StoredId

ARTICLES_PATH = "/help-center/articles"  # GET list (ArticleQuery) → Page[ArticleOut]
ARTICLE_PATH = "/help-center/articles/{article_id}"  # GET → ArticleDetail
ARTICLE_COPY_PATH = "/help-center/articles/{article_id}/copy"  # POST ArticleCopyIn → 201 ArticleDetail
HELP_CATEGORIES_PATH = "/help-center/categories"  # GET → list[HelpCategoryOut]; POST CategoryCreateIn → 201
# Help Center › Article Categories: direct, audited changes (the manual puts no approval on them).
HELP_CATEGORY_PATH = "/help-center/categories/{category_id}"  # DELETE ?version= → 204
HELP_CATEGORY_RENAME_PATH = "/help-center/categories/{category_id}/rename"  # POST CategoryRenameIn
HELP_CATEGORY_MOVE_PATH = "/help-center/categories/{category_id}/move"  # POST CategoryMoveIn
HELP_CATEGORY_VISIBILITY_PATH = "/help-center/categories/{category_id}/visibility"  # POST CategoryVisibilityIn
HELP_CATEGORY_REORDER_PATH = "/help-center/categories/reorder"  # POST CategoryReorderIn → list[HelpCategoryOut]

TITLE_MAX = 200
BODY_MAX = 100_000  # characters of Markdown
COPY_SUFFIX = {"en": " (copy)", "zh-Hant": "（副本）", "zh-Hans": "（副本）"}  # marks a copy's title


class PublishScene(StrEnum):
    """發佈場景: where a visible article is published. The manual names the field and shows its
    choices only in screenshots; these are the customer platforms it names (the APP and the WTT
    trading terminal) and the broker's website."""

    APP = "app"
    WTT = "wtt"
    WEBSITE = "website"


ALL_SCENES = tuple(PublishScene)


def _scenes(value: object) -> object:
    """Each scene once, in the table's order (a list is one choice whatever order it was ticked in)."""
    if isinstance(value, (list, tuple)):
        given = {str(v) for v in value}
        return [s for s in ALL_SCENES if s.value in given] + sorted(given - {s.value for s in ALL_SCENES})
    return value


class ArticleLanguage(StrEnum):
    ZH_HANT = "zh-Hant"
    ZH_HANS = "zh-Hans"
    EN = "en"


class HelpCategoryOut(ApiModel):
    """A category of the tree (文章分類): ``parent_id`` None is a top-level one; ``sort_order``
    is its place among its siblings."""

    id: int
    code: str
    name: str
    name_zh: str
    sort_order: int
    parent_id: int | None = None
    hidden: bool = False
    version: int = 1  # bumped by every change; a change names the version it started from
    article_count: int = 0  # live articles filed directly in it


class CategoryCreateIn(_Query):
    """A new category at the end of its parent's (None: the top level's) children."""

    name: str = Field(max_length=1000)  # the rules' limits are smaller and say so (services/rules)
    name_zh: str = Field(max_length=1000)
    parent_id: StoredId | None = None


class CategoryRenameIn(_Query):
    version: int = Field(ge=1, le=2**31 - 1)
    name: str = Field(max_length=1000)
    name_zh: str = Field(max_length=1000)


class CategoryMoveIn(_Query):
    """Re-parents a category (with everything under it) to the end of ``parent_id``'s children."""

    version: int = Field(ge=1, le=2**31 - 1)
    parent_id: StoredId | None = None


class CategoryVisibilityIn(_Query):
    version: int = Field(ge=1, le=2**31 - 1)
    hidden: bool


class CategoryReorderIn(_Query):
    """The new order of one parent's children: every one of them once, at the versions seen."""

    parent_id: StoredId | None = None
    category_ids: list[StoredId] = Field(min_length=2, max_length=500)
    versions: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(min_length=2, max_length=500)

    @model_validator(mode="after")
    def _one_version_each(self) -> Self:
        if len(self.category_ids) != len(self.versions) or len(set(self.category_ids)) != len(self.category_ids):
            raise ValueError("one version per category, each category once")
        return self


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
    external_link: str | None = None  # 外鏈: the article opens this address instead of its body
    publish_scenes: list[PublishScene] = Field(default_factory=lambda: list(ALL_SCENES))  # 發佈場景
    pending_work_order_id: int | None = None
    pending_flow: str | None = None  # which change is pending: help_center.article.update|delete|hide|show


class ArticleDetail(ArticleOut):
    body: str  # Markdown of the live revision


class ArticleQuery(PageParams):
    """Filters of the Articles page; ordered by category, language, sort order, id. A category
    selects its sub-categories' articles too."""

    category_id: StoredId | None = None
    scene: PublishScene | None = None  # published in this scene
    has_link: bool | None = None  # with (or without) an external link
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
    article when approved, hidden unless ``visible`` (one approval then puts it live). ``version``
    is the live version the editor started from. The body is kept exactly as typed: Markdown's
    leading spaces mean something. The external link and publish scenes are judged by the rules
    (services/rules/help_center.py), which name the field."""

    model_config = ConfigDict(extra="forbid")

    article_id: StoredId | None = None
    version: int | None = None
    category_id: StoredId
    language: ArticleLanguage
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
    body: str = Field(max_length=BODY_MAX)
    external_link: Annotated[str | None, StringConstraints(strip_whitespace=True)] = None
    # Orders made before scenes existed named none: they published everywhere.
    publish_scenes: list[str] = Field(default_factory=lambda: [s.value for s in ALL_SCENES], max_length=10)
    visible: bool | None = None  # a new article only: True goes live once approved

    @field_validator("external_link", mode="after")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("publish_scenes", mode="before")
    @classmethod
    def _each_scene_once(cls, value: object) -> object:
        return _scenes(value)

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
