"""Help Center › Articles and Article Categories. Reads need the view permission (the categories,
either page's); Copy is the one immediate article write, and every other article change goes
through a work order (POST /work-orders, backend.help_center.flows). Categories change directly
under their own permission, each change audited (backend.help_center.categories)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from backend.auth.deps import require, require_any
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.help_center import categories, service
from backend.kit.ids import RowId
from services.contract.help_center import (
    ARTICLE_COPY_PATH,
    ARTICLE_PATH,
    ARTICLES_PATH,
    HELP_CATEGORIES_PATH,
    HELP_CATEGORY_MOVE_PATH,
    HELP_CATEGORY_RENAME_PATH,
    HELP_CATEGORY_REORDER_PATH,
    HELP_CATEGORY_VISIBILITY_PATH,
    ArticleCopyIn,
    ArticleDetail,
    ArticleOut,
    ArticleQuery,
    CategoryCreateIn,
    CategoryMoveIn,
    CategoryRenameIn,
    CategoryReorderIn,
    CategoryVisibilityIn,
    HelpCategoryOut,
)
from services.contract.permissions import Perm
from services.contract.schemas import Page

router = APIRouter(tags=["help center"])

CanView = Annotated[Principal, Depends(require(Perm.HELP_ARTICLE_VIEW))]
CanCopy = Annotated[Principal, Depends(require(Perm.HELP_ARTICLE_COPY))]
CanSeeCategories = Annotated[Principal, Depends(require_any(Perm.HELP_ARTICLE_VIEW, Perm.HELP_CATEGORY_MANAGE))]
CanManageCategories = Annotated[Principal, Depends(require(Perm.HELP_CATEGORY_MANAGE))]
WriteDb = Annotated[Session, Depends(get_write_db)]


@router.get(HELP_CATEGORIES_PATH, response_model=list[HelpCategoryOut])
def list_categories(_: CanSeeCategories, session: Annotated[Session, Depends(get_db)]):
    """Every live category of the tree, hidden ones too, siblings in their order."""
    return service.category_list(session)


@router.post(HELP_CATEGORIES_PATH, response_model=HelpCategoryOut, status_code=201)
def create_category(body: CategoryCreateIn, principal: CanManageCategories, session: WriteDb):
    category = categories.create(session, principal, body)
    session.commit()
    return categories.category_out(session, category)


# Declared before the "/{category_id}" routes of the same prefix, so "reorder" is never read as an id.
@router.post(HELP_CATEGORY_REORDER_PATH, response_model=list[HelpCategoryOut])
def reorder_categories(body: CategoryReorderIn, principal: CanManageCategories, session: WriteDb):
    ordered = categories.reorder(session, principal, body)
    session.commit()
    return categories.categories_out(session, ordered)


@router.post(HELP_CATEGORY_RENAME_PATH, response_model=HelpCategoryOut)
def rename_category(category_id: RowId, body: CategoryRenameIn, principal: CanManageCategories, session: WriteDb):
    category = categories.rename(session, principal, category_id, body)
    session.commit()
    return categories.category_out(session, category)


@router.post(HELP_CATEGORY_MOVE_PATH, response_model=HelpCategoryOut)
def move_category(category_id: RowId, body: CategoryMoveIn, principal: CanManageCategories, session: WriteDb):
    category = categories.move(session, principal, category_id, body)
    session.commit()
    return categories.category_out(session, category)


@router.post(HELP_CATEGORY_VISIBILITY_PATH, response_model=HelpCategoryOut)
def set_category_visibility(category_id: RowId, body: CategoryVisibilityIn, principal: CanManageCategories,
                            session: WriteDb):
    category = categories.set_hidden(session, principal, category_id, body.version, body.hidden)
    session.commit()
    return categories.category_out(session, category)


# Digits only (HELP_CATEGORY_PATH with an int segment): "reorder" is never a category here, so its
# path answers 405 Allow: POST rather than advertising this DELETE.
@router.delete(HELP_CATEGORIES_PATH + "/{category_id:int}", status_code=204)
def delete_category(category_id: RowId, principal: CanManageCategories, session: WriteDb,
                    version: Annotated[int, Query(ge=1, le=2**31 - 1)]) -> None:
    """Only an empty category: no live article, sub-category or pending article change names it."""
    categories.delete(session, principal, category_id, version)
    session.commit()


@router.get(ARTICLES_PATH, response_model=Page[ArticleOut])
def list_articles(_: CanView, session: Annotated[Session, Depends(get_db)],
                  query: Annotated[ArticleQuery, Query()]):
    return service.article_page(session, query)


@router.get(ARTICLE_PATH, response_model=ArticleDetail)
def get_article(article_id: RowId, _: CanView, session: Annotated[Session, Depends(get_db)]):
    return service.article_detail(session, article_id)


@router.post(ARTICLE_COPY_PATH, response_model=ArticleDetail, status_code=201)
def copy(article_id: RowId, principal: CanCopy, session: Annotated[Session, Depends(get_write_db)],
         body: ArticleCopyIn | None = None):
    """A hidden copy of the live revision, at the end of its list; audited."""
    new = service.copy_article(session, principal, article_id, body or ArticleCopyIn())
    session.commit()
    return service.article_detail(session, new.id)
