"""A side-by-side, line-level text diff with the changed words of each changed line, without Qt.

Lines are matched with difflib; a replaced line is paired with its replacement and compared word
by word (Latin words whole, CJK characters one by one, as they carry a word each). Long runs of
unchanged lines fold to a few lines of context around each change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

CONTEXT_LINES = 3
INTRALINE_MAX = 2_000  # longer lines are marked whole: a character diff of them costs too much
_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)


class LineKind(StrEnum):
    EQUAL = "equal"
    CHANGED = "changed"  # a line and its replacement
    DELETED = "deleted"  # only on the left
    INSERTED = "inserted"  # only on the right
    SKIPPED = "skipped"  # a fold of unchanged lines


Segment = tuple[str, bool]  # text, and whether it is the changed part


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    left_no: int | None = None  # 1-based line numbers; None where the side has no line
    left: tuple[Segment, ...] = ()
    right_no: int | None = None
    right: tuple[Segment, ...] = ()
    skipped: int = 0  # how many unchanged lines a SKIPPED row stands for


def _tokens(line: str) -> list[str]:
    return _TOKEN.findall(line)


def intraline(before: str, after: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The two lines cut into segments, the words that differ marked."""
    if len(before) > INTRALINE_MAX or len(after) > INTRALINE_MAX:
        return ((before, True),), ((after, True),)
    a, b = _tokens(before), _tokens(after)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            left.append(("".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), tag != "equal"))
    return _merged(left), _merged(right)


def _merged(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for text, changed in segments:
        if out and out[-1][1] == changed:
            out[-1] = (out[-1][0] + text, changed)
        else:
            out.append((text, changed))
    return tuple(out)


def side_by_side(before: str, after: str, context: int | None = CONTEXT_LINES) -> list[DiffLine]:
    """The rows of a side-by-side diff; ``context`` None keeps every unchanged line."""
    a, b = before.splitlines(), after.splitlines()
    rows: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffLine(LineKind.EQUAL, i1 + k + 1, ((a[i1 + k], False),), j1 + k + 1, ((b[j1 + k], False),))
                     for k in range(i2 - i1)]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            left, right = intraline(a[i1 + k], b[j1 + k])
            rows.append(DiffLine(LineKind.CHANGED, i1 + k + 1, left, j1 + k + 1, right))
        rows += [DiffLine(LineKind.DELETED, left_no=i + 1, left=((a[i], True),)) for i in range(i1 + paired, i2)]
        rows += [DiffLine(LineKind.INSERTED, right_no=j + 1, right=((b[j], True),)) for j in range(j1 + paired, j2)]
    return rows if context is None else _folded(rows, context)


def _folded(rows: list[DiffLine], context: int) -> list[DiffLine]:
    """Runs of unchanged lines longer than the context on both sides become one SKIPPED row."""
    out: list[DiffLine] = []
    start = 0
    while start < len(rows):
        if rows[start].kind != LineKind.EQUAL:
            out.append(rows[start])
            start += 1
            continue
        end = start
        while end < len(rows) and rows[end].kind == LineKind.EQUAL:
            end += 1
        keep_head = 0 if start == 0 else context  # context after the change above
        keep_tail = 0 if end == len(rows) else context  # context before the change below
        if end - start > keep_head + keep_tail + 1:
            out += rows[start:start + keep_head]
            out.append(DiffLine(LineKind.SKIPPED, skipped=end - start - keep_head - keep_tail))
            out += rows[end - keep_tail:end]
        else:
            out += rows[start:end]
        start = end
    return out


def counts(rows: list[DiffLine]) -> dict[LineKind, int]:
    """Lines changed, deleted and inserted (the figures above a diff)."""
    out = {kind: 0 for kind in LineKind}
    for row in rows:
        out[row.kind] += row.skipped if row.kind == LineKind.SKIPPED else 1
    return out
