"""Risk › Margin › Stock Margin › Long, Short-Sell and Intraday Real-Time Margin: the live table of
one kind and its actions, each a work order: New and Edit in the side drawer, Delete, Delete
Selected; and each row's change history (margin_row_tools.py).

Buttons show only what the user's permissions allow and what the kind's flows offer (short-sell
rows have only update and upload); the backend checks again. A row with a pending work order
cannot be changed again until that order is decided. What is allowed and sent is decided by the
page's controller (margin_controller.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from services.clients.risk import RiskClient
from ui.common.columns import Column
from ui.common.confirmation import confirmation
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.common.shortcuts import local_shortcut
from ui.risk.margin_controller import MarginController, is_free
from ui.risk.margin_drawer import MarginDrawer
from ui.risk.margin_kinds import (
    COMMON_FIELDS,
    CONTEXT,
    KINDS,
    MarginKindUi,
    leading_columns,
    trailing_columns,
)
from ui.risk.margin_row_tools import MarginRowTools
from ui.risk.upload_dialog import UploadDialog

translate = QCoreApplication.translate  # the name lupdate recognises


class MarginPage(QueryPage):
    EMPTY = (QT_TRANSLATE_NOOP("MarginPage", "The table has no rows yet."),
             QT_TRANSLATE_NOOP("MarginPage", "No row matches the filter ({filter})."))
    EMPTY_CONTEXT = CONTEXT
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist

    def __init__(self, ctx: PageContext, ui: MarginKindUi, parent: QWidget | None = None):
        self.ui = ui
        client = RiskClient(ctx.api)
        spec = QuerySpec(tr_context=CONTEXT, list_path=None, fetch_page=lambda params: client.margins(ui.kind, params),
                         row_model=ui.row_model,
                         filter_model=ui.filter_model, fields=COMMON_FIELDS + ui.kind_fields(ctx.language),
                         columns=leading_columns(ctx.language) + ui.kind_columns(ctx.language)
                         + self.live_columns() + trailing_columns(), fields_per_row=6, export_stem=ui.export_stem)
        super().__init__(ctx, spec, parent)
        self.controller = controller = MarginController(ctx, ui, client, self.ops, self)
        controller.submitted.connect(self.refresh)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self._client = client
        self._drawer: MarginDrawer | None = None  # made when first opened: the page opens sooner

        self.outcome = QLabel(self)
        self.outcome.setObjectName("actionOutcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        controller.outcomeChanged.connect(self.outcome.setText)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        self.layout().insertLayout(1, bar)
        for action in ("create", "update", "delete", "batch_delete", "upload"):
            if action in controller.flows:
                button = QPushButton(self)
                button.setObjectName(f"{action}Button")
                self.buttons[action] = button
                bar.addWidget(button)
        bar.addWidget(self.outcome, 1)
        self.template_button = QPushButton(self)
        self.template_button.setObjectName("templateButton")
        self.template_button.clicked.connect(self.choose_template_file)
        bar.addWidget(self.template_button)
        self.upload_dialog: UploadDialog | None = None
        self.tools = MarginRowTools(self, ctx, bar)  # change history; the intraday page's rule settings
        if "create" in self.buttons:
            self.buttons["create"].setObjectName("primaryButton")
            self.buttons["create"].clicked.connect(lambda: self.drawer.open_create())
            local_shortcut(QKeySequence.StandardKey.New, self, lambda: self.drawer.open_create())
        if "update" in self.buttons:
            self.buttons["update"].clicked.connect(self.edit_current)
            self.table.activated.connect(self._activated)  # Enter or double-click on a row
        if "delete" in self.buttons:
            self.buttons["delete"].clicked.connect(self.delete_current)
            local_shortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected_or_current)
        if "batch_delete" in self.buttons:
            self.buttons["batch_delete"].clicked.connect(self.delete_selected)
        if "upload" in self.buttons:
            self.buttons["upload"].clicked.connect(self.open_upload)
            local_shortcut("Ctrl+U", self, self.open_upload)
        self.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        self._ready = True
        self.retranslate_ui()

    @property
    def drawer(self) -> MarginDrawer:
        """The side drawer that creates, edits and corrects a row."""
        if self._drawer is None:
            self._drawer = MarginDrawer(self, self._ctx, self._client, self.ui.kind, self.controller.drawer_title)
            self._drawer.submitted.connect(self.controller.announce)
            self._drawer.historyRequested.connect(self.tools.open_history)
            self._drawer.retranslate_drawer()
        return self._drawer

    def live_columns(self) -> tuple[Column, ...]:
        """Columns whose figures change with the time of day, not with the row (none here)."""
        return ()

    # --- rows -----------------------------------------------------------------------------------

    def current_row(self):
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def selected_rows(self) -> list:
        return [self.model.row(i.row()) for i in self.table.selectionModel().selectedRows()]

    def update_actions(self, *_args) -> None:
        if not self._ready:
            return
        current, selected = self.current_row(), self.selected_rows()
        self.tools.update()
        for action, button in self.buttons.items():
            if action in ("update", "delete"):
                button.setEnabled(is_free(current))
            elif action == "batch_delete":
                button.setEnabled(self.controller.may_delete_together(selected))
                button.setText(translate("MarginPage", "Delete Selected ({count})").format(count=len(selected)))
            else:
                button.setEnabled(True)

    # --- actions --------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.edit_current()

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None or "update" not in self.controller.flows:
            return
        if not is_free(row):
            self.outcome.setText(self.controller.pending_text(row))
            return
        self.drawer.open_edit(row)

    def delete_selected_or_current(self) -> None:
        if len(self.selected_rows()) > 1 and "batch_delete" in self.controller.flows:
            self.delete_selected()
        else:
            self.delete_current()

    def delete_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._confirm_delete([row])

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) > 1:
            self._confirm_delete(rows)

    def _confirm_delete(self, rows: list) -> None:
        send = self.controller.deletion(rows)
        if send is None:
            return
        symbols = [r.symbol for r in rows]
        shown = ", ".join(symbols[:10]) + (" …" if len(symbols) > 10 else "")
        self.dialog = confirmation(
            self, translate("MarginPage", "Delete Margin Rows"),
            translate("MarginPage", "Submit the deletion of {count} rows for approval?").format(count=len(symbols)),
            translate("MarginPage", "Submit Deletion"), shown, on_accept=send)
        self.dialog.open()

    # --- workbooks: upload, template, export -----------------------------------------------------

    def open_upload(self) -> UploadDialog | None:
        if "upload" not in self.controller.flows:
            return None
        if self.upload_dialog is None:
            self.upload_dialog = UploadDialog(self._ctx, self.controller.client, self.ui, self)
            self.upload_dialog.finished.connect(self._upload_closed)
        self.upload_dialog.show()
        self.upload_dialog.raise_()
        return self.upload_dialog

    def _upload_closed(self, _result: int) -> None:
        dialog, self.upload_dialog = self.upload_dialog, None
        if dialog is not None:
            if dialog.upload.order is not None:
                self.controller.announce(dialog.upload.order)
            dialog.deleteLater()

    def choose_template_file(self) -> None:
        dialog = QFileDialog(self, translate("MarginPage", "Save the Upload Template"),
                             str(Path(QDir.homePath()) / f"{self.ui.export_stem}-template.xlsx"),
                             translate("MarginPage", "Excel workbook (*.xlsx)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(
            lambda name: self.ops.run(self.controller.save_template(Path(name)), key="template"))
        dialog.open()

    def can_export(self) -> bool:
        return True  # written here, in the upload layout, so an export can be edited and uploaded back

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        return await self.controller.client.export_margins(self.ui.kind, self._applied_filter, target,
                                                           progress=progress)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self._ready:
            return
        texts = {"create": (translate("MarginPage", "New…"), translate("MarginPage", "New row in the side drawer (Ctrl+N)")),
                 "update": (translate("MarginPage", "Edit…"), translate("MarginPage", "Edit the current row (Enter)")),
                 "delete": (translate("MarginPage", "Delete…"),
                            translate("MarginPage", "Submit the deletion of the current row (Del)")),
                 "upload": (translate("MarginPage", "Upload…"),
                            translate("MarginPage", "Upload a workbook: preview, fix and submit it (Ctrl+U)"))}
        for action, (text, tip) in texts.items():
            if action in self.buttons:
                self.buttons[action].setText(text)
                self.buttons[action].setToolTip(tip)
        self.template_button.setText(translate("MarginPage", "Template…"))
        self.template_button.setToolTip(translate("MarginPage", "Save an empty upload workbook with its columns "
                                                                "and checks"))
        if self._drawer is not None:
            self._drawer.retranslate_drawer()
        self.tools.retranslate()
        self.update_actions()


def long_margin_page(ctx: PageContext) -> MarginPage:
    return MarginPage(ctx, KINDS["long"])


def short_margin_page(ctx: PageContext) -> MarginPage:
    return MarginPage(ctx, KINDS["short"])


def intraday_margin_page(ctx: PageContext) -> MarginPage:
    from ui.risk.intraday_margin_page import IntradayMarginPage  # a subclass of this module's page

    return IntradayMarginPage(ctx)
