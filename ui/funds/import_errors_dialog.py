"""The errors of a refused confirmation file: each bad cell by row, column and reason, in the user's
language (refusals.py: the reason quotes the cell). Nothing was imported; the user fixes the file
and imports it again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialog_keys import confirm_keys
from ui.funds.refusals import column_text, file_reason

translate = QCoreApplication.translate  # the name lupdate recognises


class ImportErrorsDialog(QDialog):
    def __init__(self, file_name: str, message: str, errors: Sequence[dict], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importErrorsDialog")
        self.setWindowTitle(translate("FundClearingPage", "Confirmation File Refused"))
        intro = QLabel(self)
        intro.setObjectName("importErrorsIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(translate("FundClearingPage", "{file}: {message}").format(file=file_name, message=message))
        self.table = QTableWidget(len(errors), 3, self)
        self.table.setObjectName("importErrors")
        self.table.setHorizontalHeaderLabels([translate("FundClearingPage", "Row"),
                                              translate("FundClearingPage", "Column"),
                                              translate("FundClearingPage", "Reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for number, error in enumerate(errors):
            row = error.get("row")
            cells = ("" if row is None else str(row), column_text(str(error.get("field") or "")), file_reason(error))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        confirm_keys(self, buttons.button(QDialogButtonBox.StandardButton.Close))  # nothing to decide: it closes
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def rows(self) -> list[tuple[str, str, str]]:
        """(row, column, reason) as listed."""
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]
