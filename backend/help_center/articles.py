"""Reading and writing live articles: the queries the flows, the copy and the routes share, the
row shape of the approval diff, and the work-order target keys."""

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.help_center.models import ArticleRevision, HelpArticle, HelpCategory
from services.rules.violations import Violation

TARGET_PREFIX = "help_article:"
_TARGET_MAX = 160  # work_order_locks.target_key


def target_key(article_id: int) -> str:
    return f"{TARGET_PREFIX}{article_id}"


def new_target_key(category_id: int, language: str, title: str) -> str:
    """The target of a new article: the same title (case and spacing aside) in the same category
    and language is one target, so two identical creations cannot both be pending."""
    folded = " ".join(title.casefold().split())
    key = f"{TARGET_PREFIX}new:{category_id}:{language}:{folded}"
    if len(key) > _TARGET_MAX:  # still deterministic: a readable head and a digest of the whole title
        key = key[:_TARGET_MAX - 17] + "~" + hashlib.sha256(folded.encode()).hexdigest()[:16]
    return key


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


def missing_category(session: Session, category_id: int) -> Violation | None:
    """What is wrong with naming ``category_id``: nothing, unless no such category exists."""
    if session.get(HelpCategory, category_id) is not None:
        return None
    return Violation("category_id", "no_such_category", f"Category #{category_id} does not exist.")


def row(article: HelpArticle) -> dict:
    """An article as the approval diff shows it (and as the preview renders it)."""
    return {"article_id": article.id, "title": article.title, "body": article.body, "visible": article.visible,
            "category_id": article.category_id, "language": article.language, "sort_order": article.sort_order}


def add_revision(session: Session, article: HelpArticle, made_by: int | None, work_order_id: int | None) -> None:
    """Records the article's content as of its current version."""
    session.add(ArticleRevision(article_id=article.id, version=article.version, category_id=article.category_id,
                                language=article.language, title=article.title, body=article.body,
                                work_order_id=work_order_id, made_by=made_by, at=article.updated_at))
