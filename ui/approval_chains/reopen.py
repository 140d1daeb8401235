"""My Requests' Resubmit… of a chain change (ui/common/resubmission.py ``Reopen``): 審批流程配置
reads the chains afresh, then opens the chain's editor with what the refused order proposed (its
levels, CC and stricter chains as proposed, not as they are), under the banner."""

from __future__ import annotations

import asyncio

from pydantic import ValidationError
from PySide6.QtWidgets import QWidget

from services.contract.identity import ApprovalChainPayload
from services.contract.schemas import WorkOrderOut
from ui.approval_chains.chains_page import ChainsPage


def reopen_chain(page: QWidget, order: WorkOrderOut) -> bool:
    if not isinstance(page, ChainsPage):
        return False
    try:
        ApprovalChainPayload.model_validate(order.payload)
    except ValidationError:
        return False
    # The editor opens once the chains are in (the page may have just been made): its facts and
    # "use the default chain" are the chain's as it is now. A read that failed (the page said why)
    # or that a newer one replaced opens nothing.
    task = page.controller.load()
    task.add_done_callback(lambda done: page.configure(resubmit=order) if _read(done) else None)
    return True


def _read(done: asyncio.Task) -> bool:
    return not done.cancelled() and done.exception() is None and done.result() is not None
