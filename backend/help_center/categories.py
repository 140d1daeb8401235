"""Help Center › Article Categories (文章分類): create, rename, move, reorder, hide or show, and
delete categories of the tree.

The manual puts these under their own page with no approval (only article changes need one), so
each is a direct change under ``help_center.category.manage``, audited with what it was and what
it became. Every change but a create names the version it started from (409 target_changed when
someone else changed the category first). A category is deleted only when nothing is filed in it:
no live article, no sub-category, no article change awaiting approval that names it; it is kept
(soft delete) for the revisions that name it. Queries are in the repository; the route commits.
"""

from collections.abc import Sequence
from uuid import uuid4

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.help_center import repository as repo
from backend.help_center.models import HelpCategory
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.flows import HELP_CENTER_FLOWS
from services.contract.help_center import (
    CategoryCreateIn,
    CategoryMoveIn,
    CategoryRenameIn,
    CategoryReorderIn,
    HelpCategoryOut,
)
from services.rules.help_center import check_category_names, check_parent
from services.rules.violations import Violation

UPDATE_FLOW = HELP_CENTER_FLOWS[0]


def _refuse(violations: list[Violation], title: str = "The category change breaks the rules.") -> None:
    if violations:
        raise AppError(422, ErrorCode.RULE_VIOLATION, title, "; ".join(f"{v.field}: {v.message}" for v in violations),
                       [v.as_error() for v in violations])


def _state(category: HelpCategory) -> dict:
    return {"category_id": category.id, "name": category.name, "name_zh": category.name_zh,
            "parent_id": category.parent_id, "sort_order": category.sort_order, "hidden": category.hidden,
            "version": category.version}


def _audit(session: Session, principal: Principal, action: str, category: HelpCategory, before: dict | None) -> None:
    audit.record(session, actor_id=principal.user_id, action=f"help_category.{action}", entity_type="help_category",
                 entity_id=str(category.id), before=before, after=_state(category))


def _locked(session: Session, category_id: int, version: int | None) -> HelpCategory:
    category = repo.lock_category(session, category_id)
    if category is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such category.")
    if version is not None and category.version != version:
        raise AppError(409, ErrorCode.TARGET_CHANGED, "Changed since it was read.",
                       f"Category #{category_id} is at version {category.version}, not {version}; reload and try "
                       "again.", [{"target": f"help_category:{category_id}", "expected": version,
                                   "current": category.version}])
    return category


def _sibling_names(session: Session, parent_id: int | None, leaving_out: int | None) -> list[tuple[str, str]]:
    return [(c.name, c.name_zh) for c in repo.children(session, parent_id) if c.id != leaving_out]


def _last_place(session: Session, parent_id: int | None) -> int:
    return max((c.sort_order for c in repo.children(session, parent_id)), default=0) + 1


def _touch(category: HelpCategory) -> None:
    category.version += 1


def create(session: Session, principal: Principal, body: CategoryCreateIn) -> HelpCategory:
    """A new visible category, last among its parent's children."""
    _refuse(check_parent(repo.parents(session), None, body.parent_id)
            + check_category_names(body.name, body.name_zh, _sibling_names(session, body.parent_id, None)))
    category = HelpCategory(code=f"c_{uuid4().hex[:16]}", name=body.name.strip(), name_zh=body.name_zh.strip(),
                            parent_id=body.parent_id, sort_order=_last_place(session, body.parent_id), hidden=False,
                            version=1)
    repo.add_category(session, category)
    session.flush()
    _audit(session, principal, "create", category, None)
    return category


def rename(session: Session, principal: Principal, category_id: int, body: CategoryRenameIn) -> HelpCategory:
    category = _locked(session, category_id, body.version)
    name, name_zh = body.name.strip(), body.name_zh.strip()
    violations = check_category_names(name, name_zh, _sibling_names(session, category.parent_id, category.id))
    if not violations and (name, name_zh) == (category.name, category.name_zh):
        violations = [Violation("name", "no_change", "The category is already called this.")]
    _refuse(violations)
    before = _state(category)
    category.name, category.name_zh = name, name_zh
    _touch(category)
    _audit(session, principal, "rename", category, before)
    return category


def move(session: Session, principal: Principal, category_id: int, body: CategoryMoveIn) -> HelpCategory:
    """Re-parents the category (its sub-categories and articles go with it), last among its new
    siblings; its names must be free there."""
    category = _locked(session, category_id, body.version)
    violations = check_parent(repo.parents(session), category.id, body.parent_id)
    if not violations and body.parent_id == category.parent_id:
        violations = [Violation("parent_id", "no_change", "The category is already there.")]
    if not violations:
        clash = check_category_names(category.name, category.name_zh,
                                     _sibling_names(session, body.parent_id, category.id))
        violations = [Violation("parent_id", v.code, v.message) for v in clash]
    _refuse(violations)
    before = _state(category)
    category.parent_id, category.sort_order = body.parent_id, _last_place(session, body.parent_id)
    _touch(category)
    _audit(session, principal, "move", category, before)
    return category


def set_hidden(session: Session, principal: Principal, category_id: int, version: int, hidden: bool) -> HelpCategory:
    """Hides a category from customers (with what is under it), or shows it again."""
    category = _locked(session, category_id, version)
    if category.hidden == hidden:
        _refuse([Violation("hidden", "already_hidden" if hidden else "already_visible",
                           f"Category #{category_id} is already {'hidden' if hidden else 'shown'}.")])
    before = _state(category)
    category.hidden = hidden
    _touch(category)
    _audit(session, principal, "hide" if hidden else "show", category, before)
    return category


def reorder(session: Session, principal: Principal, body: CategoryReorderIn) -> list[HelpCategory]:
    """The new order of one parent's children: exactly the live ones, at the versions seen."""
    if body.parent_id is not None and not repo.category_exists(session, body.parent_id):
        raise AppError(404, ErrorCode.NOT_FOUND, "No such category.")
    current = repo.children(session, body.parent_id)
    ids = [c.id for c in current]
    if sorted(ids) != sorted(body.category_ids):
        _refuse([Violation("category_ids", "not_the_whole_list",
                           "The order must name every category under the same parent once.")])
    if ids == body.category_ids:
        _refuse([Violation("category_ids", "no_change", "The categories are already in this order.")])
    by_id = {c.id: c for c in current}
    for category_id, version in zip(body.category_ids, body.versions, strict=True):
        _locked(session, category_id, version)
    before = [_state(c) for c in current]
    for place, category_id in enumerate(body.category_ids, start=1):
        category = by_id[category_id]
        if category.sort_order != place:
            category.sort_order = place
            _touch(category)
    audit.record(session, actor_id=principal.user_id, action="help_category.reorder", entity_type="help_category",
                 entity_id=str(body.parent_id or 0), before={"categories": before},
                 after={"categories": [_state(by_id[i]) for i in body.category_ids]})
    return [by_id[i] for i in body.category_ids]


def _names_category(payload: dict, category_id: int) -> bool:
    return payload.get("category_id") == category_id


def delete(session: Session, principal: Principal, category_id: int, version: int) -> None:
    """Deletes an empty category; one with articles, sub-categories or article changes awaiting
    approval that name it is refused, each reason named."""
    category = _locked(session, category_id, version)
    violations: list[Violation] = []
    articles = repo.live_article_count(session, category_id)
    if articles:
        violations.append(Violation("category_id", "category_has_articles",
                                    f"{articles} article(s) are filed in it; move or delete them first."))
    below = repo.children(session, category_id)
    if below:
        violations.append(Violation("category_id", "category_has_children",
                                    f"It has {len(below)} sub-categor{'y' if len(below) == 1 else 'ies'}; move or "
                                    "delete them first."))
    if any(_names_category(p, category_id) for p in repo.pending_payloads(session, UPDATE_FLOW)):
        violations.append(Violation("category_id", "category_has_pending_changes",
                                    "An article change awaiting approval names it; delete it once that is decided."))
    _refuse(violations, "The category cannot be deleted.")
    before = _state(category)
    category.deleted_at = utcnow()
    _touch(category)
    audit.record(session, actor_id=principal.user_id, action="help_category.delete", entity_type="help_category",
                 entity_id=str(category.id), before=before, after=None)


def category_out(session: Session, category: HelpCategory) -> HelpCategoryOut:
    """A category as the API answers it, with its live articles counted."""
    return HelpCategoryOut(id=category.id, code=category.code, name=category.name, name_zh=category.name_zh,
                           sort_order=category.sort_order, parent_id=category.parent_id, hidden=category.hidden,
                           version=category.version, article_count=repo.live_article_count(session, category.id))


def categories_out(session: Session, categories: Sequence[HelpCategory]) -> list[HelpCategoryOut]:
    return [category_out(session, c) for c in categories]
