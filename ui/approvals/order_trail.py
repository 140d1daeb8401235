"""An order's trail in time order: submitted (with the maker's note), each decision (a delegate's "for" the approver whose
seat it filled), each transfer (轉交: from whom to whom, with its note) and each CC addition (抄送)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from services.contract.schemas import Decision, WorkOrderOut
from ui.approvals import labels
from ui.common.formatting import hk_datetime

TRAIL_ROWS = (2, 5)  # the trail is sized for this many rows at least and at most, then scrolls
TRAIL_WIDTHS_CHARS = (5, 10, 30, 17)  # level, action, by, at; the comment takes the rest
_DECISION_BRUSHES = {Decision.APPROVE: QBrush(QColor("#1e7b34")), Decision.REJECT: QBrush(QColor("#b42318"))}
_HANDED_BRUSH = QBrush(QColor("#1d4ed8"))  # transfers and CC: neither approves nor rejects

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


def trail_rows(order: WorkOrderOut) -> list[tuple[datetime, list[str], QBrush | None]]:
    """(when, [level, action, by, at, comment], colour of the action) of every event, oldest first."""
    rows: list[tuple[datetime, list[str], QBrush | None]] = [
        (order.submitted_at, ["", translate("OrderTrail", "Resubmitted") if order.resubmitted_from_id
                              else translate("OrderTrail", "Submitted"),
                              order.maker_name, hk_datetime(order.submitted_at), order.maker_note or ""], None)]
    for d in order.decisions:
        by = d.decider_name if d.on_behalf_of_name is None else translate(
            "OrderTrail", "{delegate} on behalf of {approver}").format(delegate=d.decider_name,
                                                                         approver=d.on_behalf_of_name)
        rows.append((d.decided_at, [str(d.level), labels.decision_text(d.decision), by, hk_datetime(d.decided_at),
                                    d.comment or ""], _DECISION_BRUSHES[d.decision]))
    for t in order.transfers:
        rows.append((t.transferred_at, [str(t.level), translate("OrderTrail", "Transferred"), t.from_name,
                                        hk_datetime(t.transferred_at),
                                        translate("OrderTrail", "To {name}: {note}").format(name=t.to_name, note=t.note)],
                     _HANDED_BRUSH))
    added: dict[datetime, list[str]] = {}
    for c in order.cc:
        if c.added_at is not None:
            added.setdefault(c.added_at, []).append(c.name)
    for at, names in added.items():
        adder = next(c for c in order.cc if c.added_at == at)
        by = adder.added_by_name or adder.via.removeprefix("added:")  # a CC stored without its adder: the username
        rows.append((at, ["", translate("OrderTrail", "CC Added"), by, hk_datetime(at), ", ".join(sorted(names))],
                     _HANDED_BRUSH))
    rows[1:] = sorted(rows[1:], key=lambda row: row[0])
    return rows


class OrderTrail(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("decisionTrail")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setColumnCount(5)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate(TRAIL_WIDTHS_CHARS):
            self.setColumnWidth(column, chars * digit + 16)
        self._fit(0)

    def show_order(self, order: WorkOrderOut) -> None:
        self.clear()
        items = []
        for _, texts, brush in trail_rows(order):
            item = QTreeWidgetItem(texts)
            if brush is not None:
                item.setForeground(1, brush)
            item.setToolTip(2, texts[2])
            item.setToolTip(4, texts[4])
            items.append(item)
        self.addTopLevelItems(items)
        self._fit(len(items))

    def texts(self) -> list[list[str]]:
        """Every row's cells as shown (for the tests and a copy)."""
        return [[self.topLevelItem(r).text(c) for c in range(self.columnCount())] for r in range(self.topLevelItemCount())]

    def _fit(self, rows: int) -> None:
        fewest, most = TRAIL_ROWS
        row_height = self.fontMetrics().height() + 8
        self.setFixedHeight(row_height * (min(max(rows, fewest), most) + 1) + 6)

    def retranslate(self) -> None:
        self.setHeaderLabels([
            translate("WorkOrderDetail", "Level"), translate("WorkOrderDetail", "Action"),
            translate("WorkOrderDetail", "By"), translate("WorkOrderDetail", "At"),
            translate("WorkOrderDetail", "Comment"),
        ])
