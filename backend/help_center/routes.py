"""Help Center › Articles. Reads need the view permission; Copy is the one immediate write, and
every other change goes through a work order (POST /work-orders, backend.help_center.flows)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.help_center import service
from backend.kit.ids import RowId
from services.contract.help_center import (
    ARTICLE_COPY_PATH,
    ARTICLE_PATH,
    ARTICLES_PATH,
    HELP_CATEGORIES_PATH,
    ArticleCopyIn,
    ArticleDetail,
    ArticleOut,
    ArticleQuery,
    HelpCategoryOut,
)
from services.contract.permissions import Perm
from services.contract.schemas import Page

router = APIRouter(tags=["help center"])

CanView = Annotated[Principal, Depends(require(Perm.HELP_ARTICLE_VIEW))]
CanCopy = Annotated[Principal, Depends(require(Perm.HELP_ARTICLE_COPY))]


@router.get(HELP_CATEGORIES_PATH, response_model=list[HelpCategoryOut])
def list_categories(_: CanView, session: Annotated[Session, Depends(get_db)]):
    return service.category_list(session)


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
