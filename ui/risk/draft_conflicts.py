"""The conflict view of a draft batch: each row whose live row moved (or appeared) after it was
drafted, each field side by side (drafted, started from, live now) and what it becomes. A field
changed on one side only takes that side; where both changed the user ticks the value to keep,
or chooses for whole rows (keep mine, take live). Applying (services/offline/conflicts.resolve)
merges the rows that are ready, drops those left equal to live, and makes the batch a draft
again once no row conflicts; it is then submitted anew.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from services.offline.conflicts import Choice, RowChoice, RowConflict, draft_columns, resolve, row_conflicts
from services.offline.store import LocalStore
from ui.common.table_view import CopyableTableView
from ui.risk.draft_conflict_models import ConflictFieldsModel, ConflictRowsModel
from ui.risk.margin_form import column_label

translate = QCoreApplication.translate  # the name lupdate recognises


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
        self.fields_model.chosen.connect(self.choose_field)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.apply_button)
        self.retranslate_ui()

    def _field_name(self, name: str) -> str:
        column = self._columns.get(name)
        return name if column is None else column_label(column, self._language())

    def load(self, batch_id: str, kind: str, action: str) -> None:
        self.batch_id = batch_id
        self._columns = {c.field: c for c in draft_columns(kind, action)}
        self._show(row_conflicts(self.store, batch_id))

    def _show(self, conflicts: list[RowConflict], choices: dict[int, RowChoice] | None = None) -> None:
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
        if index.isValid():
            self.fields_model.set_conflict(self.rows_model.conflicts[index.row()], self.rows_model.choice(index.row()))
        else:
            self.fields_model.set_conflict(None)
        self.fields.resizeColumnsToContents()

    def selected_rows(self) -> list[int]:
        rows = sorted(i.row() for i in self.rows.selectionModel().selectedRows())
        if not rows and self.rows.currentIndex().isValid():
            rows = [self.rows.currentIndex().row()]
        return rows

    def choose(self, choice: Choice, rows: list[int] | None = None) -> None:
        """The choice for ``rows`` (default: the selected ones): for each field changed on both
        sides, or for the whole row where its live row is gone."""
        self.rows_model.choose(self.selected_rows() if rows is None else rows, choice)
        self._choices_changed()

    def choose_field(self, field: str, choice: Choice) -> None:
        """The user ticked a side of a field of the row shown."""
        index = self.rows.currentIndex()
        if index.isValid():
            self.rows_model.choose_field(index.row(), field, choice)
            self._choices_changed()

    def _choices_changed(self) -> None:
        index = self.rows.currentIndex()
        self.fields_model.set_choice(self.rows_model.choice(index.row()) if index.isValid() else None)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        some = bool(self.selected_rows())
        self.keep_button.setEnabled(some)
        self.take_button.setEnabled(some)
        chosen, total = self.rows_model.ready(), self.rows_model.rowCount()
        self.apply_button.setEnabled(chosen > 0)
        self.apply_button.setText(translate("DraftBatches", "Apply Choices ({chosen} of {total})").format(
            chosen=chosen, total=total))

    def apply(self) -> int | None:
        if self.batch_id is None or not self.rows_model.ready():
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
                "DraftBatches", "Live rows changed (or were created) after you drafted them, so this batch did not "
                                "reach the checker. A field changed only live takes the live value; a field changed "
                                "only in your draft keeps yours. Where both changed (marked), tick the value to "
                                "keep, or choose for whole rows; then apply and submit again. A row left equal to "
                                "the live one leaves the batch."))
        self.keep_button.setText(translate("DraftBatches", "Keep Mine"))
        self.keep_button.setToolTip(translate("DraftBatches", "Keep your values where both sides changed a field, in "
                                                              "the selected rows"))
        self.take_button.setText(translate("DraftBatches", "Take Live"))
        self.take_button.setToolTip(translate("DraftBatches", "Take the live values where both sides changed a field, "
                                                              "in the selected rows"))
        self.rows_model.retranslate()
        self.fields_model.retranslate()
        self._update_buttons()
