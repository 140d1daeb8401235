"""Approval chains (審批流程配置) without a database: which chain an order goes to, which levels of
it apply to the order's payload, who each level names, and whether a chain is well formed.

The backend resolves an order at submission with these; the desktop previews a chain with the
same functions. The shapes are services/contract/identity.py's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from services.contract.identity import (
    ADMIN_ROLE,
    Approvers,
    ChainCondition,
    ChainLevel,
    ChainSpec,
    ConditionKind,
)
from services.rules.violations import Violation

# Where no chain applies (neither the flow's own nor a default one): the administrators, one level.
FALLBACK_CHAIN = ChainSpec(levels=[ChainLevel(approvers=Approvers(roles=[ADMIN_ROLE]))])

VIA_USER = "user"


def via_role(code: str) -> str:
    return f"role:{code}"


def chain_in_force(own: ChainSpec | None, default: ChainSpec | None) -> ChainSpec:
    """The flow's own chain, else the default chain, else the administrators."""
    return own or default or FALLBACK_CHAIN


# --- conditions on the payload ------------------------------------------------------------------


def rows_named(payload: Mapping[str, Any]) -> int:
    """How many rows an order names: an upload's or batch edit's rows, a batch delete's symbols,
    or one for a single-row change."""
    for field in ("rows", "symbols"):
        items = payload.get(field)
        if isinstance(items, list):
            return len(items)
    return 1


def _ratio(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _rows(payload: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows = payload.get("rows")
    if isinstance(rows, list):
        return [r for r in rows if isinstance(r, Mapping)]
    return [payload] if "im" in payload else []


def im_lowered_points(payload: Mapping[str, Any], snapshot: Mapping[str, Any]) -> Decimal:
    """The most any row's initial margin (IM) goes down, in percentage points, against the live row
    it replaces (the order's snapshot); 0 when none goes down or nothing is replaced."""
    live = {row.get("symbol"): _ratio(row.get("im")) for row in snapshot.get("rows", []) if isinstance(row, Mapping)}
    lowered = Decimal(0)
    for row in _rows(payload):
        before, after = live.get(row.get("symbol")), _ratio(row.get("im"))
        if before is not None and after is not None and before > after:
            lowered = max(lowered, (before - after) * 100)
    return lowered


def condition_holds(condition: ChainCondition, payload: Mapping[str, Any], snapshot: Mapping[str, Any]) -> bool:
    if condition.kind == ConditionKind.ROWS_ABOVE:
        return rows_named(payload) > condition.value
    return im_lowered_points(payload, snapshot) > condition.value


def levels_for(chain: ChainSpec, payload: Mapping[str, Any], snapshot: Mapping[str, Any]) -> list[ChainLevel]:
    """The levels an order goes through: those of the first stricter chain whose condition holds,
    else the chain's own."""
    for stricter in chain.stricter:
        if condition_holds(stricter.condition, payload, snapshot):
            return list(stricter.levels)
    return list(chain.levels)


# --- who a level names --------------------------------------------------------------------------


def resolve(approvers: Approvers, role_members: Mapping[str, Iterable[int]], active_users: Mapping[str, int],
            maker_id: int) -> dict[int, str]:
    """User id → why they are named ("user", or "role:<code>"): the active holders of each named
    role and each named active user, never the maker. A person named by name and by a role counts
    once, as named; ``role_members`` and ``active_users`` hold active accounts only."""
    named: dict[int, str] = {}
    for username in approvers.users:
        user_id = active_users.get(username)
        if user_id is not None and user_id != maker_id:
            named.setdefault(user_id, VIA_USER)
    for code in approvers.roles:
        for user_id in sorted(role_members.get(code, ())):
            if user_id != maker_id:
                named.setdefault(user_id, via_role(code))
    return named


# --- a chain as configured ----------------------------------------------------------------------


def _check_approvers(field: str, approvers: Approvers, roles: Collection[str], users: Collection[str],
                     *, required: bool) -> list[Violation]:
    out: list[Violation] = []
    if required and not approvers.roles and not approvers.users:
        out.append(Violation(field, "level_without_approver", "A level needs at least one person or role."))
    for code in dict.fromkeys(approvers.roles):
        if code not in roles:
            out.append(Violation(f"{field}.roles", "unknown_role", f"There is no role {code}.", params=(("code", code),)))
    for name in dict.fromkeys(approvers.users):
        if name not in users:
            out.append(Violation(f"{field}.users", "unknown_user", f"There is no user {name}.", params=(("user", name),)))
    if len(set(approvers.roles)) < len(approvers.roles) or len(set(approvers.users)) < len(approvers.users):
        out.append(Violation(field, "approver_repeated", "A person or role is named twice."))
    return out


def check_spec(spec: ChainSpec, roles: Collection[str], users: Collection[str]) -> list[Violation]:
    """A chain's violations: every level names someone, every role code and username exists, and
    nothing is named twice in one list. ``roles`` and ``users`` are the codes and usernames that exist."""
    out: list[Violation] = []
    for n, level in enumerate(spec.levels, start=1):
        out += _check_approvers(f"levels.{n}", level.approvers, roles, users, required=True)
    out += _check_approvers("cc", spec.cc, roles, users, required=False)
    for s, stricter in enumerate(spec.stricter, start=1):
        for n, level in enumerate(stricter.levels, start=1):
            out += _check_approvers(f"stricter.{s}.levels.{n}", level.approvers, roles, users, required=True)
    return out
