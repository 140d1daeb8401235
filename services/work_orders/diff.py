"""The before/after table of a work order, without Qt or a database.

``before`` are the live rows the order replaces (its snapshot), ``after`` the rows it writes,
``deleted`` the keys it removes; rows match on one key field. Bookkeeping fields (version,
who and when) are not compared: a checker decides on the values.
"""

from dataclasses import dataclass
from enum import StrEnum

IGNORED_FIELDS = frozenset({"version", "updated_at", "updated_by"})


class Change(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    DELETED = "deleted"


@dataclass(frozen=True)
class RowDiff:
    key: str
    change: Change
    before: dict | None
    after: dict | None
    changed_fields: frozenset[str]


def diff_rows(before: list[dict], after: list[dict], deleted: list[str], key: str) -> list[RowDiff]:
    """Rows in the order the maker wrote them, then deletions in the order given."""
    old = {str(row[key]): row for row in before}
    out: list[RowDiff] = []
    for row in after:
        k = str(row[key])
        prior = old.get(k)
        if prior is None:
            out.append(RowDiff(k, Change.NEW, None, row, frozenset(row) - IGNORED_FIELDS))
            continue
        changed = frozenset(f for f in (set(row) | set(prior)) - IGNORED_FIELDS if row.get(f) != prior.get(f))
        out.append(RowDiff(k, Change.CHANGED if changed else Change.UNCHANGED, prior, row, changed))
    out.extend(RowDiff(str(k), Change.DELETED, old.get(str(k)), None, frozenset()) for k in deleted)
    return out


def columns(diffs: list[RowDiff]) -> list[str]:
    """Every field any row has, in first-seen order, bookkeeping last-out."""
    seen: dict[str, None] = {}
    for d in diffs:
        for row in (d.before, d.after):
            for f in row or ():
                if f not in IGNORED_FIELDS:
                    seen.setdefault(f)
    return list(seen)
