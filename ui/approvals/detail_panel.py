"""One work order in full: what it is, the before/after table of its rows, and its trail (order_trail.py).

Read-only; the pages put their actions (approve, reject, withdraw, resubmit) around it.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import WorkOrderOut
from services.work_orders.diff import Change, columns, diff_rows
from ui.approvals import labels
from ui.approvals.approval_route import ApprovalRoute
from ui.approvals.order_trail import OrderTrail
from ui.approvals.order_warnings import warnings_html
from ui.common import change_views
from ui.common.change_views import ChangeView, ChangeViewFactory
from ui.common.detail_stack import DetailStack
from ui.common.diff_model import DiffTableModel
from ui.common.formatting import hk_datetime
from ui.common.table_view import CopyableTableView

CONTEXT = "WorkOrderDetail"
SAMPLE_ROWS = 200  # rows measured for the initial column widths; the rest scroll
MAX_COLUMN_CHARS = 32
CELL_PADDING = 24  # the style sheet's 6 px each side, the grid line and some air

# Placeholder sentences, kept as source text so a language switch re-translates the one on screen.
CHOOSE_AN_ORDER = QT_TRANSLATE_NOOP("WorkOrderDetail", "Select a work order to see its changes.")
LOADING = QT_TRANSLATE_NOOP("WorkOrderDetail", "Loading work order #{id}…")
LOAD_FAILED = QT_TRANSLATE_NOOP("WorkOrderDetail", "Work order #{id} could not be loaded: {reason}")


translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


def diff_fields(order: WorkOrderOut, diffs) -> list[str]:
    """Every field of the rows, the matching key first."""
    fields = columns(diffs)
    if order.diff_key in fields:
        fields.remove(order.diff_key)
    return [order.diff_key, *fields]


class WorkOrderDetail(QWidget):
    def __init__(self, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workOrderDetail")
        self._language = language
        self._order: WorkOrderOut | None = None

        content = QWidget(self)
        self.title = QLabel(content)
        self.title.setObjectName("detailTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(content)
        self.facts.setObjectName("detailFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.warnings = QLabel(content)
        self.warnings.setObjectName("detailWarnings")
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.route = ApprovalRoute(content)  # its levels, approvers, CC, and why it is blocked
        self.changes_caption = QLabel(content)
        self.changes_caption.setObjectName("detailCaption")
        self.counts = QLabel(content)
        self.counts.setObjectName("diffCounts")
        self.hide_unchanged = QCheckBox(content)
        self.hide_unchanged.setObjectName("hideUnchanged")
        self.diff_model = DiffTableModel(self)
        self.diff_view = CopyableTableView(content)
        self.diff_view.setObjectName("diffTable")
        self.diff_view.setModel(self.diff_model)
        self.hide_unchanged.toggled.connect(self._set_hide_unchanged)
        self._content = content
        self._change_views: dict[ChangeViewFactory, ChangeView] = {}  # an area's own views, made on first use
        self._change_view: ChangeView | None = None

        self.trail_caption = QLabel(content)
        self.trail_caption.setObjectName("detailCaption")
        self.trail = OrderTrail(content)

        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 4, 0, 0)
        inner.setSpacing(4)
        inner.addWidget(self.title)
        inner.addWidget(self.facts)
        inner.addWidget(self.warnings)
        inner.addWidget(self.route)
        inner.addSpacing(4)
        changes_row = QHBoxLayout()
        inner.addLayout(changes_row)
        changes_row.addWidget(self.changes_caption)
        changes_row.addWidget(self.counts)
        changes_row.addStretch(1)
        changes_row.addWidget(self.hide_unchanged)
        inner.addWidget(self.diff_view, 1)  # an area's change view goes below it, in its place
        self._inner = inner
        inner.addSpacing(4)
        inner.addWidget(self.trail_caption)
        inner.addWidget(self.trail)

        self.stack = DetailStack(CONTEXT, content, self)
        self.placeholder = self.stack.placeholder
        self.stack.show_message(CHOOSE_AN_ORDER)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()

    # --- state --------------------------------------------------------------------------------

    @property
    def change_view(self) -> ChangeView | None:
        """The area's view of the order on screen (change_views); None while the table shows."""
        return self._change_view

    @property
    def order(self) -> WorkOrderOut | None:
        """The order on screen; None while a placeholder or a loading message shows."""
        return self._order

    def show_message(self, source: str, **args: str) -> None:
        """A placeholder sentence instead of an order (source text, re-translated on a switch)."""
        self._order = None
        self.stack.show_message(source, **args)
        self.diff_model.set_diffs([], [])

    def show_placeholder(self) -> None:
        self.show_message(CHOOSE_AN_ORDER)

    def show_loading(self, order_id: int) -> None:
        self.show_message(LOADING, id=str(order_id))

    def show_failed(self, order_id: int, reason: str) -> None:
        self.show_message(LOAD_FAILED, id=str(order_id), reason=reason)

    def show_order(self, order: WorkOrderOut) -> None:
        self._order = order
        snapshot_rows = order.snapshot.get("rows") or []
        diffs = diff_rows(snapshot_rows, order.proposed.get("rows") or [],
                          order.proposed.get("deleted") or [], order.diff_key)
        self.diff_model.set_diffs(diffs, diff_fields(order, diffs))
        self._size_diff_columns()
        view = self._view_for(order.flow)
        for each in self._change_views.values():
            each.setVisible(each is view)
        if view is not None:
            view.show_order(order)
        self._change_view = view
        self.diff_view.setVisible(view is None)
        self.hide_unchanged.setVisible(view is None)
        self.counts.setVisible(view is None)
        self._render()
        self.route.show_order(order)
        self.stack.show_content()

    def _view_for(self, flow: str) -> ChangeView | None:
        entry = change_views.view_for(flow)
        if entry is None:
            return None
        view = self._change_views.get(entry.factory)
        if view is None:
            view = self._change_views[entry.factory] = entry.factory(self._language, self._content)
            self._inner.insertWidget(self._inner.indexOf(self.diff_view) + 1, view, 1)
        return view

    # --- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        order = self._order
        if order is None:
            return
        self.title.setText(f"#{order.id}  {labels.flow_name(order.flow)}  ·  {labels.summary_text(order)}")
        facts = [
            (translate("WorkOrderDetail", "Maker"), html.escape(order.maker_name)),
            (translate("WorkOrderDetail", "Submitted At"), hk_datetime(order.submitted_at)),
            (translate("WorkOrderDetail", "Status"),
             f'<span style="color:{labels.status_color(order.status)}">'
             f"{html.escape(labels.status_text(order.status))}</span>"),
            (translate("WorkOrderDetail", "Level"), labels.level_text(order)),
        ]
        if order.expires_at is not None:
            facts.append((translate("WorkOrderDetail", "Expires"), hk_datetime(order.expires_at)))
        if order.resubmitted_from_id is not None:
            facts.append((translate("WorkOrderDetail", "Resubmitted From"), f"#{order.resubmitted_from_id}"))
        self.facts.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(
            f'<span style="color:#627d98">{html.escape(name)}</span>&nbsp;<b>{value}</b>'
            for name, value in facts))
        self.warnings.setText(warnings_html(order.warnings))
        self.warnings.setVisible(bool(order.warnings))
        self._render_counts()
        self.trail.show_order(order)

    def _render_counts(self) -> None:
        counts = self.diff_model.counts()
        self.counts.setText(translate("WorkOrderDetail",
                                      "{changed} changed · {new} new · {deleted} deleted · {unchanged} unchanged")
                            .format(changed=f"{counts[Change.CHANGED]:,}", new=f"{counts[Change.NEW]:,}",
                                    deleted=f"{counts[Change.DELETED]:,}",
                                    unchanged=f"{counts[Change.UNCHANGED]:,}"))

    def _size_diff_columns(self) -> None:
        """Initial widths that fit the header and the first rows' texts (measured in bold, as
        changed cells are drawn), capped; the user can resize."""
        model = self.diff_model
        font = self.diff_view.font()
        font.setBold(True)
        metrics = QFontMetrics(font)
        cap = MAX_COLUMN_CHARS * metrics.horizontalAdvance("0")
        sample = [model.display_texts(r) for r in range(min(model.rowCount(), SAMPLE_ROWS))]
        header = self.diff_view.horizontalHeader()
        for column in range(model.columnCount()):
            texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or ""),
                     *(row[column] or "" for row in sample)]
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            header.resizeSection(column, min(cap, widest) + CELL_PADDING)

    def _set_hide_unchanged(self, hide: bool) -> None:
        self.diff_model.set_hide_unchanged(hide)

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.changes_caption.setText(translate("WorkOrderDetail", "Changes"))
        self.hide_unchanged.setText(translate("WorkOrderDetail", "Hide unchanged rows"))
        self.trail_caption.setText(translate("WorkOrderDetail", "Decision Trail"))
        self.trail.retranslate()
        self.stack.retranslate()
        self.diff_model.retranslate()
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
