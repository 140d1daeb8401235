"""Display texts of the Help Center: article languages, visibility, publish scenes, categories
(with their place in the tree) and pending changes.

Category names come from the backend (the area's client) in both languages; the ones read
are remembered for the session, so the approvals detail names them too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.api_client import ApiClient, ApiError
from services.clients.help_center import HelpCenterClient
from services.contract.help_center import ArticleLanguage, HelpCategoryOut, PublishScene
from services.rules.help_center import depth, in_tree_order
from ui.common.change_texts import flow_name

log = logging.getLogger(__name__)

CONTEXT = "HelpCenter"

_LANGUAGES = {
    ArticleLanguage.ZH_HANT: QT_TRANSLATE_NOOP("HelpCenter", "Traditional Chinese"),
    ArticleLanguage.ZH_HANS: QT_TRANSLATE_NOOP("HelpCenter", "Simplified Chinese"),
    ArticleLanguage.EN: QT_TRANSLATE_NOOP("HelpCenter", "English"),
}

# The manual's words for where an article is published (發佈場景).
_SCENES = {
    PublishScene.APP: QT_TRANSLATE_NOOP("HelpCenter", "APP"),
    PublishScene.WTT: QT_TRANSLATE_NOOP("HelpCenter", "WTT"),
    PublishScene.WEBSITE: QT_TRANSLATE_NOOP("HelpCenter", "Website"),
}
PATH_SEPARATOR = " › "

_categories: dict[int, HelpCategoryOut] = {}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def language_text(language: ArticleLanguage | str | None) -> str:
    if language is None:
        return ""
    try:
        return tr(_LANGUAGES[ArticleLanguage(language)])
    except ValueError:
        return str(language)


def visible_text(visible: bool | None) -> str:
    if visible is None:
        return ""
    return (QCoreApplication.translate("HelpCenter", "Visible") if visible
            else QCoreApplication.translate("HelpCenter", "Hidden"))


def visible_color(visible: bool | None) -> str | None:
    return "#627d98" if visible is False else None


def scene_text(scene: PublishScene | str) -> str:
    try:
        return tr(_SCENES[PublishScene(scene)])
    except ValueError:
        return str(scene)


def scenes_text(scenes: Iterable[PublishScene | str] | None) -> str:
    """"APP, WTT": where an article is published, in the table's order."""
    return ", ".join(scene_text(s) for s in scenes or ())


def link_text(link: str | None) -> str:
    return link or ""


def remember_categories(categories: Iterable[HelpCategoryOut]) -> None:
    _categories.update({c.id: c for c in categories})


async def read_categories(api: ApiClient) -> list[HelpCategoryOut]:
    """The categories from the backend, remembered for the session in place of those read before
    (a deleted one is gone from the choices)."""
    loaded = await HelpCenterClient(api).categories()
    _categories.clear()
    remember_categories(loaded)
    return loaded


async def ensure_categories(api: ApiClient) -> None:
    """Reads the categories once, for a view (the approvals detail) opened before the Articles page."""
    if _categories:
        return
    try:
        await read_categories(api)
    except ApiError as exc:  # the view names categories by number instead
        if exc.is_auth:
            raise
        log.warning("help categories could not be read: %s", exc)


def forget_categories() -> None:
    """Drops the remembered names (a new sign-in may see other categories)."""
    _categories.clear()


def known_categories() -> list[HelpCategoryOut]:
    """The categories read, in tree order: each parent before its children."""
    parents = {c.id: c.parent_id for c in _categories.values()}
    order = in_tree_order(parents, {c.id: (c.sort_order, c.id) for c in _categories.values()})
    return [_categories[i] for i in order]


def category_depth(category_id: int) -> int:
    """1 for a top-level category, 2 for its children, …"""
    return depth({c.id: c.parent_id for c in _categories.values()}, category_id)


def category_path(category_id: int | None, language: str) -> str:
    """"Trading › Fees": the category under its parents, in the UI language."""
    if category_id is None:
        return ""
    names, seen, current = [], set(), category_id
    while current is not None and current not in seen:
        seen.add(current)
        names.append(category_name(current, language))
        found = _categories.get(current)
        current = found.parent_id if found else None
    return PATH_SEPARATOR.join(reversed(names))


def category_name(category_id: int | None, language: str) -> str:
    """The category's name in the UI language ("zh_Hant" or "en"); its number until names are read."""
    if category_id is None:
        return ""
    category = _categories.get(category_id)
    if category is None:
        return QCoreApplication.translate("HelpCenter", "Category #{id}").format(id=category_id)
    return category.name_zh if language == "zh_Hant" and category.name_zh else category.name


def pending_text(flow: str | None, order_id: int | None) -> str:
    """"Edit article #12": which change awaits approval, in which work order."""
    if order_id is None:
        return ""
    name = flow_name(flow) if flow else QCoreApplication.translate("HelpCenter", "Change")
    return f"{name} #{order_id}"
