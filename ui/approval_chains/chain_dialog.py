"""配置: one chain edited — its levels, CC and stricter chains (ChainOutline beside PartPane), or
"use the default chain" instead, and a note for the deciding administrator. Every edit is judged
at once by the shared rules, each reason on the part it is about; Save (Ctrl+Enter) submits the
change as a work order, Esc cancels. The backend's refusal of a field shows on its part too.

Opened with ``open()``, never ``exec()``; it stays open until the change is submitted, so a refusal
or a lost connection keeps what was typed. Opened to correct a refused order (``resubmit``), it
holds what that order proposed (the levels, CC and stricter chains, or "use the default chain"),
under a banner, and Save resubmits that order.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.resubmission import Resubmission
from services.contract.identity import NOTE_MAX, ApprovalChainOut, ApprovalChainPayload
from services.contract.schemas import WorkOrderOut
from services.rules.violations import Violation
from ui.approval_chains import labels
from ui.approval_chains.chain_draft import ChainDraft, Part
from ui.approval_chains.chain_outline import ChainOutline
from ui.approval_chains.chains_controller import ChainsController
from ui.approval_chains.part_pane import PartPane
from ui.common.dialog_keys import confirm_keys
from ui.common.resubmission import ResubmitBanner
from ui.common.rule_messages import error_entry_text, rule_text

translate = QCoreApplication.translate  # the name lupdate recognises


def _part_of(field: str) -> str:
    """The part a field names: "levels.2.roles" → "levels.2"; a pydantic path ("chain.levels.0…",
    counted from 0) → its part counted from 1."""
    bits = field.removeprefix("chain.").split(".")
    zero_based = field.startswith("chain.")
    out: list[str] = []
    for n, bit in enumerate(bits):
        if bit.isdigit() and n and bits[n - 1] in ("levels", "stricter"):
            out.append(str(int(bit) + 1) if zero_based else bit)
        elif bit in ("levels", "stricter", "cc") or (out and out[-1] == "stricter"):
            out.append(bit)
        else:
            break
    return ".".join(out)


class ChainDialog(QDialog):
    def __init__(self, controller: ChainsController, chain: ApprovalChainOut, parent: QWidget | None = None,
                 resubmit: WorkOrderOut | None = None):
        super().__init__(parent)
        self.setObjectName("chainDialog")
        self.controller, self.chain = controller, chain
        language = controller.context.language()
        proposal = ApprovalChainPayload.model_validate(resubmit.payload) if resubmit else None
        live = chain.chain or (controller.in_force(chain) if chain.flow is not None else None)
        self.draft = ChainDraft.of(proposal.chain if proposal is not None and proposal.chain is not None else live)
        # One note field only: the order's own note (ApprovalChainPayload.note) is for the deciding
        # administrator, as the banner's would be, so the banner keeps its title and reason and the
        # note below, prefilled from the order, says what was corrected too.
        self.banner = ResubmitBanner(resubmit, self) if resubmit else None
        if self.banner is not None:
            self.banner.note_edit.hide()
        self._server: dict[str, list[str]] = {}  # the backend's reasons by part, until the next edit

        self.facts = QLabel(self)
        self.facts.setObjectName("detailFacts")
        self.facts.setWordWrap(True)
        self.use_default = QCheckBox(self)
        self.use_default.setObjectName("chainUseDefault")
        self.use_default.setEnabled(chain.chain is not None)  # nothing of its own to remove otherwise
        self.use_default.toggled.connect(self._default_toggled)
        self.outline = ChainOutline(self.draft, controller.directory, language, self)
        self.pane = PartPane(self.draft, controller.directory, language, self)
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.outline, 2)
        row.addWidget(self.pane, 3)
        self.body = body
        self.note_caption = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("chainNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().height() * 3 + 14)
        self.note.textChanged.connect(self._note_edited)
        self.problems = QLabel(self)
        self.problems.setObjectName("chainProblems")
        self.problems.setProperty("tone", "error")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("chainSave")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        confirm_keys(self, self.save_button)

        layout = QVBoxLayout(self)
        if self.banner is not None:
            layout.addWidget(self.banner)
        layout.addWidget(self.facts)
        layout.addWidget(self.use_default)
        layout.addWidget(body, 1)
        layout.addWidget(self.note_caption)
        layout.addWidget(self.note)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.outline.partChosen.connect(self._part_chosen)
        self.outline.edited.connect(self._structure_edited)
        self.pane.changed.connect(self._part_edited)
        controller.refused.connect(self.show_refusal)
        controller.stateChanged.connect(self._enable)
        self.resize(940, 620 + (self.banner.sizeHint().height() if self.banner is not None else 0))
        self.retranslate_ui()
        if proposal is not None:
            self.note.setPlainText(proposal.note or "")
            # It proposed removing the flow's own chain (if it still has one to remove).
            self.use_default.setChecked(proposal.chain is None and self.use_default.isEnabled())
        self._default_toggled(self.use_default.isChecked())
        self.outline.rebuild(self.errors())

    # --- judging ------------------------------------------------------------------------------

    def violations(self) -> list[Violation]:
        return self.controller.violations(self.draft)

    def errors(self) -> dict[str, list[str]]:
        """Every reason by the part it is about: the rules' now, then the backend's last refusal."""
        out: dict[str, list[str]] = defaultdict(list)
        for violation in self.violations():
            out[_part_of(violation.field) or violation.field].append(rule_text(violation))
        for part, reasons in self._server.items():
            out[part] += reasons
        return dict(out)

    def _render(self, *, structure: bool) -> None:
        errors = self.errors()
        if structure:
            self.outline.rebuild(errors)
        else:
            self.outline.refresh_texts(errors)
        self.pane.show_errors(errors.get(self.outline.current.field, []))
        elsewhere = [reason for part, reasons in errors.items() if part != self.outline.current.field
                     for reason in reasons]
        if self.use_default.isChecked():
            elsewhere = [reason for reasons in self._server.values() for reason in reasons]
        count = len(elsewhere)
        self.problems.setText(translate("ApprovalChains", "Other parts to fix ({count}, marked ⚠): {first}").format(
            count=count, first=elsewhere[0]) if count else "")
        self.problems.setVisible(bool(count))
        self._enable()

    def _enable(self) -> None:
        blocked = bool(self.violations()) or self.controller.submitting or len(self.draft.note) > NOTE_MAX
        self.save_button.setEnabled(not blocked)

    # --- edits --------------------------------------------------------------------------------

    def _part_chosen(self, part: Part) -> None:
        self.pane.show_part(part, self.errors().get(part.field, []))
        self._render(structure=False)

    def _structure_edited(self) -> None:
        self._server.clear()
        self._render(structure=True)

    def _part_edited(self) -> None:
        self._server.pop(self.outline.current.field, None)
        self._render(structure=False)

    def _note_edited(self) -> None:
        self.draft.note = self.note.toPlainText()
        self._enable()

    def _default_toggled(self, on: bool) -> None:
        self.draft.use_default = on
        self.body.setEnabled(not on)
        self._render(structure=False)

    # --- saving -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Plain Enter never saves (a level's list takes it); Ctrl+Enter does wherever the focus
        is (the shortcut, or the key a child passed on), Esc cancels."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    def resubmission(self) -> Resubmission | None:
        """The refused order the change corrects, if it does."""
        return self.banner.resubmission() if self.banner is not None else None

    def save(self) -> None:
        if self.save_button.isEnabled():
            self.controller.submit(self.chain.flow, self.draft, self.resubmission())
            self._enable()

    def show_refusal(self, exc: ApiError) -> None:
        """The backend's reasons on their parts (a field it names), the rest below."""
        self._server = defaultdict(list)
        for error in exc.errors:
            field = str(error.get("field") or "")
            self._server[_part_of(field) or field or "chain"].append(error_entry_text(error))
        if not exc.errors:
            self._server["chain"].append(self.controller.outcome[0] if self.controller.outcome else exc.title)
        self._render(structure=True)

    def retranslate_ui(self) -> None:
        name = labels.flow_name(self.chain)
        self.setWindowTitle(translate("ApprovalChains", "Configure: {flow}").format(flow=name))
        version = (translate("ApprovalChains", "version {n}").format(n=self.chain.version)
                   if self.chain.version is not None else translate("ApprovalChains", "never configured"))
        self.facts.setText(f"{name}  ·  {version}  ·  {labels.source_text(self.controller.source(self.chain))}")
        self.use_default.setText(
            translate("ApprovalChains", "Use the default chain (remove this flow's own)") if self.chain.flow
            else translate("ApprovalChains", "Remove the default chain (flows without a chain go to the super "
                                             "administrator)"))
        self.note_caption.setText(translate("ApprovalChains", "Note for the approving administrator"))
        self.note.setPlaceholderText(translate("Resubmission", "Why, and what you corrected: for the administrator "
                                                               "who decides (optional)") if self.banner is not None
                                     else translate("ApprovalChains", "Why this change (optional)"))
        if self.banner is not None:
            self.banner.retranslate()
        self.save_button.setText(translate("ApprovalChains", "Save"))
        self.save_button.setToolTip("Ctrl+Enter")
