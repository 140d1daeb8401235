"""Every permission code a role may hold, and the menu area each belongs to (the role editor's
groups).

The codes are those of ``Perm``, the menu leaves, and each flow's submit (its id) and decide
(``approval.decide:<id>``) permission: nothing else is a permission, so a role naming anything else
is refused. An area is a root of the menu table (its English label, translated in context
``menu``), or ``System`` for what no page shows yet; a flow's submit and decide permissions belong
to the area of the flow's pages.
"""

from services.contract.flows import ALL_FLOWS
from services.contract.menu import MENU, QT_TRANSLATE_NOOP
from services.contract.permissions import DECIDE_PREFIX, Perm, decide_permission

SYSTEM_AREA = QT_TRANSLATE_NOOP("menu", "System")

# A code's area by its first dotted part (a decide permission's by its flow's).
_AREA_BY_PREFIX = {
    "margin_call": "Risk",
    "risk": "Risk",
    "approval": "Approvals",
    "message": "Message Center",
    "help_center": "Help Center",
    "fund": "Funds",
    "identity": "Identity",
    "admin": "Identity",
}


# A page's view permission belongs to the page's menu root (Identity › Audit Log: audit.log.view).
_PAGE_AREAS = {leaf.permission: leaf.path[0] for leaf in MENU}


def all_permission_codes() -> tuple[str, ...]:
    """Every known code once: Perm's in its order, then each flow's submit and decide permission."""
    codes = [p.value for p in Perm] + [leaf.permission for leaf in MENU]
    for flow_id in ALL_FLOWS:
        codes += [flow_id, decide_permission(flow_id)]
    return tuple(dict.fromkeys(codes))


def is_known(code: str) -> bool:
    return code in _KNOWN


def area_of(code: str) -> str:
    """The menu root (English label) a code belongs to: the root of the page it opens, else by its
    first dotted part; ``System`` when none."""
    if code in _PAGE_AREAS:
        return _PAGE_AREAS[code]
    prefix = code.removeprefix(DECIDE_PREFIX).split(".", 1)[0]
    return _AREA_BY_PREFIX.get(prefix, SYSTEM_AREA)


def areas() -> tuple[str, ...]:
    """The menu's roots in menu order, then ``System``."""
    return (*dict.fromkeys(leaf.path[0] for leaf in MENU), SYSTEM_AREA)


def grouped(codes: list[str] | tuple[str, ...] | None = None) -> list[tuple[str, list[str]]]:
    """(area, its codes in the order of ``all_permission_codes``) for each area that has any of
    ``codes`` (all known codes by default), areas in menu order; an unknown code is left out."""
    wanted = set(all_permission_codes() if codes is None else codes)
    by_area: dict[str, list[str]] = {area: [] for area in areas()}
    for code in all_permission_codes():
        if code in wanted:
            by_area[area_of(code)].append(code)
    return [(area, listed) for area, listed in by_area.items() if listed]


_KNOWN = frozenset(all_permission_codes())
