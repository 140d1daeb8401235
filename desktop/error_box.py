"""The shell's one error box: not modal, so the window works on behind it, and a burst of
failures updates it instead of stacking windows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from services.api_client import ApiError
from ui.common.dialog_keys import confirm_keys

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the window's


class ErrorBox(QMessageBox):
    def __init__(self, parent: QWidget):
        super().__init__(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Ok, parent)
        self.setObjectName("errorBox")
        self.setWindowModality(Qt.WindowModality.NonModal)
        confirm_keys(self, self.button(QMessageBox.StandardButton.Ok))

    def show_error(self, message: str, exc: BaseException) -> None:
        self.setWindowTitle(translate("MainWindow", "OpsDesk"))
        self.setText(message)
        self.setInformativeText(exc.detail if isinstance(exc, ApiError) and exc.detail else "")
        self.setDetailedText(support_details(exc))  # "Show Details...": what support looks the request up by
        self.show()
        self.raise_()


def support_details(exc: BaseException) -> str:
    """The request's id as the server logged it, and the error's code and status; empty for an
    error that no request made."""
    if not isinstance(exc, ApiError) or not exc.request_id:
        return ""
    lines = [translate("MainWindow", "Request ID: %1").replace("%1", exc.request_id),
             translate("MainWindow", "Error: %1").replace("%1", exc.code)]
    if exc.status:
        lines[-1] += f" (HTTP {exc.status})"
    return "\n".join(lines)
