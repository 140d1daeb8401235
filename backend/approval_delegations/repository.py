"""Every query of the delegations: a person's (given and received), one by id under lock, and the
people they name."""

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session, aliased

from backend.approval_delegations.models import ApprovalDelegation
from backend.auth.models import RolePermission, User, UserRole
from services.contract.permissions import Perm

_FROM, _TO = aliased(User), aliased(User)


def _with_people():
    return (select(ApprovalDelegation, _FROM.username.label("from_username"), _FROM.display_name.label("from_name"),
                   _TO.username.label("to_username"), _TO.display_name.label("to_name"))
            .join(_FROM, _FROM.id == ApprovalDelegation.from_user_id)
            .join(_TO, _TO.id == ApprovalDelegation.to_user_id))


def mine(session: Session, user_id: int) -> list[Row]:
    """(delegation, from_username, from_name, to_username, to_name) of those ``user_id`` gave or
    received, newest first."""
    return list(session.execute(_with_people().where(or_(ApprovalDelegation.from_user_id == user_id,
                                                         ApprovalDelegation.to_user_id == user_id))
                                .order_by(ApprovalDelegation.id.desc())))


def one(session: Session, delegation_id: int) -> Row | None:
    return session.execute(_with_people().where(ApprovalDelegation.id == delegation_id)).first()


def lock(session: Session, delegation_id: int) -> ApprovalDelegation | None:
    return session.scalar(select(ApprovalDelegation).where(ApprovalDelegation.id == delegation_id).with_for_update())


def person(session: Session, username: str) -> Row | None:
    """(id, username, active, may_approve) of a user, by username."""
    may_approve = (select(UserRole.user_id).join(RolePermission, RolePermission.role_id == UserRole.role_id)
                   .where(UserRole.user_id == User.id, RolePermission.permission == Perm.APPROVAL_INBOX.value)
                   .exists())
    return session.execute(select(User.id, User.username, User.active, may_approve.label("may_approve"))
                           .where(User.username == username)).first()


def add(session: Session, delegation: ApprovalDelegation) -> None:
    session.add(delegation)
    session.flush()
