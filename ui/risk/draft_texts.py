"""Display texts of draft batches: kinds, actions and states, in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.offline.models import BatchState

CONTEXT = "DraftBatches"
translate = QCoreApplication.translate  # the name lupdate recognises

KIND_TEXTS = {
    "long": QT_TRANSLATE_NOOP("DraftBatches", "Long"),
    "short": QT_TRANSLATE_NOOP("DraftBatches", "Short-sell"),
    "intraday": QT_TRANSLATE_NOOP("DraftBatches", "Intraday"),
}
ACTION_TEXTS = {
    "upload": QT_TRANSLATE_NOOP("DraftBatches", "Add or change rows"),
    "update": QT_TRANSLATE_NOOP("DraftBatches", "Change rows"),
    "batch_delete": QT_TRANSLATE_NOOP("DraftBatches", "Delete rows"),
}
_STATE_TEXTS = {
    BatchState.DRAFT: QT_TRANSLATE_NOOP("DraftBatches", "Draft"),
    BatchState.QUEUED: QT_TRANSLATE_NOOP("DraftBatches", "Queued"),
    BatchState.SUBMITTED: QT_TRANSLATE_NOOP("DraftBatches", "Submitted as work order #{id}"),
    BatchState.APPROVED: QT_TRANSLATE_NOOP("DraftBatches", "Approved (work order #{id})"),
    BatchState.REJECTED: QT_TRANSLATE_NOOP("DraftBatches", "Rejected (work order #{id})"),
    BatchState.STALE: QT_TRANSLATE_NOOP("DraftBatches", "Stale (work order #{id})"),
    BatchState.WITHDRAWN: QT_TRANSLATE_NOOP("DraftBatches", "Withdrawn (work order #{id})"),
    BatchState.EXPIRED: QT_TRANSLATE_NOOP("DraftBatches", "Expired (work order #{id})"),
    BatchState.CONFLICT: QT_TRANSLATE_NOOP("DraftBatches", "Conflict"),
    BatchState.REFUSED: QT_TRANSLATE_NOOP("DraftBatches", "Refused"),
    BatchState.SET_ASIDE: QT_TRANSLATE_NOOP("DraftBatches", "Set aside, never sent"),
}
# Text colours of the state column, as the approvals lists colour work order statuses.
STATE_COLORS = {
    BatchState.QUEUED: "#1d4ed8", BatchState.SUBMITTED: "#1d4ed8", BatchState.APPROVED: "#1e7b34",
    BatchState.REJECTED: "#b42318", BatchState.REFUSED: "#b42318", BatchState.CONFLICT: "#b42318",
    BatchState.SET_ASIDE: "#b42318",
    BatchState.STALE: "#8a5a00", BatchState.EXPIRED: "#8a5a00", BatchState.WITHDRAWN: "#627d98",
}


def kind_text(kind: str) -> str:
    return translate("DraftBatches", KIND_TEXTS[kind]) if kind in KIND_TEXTS else kind


def action_text(action: str) -> str:
    return translate("DraftBatches", ACTION_TEXTS[action]) if action in ACTION_TEXTS else action


def state_text(state: str, work_order_id: int | None) -> str:
    source = _STATE_TEXTS.get(state)  # type: ignore[call-overload]  # a StrEnum key is its string
    if source is None:
        return state
    return translate("DraftBatches", source).format(id="?" if work_order_id is None else work_order_id)


def banner_text(summary) -> str:
    """What the state of a batch (a services.offline.batches.BatchSummary) means for the user, and why."""
    texts = {
        BatchState.DRAFT: translate("DraftBatches", "Add rows (Ctrl++), paste them from Excel (Ctrl+V), import a "
                                                    "workbook or copy live rows. Saved as you type; submit it "
                                                    "(Ctrl+Enter) when it is ready."),
        BatchState.QUEUED: translate("DraftBatches", "Queued: it goes to the backend as soon as it can be reached. "
                                                     "It can no longer change here."),
        BatchState.SUBMITTED: translate("DraftBatches", "Submitted as work order #{id}; it awaits approval."),
        BatchState.APPROVED: translate("DraftBatches", "Work order #{id} was approved and applied."),
        BatchState.WITHDRAWN: translate("DraftBatches", "Work order #{id} was withdrawn."),
        BatchState.EXPIRED: translate("DraftBatches", "Work order #{id} expired before anyone decided it."),
        BatchState.REJECTED: translate("DraftBatches", "Work order #{id} was rejected. Change the rows and submit "
                                                       "again."),
        BatchState.STALE: translate("DraftBatches", "A live row changed before work order #{id} was approved, so "
                                                    "nothing was applied. Check the rows and submit again."),
        BatchState.REFUSED: translate("DraftBatches", "The backend refused it. Fix the rows and submit again."),
        BatchState.CONFLICT: translate("DraftBatches", "In conflict with the live table."),
        BatchState.SET_ASIDE: translate("DraftBatches", "Set aside and never sent: nothing proves that you queued "
                                                        "it with your password on this workstation (it may have been "
                                                        "queued in someone else's offline session, or changed in the "
                                                        "workstation's file). Check the rows: submit it again only if "
                                                        "they are yours, or delete it."),
    }
    text = texts.get(summary.state, summary.state).format(  # type: ignore[call-overload]
        id="?" if summary.work_order_id is None else summary.work_order_id)
    if summary.reason and summary.state not in (BatchState.CONFLICT, BatchState.SET_ASIDE):  # the checker's words, or the backend's
        text += "\n" + translate("DraftBatches", "Reason: {reason}").format(reason=summary.reason)
    return text
