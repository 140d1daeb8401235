"""What 審批流程配置 loads, keeps and decides, without a widget: every flow's chain grouped by
business area in the menu's order (the default chain first), whom a chain may name, a chain's
versions, and a change submitted as its work order with what came of it.

A change is one work order per chain at a time: a chain with a change pending is marked, and a
submission that meets one anyway (409 target_locked) says so and reads the chains again. A
refusal naming fields (422) goes to the editor, which shows each on its part.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.clients.approval_chains import ApprovalChainsClient, new_key
from services.clients.resubmission import Resubmission
from services.contract.errors import ErrorCode
from services.contract.identity import ApprovalChainOut, ApprovalChainsOut, ChainSpec
from services.contract.schemas import WorkOrderOut
from services.rules.approval_chain import FALLBACK_CHAIN
from services.rules.violations import Violation
from ui.approval_chains import directory as people
from ui.approval_chains import labels
from ui.approval_chains.chain_draft import ChainDraft
from ui.approval_chains.directory import ChainDirectory
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext

translate = QCoreApplication.translate  # the name lupdate recognises

LOAD, SUBMIT, HISTORY = "load", "submit", "history"  # the runner's keys


@dataclass(frozen=True)
class AreaGroup:
    root: str  # the menu root's English label ("Risk"), translated in context "menu"
    chains: list[ApprovalChainOut]


def _lost_session(exc: BaseException) -> bool:
    return isinstance(exc, ApiError) and exc.is_auth


class ChainsController(QObject):
    loaded = Signal()  # the chains (and people) were read again
    stateChanged = Signal()  # a request started or ended, or the outcome changed
    submitted = Signal(object)  # the WorkOrderOut of a change
    refused = Signal(object)  # the ApiError of a change the backend refused
    versionsRead = Signal(object, object)  # the chain's key (flow or None) and its versions
    versionsFailed = Signal(object, str)

    def __init__(self, ctx: PageContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = ApprovalChainsClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.ops.runningChanged.connect(lambda *_: self.stateChanged.emit())
        self.chains: ApprovalChainsOut | None = None
        self.directory = people.remembered()
        self.outcome: tuple[str, bool] | None = None  # (text in the UI language when said, failed)
        # ((chain key, the refused order it corrects), idempotency key) of the change in hand
        self._key: tuple[tuple[str | None, int | None], str] | None = None

    @property
    def context(self) -> PageContext:
        return self._ctx

    @property
    def can_change(self) -> bool:
        """The client only hides the action: the backend checks the flow's permission itself."""
        return self._ctx.can(labels.CHANGE_PERMISSION)

    # --- reading ------------------------------------------------------------------------------

    def load(self) -> asyncio.Task:
        return self.ops.run(self._read(), key=LOAD, on_success=self._read_done)

    async def _read(self) -> tuple[ApprovalChainsOut, ChainDirectory]:
        chains, directory = await asyncio.gather(self.client.chains(), people.read_directory(self._ctx.api))
        return chains, directory

    def _read_done(self, result: tuple[ApprovalChainsOut, ChainDirectory]) -> None:
        self.chains, self.directory = result
        self.loaded.emit()
        self.stateChanged.emit()

    @property
    def loading(self) -> bool:
        return self.ops.running(LOAD)

    def groups(self) -> list[AreaGroup]:
        """The flows by business area, the areas in the menu's order, the flows in the table's."""
        if self.chains is None:
            return []
        by_root: dict[str, list[ApprovalChainOut]] = {}
        for chain in self.chains.flows:
            by_root.setdefault(labels.area_root(chain.area), []).append(chain)
        order = labels.root_order()
        roots = sorted(by_root, key=lambda root: order.index(root) if root in order else len(order))
        return [AreaGroup(root, by_root[root]) for root in roots]

    def chain(self, flow: str | None) -> ApprovalChainOut | None:
        if self.chains is None:
            return None
        if flow is None:
            return self.chains.default
        return next((c for c in self.chains.flows if c.flow == flow), None)

    def source(self, chain: ApprovalChainOut) -> str:
        """Where the chain's orders go: its own chain, the default one, or the administrators."""
        if chain.chain is not None:
            return labels.OWN
        default = self.chains.default.chain if self.chains is not None and chain.flow is not None else None
        return labels.DEFAULT if default is not None else labels.ADMINISTRATORS

    def in_force(self, chain: ApprovalChainOut) -> ChainSpec:
        default = self.chains.default.chain if self.chains is not None and chain.flow is not None else None
        return chain.chain or default or FALLBACK_CHAIN

    # --- changing -----------------------------------------------------------------------------

    def violations(self, draft: ChainDraft) -> list[Violation]:
        """The shared rules, against the roles and active people read."""
        return draft.violations(self.directory.roles.keys(), self.directory.users.keys())

    @property
    def submitting(self) -> bool:
        return self.ops.running(SUBMIT)

    def submit(self, flow: str | None, draft: ChainDraft, resubmission: Resubmission | None = None) -> asyncio.Task | None:
        """Submits the draft as ``flow``'s change (with ``resubmission``, as the correction of that
        refused order); a retry of the same chain's change (after a network failure) reuses its
        idempotency key, so it is submitted at most once."""
        if self.submitting or self.violations(draft):
            return None
        scope = (flow, resubmission.order_id if resubmission is not None else None)
        if self._key is None or self._key[0] != scope:
            self._key = (scope, new_key())
        op = self.client.resubmitting(resubmission).submit_change(flow, draft.to_spec(), draft.note, self._key[1])
        return self.ops.run(op, key=SUBMIT, on_success=self._submitted, on_failure=self._refused)

    def _submitted(self, order: WorkOrderOut) -> None:
        self._key = None
        if order.resubmitted_from_id is not None:
            text = translate("ApprovalChains", "Work order #{old} resubmitted as #{id}: a second administrator "
                                               "decides it.")
        else:
            text = translate("ApprovalChains", "Submitted for approval as #{id}: a second administrator decides it.")
        self._say(text.format(id=order.id, old=order.resubmitted_from_id), failed=False)
        self.submitted.emit(order)
        self._ctx.notify("work_orders")
        self.load()

    def _refused(self, exc: BaseException) -> bool:
        if not isinstance(exc, ApiError) or exc.is_network:
            return False  # reported by the shell; the same key retries the same change
        self._key = None
        if exc.code == ErrorCode.TARGET_LOCKED:
            self._say(translate("ApprovalChains", "A change of this chain already awaits approval: wait for its "
                                                  "decision, or withdraw it, then change it again."), failed=True)
            self.load()
        else:
            self._say(self._ctx.describe(exc), failed=True)
        self.refused.emit(exc)
        return not _lost_session(exc)

    def _say(self, text: str, *, failed: bool) -> None:
        self.outcome = (text, failed)
        self.stateChanged.emit()

    # --- history ------------------------------------------------------------------------------

    def history(self, flow: str | None) -> asyncio.Task:
        return self.ops.run(self.client.versions(flow), key=HISTORY,
                            on_success=lambda versions: self.versionsRead.emit(flow, versions),
                            on_failure=lambda exc: self._history_failed(flow, exc))

    def _history_failed(self, flow: str | None, exc: BaseException) -> bool:
        self.versionsFailed.emit(flow, self._ctx.describe(exc))
        return not _lost_session(exc)

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()
