"""The resubmit banner above the draft grid while the open batch corrects a refused work order
(services/offline/corrections.py): which order, why it came back, and the note to the approvers,
kept in the workstation's database as it is typed and read-only once the batch is queued. It
follows the editor's controller (each batch opened) and the UI language by itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.common.resubmission import ResubmitBanner

if TYPE_CHECKING:
    from ui.risk.draft_editor_controller import DraftEditorController


class DraftCorrectionBanner(QObject):
    def __init__(self, editor: QWidget, layout: QVBoxLayout, controller: DraftEditorController):
        super().__init__(editor)
        self._editor, self._layout, self._controller = editor, layout, controller
        self.banner: ResubmitBanner | None = None  # while the open batch corrects an order
        controller.opened.connect(self.show_open_batch)

    def show_open_batch(self) -> None:
        """The banner of the batch now open, if it corrects an order, with its note as saved."""
        if self.banner is not None:
            self.banner.deleteLater()
            self.banner = None
        order = self._controller.corrected_order()
        if order is None:
            return
        banner = ResubmitBanner(order, self._editor)
        banner.note_edit.setPlainText(self._controller.maker_note())
        banner.note_edit.setReadOnly(not self._controller.editable())
        banner.note_edit.textChanged.connect(lambda: self._controller.set_maker_note(banner.note_edit.toPlainText()))
        self._layout.insertWidget(1, banner)  # under the title, above the state of the batch
        banner.installEventFilter(self)
        self.banner = banner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.banner and event.type() == QEvent.Type.LanguageChange:
            self.banner.retranslate()
        return False
