"""The Articles page's two rows above its list: the action buttons the user's permissions allow
with the outcome line beside them, then what the current article awaits and whether (and why not)
the list can be reordered, with Submit Order and Reset Order while a new order is on screen.

A view: what is enabled and said comes from the ArticlesController (``show_state``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.contract.help_center import ArticleOut
from ui.help_center.articles_controller import ArticlesController

translate = QCoreApplication.translate  # the name lupdate recognises

BUTTON_TEXTS = {"new": QT_TRANSLATE_NOOP("ArticlesPage", "New…"), "edit": QT_TRANSLATE_NOOP("ArticlesPage", "Edit…"),
                "copy": QT_TRANSLATE_NOOP("ArticlesPage", "Copy…"),
                "delete": QT_TRANSLATE_NOOP("ArticlesPage", "Delete…"),
                "hide": QT_TRANSLATE_NOOP("ArticlesPage", "Hide"), "show": QT_TRANSLATE_NOOP("ArticlesPage", "Show")}
BUTTON_TIPS = {
    "new": QT_TRANSLATE_NOOP("ArticlesPage", "Write a new article; it goes online once approved if you choose "
                                             "so, else it is created hidden (Ctrl+N)"),
    "edit": QT_TRANSLATE_NOOP("ArticlesPage", "Edit the current article in the side drawer (Enter)"),
    "copy": QT_TRANSLATE_NOOP("ArticlesPage", "Copy the current article as a new hidden one, at once (Ctrl+D)"),
    "delete": QT_TRANSLATE_NOOP("ArticlesPage", "Submit the deletion of the current article; only a hidden one "
                                                "can be deleted (Del)"),
    "hide": QT_TRANSLATE_NOOP("ArticlesPage", "Submit hiding the current article from customers"),
    "show": QT_TRANSLATE_NOOP("ArticlesPage", "Submit showing the current article to customers"),
}


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    return button


class ArticleActionsBar(QWidget):
    def __init__(self, controller: ArticlesController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.buttons = {action: _button(self, f"{action}Button") for action in controller.allowed_actions()}
        if "new" in self.buttons:
            self.buttons["new"].setObjectName("primaryButton")
        self.outcome = _label(self, "approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        self.pending_notice = _label(self, "pendingNotice")
        self.reorder_hint = _label(self, "hint")
        self.submit_order_button = _button(self, "submitOrderButton")
        self.reset_order_button = _button(self, "resetOrderButton")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        layout.addLayout(first)
        for button in self.buttons.values():
            first.addWidget(button)
        first.addWidget(self.outcome, 1)
        second = QHBoxLayout()
        layout.addLayout(second)
        second.addWidget(self.pending_notice, 1)
        second.addWidget(self.reorder_hint)
        second.addWidget(self.submit_order_button)
        second.addWidget(self.reset_order_button)
        controller.actions.outcomeChanged.connect(self.show_outcome)

    def show_state(self, row: ArticleOut | None) -> None:
        """What may be done to ``row`` (the current article) and to the list's order now."""
        controller = self.controller
        for action, button in self.buttons.items():
            button.setEnabled(controller.actions.enabled(action, row))
        self.pending_notice.setText(controller.actions.pending_notice(row))
        arranged = controller.model.arranged
        if not controller.can_reorder:
            self.reorder_hint.hide()
        elif arranged:
            self.reorder_hint.setText(translate("ArticlesPage", "New order not submitted yet."))
        else:
            self.reorder_hint.setText(controller.reorder_blocker() or translate(
                "ArticlesPage", "Drag rows, or press Ctrl+↑ / Ctrl+↓, to change the order."))
        self.submit_order_button.setVisible(arranged)
        self.reset_order_button.setVisible(arranged)
        self.submit_order_button.setEnabled(arranged and not controller.actions.acting)

    def show_outcome(self) -> None:
        actions = self.controller.actions
        outcome = actions.outcome
        if outcome is None:
            return
        self.outcome.setText(actions.outcome_text())
        self.outcome.setProperty("failed", outcome.failed)  # the style sheet colours failures red
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    def retranslate(self) -> None:
        for action, button in self.buttons.items():
            button.setText(translate("ArticlesPage", BUTTON_TEXTS[action]))
            button.setToolTip(translate("ArticlesPage", BUTTON_TIPS[action]))
        self.submit_order_button.setText(translate("ArticlesPage", "Submit Order…"))
        self.submit_order_button.setToolTip(translate("ArticlesPage", "Submit the order on screen for approval "
                                                                      "(Ctrl+S)"))
        self.reset_order_button.setText(translate("ArticlesPage", "Reset Order"))
        self.reset_order_button.setToolTip(translate("ArticlesPage", "Back to the live order"))
        self.show_outcome()
