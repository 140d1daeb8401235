"""History… of one chain, read-only: each version newest first, its chain in words (or "removed"),
when it took effect, and who changed it by which work order (the maker and its approvers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.contract.identity import ApprovalChainOut, ApprovalChainVersionOut
from ui.approval_chains import chain_text, labels
from ui.approval_chains.chains_controller import ChainsController
from ui.common.dialog_keys import confirm_keys
from ui.common.formatting import hk_datetime

translate = QCoreApplication.translate  # the name lupdate recognises


class VersionsDialog(QDialog):
    def __init__(self, controller: ChainsController, chain: ApprovalChainOut, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chainVersionsDialog")
        self.controller, self.chain = controller, chain
        self.setWindowTitle(translate("ApprovalChains", "History: {flow}").format(flow=labels.flow_name(chain)))
        self.status = QLabel(translate("ApprovalChains", "Loading…"), self)
        self.status.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("chainVersions")
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setHeaderLabels([translate("ApprovalChains", "Version"), translate("ApprovalChains", "Time (HKT)"),
                                   translate("ApprovalChains", "Changed By"), translate("ApprovalChains", "Approvers")])
        header = self.list.header()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        confirm_keys(self, buttons.button(QDialogButtonBox.StandardButton.Close))  # nothing to decide: it closes
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(980, 420)
        controller.versionsRead.connect(self._read)
        controller.versionsFailed.connect(self._failed)
        controller.history(chain.flow)

    def _read(self, flow: str | None, versions: list[ApprovalChainVersionOut]) -> None:
        if flow != self.chain.flow:
            return
        language = self.controller.context.language()
        self.status.setText(translate("ApprovalChains", "{count} version(s); the newest is in force.").format(
            count=len(versions)) if versions else translate("ApprovalChains", "Never configured."))
        self.list.clear()
        for version in versions:
            who = (translate("ApprovalChains", "{maker} by order #{id}, approved by {approvers}").format(
                maker=version.maker_name or "?", id=version.work_order_id,
                approvers=translate("ApprovalChains", ", ").join(version.approver_names) or "—")
                if version.work_order_id is not None else translate("ApprovalChains", "The system, at its start"))
            words = (chain_text.chain_line(version.chain, self.controller.directory, language)
                     if version.chain is not None else translate("ApprovalChains", "Removed: the default chain applies"))
            item = QTreeWidgetItem(self.list, [f"v{version.version}", hk_datetime(version.created_at), who, words])
            item.setToolTip(3, words)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _failed(self, flow: str | None, reason: str) -> None:
        if flow == self.chain.flow:
            self.status.setText(translate("ApprovalChains", "The history could not be read: {reason}").format(
                reason=reason))

    def versions(self) -> list[list[str]]:
        """The rows as shown (for tests)."""
        return [[self.list.topLevelItem(r).text(c) for c in range(4)] for r in range(self.list.topLevelItemCount())]
