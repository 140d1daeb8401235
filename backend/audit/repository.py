"""Every query of the audit log: events by filter, newest first, paged by keyset on id; one event;
a capped count and the whole filtered set for the export.

Ids grow in chain order (the commit takes them under the chain head's lock: service.py), so "newest first"
is id descending, the primary key's order: a page is a backward walk of it however deep the
cursor. The actor is named by username (a join to users); the date range is of Hong Kong days.
An action ending in "." is a kind of actions, matched as a prefix with LIKE's wildcards escaped
("work_order." must not match "workXorder.").
"""

from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.auth.models import User
from backend.kit.hk_time import hk_day_start
from backend.kit.keyset import FROM_START, Keyset, Seek, positive_int
from services.contract.audit import ACTION_KIND_END, AuditEventFilter

# What the list shows of an event (no before and after: they may be large).
LISTED = (AuditEvent.id, AuditEvent.at, AuditEvent.actor_id, User.username.label("actor_username"),
          User.display_name.label("actor_name"), AuditEvent.action, AuditEvent.entity_type,
          AuditEvent.entity_id)
IN_FULL = (*LISTED, AuditEvent.before, AuditEvent.after, AuditEvent.prev_hash, AuditEvent.hash)


def conditions(f: AuditEventFilter) -> list:
    out = []
    if f.actor:
        out.append(AuditEvent.actor_id == select(User.id).where(User.username == f.actor).scalar_subquery())
    if f.entity_type:
        out.append(AuditEvent.entity_type == f.entity_type)
    if f.entity_id:
        out.append(AuditEvent.entity_id == f.entity_id)
    if f.action and f.action.endswith(ACTION_KIND_END):
        out.append(AuditEvent.action.startswith(f.action, autoescape=True))
    elif f.action:
        out.append(AuditEvent.action == f.action)
    if f.date_from:
        out.append(AuditEvent.at >= hk_day_start(f.date_from))
    if f.date_to:
        out.append(AuditEvent.at < hk_day_start(f.date_to + timedelta(days=1)))
    return out


EVENT_KEYSET = Keyset([AuditEvent.id], [positive_int], descending=True)


def _events(columns, f: AuditEventFilter, seek: Seek = FROM_START) -> Select:
    return (select(*columns).outerjoin(User, User.id == AuditEvent.actor_id)
            .where(*conditions(f), *EVENT_KEYSET.where(seek)).order_by(*EVENT_KEYSET.order_by(seek)))


def event_page(session: Session, f: AuditEventFilter, seek: Seek, limit: int) -> list[Row]:
    """Up to ``limit`` events from ``seek`` on, newest first (backward: the nearest first)."""
    return list(session.execute(_events(LISTED, f, seek).limit(limit)).all())


def count_capped(session: Session, f: AuditEventFilter, cap: int) -> int:
    """The filter's events, counted no further than ``cap`` + 1 (so "more than ``cap``" shows)."""
    matching = select(AuditEvent.id).where(*conditions(f)).limit(cap + 1).subquery()
    return session.execute(select(func.count()).select_from(matching)).scalar_one()


def iter_events(session: Session, f: AuditEventFilter, chunk: int) -> Iterator[Row]:
    """Every event the filter matches, in full, newest first, ``chunk`` rows a query."""
    before_id = None
    while True:
        statement = _events(IN_FULL, f).limit(chunk)
        if before_id is not None:
            statement = statement.where(AuditEvent.id < before_id)
        rows = session.execute(statement).all()
        yield from rows
        if len(rows) < chunk:
            return
        before_id = rows[-1].id


def event(session: Session, event_id: int) -> Row | None:
    return session.execute(select(*IN_FULL).outerjoin(User, User.id == AuditEvent.actor_id)
                           .where(AuditEvent.id == event_id)).one_or_none()
