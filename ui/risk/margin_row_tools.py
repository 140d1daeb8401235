"""What a margin page offers beside its work orders: the current row's change history (變更記錄:
a button, the row's context menu and Ctrl+H, and the side drawer's link) and, on the intraday
page, 規則設置 (Rule Settings), the day-trade window editor the manual puts there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout

from services.contract.permissions import Perm
from ui.common.dialog_keys import confirm_keys
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.risk.day_trade_window_page import DayTradeWindowPage
from ui.risk.margin_history_dialog import MarginHistoryDialog

if TYPE_CHECKING:
    from ui.risk.margin_page import MarginPage

translate = QCoreApplication.translate  # the name lupdate recognises
HISTORY_KEYS = "Ctrl+H"


class DayTradeRulesDialog(QDialog):
    """規則設置: each market's day-trade window, edited and submitted as before (same page, same flow)."""

    def __init__(self, ctx: PageContext, page: MarginPage):
        super().__init__(page)
        self.setObjectName("dayTradeRulesDialog")
        self.editor = DayTradeWindowPage(ctx, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        confirm_keys(self, buttons.button(QDialogButtonBox.StandardButton.Close))  # the editor submits its own
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.setWindowTitle(translate("MarginPage", "Rule Settings — Day-Trade Window"))
        self.resize(900, 460)
        # Closed while correcting a refused order: given up, the card shows the live window again.
        self.finished.connect(lambda _result: self.editor.stop_correcting(revert=True))


class MarginRowTools(QObject):
    def __init__(self, page: MarginPage, ctx: PageContext, bar: QHBoxLayout):
        super().__init__(page)
        self._page = page
        self._ctx = ctx
        self.history_button = QPushButton(page)
        self.history_button.setObjectName("historyButton")
        self.history_button.clicked.connect(lambda: self.open_history())
        bar.addWidget(self.history_button)
        self.history_action = QAction(page.table)
        self.history_action.setShortcut(QKeySequence(HISTORY_KEYS))
        self.history_action.triggered.connect(lambda: self.open_history())
        page.table.addAction(self.history_action)  # the row's context menu
        local_shortcut(HISTORY_KEYS, page, lambda: self.open_history())
        self.history: MarginHistoryDialog | None = None
        self.rules_button: QPushButton | None = None
        self.rules: DayTradeRulesDialog | None = None
        if page.ui.kind == "intraday" and ctx.can(Perm.DAY_TRADE_TIME_VIEW):
            self.rules_button = QPushButton(page)
            self.rules_button.setObjectName("rulesButton")
            self.rules_button.clicked.connect(self.open_rules)
            bar.insertWidget(0, self.rules_button)

    def update(self) -> None:
        enabled = self._page.current_row() is not None
        self.history_button.setEnabled(enabled)
        self.history_action.setEnabled(enabled)

    def open_history(self, symbol: str | None = None) -> MarginHistoryDialog | None:
        """The change history of ``symbol``'s row, or of the current row."""
        row = self._page.current_row()
        symbol = symbol or (row.symbol if row is not None else None)
        if symbol is None:
            return None
        name = ""
        if row is not None and row.symbol == symbol:
            name = row.name_zh if self._ctx.language() == "zh_Hant" and row.name_zh else row.name
        if self.history is not None:
            self.history.close()  # one history at a time: the newest asked for
        page = self._page
        dialog = MarginHistoryDialog(self._ctx, page.controller.client, page.ui.kind, symbol,
                                     f"{symbol} {name}".strip(), page)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.history = dialog
        dialog.show()
        return dialog

    def _closed(self, dialog: MarginHistoryDialog) -> None:
        if self.history is dialog:
            self.history = None

    def open_rules(self) -> DayTradeRulesDialog:
        if self.rules is None:
            self.rules = DayTradeRulesDialog(self._ctx, self._page)
        self.rules.show()
        self.rules.raise_()
        return self.rules

    def retranslate(self) -> None:
        self.history_button.setText(translate("MarginPage", "Change History…"))
        self.history_button.setToolTip(translate("MarginPage", "Every applied change of the current row, "
                                                               "with who made and approved it (Ctrl+H)"))
        self.history_action.setText(translate("MarginPage", "Change History…"))
        if self.rules_button is not None:
            self.rules_button.setText(translate("MarginPage", "Rule Settings…"))
            self.rules_button.setToolTip(translate("MarginPage", "The day-trade window of each market: when the "
                                                                 "intraday ratios apply and positions are closed"))
        if self.rules is not None:
            self.rules.setWindowTitle(translate("MarginPage", "Rule Settings — Day-Trade Window"))
