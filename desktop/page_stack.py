"""The main window's pages: each made on its first visit and kept (with its filter, selection and
scroll), and an explanation while the user may open none. A page that fails to build is reported
and leaves the shell as it was. What a page's first opening would wait for (its ``ahead``, see
ui/common/page_registry.py) is done before, in a worker thread, once the window has stood a moment."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.pages import Ahead, PageFactory

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the window's


class PageStack(QStackedWidget):
    def __init__(self, factories: Mapping[str, PageFactory], context: Callable[[], PageContext],
                 report_error: Callable[[BaseException], None], parent: QWidget | None = None, *,
                 made: Callable[[str, QWidget], None] | None = None, ahead: Mapping[str, Ahead] | None = None):
        super().__init__(parent)
        self.setObjectName("pageStack")
        self._factories = factories
        self._context = context  # each page gets a context of its own
        self._report_error = report_error
        self._made = made  # told of each page once made (the user's layout of it: layout_memory.py)
        self._open: dict[str, QWidget] = {}
        self._ahead: dict[str, Ahead] | None = dict(ahead or {})  # None once started
        self.ops = OpRunner(self, report_error)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyPage")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.addWidget(self.empty_label)

    def show_page(self, key: str) -> bool:
        """Shows ``key``'s page, made now on its first visit; False when it could not be made."""
        page = self._open.get(key)
        if page is None:
            try:
                page = self._factories[key](self._context())
            except Exception as exc:  # a broken page must not take the shell down
                log.exception("page %s could not be created", key)
                self._report_error(exc)
                return False
            page.setObjectName(page.objectName() or key)
            if self._made is not None:
                self._made(key, page)
            self._open[key] = page
            self.addWidget(page)
        self.setCurrentWidget(page)
        return True

    def page(self, key: str) -> QWidget | None:
        return self._open.get(key)

    def prepare_ahead(self, keys: Iterable[str]) -> None:
        """Runs, in worker threads, the work done ahead of the pages of ``keys`` (the user's) not
        opened yet; once. Nothing when no event loop runs: the window outlived its loop (a
        timer of a window closed at sign-out or left by a test firing after it)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        ahead, self._ahead = self._ahead or {}, None
        for key in keys:
            work = ahead.get(key)
            if work is not None and key not in self._open:
                self.ops.run(asyncio.to_thread(work), key=f"ahead:{key}")

    def ahead_pending(self) -> bool:
        """The work done ahead has not started yet, or runs."""
        return self._ahead is not None or self.ops.busy

    def current_key(self) -> str | None:
        current = self.currentWidget()
        return next((k for k, w in self._open.items() if w is current), None)

    def retranslate_ui(self) -> None:
        self.empty_label.setText(translate("MainWindow", "No pages are available for your account yet. "
                                                         "Ask an administrator for access."))
