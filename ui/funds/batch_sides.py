"""Fund Clearing's chosen batch: a header (fund, trade date, settlement date, the fund's difference
limit and, with its permission, the button that changes it) above its two sides side by side,
each with the NAV of its own NAV date."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from services.contract.fund_clearing import BatchDetail, BatchOut, Side
from ui.funds.side_panel import SidePanel

translate = QCoreApplication.translate  # the name lupdate recognises


class BatchSidesPanel(QWidget):
    explainRequested = Signal(object)  # Side
    confirmRequested = Signal(object)  # Side
    limitRequested = Signal()  # change the chosen batch's fund's difference limit

    def __init__(self, fund_name: Callable[[BatchOut], str], *, can_explain: bool,
                 can_confirm: Mapping[Side, bool], can_set_limit: bool = False, parent: QWidget | None = None):
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
        self.limit_button = QPushButton(self)
        self.limit_button.setObjectName("differenceLimitButton")
        self.limit_button.clicked.connect(self.limitRequested)
        self.limit_button.setVisible(can_set_limit)
        self.limit_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        layout.addLayout(top)
        top.addWidget(self.header, 1)
        top.addWidget(self.limit_button)
        self.panels = {side: SidePanel(side, can_explain=can_explain, can_confirm=can_confirm[side], parent=self)
                       for side in Side}
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.setObjectName("fundSidesSplitter")
        sides.setChildrenCollapsible(False)
        for panel in self.panels.values():
            panel.explainRequested.connect(self.explainRequested)
            panel.confirmRequested.connect(self.confirmRequested)
            sides.addWidget(panel)
        layout.addWidget(sides, 1)

    def show_batch(self, detail: BatchDetail, decimals: tuple[int, int]) -> None:
        """Both sides of ``detail`` in its fund's (unit, amount) decimals."""
        self.batch = detail
        self.panels[Side.SUBSCRIPTION].show_side(detail.subscriptions, detail.subscription_lines, *decimals,
                                                 detail.currency, detail.difference_limit)
        self.panels[Side.REDEMPTION].show_side(detail.redemptions, detail.redemption_lines, *decimals,
                                               detail.currency, detail.difference_limit)
        self.limit_button.setEnabled(True)
        self._render_header()

    def clear(self) -> None:
        self.batch = None
        self.limit_button.setEnabled(False)
        for panel in self.panels.values():
            panel.clear()
        self._render_header()

    def set_busy(self, busy: bool) -> None:
        for panel in self.panels.values():
            panel.set_busy(busy)
        self.limit_button.setEnabled(self.batch is not None and not busy)

    def _render_header(self) -> None:
        detail = self.batch
        if detail is None:
            self.header.clear()
            return
        limit = f"{detail.difference_limit.normalize():f}"
        parts = [self._fund_name(detail),
                 translate("FundClearingPage", "Trade date {date}").format(date=detail.trade_date.isoformat()),
                 translate("FundClearingPage", "Settles {date}").format(date=detail.settlement_date.isoformat()),
                 translate("FundClearingPage", "Difference limit {limit}").format(limit=limit)]
        self.header.setText("  ·  ".join(parts))
        self.header.setToolTip(translate("FundClearingPage", "A line whose confirmed figure differs from the "
                                                             "expected one by {limit} or more cannot be confirmed, "
                                                             "explained or not.").format(limit=limit))

    def retranslate_ui(self) -> None:
        for panel in self.panels.values():
            panel.retranslate_ui()
        self.limit_button.setText(translate("FundClearingPage", "Difference Limit…"))
        self.limit_button.setToolTip(translate("FundClearingPage", "Change the difference limit of the chosen "
                                                                   "batch's fund (audited)"))
        self._render_header()
