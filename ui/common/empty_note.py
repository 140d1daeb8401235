"""A sentence over an empty list, centred in it, saying why it is empty (nothing yet, or nothing
that matches the filter, named: ui/common/empty_texts.py), so that nobody takes an empty list for
a broken one. Shown while the list has no rows and its reason says something: a list that is
still loading, or failed (its status line says so), gives no reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyNote(QLabel):
    def __init__(self, view: QAbstractItemView, reason: Callable[[], str], *changed: SignalInstance):
        """Over ``view``; ``reason()`` is the sentence of the list as it is now ("" for none), read
        again when the model's rows change and on each of ``changed``."""
        super().__init__(view.viewport())
        self.setObjectName("emptyNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #627d98; font-size: 14px; padding: 24px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._view = view
        self._reason = reason
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged, *changed):
            signal.connect(self.update_note)
        self.hide()

    @property
    def empty(self) -> bool:
        model = self._view.model()
        return model is None or model.rowCount() == 0

    def update_note(self, *_args: object) -> None:
        """Shows the sentence of the list as it is now (also after a language switch)."""
        text = self._reason() if self.empty else ""
        if text:
            self.setText(text)
            self.setGeometry(self.parentWidget().rect())
            self.show()
        else:
            self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
