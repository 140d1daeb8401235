"""The conflict view of a draft batch: each row whose live row moved after it was drafted, each
field three ways (drafted, started from, live now), and the user's choice per row: keep mine or
take live. Applying the choices (services/offline/conflicts.resolve) makes the batch a draft
again once no row conflicts; it is then submitted anew.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.excel.margin_columns import MarginColumn
from services.offline.conflicts import Choice, RowConflict, draft_columns, resolve, row_conflicts
from services.offline.store import LocalStore
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel
from ui.common.table_view import CopyableTableView
from ui.risk.margin_form import column_label

translate = QCoreApplication.translate  # the name lupdate recognises

LIVE_CHANGED_BACKGROUND = QColor("#fff1c2")
DRAFT_CHANGED_BACKGROUND = QColor("#e3eefc")
CHOICE_TEXTS = {Choice.KEEP_MINE: QT_TRANSLATE_NOOP("DraftBatches", "Keep mine"),
                Choice.TAKE_LIVE: QT_TRANSLATE_NOOP("DraftBatches", "Take live")}
_ROW_HEADERS = (QT_TRANSLATE_NOOP("DraftBatches", "Row"), QT_TRANSLATE_NOOP("DraftBatches", "Symbol"),
                QT_TRANSLATE_NOOP("DraftBatches", "Changed live"), QT_TRANSLATE_NOOP("DraftBatches", "Your choice"))
_FIELD_HEADERS = (QT_TRANSLATE_NOOP("DraftBatches", "Field"), QT_TRANSLATE_NOOP("DraftBatches", "Drafted"),
                  QT_TRANSLATE_NOOP("DraftBatches", "Started from"), QT_TRANSLATE_NOOP("DraftBatches", "Live now"))


class ConflictRowsModel(ReadOnlyTableModel):
    def __init__(self, field_name: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._field_name = field_name
        self.conflicts: list[RowConflict] = []
        self.choices: dict[int, Choice] = {}  # by position in the batch

    def set_conflicts(self, conflicts: list[RowConflict]) -> None:
        self.beginResetModel()
        self.conflicts, self.choices = list(conflicts), {}
        self.endResetModel()

    def choose(self, rows: list[int], choice: Choice) -> None:
        for row in rows:
            self.choices[self.conflicts[row].position] = choice
        if rows:
            self.dataChanged.emit(self.index(min(rows), 3), self.index(max(rows), 3))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_ROW_HEADERS)

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
            if column == 2:
                if conflict.deleted:
                    return translate("DraftBatches", "Deleted")
                return ", ".join(self._field_name(f) for f in conflict.changed_fields())
            choice = self.choices.get(conflict.position)
            return "" if choice is None else translate("DraftBatches", CHOICE_TEXTS[choice])
        if role == Qt.ItemDataRole.FontRole and column == 3 and conflict.position in self.choices:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_ROW_HEADERS):
            return translate("DraftBatches", _ROW_HEADERS[section])
        return None


class ConflictFieldsModel(ReadOnlyTableModel):
    """One conflicting row, a line per field: drafted, started from, live now."""

    def __init__(self, field_name: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._field_name = field_name
        self.conflict: RowConflict | None = None

    def set_conflict(self, conflict: RowConflict | None) -> None:
        self.beginResetModel()
        self.conflict = conflict
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.conflict is None else len(self.conflict.fields)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_FIELD_HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.conflict is None:
            return None
        values = self.conflict.fields[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._field_name(values.field)
            if column == 1:
                return values.drafted
            if column == 2:
                return translate("DraftBatches", "(new row)") if values.started is None else values.started
            return translate("DraftBatches", "(deleted)") if values.live is None else values.live
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == 1 and values.drafted_changed:
                return DRAFT_CHANGED_BACKGROUND
            if column == 3 and values.live_changed:
                return LIVE_CHANGED_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            if column == 1 and values.drafted_changed:
                return translate("DraftBatches", "Your draft changes this field.")
            if column == 3 and values.live_changed:
                return translate("DraftBatches", "Changed live since you drafted it.")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_FIELD_HEADERS):
            return translate("DraftBatches", _FIELD_HEADERS[section])
        return None


class ConflictView(QWidget):
    resolved = Signal(int)  # rows still in conflict after applying the choices

    def __init__(self, store: LocalStore, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictView")
        self.store = store
        self._language = language
        self.batch_id: str | None = None
        self._columns: dict[str, MarginColumn] = {}
        self.explanation = QLabel(self)
        self.explanation.setObjectName("conflictExplanation")
        self.explanation.setWordWrap(True)
        self.rows_model = ConflictRowsModel(self._field_name, self)
        self.rows = CopyableTableView(self)
        self.rows.setObjectName("conflictRows")
        self.rows.setModel(self.rows_model)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.selectionModel().currentRowChanged.connect(self._show_current)
        self.rows.selectionModel().selectionChanged.connect(self._update_buttons)
        self.fields_model = ConflictFieldsModel(self._field_name, self)
        self.fields = CopyableTableView(self)
        self.fields.setObjectName("conflictFields")
        self.fields.setModel(self.fields_model)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.rows)
        split.addWidget(self.fields)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)

        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keepMineButton")
        self.keep_button.clicked.connect(lambda: self.choose(Choice.KEEP_MINE))
        self.take_button = QPushButton(self)
        self.take_button.setObjectName("takeLiveButton")
        self.take_button.clicked.connect(lambda: self.choose(Choice.TAKE_LIVE))
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("primaryButton")
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def _field_name(self, name: str) -> str:
        column = self._columns.get(name)
        return name if column is None else column_label(column, self._language())

    def load(self, batch_id: str, kind: str, action: str) -> None:
        self.batch_id = batch_id
        self._columns = {c.field: c for c in draft_columns(kind, action)}
        self._show(row_conflicts(self.store, batch_id))

    def _show(self, conflicts: list[RowConflict], choices: dict[int, Choice] | None = None) -> None:
        self.rows_model.set_conflicts(conflicts)
        self.rows_model.choices = dict(choices or {})
        self.message.clear()
        if self.rows_model.rowCount():
            self.rows.selectRow(0)
        self.rows.resizeColumnsToContents()
        self._show_current()
        self._update_buttons()
        self.retranslate_ui()

    def reload_if_changed(self) -> None:
        """The engine put (other) live rows beside the draft since it was shown: the backend
        refused the submission before the workstation had fetched them. Choices made for rows
        that are still the same are kept."""
        if self.batch_id is None:
            return
        conflicts = row_conflicts(self.store, self.batch_id)
        if conflicts != self.rows_model.conflicts:
            same = {c.position for c in conflicts} & {c.position for c in self.rows_model.conflicts
                                                        if c in conflicts}
            self._show(conflicts, {p: c for p, c in self.rows_model.choices.items() if p in same})

    def _show_current(self, *_args) -> None:
        index = self.rows.currentIndex()
        self.fields_model.set_conflict(self.rows_model.conflicts[index.row()] if index.isValid() else None)
        self.fields.resizeColumnsToContents()

    def selected_rows(self) -> list[int]:
        rows = sorted(i.row() for i in self.rows.selectionModel().selectedRows())
        if not rows and self.rows.currentIndex().isValid():
            rows = [self.rows.currentIndex().row()]
        return rows

    def choose(self, choice: Choice, rows: list[int] | None = None) -> None:
        """The choice for ``rows`` (default: the selected ones)."""
        self.rows_model.choose(self.selected_rows() if rows is None else rows, choice)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        some = bool(self.selected_rows())
        self.keep_button.setEnabled(some)
        self.take_button.setEnabled(some)
        chosen, total = len(self.rows_model.choices), self.rows_model.rowCount()
        self.apply_button.setEnabled(chosen > 0)
        self.apply_button.setText(translate("DraftBatches", "Apply Choices ({chosen} of {total})").format(
            chosen=chosen, total=total))

    def apply(self) -> int | None:
        if self.batch_id is None or not self.rows_model.choices:
            return None
        try:
            remaining = resolve(self.store, self.batch_id, dict(self.rows_model.choices))
        except (KeyError, ValueError):  # deleted, or no longer in conflict
            self.message.setText(translate("DraftBatches", "This batch is no longer in conflict; nothing was changed."))
            return None
        self.resolved.emit(remaining)
        return remaining

    def retranslate_ui(self) -> None:
        if self.batch_id is not None and not self.rows_model.rowCount():
            self.explanation.setText(translate(
                "DraftBatches", "A live row changed after you drafted it, and the backend refused the batch. The "
                                "live rows are fetched at the next sync; then choose, row by row, here."))
        else:
            self.explanation.setText(translate(
                "DraftBatches", "Live rows changed after you drafted them, so this batch did not reach the checker. "
                                "For each row, keep your values or take the live ones, then apply your choices and "
                                "submit again."))
        self.keep_button.setText(translate("DraftBatches", "Keep Mine"))
        self.keep_button.setToolTip(translate("DraftBatches", "Keep your drafted values for the selected rows"))
        self.take_button.setText(translate("DraftBatches", "Take Live"))
        self.take_button.setToolTip(translate("DraftBatches", "Replace your drafted values with the live ones for the "
                                                       "selected rows"))
        self.rows_model.retranslate()
        self.fields_model.retranslate()
        self._update_buttons()
