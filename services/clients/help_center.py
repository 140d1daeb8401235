"""Help Center › Articles over HTTP: the area's requests as typed methods.

Reads (categories, pages of articles, an article) and Copy, the one immediate article write, are
requests of their own; every other article change is a work order of one of the area's four flows,
built here (``edit_order``, ``reorder_order``, ``target_order``) so no caller assembles a payload.
Categories (Article Categories) change directly: create, rename, move, reorder, hide or show,
delete. Every method raises ``ApiError`` as the app's ``ApiClient`` does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, TypeAdapter

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.resubmission import SubmitsWorkOrders
from services.contract import help_center as contract
from services.contract.schemas import Page, WorkOrderOut, WorkOrderSubmit

UPDATE_FLOW = "help_center.article.update"  # an edit, a new article, or a new order of a list
REORDER_MAX = 500  # contract.ArticleReorderPayload's limit: a longer list cannot be reordered in one order

_CATEGORIES = TypeAdapter(list[contract.HelpCategoryOut])


class TargetAction(StrEnum):
    """The changes of one article as it stands, each a flow of its own."""

    DELETE = "delete"
    HIDE = "hide"
    SHOW = "show"

    @property
    def flow(self) -> str:
        return f"help_center.article.{self.value}"


# --- the work orders ---------------------------------------------------------------------------


def edit_order(payload: contract.ArticleEditPayload) -> WorkOrderSubmit:
    """An article's new content (``article_id`` None: a new article, created hidden when approved)."""
    return WorkOrderSubmit(flow=UPDATE_FLOW, payload=payload.model_dump(mode="json"))


def reorder_order(category_id: int, language: contract.ArticleLanguage | str,
                  articles: Sequence[contract.ArticleOut]) -> WorkOrderSubmit:
    """A new order of one category's list in one language: every article of it, in that order, at
    the versions seen."""
    payload = contract.ArticleReorderPayload(
        category_id=category_id, language=contract.ArticleLanguage(language),
        article_ids=[a.id for a in articles], versions=[a.version for a in articles])
    return WorkOrderSubmit(flow=UPDATE_FLOW, payload=payload.model_dump(mode="json"))


def target_order(action: TargetAction, article: contract.ArticleOut) -> WorkOrderSubmit:
    """Deleting, hiding or showing ``article`` at the version seen."""
    payload = contract.ArticleTargetPayload(article_id=article.id, version=article.version)
    return WorkOrderSubmit(flow=action.flow, payload=payload.model_dump(mode="json"))


def new_key() -> str:
    """A fresh idempotency key: one per proposal, kept across retries of it."""
    return str(uuid.uuid4())


class HelpCenterClient(SubmitsWorkOrders):
    def __init__(self, api: ApiClient):
        self._api = api
        self._orders = ApprovalsClient(api)  # submitting is the work-order area's request

    # --- reading ------------------------------------------------------------------------------

    async def categories(self) -> list[contract.HelpCategoryOut]:
        """Every category, in its order, with its names in both languages."""
        response = await self._api.request("GET", contract.HELP_CATEGORIES_PATH)
        return _CATEGORIES.validate_json(response.content)

    async def articles(self, query: contract.ArticleQuery) -> Page[contract.ArticleOut]:
        """One keyset page of the articles ``query`` selects, in the lists' order (category,
        language, sort order, id)."""
        return await self._api.get_page(contract.ARTICLES_PATH, contract.ArticleOut, query.as_params())

    async def article(self, article_id: int) -> contract.ArticleDetail:
        """The live revision in full, with the change awaiting approval if any."""
        path = contract.ARTICLE_PATH.format(article_id=article_id)
        return await self._api.get_model(path, contract.ArticleDetail)

    # --- categories, changed directly ---------------------------------------------------------

    async def create_category(self, name: str, name_zh: str, parent_id: int | None) -> contract.HelpCategoryOut:
        body = contract.CategoryCreateIn(name=name, name_zh=name_zh, parent_id=parent_id)
        return await self._category("POST", contract.HELP_CATEGORIES_PATH, body)

    async def rename_category(self, category: contract.HelpCategoryOut, name: str,
                              name_zh: str) -> contract.HelpCategoryOut:
        body = contract.CategoryRenameIn(version=category.version, name=name, name_zh=name_zh)
        return await self._category("POST", contract.HELP_CATEGORY_RENAME_PATH.format(category_id=category.id), body)

    async def move_category(self, category: contract.HelpCategoryOut,
                            parent_id: int | None) -> contract.HelpCategoryOut:
        body = contract.CategoryMoveIn(version=category.version, parent_id=parent_id)
        return await self._category("POST", contract.HELP_CATEGORY_MOVE_PATH.format(category_id=category.id), body)

    async def set_category_hidden(self, category: contract.HelpCategoryOut, hidden: bool) -> contract.HelpCategoryOut:
        body = contract.CategoryVisibilityIn(version=category.version, hidden=hidden)
        path = contract.HELP_CATEGORY_VISIBILITY_PATH.format(category_id=category.id)
        return await self._category("POST", path, body)

    async def reorder_categories(self, parent_id: int | None,
                                 siblings: Sequence[contract.HelpCategoryOut]) -> list[contract.HelpCategoryOut]:
        """The new order of one parent's children: every one of them, at the versions seen."""
        body = contract.CategoryReorderIn(parent_id=parent_id, category_ids=[c.id for c in siblings],
                                          versions=[c.version for c in siblings])
        response = await self._api.request("POST", contract.HELP_CATEGORY_REORDER_PATH,
                                           json=body.model_dump(mode="json"))
        return _CATEGORIES.validate_json(response.content)

    async def delete_category(self, category: contract.HelpCategoryOut) -> None:
        """Only an empty category goes: the backend refuses one with articles or sub-categories."""
        await self._api.request("DELETE", contract.HELP_CATEGORY_PATH.format(category_id=category.id),
                                params={"version": str(category.version)})

    async def _category(self, method: str, path: str, body: BaseModel) -> contract.HelpCategoryOut:
        response = await self._api.request(method, path, json=body.model_dump(mode="json"))
        return contract.HelpCategoryOut.model_validate_json(response.content)

    # --- copy, at once ------------------------------------------------------------------------

    async def copy(self, article_id: int, category_id: int | None = None,
                   language: contract.ArticleLanguage | str | None = None) -> contract.ArticleDetail:
        """A hidden copy of the live revision in ``category_id`` and ``language`` (the original's
        when None); its title is marked as a copy."""
        body = contract.ArticleCopyIn(category_id=category_id,
                                      language=contract.ArticleLanguage(language) if language else None)
        response = await self._api.request("POST", contract.ARTICLE_COPY_PATH.format(article_id=article_id),
                                           json=body.model_dump(mode="json"))
        return contract.ArticleDetail.model_validate_json(response.content)

    # --- work orders --------------------------------------------------------------------------

    async def submit(self, order: WorkOrderSubmit, idempotency_key: str | None = None) -> WorkOrderOut:
        """Submits a work order built above; a retry with the same key returns the first order."""
        return await self._orders.submit(order, idempotency_key or new_key())

    async def submit_edit(self, payload: contract.ArticleEditPayload,
                          idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit(edit_order(payload), idempotency_key)

    async def submit_reorder(self, category_id: int, language: contract.ArticleLanguage | str,
                             articles: Sequence[contract.ArticleOut],
                             idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit(reorder_order(category_id, language, articles), idempotency_key)

    async def submit_target(self, action: TargetAction, article: contract.ArticleOut,
                            idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit(target_order(action, article), idempotency_key)

    async def submit_delete(self, article: contract.ArticleOut,
                            idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit_target(TargetAction.DELETE, article, idempotency_key)

    async def submit_hide(self, article: contract.ArticleOut,
                          idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit_target(TargetAction.HIDE, article, idempotency_key)

    async def submit_show(self, article: contract.ArticleOut,
                          idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit_target(TargetAction.SHOW, article, idempotency_key)
