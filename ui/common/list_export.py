"""A list page's Excel export: its button, progress and outcome line beside the page's status, and
the export itself, one at a time on the page's runner, so it goes on while the table is scrolled or
filtered again. The page writes the file (QueryPage.write_export): the server's workbook of the
applied filter, or one of its own."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QPushButton, QWidget

from ui.common.formatting import HK, file_size
from ui.common.op_runner import OpRunner

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

# Kept as source text so a language switch can re-translate the last one.
EXPORTING = QT_TRANSLATE_NOOP("QueryPage", "Exporting…")
EXPORTING_SIZE = QT_TRANSLATE_NOOP("QueryPage", "Exporting… {size}")
EXPORT_FAILED = QT_TRANSLATE_NOOP("QueryPage", "Export failed.")
EXPORTED = QT_TRANSLATE_NOOP("QueryPage", "Exported {size} to {path}")
EXPORT = "export"  # the runner's key of the export

# Writes the export to a path, telling the bytes written so far; returns the file's size.
WriteExport = Callable[[Path, Callable[[int], None]], Awaitable[int]]


class ListExport(QObject):
    finished = Signal(bool, str)  # ok, path

    def __init__(self, page: QWidget, ops: OpRunner, stem: str, write: WriteExport, available: bool):
        super().__init__(page)
        self._page = page
        self._ops = ops
        self._stem = stem  # default file name: <stem>-<YYYYMMDD-HHMM>.xlsx
        self._write = write
        self._available = available
        self._message: tuple[str, dict[str, str]] | None = None  # source text, arguments
        self._last_dir = QDir.homePath()

        self.button = QPushButton(page)
        self.button.setObjectName("exportButton")
        self.button.clicked.connect(self.choose_file)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(page)
        self.status.setObjectName("exportStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not available:
            self.button.hide()
        ops.runningChanged.connect(self._running_changed)

    @property
    def running(self) -> bool:
        return self._ops.running(EXPORT)

    def default_name(self) -> str:
        return f"{self._stem}-{datetime.now(HK):%Y%m%d-%H%M}.xlsx"

    def choose_file(self) -> None:
        """Asks for a file name without blocking the loop (open(), not exec())."""
        if self.running or not self._available:
            return
        dialog = QFileDialog(self._page, translate("QueryPage", "Export to Excel"),
                             str(Path(self._last_dir) / self.default_name()),
                             translate("QueryPage", "Excel workbook (*.xlsx)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.start(Path(name)))
        dialog.open()

    def start(self, target: Path) -> asyncio.Task:
        """Starts exporting to ``target``; the task's result says if it worked."""
        if not self._available:
            raise ValueError("this list has no export")
        if not self.running:
            self._last_dir = str(target.parent)
            self.button.setEnabled(False)
            self.progress.show()
            self._say(EXPORTING, {})
        return self._ops.run(self._export(target), key=EXPORT, if_running="keep",
                             on_failure=lambda exc: self._failed(target, exc))

    def show_progress(self, written: int) -> None:
        self._say(EXPORTING_SIZE, {"size": file_size(written)})

    def retranslate(self) -> None:
        self.button.setText(translate("QueryPage", "Export"))
        self.button.setToolTip(translate("QueryPage", "Export the filtered rows to Excel (Ctrl+E)"))
        if self._message is not None:
            text, args = self._message
            self.status.setText(translate("QueryPage", text).format(**args))

    async def _export(self, target: Path) -> bool:
        size = await self._write(target, self.show_progress)
        self._say(EXPORTED, {"size": file_size(size), "path": str(target)})
        self.finished.emit(True, str(target))
        return True

    def _failed(self, target: Path, exc: BaseException) -> bool:
        log.warning("export to %s failed: %s", target, exc)
        self._say(EXPORT_FAILED, {})
        self.finished.emit(False, str(target))
        return False  # the runner reports it

    def _running_changed(self, key: str, running: bool) -> None:
        if key == EXPORT and not running:
            self.button.setEnabled(True)
            self.progress.hide()

    def _say(self, source: str, args: dict[str, str]) -> None:
        self._message = (source, args)
        self.status.setText(translate("QueryPage", source).format(**args))
