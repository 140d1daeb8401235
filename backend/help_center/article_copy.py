"""Copy: the one immediate write of the Help Center. The copy is a new hidden article made from
the live revision (never from a change still awaiting approval), so nothing reaches customers
until a ``show`` order is approved."""

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.help_center import articles
from backend.help_center.models import HelpArticle
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.help_center import COPY_SUFFIX, TITLE_MAX, ArticleCopyIn


def copy_title(title: str, language: str) -> str:
    """The title marked as a copy in the copy's language, shortened to fit if need be."""
    suffix = COPY_SUFFIX[language]
    return title[:TITLE_MAX - len(suffix)].rstrip() + suffix


def copy_article(session: Session, principal: Principal, article_id: int, body: ArticleCopyIn) -> HelpArticle:
    source = articles.live(session, article_id)
    if source is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such article.")
    category_id = body.category_id if body.category_id is not None else source.category_id
    language = body.language.value if body.language is not None else source.language
    if (violation := articles.missing_category(session, category_id)) is not None:
        raise AppError(422, ErrorCode.RULE_VIOLATION, "The copy breaks the rules.", violation.message,
                       [violation.as_error()])
    now = utcnow()
    copy = HelpArticle(category_id=category_id, language=language, title=copy_title(source.title, language),
                       body=source.body, visible=False,
                       sort_order=articles.next_sort_order(session, category_id, language), version=1,
                       created_at=now, created_by=principal.user_id, updated_at=now, updated_by=principal.user_id,
                       copied_from=source.id)
    session.add(copy)
    session.flush()
    articles.add_revision(session, copy, principal.user_id, None)
    audit.record(session, actor_id=principal.user_id, action="help_article.copy", entity_type="help_article",
                 entity_id=str(copy.id), before={"article_id": source.id, "version": source.version},
                 after=articles.row(copy))
    session.flush()
    return copy
