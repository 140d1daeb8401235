"""The list of the user's draft batches and the dialog that makes a new one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.excel.margin_columns import KINDS
from services.offline.batches import BatchSummary
from services.offline.drafts import BATCH_ACTIONS
from ui.common import formatting
from ui.common.dialog_keys import confirm_keys
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel
from ui.risk.draft_texts import STATE_COLORS, action_text, kind_text, state_text

translate = QCoreApplication.translate  # the name lupdate recognises

ID_ROLE = Qt.ItemDataRole.UserRole
_HEADERS = (QT_TRANSLATE_NOOP("DraftBatches", "Title"), QT_TRANSLATE_NOOP("DraftBatches", "Kind"),
            QT_TRANSLATE_NOOP("DraftBatches", "Action"), QT_TRANSLATE_NOOP("DraftBatches", "Rows"),
            QT_TRANSLATE_NOOP("DraftBatches", "State"), QT_TRANSLATE_NOOP("DraftBatches", "Updated At"))
STATE_COLUMN = 4


class BatchListModel(ReadOnlyTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._batches: list[BatchSummary] = []

    def set_batches(self, batches: list[BatchSummary]) -> bool:
        """Shows ``batches``; returns whether the rows themselves changed (a reset), as opposed to
        only their contents (the view keeps its selection then)."""
        if [b.id for b in batches] == [b.id for b in self._batches]:
            if batches != self._batches:
                self._batches = list(batches)
                self.dataChanged.emit(self.index(0, 0), self.index(len(batches) - 1, len(_HEADERS) - 1))
            return False
        self.beginResetModel()
        self._batches = list(batches)
        self.endResetModel()
        return True

    def batches(self) -> list[BatchSummary]:
        return self._batches

    def batch(self, row: int) -> BatchSummary:
        return self._batches[row]

    def row_of(self, batch_id: str) -> int | None:
        return next((i for i, b in enumerate(self._batches) if b.id == batch_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._batches)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        batch = self._batches[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return batch.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (batch.title or translate("DraftBatches", "Untitled batch"), kind_text(batch.kind),
                    action_text(batch.action), f"{batch.rows:,}", state_text(batch.state, batch.work_order_id),
                    formatting.hk_datetime(datetime.fromtimestamp(batch.updated_at, UTC)))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE_COLUMN:
            color = STATE_COLORS.get(batch.state)  # type: ignore[call-overload]
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and column == STATE_COLUMN and batch.reason:
            return batch.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return translate("DraftBatches", _HEADERS[section])
        return None


class NewBatchDialog(QDialog):
    """Kind, action and title of a new batch; opened with open(), read on accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newBatchDialog")
        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.kind.currentIndexChanged.connect(self._fill_actions)
        self.action = QComboBox(self)
        self.title = QLineEdit(self)
        self.title.setMaxLength(120)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        confirm_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.labels = [QLabel(self) for _ in range(3)]
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        for label, editor in zip(self.labels, (self.kind, self.action, self.title), strict=True):
            label.setBuddy(editor)
            self.form.addRow(label, editor)
        self._fill_actions()
        self.retranslate_ui()

    def _fill_actions(self, *_args) -> None:
        current = self.action.currentData()
        self.action.clear()
        for action in BATCH_ACTIONS[self.kind.currentData()]:
            self.action.addItem(action_text(action), action)
        self.action.setCurrentIndex(max(0, self.action.findData(current)))

    def choose(self, kind: str, action: str, title: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.action.setCurrentIndex(self.action.findData(action))
        self.title.setText(title)

    def values(self) -> tuple[str, str, str]:
        return self.kind.currentData(), self.action.currentData(), self.title.text().strip()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(translate("DraftBatches", "New Draft Batch"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_text(self.kind.itemData(i)))
        for i in range(self.action.count()):
            self.action.setItemText(i, action_text(self.action.itemData(i)))
        labels = (translate("DraftBatches", "Margin table"), translate("DraftBatches", "What it does"), translate("DraftBatches", "Title"))
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.title.setPlaceholderText(translate("DraftBatches", "e.g. HK review, March"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("DraftBatches", "Create"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("DraftBatches", "Cancel"))
