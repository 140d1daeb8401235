"""A side drawer: a panel that slides in over the right side of its page, not a separate window.

The page stays visible (and scrollable) beside it, which is the point of the spec's 側邊欄: the
user keeps the list in view while creating or editing a row. Esc closes (asking first when the
content says it has unsaved edits: inline, not in a modal box), Ctrl+Enter runs the primary action.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QObject,
    QPropertyAnimation,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialog_keys import confirm_keys
from ui.common.shortcuts import escape_shortcut

translate = QCoreApplication.translate  # the name lupdate recognises

DRAWER_WIDTH = 440
SLIDE_MS = 160


class SideDrawer(QFrame):
    closed = Signal()

    def __init__(self, page: QWidget, is_dirty: Callable[[], bool] | None = None):
        super().__init__(page)
        self.setObjectName("sideDrawer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._page = page
        # Asked before closing: True means there are edits a close would lose.
        self._is_dirty = is_dirty

        self.title = QLabel(self)
        self.title.setObjectName("drawerTitle")
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.request_close)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        layout.addLayout(header)
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)

        self.body = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.secondary = QPushButton(self)
        self.secondary.clicked.connect(self.request_close)
        self.primary = QPushButton(self)
        self.primary.setObjectName("primaryButton")
        self.primary.setDefault(True)

        # Shown instead of closing while there are unsaved edits.
        self.discard_bar = QFrame(self)
        self.discard_bar.setObjectName("discardBar")
        self.discard_question = QLabel(self.discard_bar)
        self.discard_question.setWordWrap(True)
        self.discard_button = QPushButton(self.discard_bar)
        self.discard_button.clicked.connect(self.force_close)
        self.keep_button = QPushButton(self.discard_bar)
        self.keep_button.clicked.connect(self.discard_bar.hide)
        bar = QHBoxLayout(self.discard_bar)
        bar.addWidget(self.discard_question, 1)
        bar.addWidget(self.keep_button)
        bar.addWidget(self.discard_button)
        self.discard_bar.hide()
        layout.addWidget(self.discard_bar)
        footer = QHBoxLayout()
        layout.addLayout(footer)
        footer.addWidget(self.message, 1)
        footer.addWidget(self.secondary)
        footer.addWidget(self.primary)

        escape_shortcut(self, self.request_close)
        confirm_keys(self, self.primary)
        self._animation = QPropertyAnimation(self, b"geometry", self)
        self._animation.setDuration(SLIDE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        page.installEventFilter(self)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(translate("SideDrawer", "Close (Esc)"))
        self.discard_question.setText(translate("SideDrawer", "Discard your unsaved changes?"))
        self.keep_button.setText(translate("SideDrawer", "Keep editing"))
        self.discard_button.setText(translate("SideDrawer", "Discard"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- showing --------------------------------------------------------------------------------

    def _open_rect(self) -> QRect:
        width = min(DRAWER_WIDTH, self._page.width())
        return QRect(self._page.width() - width, 0, width, self._page.height())

    def open(self) -> None:
        target = self._open_rect()
        if not self.isVisible():
            self.setGeometry(target.translated(target.width(), 0))
            self.show()
        self.raise_()
        self._animation.stop()
        self._animation.setStartValue(self.geometry())
        self._animation.setEndValue(target)
        self._animation.start()
        self.activateWindow()
        self.focusNextChild()

    def request_close(self) -> bool:
        """Closes, or asks first (inline) when there are unsaved edits; returns whether it closed.
        A second Esc while asking keeps the edits."""
        if self.discard_bar.isVisible():
            self.discard_bar.hide()
            return False
        if self._is_dirty is not None and self._is_dirty():
            self.discard_bar.show()
            self.keep_button.setFocus()
            return False
        self.force_close()
        return True

    def force_close(self) -> None:
        self.discard_bar.hide()
        self.hide()
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Resize and self.isVisible():
            self._animation.stop()
            self.setGeometry(self._open_rect())
        return False
