"""A row of the draft grid, and the grid's undoable commands: cells set (one edit's keystrokes
merge), rows inserted, rows removed. Each applies itself through the model's own writes, which
tell the views and the journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ui.risk.draft_grid import DraftGridModel

NEVER_MERGED = -1
TYPING = 1  # the id of the commands that merge: the keystrokes of one cell's edit


@dataclass
class GridRow:
    values: dict[str, str] = field(default_factory=dict)  # field → text as typed
    base: dict | None = None  # the live row it started from (snapshot form with "version")


class SetCells(QUndoCommand):
    def __init__(self, model: DraftGridModel, changes: list[tuple[int, str, str, str]], text: str,
                 merge_key: object = None):
        super().__init__(text)
        self.model, self.changes, self.merge_key = model, changes, merge_key

    def redo(self) -> None:
        self.model._write([(row, name, new) for row, name, _old, new in self.changes])

    def undo(self) -> None:
        self.model._write([(row, name, old) for row, name, old, _new in reversed(self.changes)])

    def id(self) -> int:
        return TYPING if self.merge_key is not None else NEVER_MERGED

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCells) or other.merge_key != self.merge_key or len(self.changes) != 1 \
                or len(other.changes) != 1 or other.changes[0][:2] != self.changes[0][:2]:
            return False
        row, name, old, _new = self.changes[0]
        self.changes = [(row, name, old, other.changes[0][3])]
        self.setObsolete(old == other.changes[0][3])  # typed back to what it was: nothing to undo
        return True


class InsertRows(QUndoCommand):
    def __init__(self, model: DraftGridModel, position: int, rows: list[GridRow], text: str):
        super().__init__(text)
        self.model, self.position, self.rows = model, position, rows

    def redo(self) -> None:
        self.model._insert(self.position, [GridRow(dict(r.values), r.base) for r in self.rows])

    def undo(self) -> None:
        self.model._remove(list(range(self.position, self.position + len(self.rows))))


class RemoveRows(QUndoCommand):
    def __init__(self, model: DraftGridModel, positions: list[int], text: str):
        super().__init__(text)
        self.model, self.positions = model, sorted(set(positions))
        self.removed: list[GridRow] = []

    def redo(self) -> None:
        self.removed = self.model._remove(self.positions)

    def undo(self) -> None:
        for position, row in zip(self.positions, self.removed, strict=True):  # ascending: each lands in place
            self.model._insert(position, [row])
