"""Copy live rows into a draft: find them by symbol prefix, select, add.

The rows come from the live list endpoint; with the backend unreachable, from the workstation's
cache of the live table (as last refreshed), so drafting from live rows works offline too. Each
row is added with the live row it copies as its base, so a change to it meanwhile is caught.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.risk import RiskClient
from services.excel.margin_columns import Kind
from services.excel.margin_preview import snapshot_row
from services.offline.batches import cached_live_rows
from services.offline.store import LocalStore
from ui.common.dialog_keys import confirm_keys
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel
from ui.common.table_view import CopyableTableView
from ui.risk.draft_texts import kind_text

translate = QCoreApplication.translate  # the name lupdate recognises

LIMIT = 200  # a prefix narrows it; nobody picks from more by eye


@dataclass(frozen=True)
class LiveRow:
    symbol: str
    name: str
    base: dict  # snapshot form with "version": what the draft row starts from
    pending_work_order_id: int | None = None


_HEADERS = (QT_TRANSLATE_NOOP("DraftBatches", "Symbol"), QT_TRANSLATE_NOOP("DraftBatches", "Name"),
            QT_TRANSLATE_NOOP("DraftBatches", "IM"), QT_TRANSLATE_NOOP("DraftBatches", "MM"),
            QT_TRANSLATE_NOOP("DraftBatches", "FM"), QT_TRANSLATE_NOOP("DraftBatches", "Version"),
            QT_TRANSLATE_NOOP("DraftBatches", "Pending"))


class LiveRowsModel(ReadOnlyTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[LiveRow] = []

    def set_rows(self, rows: list[LiveRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, position: int) -> LiveRow:
        return self._rows[position]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return row.symbol
        if column == 1:
            return row.name
        if column in (2, 3, 4):
            return row.base.get(("im", "mm", "fm")[column - 2]) or ""
        if column == 5:
            return str(row.base.get("version", ""))
        return f"#{row.pending_work_order_id}" if row.pending_work_order_id else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return translate("DraftBatches", _HEADERS[section])
        return None


async def live_rows(ctx: PageContext, kind: Kind, prefix: str, language: str) -> list[LiveRow]:
    params: dict[str, Any] = {"limit": LIMIT}
    if prefix:
        params["symbol"] = prefix
    page = await RiskClient(ctx.api).margins(kind, params)
    return [LiveRow(r.symbol, (r.name_zh if language == "zh_Hant" and r.name_zh else r.name),
                    {**snapshot_row(kind, r), "version": r.version}, r.pending_work_order_id) for r in page.items]


def cached_rows(store: LocalStore, kind: Kind, prefix: str, language: str) -> list[LiveRow]:
    """The same from the workstation's cache of the live table."""
    return [LiveRow(r.symbol, r.name_zh if language == "zh_Hant" and r.name_zh else r.name, r.base)
            for r in cached_live_rows(store, kind, prefix, LIMIT)]


class LiveRowsDialog(QDialog):
    chosen = Signal(list)  # the LiveRows to add

    def __init__(self, ctx: PageContext, store: LocalStore, kind: Kind, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("liveRowsDialog")
        self.ctx, self.store, self.kind = ctx, store, kind
        self.ops = OpRunner(self, ctx.report_error)
        self.prefix = QLineEdit(self)
        self.prefix.setMaxLength(16)
        self.prefix.setClearButtonEnabled(True)
        self.prefix.returnPressed.connect(self.search)
        self.search_button = QPushButton(self)
        self.search_button.clicked.connect(self.search)
        self.search_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        layout.addLayout(top)
        top.addWidget(self.prefix, 1)
        top.addWidget(self.search_button)
        self.model = LiveRowsModel(self)
        self.table = CopyableTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(lambda _index: self.add_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add_selected)
        self.add_button.setAutoDefault(False)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setAutoDefault(False)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        layout.addLayout(bottom)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.close_button)
        confirm_keys(self, self.add_button)
        self.resize(760, 480)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(translate("DraftBatches", "Copy live rows: {kind}").format(kind=kind_text(self.kind)))
        self.prefix.setPlaceholderText(translate("DraftBatches", "Symbol prefix, e.g. 007 or AA"))
        self.search_button.setText(translate("DraftBatches", "Search"))
        self.add_button.setText(translate("DraftBatches", "Add Selected"))
        self.add_button.setToolTip(translate("DraftBatches", "Add the selected rows to the draft (Ctrl+Enter)"))
        self.close_button.setText(translate("DraftBatches", "Close"))
        self.model.retranslate()

    def selected(self) -> list[LiveRow]:
        return [self.model.row(i.row()) for i in sorted(self.table.selectionModel().selectedRows(), key=QModelIndex.row)]

    def _update_buttons(self, *_args) -> None:
        self.add_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def search(self) -> asyncio.Task:
        """A newer search replaces the one in flight."""
        return self.ops.run(self._searching(self.prefix.text().strip()), key="search")

    async def _searching(self, prefix: str) -> None:
        self.message.setText(translate("DraftBatches", "Searching…"))
        language = self.ctx.language()
        try:
            rows = await live_rows(self.ctx, self.kind, prefix, language)
            note = ""
        except ApiError as exc:
            rows = cached_rows(self.store, self.kind, prefix, language)
            note = translate("DraftBatches", "The live table cannot be read ({reason}); these rows are from the "
                                      "workstation's copy.").format(reason=self.ctx.describe(exc))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        found = translate("DraftBatches", "{count} row(s) found.").format(count=len(rows))
        if len(rows) >= LIMIT:
            found = translate("DraftBatches", "The first {count} rows; type more of the symbol to narrow it.").format(
                count=len(rows))
        self.message.setText(f"{found} {note}".strip())
        self._update_buttons()

    def add_selected(self) -> None:
        rows = self.selected()
        if rows:
            self.chosen.emit(rows)
            self.message.setText(translate("DraftBatches", "{count} row(s) added to the draft.").format(count=len(rows)))
