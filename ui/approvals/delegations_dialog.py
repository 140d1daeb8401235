"""Delegations… (委託審批): the delegations I gave and received, revoking mine, and a new one
(delegation_form.py). While one is in force the person named decides on my behalf where I am an
approver; the backend's clock says when it starts and ends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.approvals import ApprovalsClient
from services.contract.identity import ApprovalDelegationOut, DelegationState
from ui.approvals import labels
from ui.approvals.delegation_form import DelegationForm
from ui.approvals.handover_texts import refusal_text
from ui.common.dialog_keys import confirm_keys
from ui.common.formatting import hk_datetime
from ui.common.op_runner import OpRunner

_STATE_TEXTS = {
    DelegationState.SCHEDULED: QT_TRANSLATE_NOOP("DelegationsDialog", "Scheduled"),
    DelegationState.ACTIVE: QT_TRANSLATE_NOOP("DelegationsDialog", "In force"),
    DelegationState.ENDED: QT_TRANSLATE_NOOP("DelegationsDialog", "Ended"),
    DelegationState.REVOKED: QT_TRANSLATE_NOOP("DelegationsDialog", "Revoked"),
}
REVOCABLE = frozenset({DelegationState.SCHEDULED, DelegationState.ACTIVE})

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


def flows_text(flows: list[str] | None) -> str:
    return translate("DelegationsDialog", "Every flow") if flows is None else ", ".join(
        labels.flow_name(f) for f in flows)


class DelegationsDialog(QDialog):
    def __init__(self, approvals: ApprovalsClient, me_id: int, describe: Callable[[BaseException], str],
                 now, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("delegationsDialog")
        self.setWindowTitle(translate("DelegationsDialog", "Delegations"))
        self._approvals, self._me, self._describe = approvals, me_id, describe
        self._rows: list[ApprovalDelegationOut] = []
        self.ops = OpRunner(self)

        self.table = QTreeWidget(self)
        self.table.setObjectName("delegationsTable")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([
            translate("DelegationsDialog", "From"), translate("DelegationsDialog", "To"),
            translate("DelegationsDialog", "Starts (HK)"), translate("DelegationsDialog", "Ends (HK)"),
            translate("DelegationsDialog", "Flows"), translate("DelegationsDialog", "State")])
        for column, width in enumerate((170, 170, 125, 125, 200)):
            self.table.setColumnWidth(column, width)
        self.revoke_button = QPushButton(translate("DelegationsDialog", "Revoke"), self)
        self.revoke_button.setObjectName("revokeDelegation")
        self.revoke_button.setToolTip(translate("DelegationsDialog", "End the selected delegation of yours now"))
        self.outcome = QLabel(self)
        self.outcome.setObjectName("delegationOutcome")
        self.outcome.setWordWrap(True)
        self.form = DelegationForm(now, self)
        new_box = QGroupBox(translate("DelegationsDialog", "New Delegation"), self)
        QVBoxLayout(new_box).addWidget(self.form)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        confirm_keys(self, self.form.create_button)  # what the dialog decides: a new delegation

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("DelegationsDialog", "Given and received: while one is in force, "
                                          "its delegate decides on the approver's behalf."), self))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        layout.addLayout(row)
        row.addWidget(self.outcome, 1)
        row.addWidget(self.revoke_button)
        layout.addWidget(new_box)
        layout.addWidget(close)
        self.resize(960, 640)

        self.table.currentItemChanged.connect(self._update)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.form.delegateRequested.connect(self._create)
        self.ops.runningChanged.connect(self._update)
        self._update()
        self.reload()

    # --- the list -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.ops.run(self._approvals.delegations(), key="list", on_success=self._show, on_failure=self._failed)

    def _show(self, rows: list[ApprovalDelegationOut]) -> None:
        self._rows = rows
        self.table.clear()
        for d in rows:
            item = QTreeWidgetItem([d.from_name, d.to_name, hk_datetime(d.starts_at), hk_datetime(d.ends_at),
                                    flows_text(d.flows), translate("DelegationsDialog", _STATE_TEXTS[d.state])])
            item.setData(0, Qt.ItemDataRole.UserRole, d.id)
            item.setToolTip(4, flows_text(d.flows))
            self.table.addTopLevelItem(item)
        self._update()

    def selected(self) -> ApprovalDelegationOut | None:
        item = self.table.currentItem()
        if item is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((d for d in self._rows if d.id == wanted), None)

    def _update(self, *_args: object) -> None:
        chosen = self.selected()
        idle = not self.ops.running("change")
        self.revoke_button.setEnabled(idle and chosen is not None and chosen.from_id == self._me
                                      and chosen.state in REVOCABLE)
        self.form.setEnabled(idle)

    # --- changes ------------------------------------------------------------------------------

    def revoke_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.revoke_button.isEnabled():
            self.ops.run(self._revoke(chosen), key="change", on_failure=self._failed)

    async def _revoke(self, chosen: ApprovalDelegationOut) -> None:
        await self._approvals.revoke_delegation(chosen.id)
        self._say(translate("DelegationsDialog", "The delegation to {name} is revoked.").format(name=chosen.to_name))
        self.reload()

    def _create(self, username: str, starts, ends, flows) -> None:
        self.ops.run(self._delegate(username, starts, ends, flows), key="change", on_failure=self._failed)

    async def _delegate(self, username: str, starts, ends, flows) -> None:
        made = await self._approvals.delegate(username, starts, ends, flows)
        self.form.clear()
        self._say(translate("DelegationsDialog", "{name} decides for you from {start} until {end}.")
                  .format(name=made.to_name, start=hk_datetime(made.starts_at), end=hk_datetime(made.ends_at)))
        self.reload()

    def _say(self, text: str, *, failed: bool = False) -> None:
        self.outcome.setText(text)
        self.outcome.setProperty("failed", failed)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    def _failed(self, exc: BaseException) -> bool:
        """Said in the dialog, with the backend's reason for a refused field."""
        self._say(refusal_text(exc, self._describe), failed=True)
        return isinstance(exc, ApiError) and not exc.is_auth and not exc.is_network
