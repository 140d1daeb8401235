"""The user's changes to the draft grid, each made an undoable command (draft_grid_commands.py) on
the model's QUndoStack: a cell typed (one edit's keystrokes merge), cells filled or cleared, rows
added or deleted, and Excel's cells pasted (a header row maps the columns by name)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from services.excel.margin_columns import Kind, match_header
from ui.risk.draft_grid_commands import GridRow, InsertRows, RemoveRows, SetCells

if TYPE_CHECKING:
    from ui.risk.draft_grid import DraftGridModel

translate = QCoreApplication.translate  # the name lupdate recognises


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


class GridEdits:
    def __init__(self, model: DraftGridModel):
        self._model = model

    def set_cell(self, row: int, column: int, text: str, merge_key: object = None) -> None:
        model = self._model
        name = model.fields[column]
        old = model.text(row, name)
        if old == text or model.read_only:
            return
        model.undo_stack.push(SetCells(model, [(row, name, old, text)], translate("DraftBatches", "Edit {field}").format(
            field=model.header_text(column)), merge_key))

    def set_cells(self, cells: Sequence[tuple[int, int, str]], text: str) -> None:
        """Several cells at once (a fill, a clear): one command."""
        model = self._model
        changes = [(row, model.fields[column], model.text(row, model.fields[column]), value)
                   for row, column, value in cells]
        changes = [c for c in changes if c[2] != c[3]]
        if changes and not model.read_only:
            model.undo_stack.push(SetCells(model, changes, text))

    def insert_rows(self, position: int, rows: Sequence[GridRow], text: str) -> None:
        if rows and not self._model.read_only:
            self._model.undo_stack.push(InsertRows(self._model, position, list(rows), text))

    def add_row(self) -> int:
        """An empty row at the end; returns its number (from 0)."""
        position = self._model.rowCount()
        self.insert_rows(position, [GridRow({name: "" for name in self._model.fields})],
                         translate("DraftBatches", "Add row"))
        return position

    def remove_rows(self, positions: Sequence[int]) -> None:
        model = self._model
        positions = sorted({p for p in positions if 0 <= p < model.rowCount()})
        if positions and not model.read_only:
            model.undo_stack.push(RemoveRows(model, positions, translate("DraftBatches", "Delete {count} row(s)").format(
                count=len(positions))))

    def paste(self, lines: Sequence[Sequence[str]], row: int, column: int) -> tuple[int, int]:
        """Pastes tab-separated ``lines`` with their top-left cell at (row, column); a first line
        that is a header row maps the columns by name instead (and starts at ``row``'s first
        column). Lines beyond the last row become new rows. Returns (cells set, rows added)."""
        model = self._model
        if not lines or model.read_only:
            return 0, 0
        fields = model.fields
        named = header_fields(model.kind, lines[0])
        if named is not None:
            lines = lines[1:]
            targets: list[str | None] = [n if n in fields else None for n in named]
        else:
            targets = [fields[c] if c < len(fields) else None for c in range(column, column + max(
                (len(line) for line in lines), default=0))]
        changes: list[tuple[int, str, str, str]] = []
        new_rows: list[GridRow] = []
        for offset, line in enumerate(lines):
            cells = {name: value.strip() for name, value in zip(targets, line, strict=False) if name is not None}
            at = row + offset
            if at < model.rowCount():
                changes += [(at, name, model.text(at, name), value) for name, value in cells.items()
                            if model.text(at, name) != value]
            else:
                new_rows.append(GridRow({name: cells.get(name, "") for name in fields}))
        if not changes and not new_rows:
            return 0, 0
        stack = model.undo_stack
        stack.beginMacro(translate("DraftBatches", "Paste {count} row(s)").format(count=len(lines)))
        if changes:
            stack.push(SetCells(model, changes, ""))
        if new_rows:
            stack.push(InsertRows(model, model.rowCount(), new_rows, ""))
        stack.endMacro()
        return len(changes), len(new_rows)

    def revert_edit(self, merge_key: object) -> None:
        """Takes back the edit ``merge_key`` typed, when it is the last thing done."""
        stack = self._model.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() else None
        if isinstance(top, SetCells) and top.merge_key == merge_key:
            stack.undo()
