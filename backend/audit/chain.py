"""The audit chain's hash: one definition shared by record(), verify() and migration 0012.

hash = SHA-256(prev_hash + canonical JSON of the event's fields), hex. The canonical JSON is
``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)`` over
id, at (ISO 8601 in UTC with microseconds), actor_id, action, entity_type, entity_id, before and
after. Every field is hashed in the form the database gives back (UtcDateTime returns aware UTC
with microseconds on both dialects; JSON columns return what json.loads gives), so recomputing
from a stored row gives the stored hash. Changing this format needs a migration that re-chains.
"""

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import RowMapping

GENESIS_HASH = "0" * 64
FIELDS = ("id", "at", "actor_id", "action", "entity_type", "entity_id", "before", "after")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def as_stored_json(value: Any) -> Any:
    """What a JSON column will give back for ``value`` (tuples become lists, keys strings, ...)."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False, default=str))


def iso_utc(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(prev_hash: str, fields: Mapping[str, Any] | RowMapping) -> str:
    """``fields`` holds FIELDS (``at`` an aware datetime); extra keys are ignored."""
    payload = {name: fields[name] for name in FIELDS}
    payload["at"] = iso_utc(payload["at"])
    return hashlib.sha256((prev_hash + canonical_json(payload)).encode("utf-8")).hexdigest()
