"""The confirmation of 同步 (sync now) or 取消同步 (cancel the sync) of one setting record: the
record's values beside the row as it is live now, so the user sees what changes (or, cancelling,
what will not), and for a cancel the reason the audit trail keeps.

Opened with ``open()`` and answered through ``confirmed``; ``exec()`` would start a nested event
loop, which breaks the qasync loop the network runs on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import MarginSettingDetail, RevokeIn
from ui.common.change_texts import field_label
from ui.common.dialog_keys import confirm_keys
from ui.common.required_text import RequiredText
from ui.risk import setting_texts as texts
from ui.risk.setting_records_controller import CANCEL, SYNC

translate = QCoreApplication.translate  # the name lupdate recognises
REASON_MAX = next(m.max_length for m in RevokeIn.model_fields["reason"].metadata
                  if hasattr(m, "max_length"))  # the contract's limit
CHANGED_BACKGROUND = QColor("#fff1c2")


def changed_fields(detail: MarginSettingDetail) -> list[str]:
    """The fields whose live value differs from the record's (every field when there is no row)."""
    fields = texts.value_fields(detail.values)
    if detail.live is None:
        return fields
    return [f for f in fields if texts.value_text(f, detail.values.get(f), lambda: "en")
            != texts.value_text(f, detail.live.get(f), lambda: "en")]


class SettingActionDialog(QDialog):
    confirmed = Signal(str)  # the reason (empty for a sync); emitted on the accept button

    def __init__(self, action: str, detail: MarginSettingDetail, language: Callable[[], str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingActionDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.action, self.detail = action, detail
        sync = action == SYNC
        self.setWindowTitle(translate("SettingRecords", "Sync Setting Now") if sync else translate("SettingRecords", "Cancel Sync"))
        row = f"{detail.symbol} {detail.name_zh if language() == 'zh_Hant' and detail.name_zh else detail.name or ''}"
        question = (translate("SettingRecords", "Apply setting #{id} to {row} now, instead of at {at}?") if sync else
                    translate("SettingRecords", "Cancel setting #{id} of {row}? It will not apply at {at}; the row keeps its values."))
        self.question = QLabel(question.format(id=detail.id, row=row.strip(), at=texts.when(detail.effective_at)),
                               self)
        self.question.setWordWrap(True)
        self.changes = self._changes_table(language)
        self.notes = QLabel(self._notes(), self)
        self.notes.setObjectName("pendingNotice")
        self.notes.setWordWrap(True)
        self.reason: RequiredText | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.notes)
        if action == CANCEL:
            self.reason = RequiredText(REASON_MAX, translate("SettingRecords", "Why is it cancelled? (required, kept in the audit trail)"),
                                       "revokeReason", self)
            self.reason.changed.connect(self._update)
            layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.accept_button: QPushButton = self.buttons.addButton(
            translate("SettingRecords", "Sync Now") if sync else translate("SettingRecords", "Cancel Sync"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("confirmAccept")
        confirm_keys(self, self.accept_button)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("SettingRecords", "Keep As Is"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, 440)
        self._update()

    def _changes_table(self, language: Callable[[], str]) -> QTableWidget:
        detail = self.detail
        fields = texts.value_fields(detail.values)
        changed = set(changed_fields(detail))
        table = QTableWidget(len(fields), 3, self)
        table.setObjectName("settingChanges")
        table.setHorizontalHeaderLabels([translate("SettingRecords", "Field"), translate("SettingRecords", "Live Now"), translate("SettingRecords", "Setting #{id}").format(id=detail.id)])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for number, field in enumerate(fields):
            live = translate("SettingRecords", "(no row)") if detail.live is None else texts.value_text(field, detail.live.get(field), language)
            cells = (field_label(field), live, texts.value_text(field, detail.values.get(field), language))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long remark is cut in its cell
                if field in changed:
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                table.setItem(number, column, item)
        return table

    def _notes(self) -> str:
        detail = self.detail
        notes = []
        if not changed_fields(detail):
            notes.append(translate("SettingRecords", "The live row already has these values."))
        if detail.live_pending_work_order_id is not None and self.action == SYNC:
            notes.append(translate("SettingRecords", "Work order #{id} awaits approval on this row; syncing changes the row under it, so it "
                            "will go stale and need resubmitting.").format(id=detail.live_pending_work_order_id))
        return "\n".join(notes)

    def _update(self) -> None:
        self.accept_button.setEnabled(self.reason is None or self.reason.valid())

    def _accept_if_valid(self) -> None:
        if self.accept_button.isEnabled():
            self.confirmed.emit(self.reason.text() if self.reason is not None else "")
            self.accept()
