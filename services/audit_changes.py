"""An audit event's before and after, field by field (the audit log's detail), without Qt.

Events record what they touched as JSON objects of any shape: a status, a row's values under
"values", a list of rows. Nested objects are flattened into paths ("values" › "im") so each leaf is
compared on its own; lists and other values are compared whole. A field only after is new, only
before is deleted (a field that is there with null is there).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.work_orders.diff import Change

Path = tuple[str, ...]
ABSENT: Any = object()  # the side has no such field


@dataclass(frozen=True)
class FieldChange:
    path: Path
    before: Any  # ABSENT when only after has it
    after: Any  # ABSENT when only before has it
    change: Change


def _leaves(value: Mapping[str, Any] | None, prefix: Path = ()) -> dict[Path, Any]:
    out: dict[Path, Any] = {}
    for key, item in (value or {}).items():
        path = (*prefix, str(key))
        if isinstance(item, Mapping) and item:
            out.update(_leaves(item, path))
        else:
            out[path] = item
    return out


def field_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[FieldChange]:
    """Every field of either side in the order they first appear, before's fields first."""
    old, new = _leaves(before), _leaves(after)
    out = []
    for path in dict.fromkeys([*old, *new]):
        was, now = old.get(path, ABSENT), new.get(path, ABSENT)
        if was is ABSENT:
            change = Change.NEW
        elif now is ABSENT:
            change = Change.DELETED
        else:
            change = Change.UNCHANGED if was == now else Change.CHANGED
        out.append(FieldChange(path, was, now, change))
    return out
