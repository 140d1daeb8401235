"""Resubmitting a refused work order where it was made: a registry each UI area fills, and the
banner its editor shows while correcting an order.

My Requests' "Resubmit…" looks the order's flow up here: the area names the page its change was
made on (the long margin page for its drawer, the upload page for its preview...) and how that
page opens its editor prefilled from the order. The editor shows a ``ResubmitBanner`` (which
order, why it came back, the maker's note to the approvers) and submits through its area client
``resubmitting(banner.resubmission())`` (services/clients/resubmission.py). A flow without an
editor (a delete, hiding an article) is resubmitted from My Requests itself, with a note.
Like change_views, this keeps the approvals pages from importing the areas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from services.clients.resubmission import Resubmission
from services.contract.flows import TRANSLATION_CONTEXT, flow
from services.contract.schemas import Decision, WorkOrderOut, WorkOrderStatus

translate = QCoreApplication.translate

# (the page, the order): opens the page's editor prefilled from the order; False when it cannot
# (the row or article is gone): My Requests then offers to resubmit it with a note only.
Reopen = Callable[[QWidget, WorkOrderOut], bool]


@dataclass(frozen=True)
class ResubmitEditor:
    page_key: str  # the menu key of the page the change is made on
    reopen: Reopen


_EDITORS: dict[str, ResubmitEditor] = {}


def register(flows: Iterable[str], page_key: str, reopen: Reopen) -> None:
    """``reopen`` on ``page_key``'s page corrects orders of ``flows``; the same again changes nothing."""
    entry = ResubmitEditor(page_key, reopen)
    for flow_id in flows:
        known = _EDITORS.setdefault(flow_id, entry)
        if known != entry:
            raise ValueError(f"flow {flow_id!r} already has a resubmit editor on {known.page_key!r}")


def editor_for(flow: str) -> ResubmitEditor | None:
    """Where ``flow``'s orders are corrected; None: resubmitted from My Requests with a note."""
    return _EDITORS.get(flow)


def why_returned(order: WorkOrderOut) -> str:
    """Why the order came back, in the UI language: the checker's reason, or what went stale."""
    if order.status == WorkOrderStatus.STALE:
        return translate("Resubmission", "What it changes was changed by someone else before it was applied.")
    rejected = [d for d in order.decisions if d.decision == Decision.REJECT]
    if not rejected:
        return ""
    last = rejected[-1]
    reason = last.comment or translate("Resubmission", "(no reason given)")
    return translate("Resubmission", "Rejected by {name}: {reason}").format(name=last.decider_name, reason=reason)


class ResubmitBanner(QFrame):
    """Above an editor opened to correct ``order``: which order, why it came back, and the note
    to the approvers that goes with the corrected change."""

    def __init__(self, order: WorkOrderOut, parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.setObjectName("resubmitBanner")
        self.title = QLabel(self)
        self.title.setObjectName("resubmitTitle")
        self.reason = QLabel(self)
        self.reason.setObjectName("resubmitReason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("resubmitNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addWidget(self.note_edit)
        self.retranslate()

    def retranslate(self) -> None:
        row = flow(self.order.flow)
        name = translate(TRANSLATION_CONTEXT, row.name_en) if row is not None else self.order.flow
        self.title.setText(translate("Resubmission", "Correcting work order #{id} ({flow})")
                           .format(id=self.order.id, flow=name))
        self.reason.setText(why_returned(self.order))
        self.note_edit.setPlaceholderText(
            translate("Resubmission", "Note to the approvers: what you corrected (optional)"))

    def note(self) -> str | None:
        # Not cut short here: a note over the contract's limit is refused by name (field "note").
        return self.note_edit.toPlainText().strip() or None

    def resubmission(self) -> Resubmission:
        """What the editor's client resubmits: this order, with the note as it is now."""
        return Resubmission(self.order.id, self.order.flow, self.note())
