"""The editor of the current part of a chain: a level's approvers and how they decide (或簽 any
one, 會簽 all), the people copied, or a stricter chain's condition (its kind and value); the
reasons the part breaks a rule below it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.contract.identity import ApprovalMode, ConditionKind
from ui.approval_chains import chain_text
from ui.approval_chains.approvers_editor import ApproversEditor
from ui.approval_chains.chain_draft import ChainDraft, Part
from ui.approval_chains.directory import ChainDirectory

translate = QCoreApplication.translate  # the name lupdate recognises

APPROVERS, CONDITION = 0, 1  # the stack's pages


class PartPane(QWidget):
    changed = Signal()

    def __init__(self, draft: ChainDraft, directory: ChainDirectory, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.draft = draft
        self.part = Part(None, 0)
        self.title = QLabel(self)
        self.title.setObjectName("detailCaption")
        self.stack = QStackedWidget(self)

        approvers_page = QWidget(self.stack)
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[ApprovalMode, QRadioButton] = {}
        box = QVBoxLayout(approvers_page)
        box.setContentsMargins(0, 0, 0, 0)
        mode_row = QHBoxLayout()
        box.addLayout(mode_row)
        for mode in ApprovalMode:
            button = QRadioButton(approvers_page)
            button.setObjectName(f"chainMode_{mode.value}")
            self.modes.addButton(button)
            self.mode_buttons[mode] = button
            mode_row.addWidget(button)
            button.toggled.connect(lambda on, m=mode: on and self._set_mode(m))
        mode_row.addStretch(1)
        self.approvers = ApproversEditor(directory, language, approvers_page)
        self.approvers.changed.connect(self.changed)
        box.addWidget(self.approvers, 1)
        self.stack.addWidget(approvers_page)

        condition_page = QWidget(self.stack)
        self.kind = QComboBox(condition_page)
        self.kind.setObjectName("chainConditionKind")
        for kind in ConditionKind:
            self.kind.addItem("", kind)
        self.kind.currentIndexChanged.connect(self._condition_edited)
        self.value = QLineEdit(condition_page)
        self.value.setObjectName("chainConditionValue")
        self.value.setMaxLength(20)
        self.value.textEdited.connect(self._condition_edited)
        self.condition_help = QLabel(condition_page)
        self.condition_help.setWordWrap(True)
        self.condition_help.setObjectName("hint")
        self.kind_label, self.value_label = QLabel(condition_page), QLabel(condition_page)
        form = QFormLayout(condition_page)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.value_label, self.value)
        form.addRow(self.condition_help)
        self.stack.addWidget(condition_page)

        self.errors = QLabel(self)
        self.errors.setObjectName("fieldNote")
        self.errors.setProperty("tone", "error")
        self.errors.setWordWrap(True)
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.errors)
        self.retranslate_ui()

    def show_part(self, part: Part, errors: list[str]) -> None:
        self.part = part
        self.show_errors(errors)
        if part.level is None and not part.cc:
            stricter = self.draft.stricter[part.stricter or 0]
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(stricter.kind))
            self.kind.blockSignals(False)
            self.value.setText(stricter.value)
            self.stack.setCurrentIndex(CONDITION)
        else:
            level = self.draft.level(part)
            for button in self.mode_buttons.values():
                button.setVisible(not part.cc)
            self.mode_buttons[level.mode].setChecked(True)
            self.approvers.show_level(level)
            self.stack.setCurrentIndex(APPROVERS)
        self._title()

    def show_errors(self, errors: list[str]) -> None:
        self.errors.setText("\n".join(errors))
        self.errors.setVisible(bool(errors))

    def _set_mode(self, mode: ApprovalMode) -> None:
        if self.part.cc or self.part.level is None:
            return
        level = self.draft.level(self.part)
        if level.mode != mode:
            level.mode = mode
            self.changed.emit()

    def _condition_edited(self, *_args: object) -> None:
        if self.part.level is not None or self.part.cc:
            return
        stricter = self.draft.stricter[self.part.stricter or 0]
        stricter.kind, stricter.value = self.kind.currentData(), self.value.text()
        self.changed.emit()

    def _title(self) -> str:
        part = self.part
        if part.cc:
            text = translate("ApprovalChains", "CC: who reads the order without deciding it")
        elif part.level is None:
            text = translate("ApprovalChains", "Stricter chain {n}: when its levels apply").format(n=(part.stricter or 0) + 1)
        elif part.stricter is None:
            text = translate("ApprovalChains", "Level {n}: who decides it").format(n=part.level + 1)
        else:
            text = translate("ApprovalChains", "Stricter chain {s}, level {n}: who decides it").format(
                s=part.stricter + 1, n=part.level + 1)
        self.title.setText(text)
        return text

    def retranslate_ui(self) -> None:
        for mode, button in self.mode_buttons.items():
            button.setText(chain_text.mode_choice(mode))
        for row in range(self.kind.count()):
            self.kind.setItemText(row, chain_text.condition_choice(self.kind.itemData(row)))
        self.kind_label.setText(translate("ApprovalChains", "Condition"))
        self.value_label.setText(translate("ApprovalChains", "N"))
        self.value.setPlaceholderText(translate("ApprovalChains", "e.g. 1000"))
        self.condition_help.setText(translate(
            "ApprovalChains", "When the condition holds for an order, this chain's levels replace the normal "
                              "ones. The first stricter chain that holds wins: order them strictest first."))
        self._title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
