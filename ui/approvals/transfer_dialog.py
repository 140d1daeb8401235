"""轉交: give my seat on an order's current level to someone else, with a note for the trail.

The people offered come from the backend (``candidates``), which judges who may take the seat;
typing filters them by name or username. The dialog asks for them through ``searchChanged`` (after a
short pause in typing) and is given them with ``set_candidates``. Ctrl+Enter transfers.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import TRANSFER_NOTE_MAX, TransferCandidateOut
from ui.common.dialog_keys import confirm_keys
from ui.common.required_text import RequiredText

SEARCH_PAUSE_MS = 200  # typing pauses this long before the people are asked for again

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class TransferDialog(QDialog):
    searchChanged = Signal(str)  # the text typed, once typing pauses
    transferRequested = Signal(str, str)  # username, note

    def __init__(self, order_label: str, level: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(translate("TransferDialog", "Transfer Work Order"))
        self.prompt = QLabel(translate("TransferDialog", "Give your place on level {level} of {order} to:")
                             .format(level=level, order=order_label), self)
        self.prompt.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("transferSearch")
        self.search.setPlaceholderText(translate("TransferDialog", "Type a name or user name"))
        self.search.setClearButtonEnabled(True)
        self.people = QListWidget(self)
        self.people.setObjectName("transferCandidates")
        self.empty = QLabel(translate("TransferDialog", "Nobody matches who may take your place."), self)
        self.empty.setObjectName("transferNobody")
        self.empty.hide()
        self.note = RequiredText(TRANSFER_NOTE_MAX, translate("TransferDialog", "Note for the trail (required)"),
                                 "transferNote", self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.transfer_button: QPushButton = self.buttons.addButton(translate("TransferDialog", "Transfer"),
                                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.transfer_button.setObjectName("confirmTransfer")
        self.transfer_button.setToolTip(translate("TransferDialog", "Transfer (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        confirm_keys(self, self.transfer_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.search)
        layout.addWidget(self.people, 2)
        layout.addWidget(self.empty)
        layout.addWidget(QLabel(translate("TransferDialog", "Why"), self))
        layout.addWidget(self.note, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 480)

        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(lambda: self.searchChanged.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _text: self._pause.start())
        self.search.returnPressed.connect(self.people.setFocus)
        self.people.currentItemChanged.connect(self._update)
        self.people.itemDoubleClicked.connect(lambda _item: self.note.edit.setFocus())
        self.note.changed.connect(self._update)
        self._update()
        self.search.setFocus()

    def set_candidates(self, people: list[TransferCandidateOut]) -> None:
        """The people offered now; the one chosen stays chosen if still offered (or the only one is)."""
        chosen = self.chosen()
        self.people.clear()
        for person in people:
            item = QListWidgetItem(f"{person.name}  ({person.username})", self.people)
            item.setData(Qt.ItemDataRole.UserRole, person.username)
            if person.username == chosen or len(people) == 1:
                self.people.setCurrentItem(item)
        self.empty.setVisible(not people)
        self._update()

    def chosen(self) -> str | None:
        item = self.people.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _valid(self) -> bool:
        return self.chosen() is not None and self.note.valid()

    def _update(self, *_args: object) -> None:
        self.transfer_button.setEnabled(self._valid())

    def confirm(self) -> None:
        if self._valid():
            self.transferRequested.emit(self.chosen(), self.note.text())
            self.accept()
