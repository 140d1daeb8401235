"""The shell's one error box: not modal, so the window works on behind it, and a burst of
failures updates it instead of stacking windows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from services.api_client import ApiError

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the window's


class ErrorBox(QMessageBox):
    def __init__(self, parent: QWidget):
        super().__init__(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Ok, parent)
        self.setObjectName("errorBox")
        self.setWindowModality(Qt.WindowModality.NonModal)

    def show_error(self, message: str, exc: BaseException) -> None:
        self.setWindowTitle(translate("MainWindow", "OpsDesk"))
        self.setText(message)
        self.setInformativeText(exc.detail if isinstance(exc, ApiError) and exc.detail else "")
        self.show()
        self.raise_()
