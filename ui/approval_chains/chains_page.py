"""身份管理 › 審批流程配置 (Identity › Approval Flow Settings): who approves each work-order flow.

The default approval flow first (where a flow without a chain of its own goes), then every flow
under its business area in the menu's order and words; each row says its chain in one line, its
version, where its orders go (its own chain, the default one, or the super administrator) and any
change awaiting approval. 配置 (Enter, double-click) edits a chain: the change is a work order a
second administrator decides. History… shows a chain's versions; F5 reads everything again.
What the page loads and decides is the ChainsController (chains_controller.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.contract.identity import ApprovalChainOut
from services.contract.schemas import WorkOrderOut
from ui.approval_chains import chain_text, labels
from ui.approval_chains.chain_dialog import ChainDialog
from ui.approval_chains.chains_controller import ChainsController
from ui.approval_chains.versions_dialog import VersionsDialog
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut

translate = QCoreApplication.translate  # the name lupdate recognises

FLOW = Qt.ItemDataRole.UserRole  # an item's flow id ("" for the default chain); None on an area's row
PENDING_COLOR, MUTED_COLOR, AREA_BACKGROUND = "#8a5a00", "#627d98", "#eef2f7"
HEADERS = (
    QT_TRANSLATE_NOOP("ApprovalChains", "Flow"),
    QT_TRANSLATE_NOOP("ApprovalChains", "Approvers"),
    QT_TRANSLATE_NOOP("ApprovalChains", "Version"),
    QT_TRANSLATE_NOOP("ApprovalChains", "Orders Go To"),
    QT_TRANSLATE_NOOP("ApprovalChains", "Pending Change"),
)
NAME, CHAIN, VERSION, SOURCE, PENDING = range(5)


class ChainsPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approvalChainsPage")
        self._ctx = ctx
        self.controller = controller = ChainsController(ctx, self)
        self.dialog: QDialog | None = None  # the editor or the history on screen, if any

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("chainList")
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in (NAME, VERSION, SOURCE, PENDING):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHAIN, QHeaderView.ResizeMode.Stretch)
        self.configure_button = QPushButton(self)
        self.configure_button.setObjectName("primaryButton")
        self.history_button = QPushButton(self)
        self.history_button.setObjectName("chainHistoryButton")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("chainRefreshButton")
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        for button in (self.configure_button, self.history_button, self.refresh_button):
            bar.addWidget(button)
        bar.addWidget(self.outcome, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)

        self.configure_button.clicked.connect(self.configure)
        self.history_button.clicked.connect(self.show_history)
        self.refresh_button.clicked.connect(controller.load)
        self.tree.itemActivated.connect(lambda *_: self.configure())  # Enter and double-click
        local_shortcut("F5", self, controller.load)
        self.tree.currentItemChanged.connect(lambda *_: self.update_actions())
        controller.loaded.connect(self.show_chains)
        controller.stateChanged.connect(self.update_actions)
        controller.submitted.connect(self._submitted)
        self.retranslate_ui()
        controller.load()

    # --- the list -------------------------------------------------------------------------------

    def show_chains(self) -> None:
        """The default chain, then the flows by area; the current row kept."""
        wanted = self.current_flow()
        blocked = self.tree.blockSignals(True)
        self.tree.clear()
        chains = self.controller.chains
        if chains is not None:
            self._chain_item(self.tree, chains.default)
            for group in self.controller.groups():
                area = QTreeWidgetItem(self.tree, [labels.area_name(group.root)])
                area.setFirstColumnSpanned(True)
                area.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = QFont(area.font(0))
                font.setBold(True)
                area.setFont(0, font)
                area.setBackground(0, QBrush(QColor(AREA_BACKGROUND)))
                for chain in group.chains:
                    self._chain_item(area, chain)
        self.tree.expandAll()
        self.tree.blockSignals(blocked)
        if not self.select_flow(wanted if wanted is not None else "") and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.update_actions()

    def _chain_item(self, parent: QTreeWidget | QTreeWidgetItem, chain: ApprovalChainOut) -> QTreeWidgetItem:
        language = self._ctx.language()
        controller = self.controller
        source = controller.source(chain)
        line = chain_text.chain_line(controller.in_force(chain), controller.directory, language)
        version = "—" if chain.version is None else f"v{chain.version}"
        pending = "" if chain.pending_order_id is None else translate(
            "ApprovalChains", "#{id} awaiting approval").format(id=chain.pending_order_id)
        item = QTreeWidgetItem(parent, [labels.flow_name(chain), line, version, labels.source_text(source), pending])
        item.setData(NAME, FLOW, chain.flow or "")
        item.setToolTip(NAME, chain.flow or labels.flow_name(chain))
        item.setToolTip(CHAIN, line)
        item.setTextAlignment(VERSION, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if source != labels.OWN:  # inherited: the line says the chain in force, greyed
            item.setForeground(CHAIN, QBrush(QColor(MUTED_COLOR)))
        if chain.pending_order_id is not None:
            item.setForeground(PENDING, QBrush(QColor(PENDING_COLOR)))
            bold = QFont(item.font(PENDING))
            bold.setBold(True)
            item.setFont(PENDING, bold)
        if chain.flow is None:
            font = QFont(item.font(NAME))
            font.setBold(True)
            item.setFont(NAME, font)
        return item

    def current_flow(self) -> str | None:
        """The current row's flow ("" for the default chain); None on an area's row or none."""
        item = self.tree.currentItem()
        return item.data(NAME, FLOW) if item is not None else None

    def current_chain(self) -> ApprovalChainOut | None:
        flow = self.current_flow()
        return None if flow is None else self.controller.chain(flow or None)

    def select_flow(self, flow: str) -> bool:
        """Makes the row of ``flow`` ("" for the default chain) current."""
        todo = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while todo:
            item = todo.pop(0)
            if item.data(NAME, FLOW) == flow:
                self.tree.setCurrentItem(item)
                return True
            todo.extend(item.child(i) for i in range(item.childCount()))
        return False

    def update_actions(self, *_args: object) -> None:
        chain, controller = self.current_chain(), self.controller
        self.configure_button.setEnabled(chain is not None and controller.can_change)
        self.configure_button.setToolTip(translate("ApprovalChains", "Change who approves this flow (Enter)")
                                         if controller.can_change else
                                         translate("ApprovalChains", "You may view the chains but not change them."))
        self.history_button.setEnabled(chain is not None)
        self.refresh_button.setEnabled(not controller.loading)
        if controller.outcome is not None:
            text, failed = controller.outcome
            self.outcome.setText(text)
            self.outcome.setProperty("failed", failed)  # the style sheet colours failures red
            self.outcome.style().unpolish(self.outcome)
            self.outcome.style().polish(self.outcome)

    # --- dialogs --------------------------------------------------------------------------------

    def configure(self, resubmit: WorkOrderOut | None = None) -> None:
        """配置 the current chain; ``resubmit``: a refused change of a chain, whose chain is made
        current and opened with what the order proposed (a flow no longer listed opens nothing)."""
        if resubmit is not None and not self.select_flow(str(resubmit.payload.get("flow") or "")):
            return
        chain = self.current_chain()
        if chain is None or not self.controller.can_change or self.dialog is not None:
            return
        self._show(ChainDialog(self.controller, chain, self, resubmit))

    def show_history(self) -> None:
        chain = self.current_chain()
        if chain is None or self.dialog is not None:
            return
        self._show(VersionsDialog(self.controller, chain, self))

    def _submitted(self, _order: object) -> None:
        if isinstance(self.dialog, ChainDialog):
            self.dialog.accept()

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    # --- language and tests ---------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([translate("ApprovalChains", h) for h in HEADERS])
        self.configure_button.setText(translate("ApprovalChains", "Configure…"))
        self.history_button.setText(translate("ApprovalChains", "History…"))
        self.refresh_button.setText(translate("ApprovalChains", "Refresh"))
        self.refresh_button.setToolTip("F5")
        self.hint.setText(translate(
            "ApprovalChains", "Who approves each flow, level by level. A flow without a chain of its own uses the "
                              "default approval flow, or else the super administrator. A change is a work order "
                              "that a second administrator decides; orders already submitted keep their approvers."))
        if self.controller.chains is not None:
            self.show_chains()
        self.update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def is_ready(self) -> bool:
        return self.controller.chains is not None and not self.controller.loading

    async def wait_idle(self) -> None:
        await wait_all_idle(self.controller.ops)
