"""The grid of a draft batch: a table model over its rows, cells kept as the user typed them, every
change an undoable command (ui/risk/draft_grid_commands.py) made by its ``edits``
(ui/risk/draft_grid_edits.py: typing, filling, rows added and deleted, pasting from Excel); the
cells' editor is ui/risk/draft_cell_delegate.py.

Changes go through the model's QUndoStack (cell edits, pastes, rows added or deleted), so Ctrl+Z
takes back exactly what the user did. A cell is committed as it is typed, not only when its
editor closes, and the keystrokes of one edit merge into one command: the journal sees every
character, undo takes back the whole edit. Each change is announced with its journal op
(services/offline/pending.py), which the controller writes to the workstation's database before the
next keystroke. Errors from the shared rules (drafts.judge) colour their cells red and warnings
amber, with the rule's sentence as the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QUndoStack

from services.excel.margin_columns import Kind, MarginColumn
from services.offline.drafts import started_absent
from services.offline.pending import cells_op, insert_op, remove_op
from services.rules.violations import Violation
from ui.common.read_only_model import CELL_FLAGS, AnyIndex
from ui.common.rule_messages import rule_text
from ui.risk.draft_grid_commands import GridRow
from ui.risk.draft_grid_edits import GridEdits
from ui.risk.margin_form import column_label

__all__ = ["ERROR_BACKGROUND", "DraftGridModel", "GridRow"]
translate = QCoreApplication.translate  # the name lupdate recognises

EDITABLE_FLAGS = CELL_FLAGS | Qt.ItemFlag.ItemIsEditable
ERROR_BACKGROUND = QColor("#fbe7e6")
ERROR_TEXT = QColor("#9b1c1c")
WARNING_BACKGROUND = QColor("#fff4d6")  # a warning's cell: seen, never refused


class DraftGridModel(QAbstractTableModel):
    changed = Signal(object)  # the rows changed (an edit, a paste, an undo): its journal op (a dict)

    def __init__(self, kind: Kind, columns: Sequence[MarginColumn], language: Callable[[], str],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self.columns = tuple(columns)
        self.fields = [c.field for c in self.columns]
        self._language = language
        self._rows: list[GridRow] = []
        self._errors: dict[tuple[int, str], list[str]] = {}
        self._warnings: dict[tuple[int, str], list[str]] = {}
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.edits = GridEdits(self)

    # --- reading --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def rows(self) -> list[GridRow]:
        return self._rows

    def text(self, row: int, name: str) -> str:
        return self._rows[row].values.get(name, "")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        name = self.fields[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()].values.get(name, "")
        errors = self._errors.get((index.row(), name))
        if role == Qt.ItemDataRole.BackgroundRole and errors:
            return ERROR_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and errors:
            return ERROR_TEXT
        if role == Qt.ItemDataRole.ToolTipRole and errors:
            return "\n".join(errors)
        warnings = self._warnings.get((index.row(), name))
        if role == Qt.ItemDataRole.BackgroundRole and warnings:
            return WARNING_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and warnings:
            return "\n".join(warnings)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column_label(column, self._language()) + (" *" if column.required else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role == Qt.ItemDataRole.ToolTipRole:
                base = self._rows[section].base
                return (translate("DraftBatches", "A new row") if started_absent(base) else
                        translate("DraftBatches", "Started from the live row, version {version}").format(
                            version=base.get("version")))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return CELL_FLAGS if self.read_only else EDITABLE_FLAGS

    # --- errors ---------------------------------------------------------------------------------

    def set_errors(self, violations: Sequence[Violation], warnings: Sequence[Violation] = ()) -> None:
        """Shows the broken rules, and the warnings, on their cells (rows numbered from 1, as judge
        gives them); a field the grid has no column for (a derived market) goes on the symbol."""
        errors, warned = self._on_cells(violations), self._on_cells(warnings)
        if (errors, warned) == (self._errors, self._warnings):
            return
        self._errors, self._warnings = errors, warned
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                   Qt.ItemDataRole.ToolTipRole])

    def _on_cells(self, violations: Sequence[Violation]) -> dict[tuple[int, str], list[str]]:
        out: dict[tuple[int, str], list[str]] = {}
        for v in violations:
            if v.row is not None and 0 < v.row <= len(self._rows):
                name = v.field if v.field in self.fields else self.fields[0]
                out.setdefault((v.row - 1, name), []).append(rule_text(v))
        return out

    def errors_at(self, row: int, name: str) -> list[str]:
        return list(self._errors.get((row, name), []))

    def error_cells(self) -> int:
        return len(self._errors)

    # --- loading --------------------------------------------------------------------------------

    def load(self, rows: Sequence[GridRow], *, read_only: bool) -> None:
        """Another batch: its rows, nothing to undo."""
        self.beginResetModel()
        self._rows = [GridRow(dict(r.values), r.base) for r in rows]
        self._errors, self._warnings = {}, {}
        self.read_only = read_only
        self.endResetModel()
        self.undo_stack.clear()

    def set_bases(self, bases: Sequence[dict | None]) -> None:
        """The base each row was saved with (set from the cache for a new symbol); not undoable."""
        for row, base in zip(self._rows, bases, strict=False):
            row.base = base

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.ToolTipRole])

    # --- editing: the Qt contract's part; the rest is ``edits`` ---------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        self.edits.set_cell(index.row(), index.column(), "" if value is None else str(value))
        return True

    def header_text(self, column: int) -> str:
        return column_label(self.columns[column], self._language())

    # --- what the commands do -------------------------------------------------------------------

    def _write(self, cells: Sequence[tuple[int, str, str]]) -> None:
        for row, name, value in cells:
            self._rows[row].values[name] = value
        if cells:
            rows = [row for row, _name, _value in cells]
            columns = [self.fields.index(name) for _row, name, _value in cells]
            self.dataChanged.emit(self.index(min(rows), min(columns)), self.index(max(rows), max(columns)),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.changed.emit(cells_op(cells))

    def _insert(self, position: int, rows: list[GridRow]) -> None:
        self.beginInsertRows(QModelIndex(), position, position + len(rows) - 1)
        self._rows[position:position] = rows
        self._errors, self._warnings = {}, {}  # row numbers moved; the next judgement puts them back
        self.endInsertRows()
        self.changed.emit(insert_op(position, [(r.values, r.base) for r in rows]))

    def _remove(self, positions: list[int]) -> list[GridRow]:
        """Removes the rows at ``positions`` (ascending) in contiguous runs, last run first;
        returns them in ascending order."""
        removed: dict[int, GridRow] = {}
        runs: list[list[int]] = []
        for p in positions:
            if runs and runs[-1][-1] == p - 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in reversed(runs):
            self.beginRemoveRows(QModelIndex(), run[0], run[-1])
            for p in run:
                removed[p] = self._rows[p]
            del self._rows[run[0]:run[-1] + 1]
            self._errors, self._warnings = {}, {}
            self.endRemoveRows()
        self.changed.emit(remove_op(positions))
        return [removed[p] for p in positions]
