"""The grid of a draft batch: a table model over its rows, cells kept as the user typed them, every
change an undoable command (ui/risk/draft_grid_commands.py), and pasting from Excel; the cells'
editor is ui/risk/draft_cell_delegate.py.

Changes go through the model's QUndoStack (cell edits, pastes, rows added or deleted), so Ctrl+Z
takes back exactly what the user did. A cell is committed as it is typed, not only when its
editor closes, and the keystrokes of one edit merge into one command: autosave sees every
character, undo takes back the whole edit. Errors from the shared rules (drafts.judge) colour
their cells, with the rule's sentence as the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QUndoStack

from services.excel.margin_columns import Kind, MarginColumn, match_header
from services.rules.violations import Violation
from ui.common.rule_messages import rule_text
from ui.risk.draft_grid_commands import GridRow, InsertRows, RemoveRows, SetCells
from ui.risk.margin_form import column_label

__all__ = ["ERROR_BACKGROUND", "DraftGridModel", "GridRow", "parse_tsv"]
translate = QCoreApplication.translate  # the name lupdate recognises

AnyIndex = QModelIndex | QPersistentModelIndex
ERROR_BACKGROUND = QColor("#fbe7e6")
ERROR_TEXT = QColor("#9b1c1c")


def parse_tsv(text: str) -> list[list[str]]:
    """Tab-separated lines as Excel puts them on the clipboard; trailing blank lines dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


def header_fields(kind: Kind, cells: Sequence[str]) -> list[str | None] | None:
    """The field of each cell when ``cells`` is a header row (every non-blank cell names a column
    of the kind's workbook), else None."""
    named = [(match_header(kind, c) if c.strip() else None) for c in cells]
    if not any(named) or any(c.strip() and n is None for c, n in zip(cells, named, strict=True)):
        return None
    return [n.field if n is not None else None for n in named]


class DraftGridModel(QAbstractTableModel):
    changed = Signal()  # the rows changed (an edit, a paste, an undo): save them soon

    def __init__(self, kind: Kind, columns: Sequence[MarginColumn], language: Callable[[], str],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self.columns = tuple(columns)
        self.fields = [c.field for c in self.columns]
        self._language = language
        self._rows: list[GridRow] = []
        self._errors: dict[tuple[int, str], list[str]] = {}
        self.read_only = False
        self.undo_stack = QUndoStack(self)

    # --- reading --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def rows(self) -> list[GridRow]:
        return self._rows

    def values(self) -> list[dict[str, str]]:
        return [dict(r.values) for r in self._rows]

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
                return (translate("DraftBatches", "A new row") if base is None else
                        translate("DraftBatches", "Started from the live row, version {version}").format(
                            version=base.get("version")))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    # --- errors ---------------------------------------------------------------------------------

    def set_errors(self, violations: Sequence[Violation]) -> None:
        """Shows the broken rules on their cells (rows numbered from 1, as judge gives them); a
        field the grid has no column for (a derived market) goes on the symbol."""
        errors: dict[tuple[int, str], list[str]] = {}
        for v in violations:
            if v.row is None or not 0 < v.row <= len(self._rows):
                continue
            name = v.field if v.field in self.fields else self.fields[0]
            errors.setdefault((v.row - 1, name), []).append(rule_text(v))
        if errors == self._errors:
            return
        self._errors = errors
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                   Qt.ItemDataRole.ToolTipRole])

    def errors_at(self, row: int, name: str) -> list[str]:
        return list(self._errors.get((row, name), []))

    def error_cells(self) -> int:
        return len(self._errors)

    # --- loading --------------------------------------------------------------------------------

    def load(self, rows: Sequence[GridRow], *, read_only: bool) -> None:
        """Another batch: its rows, nothing to undo."""
        self.beginResetModel()
        self._rows = [GridRow(dict(r.values), r.base) for r in rows]
        self._errors = {}
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

    # --- editing, each an undoable command ------------------------------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        self.set_cell(index.row(), index.column(), "" if value is None else str(value))
        return True

    def set_cell(self, row: int, column: int, text: str, merge_key: object = None) -> None:
        name = self.fields[column]
        old = self.text(row, name)
        if old == text or self.read_only:
            return
        self.undo_stack.push(SetCells(self, [(row, name, old, text)],
                                       translate("DraftBatches", "Edit {field}").format(field=self.header_text(column)),
                                       merge_key))

    def set_cells(self, cells: Sequence[tuple[int, int, str]], text: str) -> None:
        """Several cells at once (a fill, a clear): one command."""
        changes = [(row, self.fields[column], self.text(row, self.fields[column]), value)
                   for row, column, value in cells]
        changes = [c for c in changes if c[2] != c[3]]
        if changes and not self.read_only:
            self.undo_stack.push(SetCells(self, changes, text))

    def insert_rows(self, position: int, rows: Sequence[GridRow], text: str) -> None:
        if rows and not self.read_only:
            self.undo_stack.push(InsertRows(self, position, list(rows), text))

    def add_row(self) -> int:
        """An empty row at the end; returns its number (from 0)."""
        position = len(self._rows)
        self.insert_rows(position, [GridRow({name: "" for name in self.fields})], translate("DraftBatches", "Add row"))
        return position

    def remove_rows(self, positions: Sequence[int]) -> None:
        positions = sorted({p for p in positions if 0 <= p < len(self._rows)})
        if positions and not self.read_only:
            self.undo_stack.push(RemoveRows(self, positions, translate("DraftBatches", "Delete {count} row(s)").format(
                count=len(positions))))

    def paste(self, lines: Sequence[Sequence[str]], row: int, column: int) -> tuple[int, int]:
        """Pastes tab-separated ``lines`` with their top-left cell at (row, column); a first line
        that is a header row maps the columns by name instead (and starts at ``row``'s first
        column). Lines beyond the last row become new rows. Returns (cells set, rows added)."""
        if not lines or self.read_only:
            return 0, 0
        named = header_fields(self.kind, lines[0])
        if named is not None:
            lines = lines[1:]
            targets: list[str | None] = [n if n in self.fields else None for n in named]
        else:
            targets = [self.fields[c] if c < len(self.fields) else None for c in range(column, column + max(
                (len(line) for line in lines), default=0))]
        changes: list[tuple[int, str, str, str]] = []
        new_rows: list[GridRow] = []
        for offset, line in enumerate(lines):
            cells = {name: value.strip() for name, value in zip(targets, line, strict=False) if name is not None}
            at = row + offset
            if at < len(self._rows):
                changes += [(at, name, self.text(at, name), value) for name, value in cells.items()
                            if self.text(at, name) != value]
            else:
                new_rows.append(GridRow({name: cells.get(name, "") for name in self.fields}))
        if not changes and not new_rows:
            return 0, 0
        self.undo_stack.beginMacro(translate("DraftBatches", "Paste {count} row(s)").format(count=len(lines)))
        if changes:
            self.undo_stack.push(SetCells(self, changes, ""))
        if new_rows:
            self.undo_stack.push(InsertRows(self, len(self._rows), new_rows, ""))
        self.undo_stack.endMacro()
        return len(changes), len(new_rows)

    def revert_edit(self, merge_key: object) -> None:
        """Takes back the edit ``merge_key`` typed, when it is the last thing done."""
        top = self.undo_stack.command(self.undo_stack.index() - 1) if self.undo_stack.index() else None
        if isinstance(top, SetCells) and top.merge_key == merge_key:
            self.undo_stack.undo()

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
        self.changed.emit()

    def _insert(self, position: int, rows: list[GridRow]) -> None:
        self.beginInsertRows(QModelIndex(), position, position + len(rows) - 1)
        self._rows[position:position] = rows
        self._errors = {}  # row numbers moved; the next judgement puts them back
        self.endInsertRows()
        self.changed.emit()

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
            self._errors = {}
            self.endRemoveRows()
        self.changed.emit()
        return [removed[p] for p in positions]
