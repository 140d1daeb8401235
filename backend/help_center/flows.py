"""The four article flows: ``help_center.article.update|delete|hide|show``.

``update`` carries either an edit (ArticleEditPayload; no article_id = a new article, hidden unless
it asks to go live at once) or a
new order of one category's list in one language (ArticleReorderPayload). Every article is one
work-order target, ``help_article:<id>``, at its version; a new article's target is its category,
language and folded title, so two identical creations cannot both wait. The version an editor
started from must still be the live one (409 target_changed); one that moves while the order
waits makes it stale instead of applied (the engine compares the targets again). Only a hidden
article may be deleted (the manual: hide it first).
"""

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from backend.help_center import repository as repo
from backend.help_center import service
from backend.help_center.models import HelpArticle, scenes_list, scenes_text
from backend.help_center.targets import new_target_key, target_key
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.work_orders.flow_def import FlowDef
from services.contract.errors import ErrorCode
from services.contract.flows import HELP_CENTER_FLOWS
from services.contract.help_center import (
    ALL_SCENES,
    ArticleEditPayload,
    ArticleReorderPayload,
    ArticleTargetPayload,
)
from services.contract.summaries import Summary
from services.rules.help_center import check_external_link, check_publish_scenes
from services.rules.violations import Violation

UPDATE, DELETE, HIDE, SHOW = HELP_CENTER_FLOWS


def _no_such_article(article_id: int) -> Violation:
    return Violation("article_id", "no_such_article", f"Article #{article_id} does not exist or was deleted.")


def _require_versions(seen: dict[int, int], live: dict[int, HelpArticle]) -> None:
    """Refuses an order made from versions that are no longer live, as the engine refuses drafts."""
    moved = [{"target": target_key(i), "expected": v, "current": live[i].version}
             for i, v in seen.items() if live[i].version != v]
    if moved:
        raise AppError(409, ErrorCode.TARGET_CHANGED, "Changed since it was drafted.",
                       f"{len(moved)} article(s) changed after the change started from them, "
                       f"e.g. {moved[0]['target']}; reload and try again.", moved)


def _touch(article: HelpArticle, by: int, now: datetime) -> None:
    article.version += 1
    article.updated_at, article.updated_by = now, by


def _content(title: str, body: str, category_id: int, language: str, link: str | None, scenes: list[str]) -> tuple:
    return title, body, category_id, language, link, scenes


class _Edit:
    """One article's content (title, body, category, language, external link, publish scenes); a
    new article when no id."""

    def check(self, session: Session, p: ArticleEditPayload) -> list[Violation]:
        out = []  # a blank title never gets here: the payload strips it and needs one character
        if (missing := service.missing_category(session, p.category_id)) is not None:
            out.append(missing)
        out += check_external_link(p.external_link)
        out += check_publish_scenes(p.publish_scenes, (s.value for s in ALL_SCENES))
        if p.article_id is None:
            return out
        if p.visible is not None:
            out.append(Violation("visible", "visible_for_new_only",
                                 "Visibility is chosen for a new article only; hide or show an existing one."))
        article = repo.live(session, p.article_id)
        if article is None:
            return [*out, _no_such_article(p.article_id)]
        if not out and _content(article.title, article.body, article.category_id, article.language,
                                article.external_link, scenes_list(article.publish_scenes)) == _content(
                p.title, p.body, p.category_id, p.language.value, p.external_link, p.publish_scenes):
            out.append(Violation("body", "no_change", "The article already reads like this."))
        if not out and p.version is not None:  # given exactly when article_id is (ArticleEditPayload)
            _require_versions({p.article_id: p.version}, {p.article_id: article})
        return out

    def targets(self, session: Session, p: ArticleEditPayload) -> dict[str, int | None]:
        if p.article_id is None:
            return {new_target_key(p.category_id, p.language.value, p.title): None}
        article = repo.live(session, p.article_id)
        return {target_key(p.article_id): article.version if article else None}

    def snapshot(self, session: Session, p: ArticleEditPayload) -> dict:
        article = repo.live(session, p.article_id) if p.article_id is not None else None
        return {"rows": [service.row(article)] if article else []}

    def proposed(self, p: ArticleEditPayload, snapshot: dict) -> dict:
        before: dict[str, Any] | None = snapshot["rows"][0] if snapshot["rows"] else None
        same_list = before is not None and (before["category_id"], before["language"]) == (p.category_id,
                                                                                          p.language.value)
        sort_order = before["sort_order"] if before is not None and same_list else None
        # A new article or one moved to another list is placed last when applied.
        return {"rows": [{"article_id": p.article_id, "title": p.title, "body": p.body,
                          "visible": before["visible"] if before else bool(p.visible), "category_id": p.category_id,
                          "language": p.language.value, "sort_order": sort_order, "external_link": p.external_link,
                          "publish_scenes": p.publish_scenes}],
                "deleted": []}

    def summary(self, p: ArticleEditPayload) -> Summary:
        if p.article_id is None:
            return Summary("article.new_visible" if p.visible else "article.new",
                           {"language": p.language.value, "title": p.title})
        return Summary("article.edit", {"article": str(p.article_id), "title": p.title})

    def apply(self, session: Session, p: ArticleEditPayload, actor_id: int, order_id: int) -> dict:
        maker, now = repo.order_maker(session, order_id), utcnow()
        if p.article_id is None:
            article = HelpArticle(category_id=p.category_id, language=p.language.value, title=p.title, body=p.body,
                                  visible=bool(p.visible), external_link=p.external_link,
                                  publish_scenes=scenes_text(p.publish_scenes),
                                  sort_order=repo.next_sort_order(session, p.category_id, p.language.value),
                                  version=1, created_at=now, created_by=maker, updated_at=now, updated_by=maker)
            repo.add_article(session, article)
        else:
            article = repo.applied_to(session, p.article_id)
            if (article.category_id, article.language) != (p.category_id, p.language.value):
                article.sort_order = repo.next_sort_order(session, p.category_id, p.language.value)
            article.category_id, article.language = p.category_id, p.language.value
            article.title, article.body = p.title, p.body
            article.external_link, article.publish_scenes = p.external_link, scenes_text(p.publish_scenes)
            _touch(article, maker, now)
        session.flush()
        repo.add_revision(session, article, maker, order_id)
        return {"rows": [service.row(article)]}


class _Reorder:
    """The order of one category's articles in one language: exactly the live list, reordered."""

    def check(self, session: Session, p: ArticleReorderPayload) -> list[Violation]:
        if (missing_category := service.missing_category(session, p.category_id)) is not None:
            return [missing_category]
        current = repo.list_of(session, p.category_id, p.language.value)
        ids = [a.id for a in current]
        named, listed = set(p.article_ids), set(ids)
        missing = [i for i in ids if i not in named]
        foreign = [i for i in p.article_ids if i not in listed]
        if missing or foreign:
            parts = ([f"it leaves out #{', #'.join(map(str, missing))}"] if missing else []) + (
                [f"#{', #'.join(map(str, foreign))} are not in it"] if foreign else [])
            return [Violation("article_ids", "not_the_whole_list",
                              f"The order must name every article of the list once: {'; '.join(parts)}.")]
        if ids == p.article_ids:
            return [Violation("article_ids", "no_change", "The articles are already in this order.")]
        _require_versions(dict(zip(p.article_ids, p.versions, strict=True)), {a.id: a for a in current})
        return []

    def targets(self, session: Session, p: ArticleReorderPayload) -> dict[str, int | None]:
        live = repo.live_many(session, p.article_ids)
        return {target_key(i): live[i].version if i in live else None for i in p.article_ids}

    def snapshot(self, session: Session, p: ArticleReorderPayload) -> dict:
        return {"rows": [service.row(a) for a in repo.list_of(session, p.category_id, p.language.value)]}

    def proposed(self, p: ArticleReorderPayload, snapshot: dict) -> dict:
        before = {r["article_id"]: r for r in snapshot["rows"]}
        return {"rows": [{**before[i], "sort_order": place} for place, i in enumerate(p.article_ids, start=1)
                         if i in before], "deleted": []}

    def summary(self, p: ArticleReorderPayload) -> Summary:
        return Summary("article.reorder", {"count": f"{len(p.article_ids):,}", "category": str(p.category_id),
                                           "language": p.language.value})

    def apply(self, session: Session, p: ArticleReorderPayload, actor_id: int, order_id: int) -> dict:
        maker, now = repo.order_maker(session, order_id), utcnow()
        live = repo.live_many(session, p.article_ids)
        for place, article_id in enumerate(p.article_ids, start=1):
            article = live[article_id]
            if article.sort_order != place:
                article.sort_order = place
                _touch(article, maker, now)
        # Articles that joined the list while the order waited (a copy, a new article) keep their
        # places after it; their versions stay, so an order pending on one of them stays valid.
        joined = [a for a in repo.list_of(session, p.category_id, p.language.value) if a.id not in live]
        for place, article in enumerate(joined, start=len(p.article_ids) + 1):
            article.sort_order = place
        session.flush()
        return {"rows": [service.row(live[i]) for i in p.article_ids]}


class ArticleUpdatePayload:
    """The ``update`` flow's payload: a reorder names ``article_ids``, anything else is an edit."""

    @staticmethod
    def model_validate(data: Any, /) -> BaseModel:
        model = ArticleReorderPayload if isinstance(data, dict) and "article_ids" in data else ArticleEditPayload
        return model.model_validate(data)


class UpdateHandler:
    payload_model = ArticleUpdatePayload
    diff_key = "article_id"

    def __init__(self):
        self._edit, self._reorder = _Edit(), _Reorder()

    def _of(self, payload):
        return self._reorder if isinstance(payload, ArticleReorderPayload) else self._edit

    def check(self, session: Session, payload) -> list[Violation]:
        return self._of(payload).check(session, payload)

    def targets(self, session: Session, payload) -> dict[str, int | None]:
        return self._of(payload).targets(session, payload)

    def snapshot(self, session: Session, payload) -> dict:
        return self._of(payload).snapshot(session, payload)

    def proposed(self, payload, snapshot: dict) -> dict:
        return self._of(payload).proposed(payload, snapshot)

    def summary(self, payload) -> Summary:
        return self._of(payload).summary(payload)

    def apply(self, session: Session, payload, actor_id: int, order_id: int) -> dict:
        return self._of(payload).apply(session, payload, actor_id, order_id)


class TargetHandler:
    """Delete, hide or show one article at the version seen."""

    payload_model = ArticleTargetPayload
    diff_key = "article_id"

    def __init__(self, action: str):
        self.action = action  # "delete" | "hide" | "show"

    def check(self, session: Session, p: ArticleTargetPayload) -> list[Violation]:
        article = repo.live(session, p.article_id)
        if article is None:
            return [_no_such_article(p.article_id)]
        if self.action == "hide" and not article.visible:
            return [Violation("visible", "already_hidden", f"Article #{p.article_id} is already hidden.")]
        if self.action == "show" and article.visible:
            return [Violation("visible", "already_visible", f"Article #{p.article_id} is already shown.")]
        if self.action == "delete" and article.visible:
            return [Violation("visible", "delete_visible",
                              f"Article #{p.article_id} is shown to customers: hide it before deleting it.")]
        _require_versions({p.article_id: p.version}, {p.article_id: article})
        return []

    def targets(self, session: Session, p: ArticleTargetPayload) -> dict[str, int | None]:
        article = repo.live(session, p.article_id)
        return {target_key(p.article_id): article.version if article else None}

    def snapshot(self, session: Session, p: ArticleTargetPayload) -> dict:
        article = repo.live(session, p.article_id)
        return {"rows": [service.row(article)] if article else []}

    def proposed(self, p: ArticleTargetPayload, snapshot: dict) -> dict:
        if self.action == "delete":
            return {"rows": [], "deleted": [p.article_id]}
        return {"rows": [{**r, "visible": self.action == "show"} for r in snapshot["rows"]], "deleted": []}

    def summary(self, p: ArticleTargetPayload) -> Summary:
        return Summary(f"article.{self.action}", {"article": str(p.article_id)})

    def apply(self, session: Session, p: ArticleTargetPayload, actor_id: int, order_id: int) -> dict:
        maker, now = repo.order_maker(session, order_id), utcnow()
        article = repo.applied_to(session, p.article_id)
        if self.action == "delete":
            # Soft delete: the revisions and the orders that name it stay readable.
            article.deleted_at, article.deleted_by, article.visible = now, maker, False
            _touch(article, maker, now)
            session.flush()
            return {"deleted": [p.article_id]}
        article.visible = self.action == "show"
        _touch(article, maker, now)
        session.flush()
        return {"rows": [service.row(article)]}


HELP_CENTER_FLOW_DEFS: tuple[FlowDef, ...] = (
    FlowDef(UPDATE, UpdateHandler()),
    FlowDef(DELETE, TargetHandler("delete")),
    FlowDef(HIDE, TargetHandler("hide")),
    FlowDef(SHOW, TargetHandler("show")),
)
