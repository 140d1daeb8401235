"""Events staged in a transaction, published only after it commits.

A service stages what its change will tell whom (``stage``), in the session of the change; the
route commits, then hands the session to the broker, which takes the staged events
(``take_staged``) and sends them. A rollback drops them, so a change that never happened is never
announced, and a failed commit never reaches the publish call.
"""

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from backend.events.hub import Event

_STAGED = "opsdesk.staged_events"


def stage(session: Session, staged: Event) -> None:
    if staged.users:
        session.info.setdefault(_STAGED, []).append(staged)


def take_staged(session: Session) -> list[Event]:
    """The staged events, once: the session holds none afterwards."""
    return session.info.pop(_STAGED, [])


@event.listens_for(Session, "after_soft_rollback")
def _drop_on_rollback(session: Session, previous: SessionTransaction) -> None:
    # The whole transaction's rollback, not a savepoint's inside it (the change may still commit).
    if previous.parent is None:
        session.info.pop(_STAGED, None)
