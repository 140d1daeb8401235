"""Display texts of the audit log: actions and their kinds, entities, the actor, event times, and
what each kind of broken chain means, in the UI language.

Actions, kinds and entities are the contract's table (services/contract/audit.py), translated
through Qt in its context; a code the table does not know yet shows as itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.audit import (
    ACTION_KINDS,
    ACTIONS,
    ACTIONS_CONTEXT,
    ENTITIES,
    AuditEventOut,
    ChainProblem,
)
from services.contract.flows import flow
from ui.common import change_texts
from ui.common.formatting import HK

CONTEXT = "AuditLog"
translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

_ACTIONS = {a.code: a.name_en for a in ACTIONS}
_KINDS = {k.code: k.name_en for k in ACTION_KINDS}
_ENTITIES = {e.code: e.name_en for e in ENTITIES}

# Fields events record besides the work-order row fields (ui/common/change_texts.py names those).
_FIELDS = {
    "values": QT_TRANSLATE_NOOP("AuditLog", "Values"),
    "comment": QT_TRANSLATE_NOOP("AuditLog", "Comment"),
    "reason": QT_TRANSLATE_NOOP("AuditLog", "Reason"),
    "level": QT_TRANSLATE_NOOP("AuditLog", "Level"),
    "decision": QT_TRANSLATE_NOOP("AuditLog", "Decision"),
    "side": QT_TRANSLATE_NOOP("AuditLog", "Side"),
    "step": QT_TRANSLATE_NOOP("AuditLog", "Step"),
    "file_name": QT_TRANSLATE_NOOP("AuditLog", "File"),
    "failures": QT_TRANSLATE_NOOP("AuditLog", "Failed Attempts"),
    "locked_until": QT_TRANSLATE_NOOP("AuditLog", "Locked Until"),
    "difference_limit": QT_TRANSLATE_NOOP("AuditLog", "Difference Limit"),
}

# What the first broken link means, for people; {id} is the event, {line} the checkpoint file's line.
PROBLEM_TEXTS = {
    ChainProblem.EVENT_CHANGED: QT_TRANSLATE_NOOP(
        "AuditLog", "Event #{id} was changed after it was recorded: its content no longer matches its hash."),
    ChainProblem.LINK_BROKEN: QT_TRANSLATE_NOOP(
        "AuditLog", "The chain breaks at event #{id}: events before it were removed or inserted."),
    ChainProblem.CHECKPOINT_MISMATCH: QT_TRANSLATE_NOOP(
        "AuditLog", "Event #{id} does not match its signed checkpoint: the events up to it were changed "
                    "and the chain recomputed."),
    ChainProblem.CHECKPOINT_EVENT_MISSING: QT_TRANSLATE_NOOP(
        "AuditLog", "Event #{id}, which a signed checkpoint names, is no longer in the trail."),
    ChainProblem.TAIL_MISSING: QT_TRANSLATE_NOOP(
        "AuditLog", "Events at the end of the trail are missing, up to event #{id}."),
    ChainProblem.APPENDED_AFTER_HEAD: QT_TRANSLATE_NOOP(
        "AuditLog", "Event #{id} and any after it were added without being chained."),
    ChainProblem.HEAD_MISSING: QT_TRANSLATE_NOOP("AuditLog", "The chain's head record is missing."),
    ChainProblem.CHECKPOINT_INVALID: QT_TRANSLATE_NOOP(
        "AuditLog", "A signed checkpoint is forged, out of order or unreadable (line {line} of the "
                    "checkpoint file)."),
}


def field_label(key: str) -> str:
    """One step of a field's path in words; a key nobody named shows as itself."""
    source = _FIELDS.get(key)
    return translate(CONTEXT, source) if source else change_texts.field_label(key)


def action_name(code: str) -> str:
    source = _ACTIONS.get(code)
    return translate(ACTIONS_CONTEXT, source) if source else code


def kind_name(prefix: str) -> str:
    source = _KINDS.get(prefix)
    return translate(ACTIONS_CONTEXT, source) if source else prefix


def entity_name(code: str) -> str:
    """An entity type in words; a change applied names its flow as its entity."""
    if flow(code) is not None:
        return change_texts.flow_name(code)
    source = _ENTITIES.get(code)
    return translate(ACTIONS_CONTEXT, source) if source else code


def action_choices() -> tuple[tuple[str, Callable[[], str]], ...]:
    """The action filter's choices: each kind ("all of them"), then its actions, indented."""
    out: list[tuple[str, Callable[[], str]]] = []
    for kind in ACTION_KINDS:
        out.append((kind.code, lambda code=kind.code: translate("AuditLog", "{kind} (all)").format(
            kind=kind_name(code))))
        out += [(a.code, lambda code=a.code: "    " + action_name(code))
                for a in ACTIONS if a.code.startswith(kind.code)]
    return tuple(out)


def entity_choices() -> tuple[tuple[str, Callable[[], str]], ...]:
    return tuple((e.code, lambda code=e.code: entity_name(code)) for e in ENTITIES)


def actor_text(event: AuditEventOut) -> str:
    """Who acted, by name (the username is the cell's tooltip), or the system for what came due on
    its own."""
    if event.actor_username is None:
        return translate("AuditLog", "System") if event.actor_id is None else f"#{event.actor_id}"
    return event.actor_name or event.actor_username


def actor_username(event: AuditEventOut) -> str:
    """The actor's username: what the Actor filter takes."""
    return event.actor_username or ""


def actor_detail(event: AuditEventOut) -> str:
    """Who acted, by name and username: "Kelvin Wong 黃家豪 (checker)"."""
    name = actor_text(event)
    return f"{name} ({event.actor_username})" if event.actor_username and name != event.actor_username else name


def event_time(value: datetime | None) -> str:
    """Hong Kong wall time to the second: an audit trail orders what happened within a minute."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(HK).strftime("%Y-%m-%d %H:%M:%S")


def problem_text(problem: ChainProblem | None, event_id: int | None, line: int | None) -> str:
    source = PROBLEM_TEXTS.get(problem) if problem is not None else None
    if source is None:
        return translate("AuditLog", "The chain is broken.")
    return translate(CONTEXT, source).format(id=event_id if event_id is not None else "?",
                                             line=line if line is not None else "?")
