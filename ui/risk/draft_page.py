"""Risk › Credit › Draft Batches: margin changes drafted on this workstation, online or not.

Left, the user's batches and their fate (draft, queued, submitted as work order #N...); right,
the editor of the selected one. Batches live in the workstation's database
(services/offline/store.py) and reach the backend through the sync engine, which the shell runs
(PageContext.offline: ``.store`` and ``.engine``); this page only writes drafts and the outbox,
then wakes the engine. The list is read again every couple of seconds and whenever the engine
reports, so a batch's fate shows without the user asking. An upload order submitted from here and
refused comes back (My Requests' Resubmit…) as a new batch correcting it (open_correction).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import WorkOrderOut
from services.offline import corrections, drafts
from services.offline.batches import delete_batch, list_batches
from ui.common.confirmation import confirmation
from ui.common.empty_note import EmptyNote
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.common.table_view import CopyableTableView
from ui.risk.draft_editor import DraftEditor
from ui.risk.draft_list import BatchListModel, NewBatchDialog

translate = QCoreApplication.translate  # the name lupdate recognises

REFRESH_MS = 2000
PAGE_KEY = "risk.credit.draft_batches"  # its menu key (services/contract/menu.py)


class DraftBatchesPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("draftBatchesPage")
        self.ctx = ctx
        self.offline = ctx.offline
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        if self.offline is None or getattr(self.offline, "store", None) is None:
            # The shell opens the workstation's database only for users who may draft.
            self.unavailable = QLabel(self)
            self.unavailable.setObjectName("emptyPage")
            self.unavailable.setWordWrap(True)
            self.unavailable.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(self.unavailable)
            self.editor = None
            self.retranslate_ui()
            return
        self.unavailable = None
        self.store = self.offline.store

        self.model = BatchListModel(self)
        self.table = CopyableTableView(self)
        self.table.setObjectName("draftBatches")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_note = EmptyNote(self.table, lambda: translate(
            "DraftBatches", "No draft batch yet: make one with New Batch… (Ctrl+N). Drafts are kept on this "
                            "workstation until they are submitted."))
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("primaryButton")
        self.new_button.clicked.connect(self.open_new_batch)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_current)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        left_layout.addLayout(buttons)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_layout.addWidget(self.table, 1)

        self.editor = DraftEditor(ctx, self.offline, self)
        self.editor.controller.batchChanged.connect(lambda _id: self.refresh())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([400, 1060])  # the grid is where the work is
        layout.addWidget(split, 1)

        local_shortcut(QKeySequence.StandardKey.New, self, self.open_new_batch)
        local_shortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        status_changed = getattr(self.offline, "status_changed", None)
        if status_changed is not None:  # desktop/offline_session.py: the engine reported
            status_changed.connect(self._engine_reported)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.editor.controller.flush)
        self.retranslate_ui()
        self.refresh()
        if self.model.rowCount():
            self.select(self.model.batch(0).id)

    # --- the list -------------------------------------------------------------------------------

    def is_ready(self) -> bool:
        return True

    def _engine_reported(self, _status: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Reads the batches again; keeps the selection and tells the editor when the open batch
        changed state outside it."""
        if self.editor is None:
            return
        current = self.editor.controller.batch_id
        batches = list_batches(self.store, self.ctx.me.username)
        reset = self.model.set_batches(batches)
        self.empty_note.update_note()
        if reset:
            self.table.resizeColumnsToContents()
        if reset and current is not None:
            row = self.model.row_of(current)
            if row is not None:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        mine = next((b for b in batches if b.id == current), None)
        if mine is not None:
            self.editor.controller.refresh_state(mine)
        elif current is not None:
            self.editor.controller.load(None)  # deleted
        self._update_buttons()

    def select(self, batch_id: str) -> None:
        row = self.model.row_of(batch_id)
        if row is None:
            self.refresh()
            row = self.model.row_of(batch_id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_changed(self, current, _previous) -> None:
        batch_id = self.model.batch(current.row()).id if current.isValid() else None
        if batch_id != self.editor.controller.batch_id:
            self.editor.controller.load(batch_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.table.currentIndex()
        self.delete_button.setEnabled(current.isValid() and self.model.batch(current.row()).editable)

    # --- new and delete -------------------------------------------------------------------------

    def open_new_batch(self) -> NewBatchDialog:
        dialog = NewBatchDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_batch(*dialog.values()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def create_batch(self, kind: str, action: str, title: str) -> str:
        batch_id = drafts.new_batch(self.store, self.ctx.me.username, kind, action,  # type: ignore[arg-type]
                                    title=title)
        self.refresh()
        self.select(batch_id)
        self.editor.grid.setFocus()
        return batch_id

    def open_correction(self, order: WorkOrderOut) -> str | None:
        """Opens the batch correcting the refused ``order`` (one drafted here): the one not yet at
        the backend if there is one, else a new one with the order's rows; None when this page
        cannot draft."""
        if self.editor is None:
            return None
        title = translate("DraftBatches", "Correction of #{id}").format(id=order.id)
        batch_id = corrections.open_correction(self.store, self.ctx.me.username, order, title)
        self.refresh()
        self.select(batch_id)
        if self.editor.correction.banner is not None:
            self.editor.correction.banner.note_edit.setFocus()
        return batch_id

    def delete_current(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        batch = self.model.batch(current.row())
        if not batch.editable:
            return
        title = batch.title or translate("DraftBatches", "Untitled batch")
        self.dialog = confirmation(
            self, translate("DraftBatches", "Delete Draft"),
            translate("DraftBatches", "Delete the draft “{title}” and its {count} row(s)?").format(title=title,
                                                                                           count=batch.rows),
            translate("DraftBatches", "Delete Draft"), translate("DraftBatches", "It was never submitted; this cannot be undone."),
            on_accept=lambda: self._delete(batch.id))
        self.dialog.open()

    def _delete(self, batch_id: str) -> None:
        if self.editor.controller.batch_id == batch_id:
            self.editor.controller.load(None)  # nothing of it may be saved after it is gone
        delete_batch(self.store, batch_id)
        self.refresh()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select(self.model.batch(0).id)

    # --- lifecycle and language -----------------------------------------------------------------

    def showEvent(self, event) -> None:
        if self.editor is not None and not self._timer.isActive():
            self._timer.start()
            self.refresh()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        if self.editor is not None:
            self._timer.stop()  # nobody looks; the engine's reports still refresh it
            self.editor.controller.flush()
        super().hideEvent(event)

    def retranslate_ui(self) -> None:
        if self.unavailable is not None:
            self.unavailable.setText(translate(
                "DraftBatches", "Drafting is not available: the workstation's database is not open. Sign in again; if "
                         "this stays, ask for the permission to draft margin changes (risk.credit.draft)."))
            return
        self.new_button.setText(translate("DraftBatches", "New Batch…"))
        self.new_button.setToolTip(translate("DraftBatches", "A new draft batch (Ctrl+N)"))
        self.delete_button.setText(translate("DraftBatches", "Delete Draft…"))
        self.delete_button.setToolTip(translate("DraftBatches", "Delete the selected draft; only drafts not at the "
                                                         "backend can be deleted (Del)"))
        self.model.retranslate()
        self.table.resizeColumnsToContents()
        self.empty_note.update_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
