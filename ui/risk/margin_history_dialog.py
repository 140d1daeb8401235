"""A margin row's change history (變更記錄): every write of the row, newest first, with what changed,
the work order or setting record that wrote it, its maker and checker, and when.

Opened from a margin page's row (button, context menu, Ctrl+H) and from its side drawer. Not
modal: the user may keep it open beside the list. Pages arrive as the list scrolls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from services.clients.risk import RiskClient
from services.contract.queries import MARGIN_HISTORY_MAX_PAGE
from services.contract.schemas import MarginChangeOut, MarginChangeSource
from services.excel.margin_columns import Kind
from services.work_orders.diff import Change
from ui.common.change_texts import flow_name
from ui.common.columns import Column, datetime_column
from ui.common.dialog_keys import confirm_keys
from ui.common.diff_model import marker_text
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.paged_table_model import PagedTableModel
from ui.common.table_view import CopyableTableView
from ui.risk import setting_texts as texts

CONTEXT = "MarginHistory"
translate = QCoreApplication.translate  # the name lupdate recognises
PAGE_SIZE = 50
_CHANGE_COLOUR = {Change.NEW.value: "#1e7b34", Change.CHANGED.value: "#8a5a00", Change.DELETED.value: "#9b1c1c"}


def change_summary(entry: MarginChangeOut, language: Callable[[], str]) -> str:
    """What the change did, in one line."""
    if not entry.before_known:
        return translate("MarginHistory", "Now {values} (the values before were not kept)").format(
            values=texts.values_text(entry.after, language))
    if entry.change == Change.NEW.value:
        return texts.values_text(entry.after, language)
    if entry.change == Change.DELETED.value:
        return translate("MarginHistory", "Deleted; it was {values}").format(values=texts.values_text(entry.before, language))
    return texts.changes_text(entry.before, entry.after, entry.changed_fields, language)


def source_text(entry: MarginChangeOut) -> str:
    order = f"#{entry.work_order_id}" if entry.work_order_id else ""
    flow = flow_name(entry.flow) if entry.flow else ""
    if entry.source == MarginChangeSource.SETTING:
        return translate("MarginHistory", "Setting #{id} (work order {order})").format(id=entry.setting_id, order=order or "—")
    return translate("MarginHistory", "Work order {order} {flow}").format(order=order, flow=flow).strip()


def applied_text(entry: MarginChangeOut) -> str:
    """Who made it take effect: the last approver of an order; for a setting who synced it, or the clock."""
    if entry.source == MarginChangeSource.SETTING:
        if entry.applied_by_name:
            return translate("MarginHistory", "Synced now by {name}").format(name=entry.applied_by_name)
        return translate("MarginHistory", "Automatically at its effective time")
    return translate("MarginHistory", "On approval")


def columns(language: Callable[[], str]) -> tuple[Column, ...]:
    return (
        datetime_column("at", QT_TRANSLATE_NOOP("MarginHistory", "Time")),
        Column("change", QT_TRANSLATE_NOOP("MarginHistory", "Change"), format=lambda v: marker_text(Change(v)),
               width_chars=11, color=_CHANGE_COLOUR.get),
        Column("summary", QT_TRANSLATE_NOOP("MarginHistory", "What Changed"), value=lambda e: e,
               format=lambda e: change_summary(e, language), width_chars=56,
               tooltip=lambda e: _details(e, language)),
        Column("source", QT_TRANSLATE_NOOP("MarginHistory", "Source"), value=lambda e: e, format=source_text,
               width_chars=26),
        Column("maker_name", QT_TRANSLATE_NOOP("MarginHistory", "Maker"), width_chars=18),
        Column("checker_names", QT_TRANSLATE_NOOP("MarginHistory", "Checker"), format=", ".join, width_chars=18),
        Column("applied", QT_TRANSLATE_NOOP("MarginHistory", "Took Effect"), value=lambda e: e, format=applied_text,
               width_chars=24),
    )


def _details(entry: MarginChangeOut, language: Callable[[], str]) -> str:
    before = texts.values_text(entry.before, language, separator="\n") if entry.before_known else "?"
    return translate("MarginHistory", "Before:\n{before}\n\nAfter:\n{after}").format(
        before=before or "—", after=texts.values_text(entry.after, language, separator="\n") or "—")


class MarginHistoryDialog(QDialog):
    def __init__(self, ctx: PageContext, client: RiskClient, kind: Kind, symbol: str, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("marginHistoryDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.symbol = symbol
        self._title = title  # the row as its page names it: symbol and name
        self.model = PagedTableModel(ctx.api, None, MarginChangeOut, columns(ctx.language), CONTEXT,
                                     page_size=PAGE_SIZE, parent=self, report_error=ctx.report_error,
                                     fetch=lambda params: client.margin_history(kind, symbol, params),
                                     max_page_size=MARGIN_HISTORY_MAX_PAGE, jumps_to_end=False)
        self.heading = QLabel(self)
        self.heading.setObjectName("drawerTitle")
        self.table = CopyableTableView(self)
        self.table.setModel(self.model)
        self.table.apply_column_widths(self.model.columns)
        self.status = QLabel(self)
        self.status.setObjectName("queryStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        confirm_keys(self, buttons.button(QDialogButtonBox.StandardButton.Close))  # nothing to decide: it closes
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.model.loadedChanged.connect(self._update_status)
        self.model.loadingChanged.connect(self._update_status)
        self.resize(1380, 440)
        self.retranslate_ui()
        self.model.reload({})

    def entries(self) -> tuple[Any, ...]:
        return self.model.rows()

    def is_ready(self) -> bool:
        return self.model.params is not None and not self.model.loading

    async def wait_idle(self) -> None:
        await wait_all_idle(self.model.ops)

    def _update_status(self, *_args: object) -> None:
        if self.model.loading:
            self.status.setText(translate("MarginHistory", "Loading…"))
        elif not self.model.rows():
            self.status.setText(translate("MarginHistory", "No change of this row has been recorded yet."))
        else:
            more = translate("MarginHistory", " — scroll for older changes") if self.model.has_more() else ""
            self.status.setText(translate("MarginHistory", "{count} changes").format(count=len(self.model.rows())) + more)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(translate("MarginHistory", "Change History — {row}").format(row=self._title))
        self.heading.setText(self.windowTitle())
        self.model.retranslate()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
