"""The sign-in dialog's line about the start (desktop/preparation.py): a moving bar and what is being
prepared while the server starts (each step of a first start, with how far it is), nothing once
ready, and when the local server could not start, its last words and a button to try again."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.preparation import Failure, Preparation, Stage
from services.contract.launch import PREPARE_STEPS, PrepareStep

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the dialog's

STEP_TEXTS = {
    PrepareStep.SCHEMA: QT_TRANSLATE_NOOP("LoginDialog", "Setting up the local database…"),
    PrepareStep.DEMO_ACCOUNTS: QT_TRANSLATE_NOOP("LoginDialog", "Creating the demo customer accounts…"),
    PrepareStep.DEMO_SECURITIES: QT_TRANSLATE_NOOP("LoginDialog", "Creating the demo securities and stock margins…"),
    PrepareStep.DEMO_MESSAGES: QT_TRANSLATE_NOOP("LoginDialog", "Creating the demo message records…"),
    PrepareStep.DEMO_HELP_ARTICLES: QT_TRANSLATE_NOOP("LoginDialog", "Creating the demo Help Center articles…"),
    PrepareStep.DEMO_FUNDS: QT_TRANSLATE_NOOP("LoginDialog", "Creating the demo funds and clearing batches…"),
}
DETAIL_LINES = 6


def failure_text(failure: Failure) -> str:
    """Why the start failed, and that nothing typed is lost."""
    if not failure.server:
        return translate("LoginDialog", "This workstation's database could not be opened. What you typed is "
                                        "kept: try again, or see below why.")
    if failure.exit_code is not None:
        why = translate("LoginDialog", "The local server stopped (exit code {code}) before it was ready.").format(
            code=failure.exit_code)
    elif failure.timeout is not None:
        why = translate("LoginDialog", "The local server did not answer within {seconds} seconds.").format(
            seconds=f"{failure.timeout:.0f}")
    else:
        why = translate("LoginDialog", "The local server could not be started.")
    return why + " " + translate("LoginDialog", "What you typed is kept: try again, or see below what it said last.")


def preparing_text(preparation: Preparation) -> str:
    """What the dialog says while it waits: the step under way, else what it waits for."""
    if preparation.step in STEP_TEXTS:
        return translate("LoginDialog", "Step {n} of {total}: {step}").format(
            n=PREPARE_STEPS.index(preparation.step) + 1, total=len(PREPARE_STEPS),
            step=translate("LoginDialog", STEP_TEXTS[preparation.step]))
    if preparation.embedded:
        return translate("LoginDialog", "Starting the local server…")
    return translate("LoginDialog", "Getting ready…")


class PreparationLine(QWidget):
    def __init__(self, preparation: Preparation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preparationLine")
        self.preparation = preparation
        self.bar = QProgressBar()
        self.bar.setObjectName("preparationBar")
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.label = QLabel()
        self.label.setObjectName("preparationText")
        self.label.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("preparationDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryStart")
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(preparation.retry)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        waiting = QHBoxLayout()
        layout.addLayout(waiting)
        waiting.setContentsMargins(0, 0, 0, 0)
        waiting.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)
        waiting.addWidget(self.label, 1)
        waiting.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.hint)
        layout.addWidget(self.details)
        preparation.changed.connect(self.show_state)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.retry_button.setText(translate("LoginDialog", "Try Again"))
        self.show_state()

    def show_state(self) -> None:
        preparation = self.preparation
        starting, failed = preparation.stage is Stage.STARTING, preparation.stage is Stage.FAILED
        self.setVisible(starting or failed)
        self.bar.setVisible(starting)
        if preparation.step in STEP_TEXTS:  # a first start's steps: how far it is
            self.bar.setRange(0, len(PREPARE_STEPS))
            self.bar.setValue(PREPARE_STEPS.index(preparation.step))
        else:
            self.bar.setRange(0, 0)  # moving: nothing to count
        failure = preparation.failure if failed else None
        self.label.setText(failure_text(failure) if failure is not None else preparing_text(preparation))
        self.label.setProperty("failed", failed)  # styled as an error (resources/style.qss)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        demo_step = starting and preparation.step not in (None, PrepareStep.SCHEMA)
        self.hint.setText(translate("LoginDialog", "The first start creates the demo data, once; "
                                                   "later starts take a moment.") if demo_step else "")
        self.hint.setVisible(demo_step)
        if failed and self.details.isHidden():  # the fixed font looked up only when needed
            self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.details.setFixedHeight(self.details.fontMetrics().lineSpacing() * DETAIL_LINES + 12)
        self.details.setPlainText(failure.output if failure is not None else "")
        self.details.moveCursor(QTextCursor.MoveOperation.End)  # its last words in sight
        self.details.setVisible(failed)
        self.retry_button.setVisible(failed)
