"""Notices at the top of the window's page area: a line each, newest first, that never takes the
focus or blocks the page. Each has Open and Dismiss buttons (Tab reaches them; Esc on a notice
dismisses it); View › Go to Notices (Ctrl+Shift+N) puts the focus on the newest. At most
MAX_SHOWN stay: an older one makes way for a new one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ui.common.shortcuts import local_shortcut

MAX_SHOWN = 3


class Notice(QFrame):
    """``text()`` gives the sentence in the UI language (asked again when the language changes);
    ``tone`` colours it (resources/style.qss); ``key`` is what Open opens."""

    opened = Signal(int)
    dismissed = Signal()

    def __init__(self, text: Callable[[], str], tone: str, key: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setProperty("tone", tone)
        self.key = key
        self._text = text
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("noticeOpen")
        self.open_button.clicked.connect(lambda: self.opened.emit(self.key))
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setObjectName("noticeDismiss")
        self.dismiss_button.setText("✕")
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.dismiss_button.clicked.connect(self.dismiss)
        local_shortcut(Qt.Key.Key_Escape, self, self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.dismiss_button)
        self.retranslate_ui()

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
        self.deleteLater()

    def retranslate_ui(self) -> None:
        self.label.setText(self._text())
        self.open_button.setText(self.tr("Open"))
        self.dismiss_button.setToolTip(self.tr("Dismiss (Esc)"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class NoticeArea(QWidget):
    opened = Signal(int)  # a notice's key: its Open was pressed (the notice goes)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeArea")
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(8, 8, 8, 0)
        self._column.setSpacing(4)
        self.focus_action = QAction(self)
        self.focus_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.focus_action.triggered.connect(self.focus_newest)
        self.hide()
        self.retranslate_ui()

    def above(self, widget: QWidget) -> QWidget:
        """A pane of this area over ``widget`` (the pages), which takes the rest of the height."""
        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self)
        column.addWidget(widget, 1)
        return pane

    def notices(self) -> list[Notice]:
        """Newest first."""
        # Not through the layout's itemAt: see ui/common/layout_items.py. Each notice goes to the
        # top of the column, so the newest child is the topmost one.
        shown = self.findChildren(Notice, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return [n for n in reversed(shown) if not n.isHidden()]

    def show_notice(self, text: Callable[[], str], tone: str, key: int) -> Notice:
        for old in self.notices()[MAX_SHOWN - 1:]:
            old.dismiss()
        notice = Notice(text, tone, key, self)
        notice.opened.connect(self._open)
        notice.dismissed.connect(self._shown_or_hidden)
        self._column.insertWidget(0, notice)
        self.show()
        return notice

    def focus_newest(self) -> bool:
        shown = self.notices()
        if shown:
            shown[0].open_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return bool(shown)

    def _open(self, key: int) -> None:
        notice = self.sender()
        if isinstance(notice, Notice):
            notice.dismiss()
        self.opened.emit(key)

    def _shown_or_hidden(self) -> None:
        self.setVisible(bool(self.notices()))

    def retranslate_ui(self) -> None:
        self.focus_action.setText(self.tr("Go to &Notices"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
