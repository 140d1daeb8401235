"""The approval route of the order in the detail: a red line when it is blocked and why, each level
with its mode, approvers and who decided it (the current level in bold), and who is copied.

A widget of its own beside the detail panel, so the panel's other additions do not meet it."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import WorkOrderOut
from ui.approvals.route_texts import LevelState, blocked_reason, cc_text, route_rows

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings
WIDTHS_CHARS = (5, 18, 64)  # level, mode, approvers; who decided takes the rest
_MUTED = QBrush(QColor("#829ab1"))


class ApprovalRoute(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approvalRoute")
        self._order: WorkOrderOut | None = None
        self.blocked = QLabel(self)
        self.blocked.setObjectName("routeBlocked")
        self.blocked.setWordWrap(True)
        self.blocked.setTextFormat(Qt.TextFormat.RichText)
        self.blocked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel(self)
        self.caption.setObjectName("detailCaption")
        self.levels = QTreeWidget(self)
        self.levels.setObjectName("routeLevels")
        self.levels.setRootIsDecorated(False)
        self.levels.setUniformRowHeights(True)
        self.levels.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.levels.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.levels.setColumnCount(4)
        self.levels.header().setStretchLastSection(True)
        self.levels.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        digit = self.levels.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate(WIDTHS_CHARS):
            self.levels.setColumnWidth(column, chars * digit + 16)
        self.cc = QLabel(self)
        self.cc.setObjectName("routeCc")
        self.cc.setWordWrap(True)
        self.cc.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.blocked)
        layout.addWidget(self.caption)
        layout.addWidget(self.levels)
        layout.addWidget(self.cc)
        self.retranslate_ui()

    def show_order(self, order: WorkOrderOut) -> None:
        self._order = order
        self._render()

    def _render(self) -> None:
        order = self._order
        if order is None:
            return
        reason = blocked_reason(order)
        self.blocked.setText(f'<span style="color:#b42318"><b>{html.escape(reason)}</b></span>')
        self.blocked.setVisible(bool(reason))
        self.levels.clear()
        for row in route_rows(order):
            item = QTreeWidgetItem([str(row.level), row.mode, row.approvers, row.decided_by])
            item.setToolTip(2, row.approvers)
            if row.state == LevelState.CURRENT:
                bold = QFont(self.levels.font())
                bold.setBold(True)
                for column in range(4):
                    item.setFont(column, bold)
            elif row.state in (LevelState.WAITING, LevelState.CLOSED):
                for column in range(4):
                    item.setForeground(column, _MUTED)
            self.levels.addTopLevelItem(item)
        rows = max(1, self.levels.topLevelItemCount())
        row_height = self.levels.fontMetrics().height() + 8
        self.levels.setFixedHeight(row_height * (rows + 1) + 6)
        self.cc.setText(translate("ApprovalRoute", "CC: {people}").format(people=cc_text(order)))

    def retranslate_ui(self) -> None:
        self.caption.setText(translate("ApprovalRoute", "Approval Route"))
        self.levels.setHeaderLabels([translate("ApprovalRoute", "Level"), translate("ApprovalRoute", "Mode"),
                                     translate("ApprovalRoute", "Approvers"), translate("ApprovalRoute", "Decided By")])
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
