"""The banner above Identity's editors opened to correct a refused order (ui/common/resubmission.py),
and what the editor's own note says then.

One note field only: an order of a user's roles or of a role carries its own note to the deciding
administrator (``UserUpdatePayload.note``, ``RoleUpdatePayload.note``), shown beside the change in
the approvals detail. The banner's note is for the same reader, so a second box would split one
message in two; the banner keeps its title and the reason the order came back, the editor's note
is prefilled from the order and asks for what was corrected too, and the resubmission carries no
separate maker's note.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from services.contract.schemas import WorkOrderOut
from ui.common.resubmission import ResubmitBanner

translate = QCoreApplication.translate  # the name lupdate recognises


def note_only_in_editor(order: WorkOrderOut, note: QPlainTextEdit, parent: QWidget) -> ResubmitBanner:
    """The banner of ``order`` without its note box; ``note`` (the editor's) holds the order's note."""
    banner = ResubmitBanner(order, parent)
    banner.note_edit.hide()
    note.setPlainText(str(order.payload.get("note") or ""))
    note.setPlaceholderText(translate("Resubmission", "Why, and what you corrected: for the administrator who "
                                                      "decides (optional)"))
    return banner
