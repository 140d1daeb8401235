"""The two tables of the conflict view (ui/risk/draft_conflicts.py): the conflicting rows with
what each still needs, and one row's fields side by side (drafted, started from, live now) with
the value each field takes once merged. Where a field changed on both sides the drafted and the
live cells are checkable: ticking one is the user's choice for that field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from services.offline.conflicts import Choice, FieldValues, RowChoice, RowConflict
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel

translate = QCoreApplication.translate  # the name lupdate recognises

LIVE_CHANGED_BACKGROUND = QColor("#fff1c2")
DRAFT_CHANGED_BACKGROUND = QColor("#e3eefc")
CONTESTED_BACKGROUND = QColor("#fbe0dd")
CHOICE_TEXTS = {Choice.KEEP_MINE: QT_TRANSLATE_NOOP("DraftBatches", "Keep mine"),
                Choice.TAKE_LIVE: QT_TRANSLATE_NOOP("DraftBatches", "Take live")}
_ROW_HEADERS = (QT_TRANSLATE_NOOP("DraftBatches", "Row"), QT_TRANSLATE_NOOP("DraftBatches", "Symbol"),
                QT_TRANSLATE_NOOP("DraftBatches", "Your choice"), QT_TRANSLATE_NOOP("DraftBatches", "Changed live"))
CHOICE_COLUMN, CHANGED_COLUMN = 2, 3
_FIELD_HEADERS = (QT_TRANSLATE_NOOP("DraftBatches", "Field"), QT_TRANSLATE_NOOP("DraftBatches", "Drafted"),
                  QT_TRANSLATE_NOOP("DraftBatches", "Started from"), QT_TRANSLATE_NOOP("DraftBatches", "Live now"),
                  QT_TRANSLATE_NOOP("DraftBatches", "Becomes"))
DRAFTED, STARTED, LIVE, BECOMES = 1, 2, 3, 4
_SIDES = {DRAFTED: Choice.KEEP_MINE, LIVE: Choice.TAKE_LIVE}


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _header(headers: tuple[str, ...], section: int, orientation: Qt.Orientation, role: int) -> str | None:
    if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
            and 0 <= section < len(headers):
        return translate("DraftBatches", headers[section])
    return None


class ConflictRowsModel(ReadOnlyTableModel):
    def __init__(self, field_name: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._field_name = field_name
        self.conflicts: list[RowConflict] = []
        self.choices: dict[int, RowChoice] = {}  # by position in the batch

    def set_conflicts(self, conflicts: list[RowConflict]) -> None:
        self.beginResetModel()
        self.conflicts, self.choices = list(conflicts), {}
        self.endResetModel()

    def choice(self, row: int) -> RowChoice | None:
        return self.choices.get(self.conflicts[row].position)

    def choose(self, rows: list[int], choice: Choice) -> None:
        """The choice for every field of ``rows`` changed on both sides (or for a whole row)."""
        for row in rows:
            self.choices[self.conflicts[row].position] = choice
        if rows:
            self.dataChanged.emit(self.index(min(rows), CHOICE_COLUMN), self.index(max(rows), CHOICE_COLUMN))

    def choose_field(self, row: int, field: str, choice: Choice) -> None:
        conflict = self.conflicts[row]
        if conflict.whole_row or field not in conflict.contested_fields():
            return
        current = self.choices.get(conflict.position)
        per_field = {f: current for f in conflict.contested_fields()} if isinstance(current, Choice) else \
            dict(current or {})
        self.choices[conflict.position] = {**per_field, field: choice}
        self.dataChanged.emit(self.index(row, CHOICE_COLUMN), self.index(row, CHOICE_COLUMN))

    def ready(self) -> int:
        """Rows whose every choice is made (a row with nothing to choose is ready as it is)."""
        return sum(1 for c in self.conflicts if c.ready(self.choices.get(c.position)))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_ROW_HEADERS)

    def _changed(self, conflict: RowConflict) -> str:
        if conflict.deleted:
            return translate("DraftBatches", "Deleted")
        if conflict.created:
            return translate("DraftBatches", "Created live")
        return ", ".join(self._field_name(f) for f in conflict.changed_fields())

    def _status(self, conflict: RowConflict) -> str:
        choice = self.choices.get(conflict.position)
        if isinstance(choice, Choice):
            return translate("DraftBatches", CHOICE_TEXTS[choice])
        if conflict.whole_row:
            return translate("DraftBatches", "Keep or drop the row")
        open_fields = [f for f in conflict.contested_fields() if conflict.field_choice(f, choice) is None]
        if not conflict.contested_fields():
            return translate("DraftBatches", "Nothing to choose")
        if not open_fields:
            return translate("DraftBatches", "Chosen field by field")
        return translate("DraftBatches", "Choose: {fields}").format(
            fields=", ".join(self._field_name(f) for f in open_fields))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conflict = self.conflicts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(conflict.position + 1)
            if column == 1:
                return conflict.symbol
            return self._changed(conflict) if column == CHANGED_COLUMN else self._status(conflict)
        if column == CHOICE_COLUMN and role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole):
            ready = conflict.ready(self.choices.get(conflict.position))
            if role == Qt.ItemDataRole.FontRole:
                return _bold() if ready else None
            return None if ready else CONTESTED_BACKGROUND
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return _header(_ROW_HEADERS, section, orientation, role)


class ConflictFieldsModel(ReadOnlyTableModel):
    """One conflicting row, a line per field: drafted, started from, live now, and what it
    becomes. A field changed on both sides is marked; tick its drafted or its live value."""

    chosen = Signal(str, object)  # field, Choice: the user ticked a side

    def __init__(self, field_name: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._field_name = field_name
        self.conflict: RowConflict | None = None
        self.choice: RowChoice | None = None

    def set_conflict(self, conflict: RowConflict | None, choice: RowChoice | None = None) -> None:
        self.beginResetModel()
        self.conflict, self.choice = conflict, choice
        self.endResetModel()

    def set_choice(self, choice: RowChoice | None) -> None:
        self.choice = choice
        if self.rowCount():
            self.dataChanged.emit(self.index(0, DRAFTED), self.index(self.rowCount() - 1, BECOMES))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.conflict is None else len(self.conflict.fields)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_FIELD_HEADERS)

    def _contested(self, values: FieldValues) -> bool:
        return self.conflict is not None and values.field in self.conflict.contested_fields()

    def _becomes(self, values: FieldValues) -> str:
        conflict = self.conflict
        assert conflict is not None
        if conflict.whole_row:
            if not isinstance(self.choice, Choice):
                return ""
            if self.choice is Choice.TAKE_LIVE:
                return translate("DraftBatches", "(leaves the batch)")
            return values.drafted
        merged = values.merged(conflict.field_choice(values.field, self.choice))
        return translate("DraftBatches", "(choose)") if merged is None else merged

    def _why(self, values: FieldValues) -> str:
        if self._contested(values):
            return translate("DraftBatches", "Changed on both sides: tick the value to keep.")
        if values.live_changed and not values.drafted_changed:
            return translate("DraftBatches", "Changed only live: the live value is taken.")
        if values.drafted_changed:
            return translate("DraftBatches", "Changed only in your draft: your value is kept.")
        return translate("DraftBatches", "Unchanged on both sides.")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.conflict is None:
            return None
        values = self.conflict.fields[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._field_name(values.field)
            if column == DRAFTED:
                return values.drafted
            if column == STARTED:
                return translate("DraftBatches", "(new row)") if values.started is None else values.started
            if column == LIVE:
                return translate("DraftBatches", "(deleted)") if values.live is None else values.live
            return self._becomes(values)
        if role == Qt.ItemDataRole.CheckStateRole and column in _SIDES and self._contested(values):
            picked = self.conflict.field_choice(values.field, self.choice)
            return Qt.CheckState.Checked if picked is _SIDES[column] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._contested(values) and column in (0, BECOMES):
                return CONTESTED_BACKGROUND
            if column == DRAFTED and values.drafted_changed:
                return DRAFT_CHANGED_BACKGROUND
            if column == LIVE and values.live_changed:
                return LIVE_CHANGED_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and column == BECOMES:
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, BECOMES):
            return self._why(values)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in _SIDES and self.conflict is not None \
                and self._contested(self.conflict.fields[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() not in _SIDES \
                or self.conflict is None or not self._contested(self.conflict.fields[index.row()]):
            return False
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            return False  # a side is unticked by ticking the other one
        self.chosen.emit(self.conflict.fields[index.row()].field, _SIDES[index.column()])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return _header(_FIELD_HEADERS, section, orientation, role)
