"""The Help Center's field rules, the same in the article drawer, the categories page and the
backend: an article's external link (外鏈) and publish scenes (發佈場景), a category's names and
where it may sit in the tree of categories.

Each rule answers Violations (field, stable code, English sentence); the desktop says the code's
sentence in the user's language (ui/common/rule_messages.py).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from services.contract.reasons import named
from services.rules.violations import Violation

EXTERNAL_LINK_MAX = 2000  # characters; what browsers and gateways reliably carry
LINK_SCHEMES = ("http", "https")
CATEGORY_NAME_MAX = 80  # the English name
CATEGORY_NAME_ZH_MAX = 40  # the Chinese name
CATEGORY_DEPTH_MAX = 3  # levels of categories: a top-level one, its children and theirs


# --- an article's external link ----------------------------------------------------------------


def _host_is_valid(host: str) -> bool:
    """A DNS name (IDNA allowed) or an IP address, as urlsplit leaves it (no brackets)."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return all(0 < len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
               and not label.startswith("-") and not label.endswith("-") for label in labels)


def check_external_link(link: str | None) -> list[Violation]:
    """An article's 外鏈: none, or an http(s) address that a browser can open, within the limit."""
    if not link:
        return []
    field = "external_link"
    if len(link) > EXTERNAL_LINK_MAX:
        return [Violation(field, "link_too_long",
                          f"At most {EXTERNAL_LINK_MAX:,} characters; this link has {len(link):,}.")]
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in link):
        return [Violation(field, "link_malformed", "A link may not contain spaces or control characters.")]
    try:
        parts = urlsplit(link)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return [Violation(field, "link_malformed", f"“{link[:80]}” is not a well-formed web address.")]
    if parts.scheme.lower() not in LINK_SCHEMES:
        return [Violation(field, "link_scheme", "Only http:// and https:// links can be opened by customers.")]
    if not parts.hostname or not port_ok or not _host_is_valid(parts.hostname) or parts.username is not None:
        return [Violation(field, "link_malformed", f"“{link[:80]}” is not a well-formed web address.")]
    return []


def check_publish_scenes(scenes: Sequence[str], known: Iterable[str]) -> list[Violation]:
    """At least one scene, each of the ``known`` ones (the contract's table)."""
    if not scenes:
        return [Violation("publish_scenes", "no_scene", "Choose at least one publish scene.")]
    known = set(known)
    unknown = [s for s in scenes if s not in known]
    if unknown:
        return [Violation("publish_scenes", "unknown_scene", f"Not a publish scene: {', '.join(unknown)[:80]}.")]
    return []


# --- categories --------------------------------------------------------------------------------


def check_category_names(name: str, name_zh: str, sibling_names: Iterable[tuple[str, str]] = ()) -> list[Violation]:
    """Both names given, within their limits, and neither used by another category of the same
    parent (case and spacing aside)."""
    out = []
    taken_en = {_folded(en) for en, _zh in sibling_names}
    taken_zh = {_folded(zh) for _en, zh in sibling_names}
    for field, value, limit, taken in (("name", name, CATEGORY_NAME_MAX, taken_en),
                                       ("name_zh", name_zh, CATEGORY_NAME_ZH_MAX, taken_zh)):
        if not value.strip():
            out.append(Violation(field, "required", "A name is required."))
        elif len(value) > limit:
            out.append(Violation(field, "name_too_long", f"At most {limit} characters; this is {len(value)}.",
                                 params=named(max=limit)))
        elif any(ord(ch) < 32 for ch in value):
            out.append(Violation(field, "name_control_character", "A name may not contain control characters."))
        elif _folded(value) in taken:
            out.append(Violation(field, "duplicate_name",
                                 f"Another category under the same parent is already called “{value.strip()}”."))
    return out


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


def descendants(parents: Mapping[int, int | None], category_id: int) -> set[int]:
    """``category_id`` and every category under it, from each category's parent."""
    children: dict[int | None, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    out, todo = set(), [category_id]
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.add(current)
        todo.extend(children.get(current, ()))
    return out


def in_tree_order(parents: Mapping[int, int | None], places: Mapping[int, tuple[int, int]]) -> list[int]:
    """Every category, each parent before its children, siblings by ``places`` (sort order, id):
    the order a tree is read in, top to bottom."""
    children: dict[int | None, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent if parent in parents else None, []).append(child)
    out: list[int] = []

    def walk(parent: int | None) -> None:
        for child in sorted(children.get(parent, ()), key=lambda c: places[c]):
            out.append(child)
            walk(child)

    walk(None)
    return out


def depth(parents: Mapping[int, int | None], category_id: int | None) -> int:
    """How many levels down ``category_id`` sits (a top-level category: 1; None, the top: 0)."""
    level, seen = 0, set()
    while category_id is not None and category_id not in seen:
        seen.add(category_id)
        level += 1
        category_id = parents.get(category_id)
    return level


def height(parents: Mapping[int, int | None], category_id: int) -> int:
    """Levels in the subtree of ``category_id`` (itself alone: 1)."""
    below = descendants(parents, category_id)
    return max(depth(parents, c) for c in below) - depth(parents, category_id) + 1


def check_parent(parents: Mapping[int, int | None], category_id: int | None, parent_id: int | None) -> list[Violation]:
    """Whether ``category_id`` (None: a new category) may sit under ``parent_id`` (None: the top
    level): never under itself or its own sub-categories, and never deeper than the limit."""
    if parent_id is not None and parent_id not in parents:
        return [Violation("parent_id", "no_such_category", f"Category #{parent_id} does not exist.")]
    if category_id is not None and parent_id is not None and parent_id in descendants(parents, category_id):
        return [Violation("parent_id", "category_cycle",
                          "A category cannot move under itself or one of its sub-categories.")]
    levels = 1 if category_id is None else height(parents, category_id)
    if depth(parents, parent_id) + levels > CATEGORY_DEPTH_MAX:
        return [Violation("parent_id", "category_too_deep",
                          f"Categories nest at most {CATEGORY_DEPTH_MAX} levels deep.")]
    return []
