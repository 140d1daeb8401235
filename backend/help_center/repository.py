"""Every query of the Help Center. Only live articles are read: a deleted one is kept for its
revisions and orders, but no list, detail, flow or copy sees it again. Reading needs only the
view permission (the routes check it), so no query narrows by who asks."""

from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Row, String, and_, cast, func, literal, select
from sqlalchemy.orm import Session, defer

from backend.auth.models import User
from backend.help_center.models import ArticleRevision, HelpArticle, HelpCategory
from backend.help_center.targets import TARGET_PREFIX
from backend.kit.keyset import Keyset, Seek
from backend.kit.word_filter import filter_words, like_pattern
from backend.work_orders.models import WorkOrder, WorkOrderLock
from services.contract.help_center import ArticleQuery

# The list's keyset order: category, language, sort order, id.
LIST_ORDER = (HelpCategory.sort_order, HelpCategory.id, HelpArticle.language, HelpArticle.sort_order,
              HelpArticle.id)
LIST_KEYSET = Keyset(LIST_ORDER, [int, int, str, int, int])
# The article's work-order target, built in SQL so the lock table's primary key answers the join.
_TARGET = literal(TARGET_PREFIX) + cast(HelpArticle.id, String)

# An article with who last changed it and the order it awaits (work order id, flow), if any.
Listed = Row[HelpArticle, str | None, int | None, str | None]
# The same with its category's sort order, which the next page's cursor needs.
ListedOnPage = Row[HelpArticle, str | None, int | None, str | None, int]


# --- categories --------------------------------------------------------------------------------

_LIVE_CATEGORY = HelpCategory.deleted_at.is_(None)


def categories(session: Session) -> list[tuple[HelpCategory, int]]:
    """Every live category with how many live articles are filed directly in it, siblings in order."""
    counts = (select(HelpArticle.category_id, func.count().label("n")).where(HelpArticle.deleted_at.is_(None))
              .group_by(HelpArticle.category_id).subquery())
    rows = session.execute(select(HelpCategory, func.coalesce(counts.c.n, 0))
                           .outerjoin(counts, counts.c.category_id == HelpCategory.id)
                           .where(_LIVE_CATEGORY).order_by(HelpCategory.sort_order, HelpCategory.id))
    return [(category, int(n)) for category, n in rows]


def category_exists(session: Session, category_id: int) -> bool:
    """A live (not deleted) category."""
    return session.scalar(select(HelpCategory.id).where(HelpCategory.id == category_id, _LIVE_CATEGORY)) is not None


def parents(session: Session) -> dict[int, int | None]:
    """Each live category's parent: the tree, which is small (tens of categories)."""
    return dict(session.execute(select(HelpCategory.id, HelpCategory.parent_id).where(_LIVE_CATEGORY)).all())


def lock_category(session: Session, category_id: int) -> HelpCategory | None:
    """The live category, locked against a concurrent change (PostgreSQL row lock; SQLite's write
    session already holds the database's write lock)."""
    return session.scalar(select(HelpCategory).where(HelpCategory.id == category_id, _LIVE_CATEGORY)
                          .with_for_update())


def children(session: Session, parent_id: int | None) -> list[HelpCategory]:
    """The live categories directly under ``parent_id`` (None: the top level), in their order."""
    under = HelpCategory.parent_id.is_(None) if parent_id is None else HelpCategory.parent_id == parent_id
    return list(session.scalars(select(HelpCategory).where(under, _LIVE_CATEGORY)
                                .order_by(HelpCategory.sort_order, HelpCategory.id)))


def live_article_count(session: Session, category_id: int) -> int:
    return session.scalar(select(func.count()).select_from(HelpArticle).where(
        HelpArticle.category_id == category_id, HelpArticle.deleted_at.is_(None))) or 0


def pending_payloads(session: Session, flow: str) -> list[dict]:
    """The payloads of the pending work orders of ``flow`` (few: one per article at most)."""
    return list(session.scalars(select(WorkOrder.payload).where(WorkOrder.status == "pending",
                                                                WorkOrder.flow == flow)))


def add_category(session: Session, category: HelpCategory) -> None:
    session.add(category)


# --- live articles -----------------------------------------------------------------------------


def live(session: Session, article_id: int) -> HelpArticle | None:
    """The article unless it does not exist or was deleted."""
    return session.scalar(select(HelpArticle).where(HelpArticle.id == article_id, HelpArticle.deleted_at.is_(None)))


def applied_to(session: Session, article_id: int) -> HelpArticle:
    """The live article an approved order changes: the engine checked its version just before."""
    return session.scalars(select(HelpArticle).where(HelpArticle.id == article_id,
                                                     HelpArticle.deleted_at.is_(None))).one()


def live_many(session: Session, article_ids: list[int]) -> dict[int, HelpArticle]:
    rows = session.scalars(select(HelpArticle).where(HelpArticle.id.in_(article_ids),
                                                     HelpArticle.deleted_at.is_(None)))
    return {a.id: a for a in rows}


def list_of(session: Session, category_id: int, language: str) -> list[HelpArticle]:
    """One category's live articles in one language, in their order."""
    return list(session.scalars(select(HelpArticle).where(
        HelpArticle.category_id == category_id, HelpArticle.language == language,
        HelpArticle.deleted_at.is_(None)).order_by(HelpArticle.sort_order, HelpArticle.id)))


def next_sort_order(session: Session, category_id: int, language: str) -> int:
    """The place after the last live article of the list."""
    last = session.scalar(select(func.max(HelpArticle.sort_order)).where(
        HelpArticle.category_id == category_id, HelpArticle.language == language,
        HelpArticle.deleted_at.is_(None)))
    return (last or 0) + 1


def order_maker(session: Session, order_id: int) -> int:
    """Who wrote an order's change: the live revision is theirs, the approver is on the order."""
    return session.scalars(select(WorkOrder.maker_id).where(WorkOrder.id == order_id)).one()


# --- writes ------------------------------------------------------------------------------------


def add_article(session: Session, article: HelpArticle) -> None:
    session.add(article)


def add_revision(session: Session, article: HelpArticle, made_by: int | None, work_order_id: int | None) -> None:
    """Records the article's content as of its current version."""
    session.add(ArticleRevision(article_id=article.id, version=article.version, category_id=article.category_id,
                                language=article.language, title=article.title, body=article.body,
                                external_link=article.external_link, publish_scenes=article.publish_scenes,
                                work_order_id=work_order_id, made_by=made_by, at=article.updated_at))


# --- the Articles list and detail --------------------------------------------------------------


def _contains(word: str) -> ColumnElement[bool]:
    return HelpArticle.title.ilike(like_pattern(word), escape="\\")


def _conditions(q: ArticleQuery, category_ids: Collection[int] | None) -> list[ColumnElement[bool]]:
    """The list's filters, in SQL so the page and its total see the same rows; ``category_ids`` is
    the filter's category with its sub-categories."""
    out: list[ColumnElement[bool]] = [HelpArticle.deleted_at.is_(None)]
    if category_ids is not None:
        out.append(HelpArticle.category_id.in_(sorted(category_ids)))
    if q.scene is not None:  # stored as "app,website": one code between commas
        out.append((literal(",") + HelpArticle.publish_scenes + literal(",")).like(f"%,{q.scene.value},%"))
    if q.has_link is not None:
        out.append(HelpArticle.external_link.is_not(None) if q.has_link else HelpArticle.external_link.is_(None))
    if q.language is not None:
        out.append(HelpArticle.language == q.language.value)
    if q.visible is not None:
        out.append(HelpArticle.visible == q.visible)
    out.extend(_contains(w) for w in filter_words(q.title))
    return out


def _listed(*, with_body: bool):
    stmt = (select(HelpArticle, User.username, WorkOrderLock.work_order_id, WorkOrder.flow)
            .join(HelpCategory, HelpCategory.id == HelpArticle.category_id)
            .outerjoin(User, User.id == HelpArticle.updated_by)
            .outerjoin(WorkOrderLock, WorkOrderLock.target_key == _TARGET)
            .outerjoin(WorkOrder, WorkOrder.id == WorkOrderLock.work_order_id))
    return stmt if with_body else stmt.options(defer(HelpArticle.body))


def page_rows(session: Session, q: ArticleQuery, seek: Seek,
              category_ids: Collection[int] | None) -> Sequence[ListedOnPage]:
    """Up to ``q.limit + 1`` rows from ``seek`` on (one more tells whether a page follows)."""
    stmt = _listed(with_body=False).where(and_(*_conditions(q, category_ids)), *LIST_KEYSET.where(seek))
    return session.execute(stmt.add_columns(HelpCategory.sort_order.label("category_sort"))
                           .order_by(*LIST_KEYSET.order_by(seek)).limit(q.limit + 1)).all()


def count(session: Session, q: ArticleQuery, category_ids: Collection[int] | None) -> int:
    return session.scalar(select(func.count()).select_from(HelpArticle).where(*_conditions(q, category_ids))) or 0


def detail_row(session: Session, article_id: int) -> Listed | None:
    return session.execute(_listed(with_body=True).where(HelpArticle.id == article_id,
                                                         HelpArticle.deleted_at.is_(None))).first()
