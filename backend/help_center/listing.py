"""The Articles list and detail: live revisions, filters in SQL, keyset pages in the list's order
(category, language, sort order, id), and the change each article awaits from the engine's locks."""

from sqlalchemy import ColumnElement, String, and_, cast, func, literal, select, tuple_
from sqlalchemy.orm import Session, defer

from backend.auth.models import User
from backend.help_center.articles import TARGET_PREFIX
from backend.help_center.models import HelpArticle, HelpCategory
from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.kit.word_filter import filter_words, like_pattern
from backend.work_orders.models import WorkOrder, WorkOrderLock
from services.contract.errors import ErrorCode
from services.contract.help_center import ArticleDetail, ArticleOut, ArticleQuery
from services.contract.schemas import Page

# The article's work-order target, built in SQL so the lock table's primary key answers the join.
_TARGET = literal(TARGET_PREFIX) + cast(HelpArticle.id, String)
_ORDER = (HelpCategory.sort_order, HelpCategory.id, HelpArticle.language, HelpArticle.sort_order, HelpArticle.id)


def _contains(word: str) -> ColumnElement[bool]:
    return HelpArticle.title.ilike(like_pattern(word), escape="\\")


def _conditions(q: ArticleQuery) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = [HelpArticle.deleted_at.is_(None)]
    if q.category_id is not None:
        out.append(HelpArticle.category_id == q.category_id)
    if q.language is not None:
        out.append(HelpArticle.language == q.language.value)
    if q.visible is not None:
        out.append(HelpArticle.visible == q.visible)
    out.extend(_contains(w) for w in filter_words(q.title))
    return out


def _select(*, with_body: bool):
    stmt = (select(HelpArticle, User.username, WorkOrderLock.work_order_id, WorkOrder.flow)
            .join(HelpCategory, HelpCategory.id == HelpArticle.category_id)
            .outerjoin(User, User.id == HelpArticle.updated_by)
            .outerjoin(WorkOrderLock, WorkOrderLock.target_key == _TARGET)
            .outerjoin(WorkOrder, WorkOrder.id == WorkOrderLock.work_order_id))
    return stmt if with_body else stmt.options(defer(HelpArticle.body))


def _fields(article: HelpArticle, username: str | None, order_id: int | None, flow: str | None) -> dict:
    return {"id": article.id, "category_id": article.category_id, "language": article.language,
            "title": article.title, "visible": article.visible, "sort_order": article.sort_order,
            "version": article.version, "updated_at": article.updated_at, "updated_by": username,
            "copied_from": article.copied_from, "pending_work_order_id": order_id, "pending_flow": flow}


def _after(key: list[str]):
    try:
        cat_sort, cat_id, article_sort, article_id = int(key[0]), int(key[1]), int(key[3]), int(key[4])
    except ValueError:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.") from None
    return tuple_(*_ORDER) > tuple_(cat_sort, cat_id, key[2], article_sort, article_id)


def article_page(session: Session, q: ArticleQuery) -> Page[ArticleOut]:
    conditions = _conditions(q)
    key = decode_cursor(q.cursor, len(_ORDER))
    stmt = _select(with_body=False).where(and_(*conditions), *([_after(key)] if key else []))
    rows = session.execute(stmt.add_columns(HelpCategory.sort_order.label("category_sort"))
                           .order_by(*_ORDER).limit(q.limit + 1)).all()
    more = len(rows) > q.limit
    rows = rows[:q.limit]
    items = [ArticleOut(**_fields(a, username, order_id, flow)) for a, username, order_id, flow, _ in rows]
    total = session.scalar(select(func.count()).select_from(HelpArticle).where(*conditions)) or 0
    next_cursor = None
    if more:
        last, category_sort = rows[-1][0], rows[-1][4]
        next_cursor = encode_cursor([str(category_sort), str(last.category_id), last.language, str(last.sort_order),
                                     str(last.id)])
    return Page[ArticleOut](items=items, next_cursor=next_cursor, total=total)


def article_detail(session: Session, article_id: int) -> ArticleDetail:
    found = session.execute(_select(with_body=True).where(HelpArticle.id == article_id,
                                                          HelpArticle.deleted_at.is_(None))).first()
    if found is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such article.")
    article, username, order_id, flow = found
    return ArticleDetail(**_fields(article, username, order_id, flow), body=article.body)
