"""The two identity flows: ``identity.user.update`` (a user's whole new set of roles) and
``identity.role.update`` (a role created or changed: its names and whole new set of permissions).

Targets are ``user:<username>`` and ``role:<code>`` at their row version, so an order whose user or
role changed meanwhile goes stale instead of applying. The snapshot and the proposed rows are one
row each (the user with their roles, the role with its names and permissions), which the approvals
detail shows before and after.

Nobody grants themselves anything. The maker may not name themselves in a user update, nor add
permissions to a role they hold (``check_maker``, called at submission); the decider likewise may
not be the user named, nor hold the role gaining permissions (``check_decider``, called before each
decision). Both answer 403 self_grant. The administrator role is never edited (it holds every code,
backend/auth/bootstrap.py), and the last active administrator never loses it: checked at
submission and again when the order applies.
"""

from sqlalchemy.orm import Session

from backend.auth import repository as auth_repo
from backend.auth.models import Role
from backend.identity import repository as repo
from backend.identity import service
from backend.work_orders.flow_def import FlowDef
from services.contract.identity import (
    ADMIN_ROLE,
    ROLE_UPDATE_FLOW,
    USER_UPDATE_FLOW,
    RoleUpdatePayload,
    UserUpdatePayload,
    role_target,
    user_target,
)
from services.contract.summaries import Summary
from services.rules.identity import check_permission_codes, check_role_names
from services.rules.violations import Violation

_SELF_USER = "You cannot decide or request a change of your own roles; another administrator must."
_SELF_ROLE = "You hold this role: another administrator must request or decide adding permissions to it."


def _wanted_roles(payload: UserUpdatePayload) -> list[str]:
    return sorted(set(payload.roles))


class UserRolesHandler:
    payload_model = UserUpdatePayload
    diff_key = "username"

    def check(self, session: Session, p: UserUpdatePayload) -> list[Violation]:
        user = repo.user_by_username(session, p.username)
        if user is None:
            return [Violation("username", "no_such_user", f"There is no user {p.username}.")]
        known = repo.roles_by_codes(session, p.roles)
        unknown = [Violation("roles", "unknown_role", f"There is no role {code}.", params=(("code", code),))
                   for code in _wanted_roles(p) if code not in known]
        if unknown:
            return unknown
        if _wanted_roles(p) == sorted(auth_repo.role_codes(session, user.id)):
            return [Violation("roles", "no_change", f"{p.username} holds exactly these roles already.")]
        if ADMIN_ROLE not in p.roles and user.active and service.is_last_administrator(session, user):
            return [Violation("roles", "last_administrator",
                              f"{p.username} is the only active administrator and keeps the role.")]
        return []

    def check_maker(self, session: Session, p: UserUpdatePayload, maker_id: int) -> list[Violation]:
        return self._self(session, p, maker_id)

    def check_decider(self, session: Session, p: UserUpdatePayload, decider_id: int) -> list[Violation]:
        return self._self(session, p, decider_id)

    @staticmethod
    def _self(session: Session, p: UserUpdatePayload, user_id: int) -> list[Violation]:
        user = repo.user_by_username(session, p.username)
        return [Violation("username", "self_grant", _SELF_USER)] if user is not None and user.id == user_id else []

    def targets(self, session: Session, p: UserUpdatePayload) -> dict[str, int | None]:
        user = repo.user_by_username(session, p.username)
        return {user_target(p.username): user.version if user else None}

    def snapshot(self, session: Session, p: UserUpdatePayload) -> dict:
        user = repo.user_by_username(session, p.username)
        if user is None:
            return {"rows": []}
        return {"rows": [{"username": user.username, "display_name": user.display_name, "active": user.active,
                          "roles": sorted(auth_repo.role_codes(session, user.id)), "version": user.version}]}

    def proposed(self, p: UserUpdatePayload, snapshot: dict) -> dict:
        before = snapshot["rows"][0] if snapshot["rows"] else {"username": p.username}
        return {"rows": [{**before, "roles": _wanted_roles(p)}], "deleted": []}

    def summary(self, p: UserUpdatePayload) -> Summary:
        roles = _wanted_roles(p)
        if not roles:
            return Summary("user.no_roles", {"username": p.username})
        return Summary("user.roles", {"username": p.username, "roles": ", ".join(roles)})

    def apply(self, session: Session, p: UserUpdatePayload, actor_id: int, order_id: int) -> dict:
        user = repo.user_by_username(session, p.username, for_update=True)
        assert user is not None  # its target's version was checked: the user is there
        # Checked again: another administrator may have been disabled since submission.
        if ADMIN_ROLE not in p.roles and user.active and service.is_last_administrator(session, user):
            raise service.last_administrator_error(user.username)
        known = repo.roles_by_codes(session, p.roles)
        repo.set_user_roles(session, user.id, (known[code].id for code in _wanted_roles(p)))
        user.version += 1
        return {"rows": [{"username": user.username, "roles": _wanted_roles(p), "version": user.version}]}


class RoleHandler:
    payload_model = RoleUpdatePayload
    diff_key = "code"

    def check(self, session: Session, p: RoleUpdatePayload) -> list[Violation]:
        if p.code == ADMIN_ROLE:
            return [Violation("code", "built_in_role",
                              "The administrator role holds every permission and cannot be edited.")]
        out = check_role_names(p.name_en, p.name_zh) + check_permission_codes(p.permissions)
        role = repo.role_by_code(session, p.code)
        if not out and role is not None and (role.name_en, role.name_zh, repo.permissions_of(session, role.id)) == (
                p.name_en, p.name_zh, set(p.permissions)):
            out.append(Violation("permissions", "no_change", f"The role {p.code} is like this already."))
        return out

    def check_maker(self, session: Session, p: RoleUpdatePayload, maker_id: int) -> list[Violation]:
        return self._self(session, p, maker_id)

    def check_decider(self, session: Session, p: RoleUpdatePayload, decider_id: int) -> list[Violation]:
        return self._self(session, p, decider_id)

    @staticmethod
    def _self(session: Session, p: RoleUpdatePayload, user_id: int) -> list[Violation]:
        """Adding permissions to a role the user holds would grant them to the user."""
        role = repo.role_by_code(session, p.code)
        if role is None or user_id not in repo.holder_ids(session, role.id):
            return []
        return [Violation("code", "self_grant", _SELF_ROLE)] if set(p.permissions) - repo.permissions_of(
            session, role.id) else []

    def targets(self, session: Session, p: RoleUpdatePayload) -> dict[str, int | None]:
        role = repo.role_by_code(session, p.code)
        return {role_target(p.code): role.version if role else None}

    def snapshot(self, session: Session, p: RoleUpdatePayload) -> dict:
        role = repo.role_by_code(session, p.code)
        return {"rows": [self._row(role, repo.permissions_of(session, role.id))] if role else []}

    @staticmethod
    def _row(role: Role, permissions: set[str]) -> dict:
        return {"code": role.code, "name_en": role.name_en, "name_zh": role.name_zh,
                "permissions": service.sorted_permissions(permissions), "version": role.version}

    def proposed(self, p: RoleUpdatePayload, snapshot: dict) -> dict:
        return {"rows": [{"code": p.code, "name_en": p.name_en, "name_zh": p.name_zh,
                          "permissions": service.sorted_permissions(p.permissions)}], "deleted": []}

    def summary(self, p: RoleUpdatePayload) -> Summary:
        return Summary("role", {"code": p.code, "name": p.name_en, "count": f"{len(set(p.permissions)):,}"})

    def apply(self, session: Session, p: RoleUpdatePayload, actor_id: int, order_id: int) -> dict:
        if p.code == ADMIN_ROLE:  # never submitted (check), and never applied either
            raise AssertionError("the administrator role is not edited")
        role = repo.role_by_code(session, p.code, for_update=True)
        if role is None:
            role = Role(code=p.code, name_en=p.name_en, name_zh=p.name_zh, version=0)
            repo.add_role(session, role)
        role.name_en, role.name_zh = p.name_en, p.name_zh
        repo.set_permissions(session, role.id, p.permissions)
        role.version += 1
        return {"rows": [self._row(role, set(p.permissions))]}


IDENTITY_FLOW_DEFS = (FlowDef(USER_UPDATE_FLOW, UserRolesHandler()), FlowDef(ROLE_UPDATE_FLOW, RoleHandler()))
