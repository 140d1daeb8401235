"""Fund Clearing's chosen batch: a header (fund, trade date, NAV, settlement, the import it was
reconciled against) above its two sides side by side."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from services.contract.fund_clearing import BatchDetail, BatchOut, Side
from ui.common import formatting
from ui.funds.side_panel import SidePanel

translate = QCoreApplication.translate  # the name lupdate recognises


class BatchSidesPanel(QWidget):
    explainRequested = Signal(object)  # Side
    confirmRequested = Signal(object)  # Side

    def __init__(self, fund_name: Callable[[BatchOut], str], *, can_explain: bool,
                 can_confirm: Mapping[Side, bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._fund_name = fund_name
        self.batch: BatchDetail | None = None
        self.header = QLabel(self)
        self.header.setObjectName("batchHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Never wider than the page: a long file name is cut, not a reason to widen the window.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header_font = self.header.font()
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.panels = {side: SidePanel(side, can_explain=can_explain, can_confirm=can_confirm[side], parent=self)
                       for side in Side}
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.setObjectName("fundSidesSplitter")
        sides.setChildrenCollapsible(False)
        for panel in self.panels.values():
            panel.explainRequested.connect(self.explainRequested)
            panel.confirmRequested.connect(self.confirmRequested)
            sides.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(sides, 1)

    def show_batch(self, detail: BatchDetail, decimals: tuple[int, int]) -> None:
        """Both sides of ``detail`` in its fund's (unit, amount) decimals."""
        self.batch = detail
        self.panels[Side.SUBSCRIPTION].show_side(detail.subscriptions, detail.subscription_lines, *decimals,
                                                 detail.currency)
        self.panels[Side.REDEMPTION].show_side(detail.redemptions, detail.redemption_lines, *decimals,
                                               detail.currency)
        self._render_header()

    def clear(self) -> None:
        self.batch = None
        for panel in self.panels.values():
            panel.clear()
        self._render_header()

    def set_busy(self, busy: bool) -> None:
        for panel in self.panels.values():
            panel.set_busy(busy)

    def _render_header(self) -> None:
        detail = self.batch
        if detail is None:
            self.header.clear()
            return
        nav = "—" if detail.nav is None else f"{detail.nav.normalize():f}"
        parts = [self._fund_name(detail),
                 translate("FundClearingPage", "Trade date {date}").format(date=detail.trade_date.isoformat()),
                 translate("FundClearingPage", "NAV {nav} {currency}").format(nav=nav, currency=detail.currency),
                 translate("FundClearingPage", "Settles {date}").format(date=detail.settlement_date.isoformat())]
        if detail.file_name:
            second = translate("FundClearingPage", "Imported {file} by {user} at {time}").format(
                file=detail.file_name, user=detail.imported_by or "", time=formatting.hk_datetime(detail.imported_at))
        else:
            second = translate("FundClearingPage", "No confirmation imported yet")
        self.header.setText("  ·  ".join(parts) + "\n" + second)

    def retranslate_ui(self) -> None:
        for panel in self.panels.values():
            panel.retranslate_ui()
        self._render_header()
