"""The Help Center's rules: the Articles list and detail as the API answers them, the copy (the one
immediate write) and what the article flows share (the approval diff's row, the category check).
Queries are in the repository; the route commits."""

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.help_center import repository as repo
from backend.help_center.models import HelpArticle, scenes_list
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.help_center import (
    COPY_SUFFIX,
    TITLE_MAX,
    ArticleCopyIn,
    ArticleDetail,
    ArticleOut,
    ArticleQuery,
    HelpCategoryOut,
)
from services.contract.schemas import Page
from services.rules.help_center import descendants, in_tree_order
from services.rules.violations import Violation

# --- shared with the flows ---------------------------------------------------------------------


def missing_category(session: Session, category_id: int) -> Violation | None:
    """What is wrong with naming ``category_id``: nothing, unless no such category exists."""
    if repo.category_exists(session, category_id):
        return None
    return Violation("category_id", "no_such_category", f"Category #{category_id} does not exist.")


def row(article: HelpArticle) -> dict:
    """An article as the approval diff shows it (and as the preview renders it)."""
    return {"article_id": article.id, "title": article.title, "body": article.body, "visible": article.visible,
            "category_id": article.category_id, "language": article.language, "sort_order": article.sort_order,
            "external_link": article.external_link, "publish_scenes": scenes_list(article.publish_scenes)}


# --- reads -------------------------------------------------------------------------------------


def category_list(session: Session) -> list[HelpCategoryOut]:
    """Every live category in tree order: each parent before its children, siblings in order."""
    rows = {c.id: (c, count) for c, count in repo.categories(session)}
    order = in_tree_order({i: c.parent_id for i, (c, _n) in rows.items()},
                          {i: (c.sort_order, i) for i, (c, _n) in rows.items()})
    return [HelpCategoryOut(id=c.id, code=c.code, name=c.name, name_zh=c.name_zh, sort_order=c.sort_order,
                            parent_id=c.parent_id, hidden=c.hidden, version=c.version, article_count=count)
            for c, count in (rows[i] for i in order)]


def _fields(article: HelpArticle, username: str | None, order_id: int | None, flow: str | None) -> dict:
    return {"id": article.id, "category_id": article.category_id, "language": article.language,
            "title": article.title, "visible": article.visible, "sort_order": article.sort_order,
            "version": article.version, "updated_at": article.updated_at, "updated_by": username,
            "copied_from": article.copied_from, "external_link": article.external_link,
            "publish_scenes": scenes_list(article.publish_scenes), "pending_work_order_id": order_id,
            "pending_flow": flow}


def article_page(session: Session, q: ArticleQuery) -> Page[ArticleOut]:
    """A keyset page in the list's order (category sort, category, language, sort order, id), each
    article with the change it awaits."""
    category_ids = None if q.category_id is None else descendants(repo.parents(session), q.category_id)
    keyset = repo.LIST_KEYSET
    seek = keyset.seek(q)
    found = keyset.page(repo.page_rows(session, q, seek, category_ids), q.limit, seek,
                        lambda row: [row[4], row[0].category_id, row[0].language, row[0].sort_order, row[0].id])
    items = [ArticleOut(**_fields(a, username, order_id, flow)) for a, username, order_id, flow, _ in found.rows]
    return Page[ArticleOut](items=items, next_cursor=found.next_cursor, prev_cursor=found.prev_cursor,
                            total=repo.count(session, q, category_ids))


def article_detail(session: Session, article_id: int) -> ArticleDetail:
    found = repo.detail_row(session, article_id)
    if found is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such article.")
    article, username, order_id, flow = found
    return ArticleDetail(**_fields(article, username, order_id, flow), body=article.body)


# --- copy --------------------------------------------------------------------------------------


def copy_title(title: str, language: str) -> str:
    """The title marked as a copy in the copy's language, shortened to fit if need be."""
    suffix = COPY_SUFFIX[language]
    return title[:TITLE_MAX - len(suffix)].rstrip() + suffix


def copy_article(session: Session, principal: Principal, article_id: int, body: ArticleCopyIn) -> HelpArticle:
    """A new hidden article made from the live revision (never from a change still awaiting
    approval), so nothing reaches customers until a ``show`` order is approved."""
    source = repo.live(session, article_id)
    if source is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such article.")
    category_id = body.category_id if body.category_id is not None else source.category_id
    language = body.language.value if body.language is not None else source.language
    if (violation := missing_category(session, category_id)) is not None:
        raise AppError(422, ErrorCode.RULE_VIOLATION, "The copy breaks the rules.", violation.message,
                       [violation.as_error()])
    now = utcnow()
    copy = HelpArticle(category_id=category_id, language=language, title=copy_title(source.title, language),
                       body=source.body, visible=False, external_link=source.external_link,
                       publish_scenes=source.publish_scenes,
                       sort_order=repo.next_sort_order(session, category_id, language), version=1,
                       created_at=now, created_by=principal.user_id, updated_at=now, updated_by=principal.user_id,
                       copied_from=source.id)
    repo.add_article(session, copy)
    session.flush()
    repo.add_revision(session, copy, principal.user_id, None)
    audit.record(session, actor_id=principal.user_id, action="help_article.copy", entity_type="help_article",
                 entity_id=str(copy.id), before={"article_id": source.id, "version": source.version},
                 after=row(copy))
    session.flush()
    return copy
