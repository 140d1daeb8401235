"""A table of an upload's problems, one per row: workbook row, field (as the column header names
it), a correction the user may type (errors of one cell only; the column is wide enough to read
what is typed) and the reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QStyle, QTableWidget, QTableWidgetItem, QWidget

from services.rules.violations import Violation
from ui.common.rule_messages import rule_text

translate = QCoreApplication.translate  # the name lupdate recognises

VALUE_COLUMN = 2  # the editable correction
WHOLE_FILE_FIELDS = ("file", "sheet", "rows", "header")  # problems of no single cell: nothing to correct in place
CORRECTION_CHARS = 22  # the correction column holds this many digits: a date and time, a symbol, a ratio


class IssueTable(QTableWidget):
    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.editable = editable
        self.setObjectName("uploadErrors" if editable else "uploadWarnings")
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers if editable
                             else QTableWidget.EditTrigger.NoEditTriggers)
        self.setColumnHidden(VALUE_COLUMN, not editable)  # a warning is not corrected here

    def show_issues(self, issues: Sequence[Violation], field_text: Callable[[str], str]) -> None:
        """``issues`` in rows, without telling of changed items (the corrections start empty)."""
        self.blockSignals(True)
        self.setRowCount(len(issues))
        for i, v in enumerate(issues):
            fixable = self.editable and v.row is not None and v.field not in WHOLE_FILE_FIELDS
            cells = ("" if v.row is None else str(v.row), field_text(v.field), "", rule_text(v))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c != VALUE_COLUMN or not fixable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, (v.row, v.field) if fixable else None)
                if c == VALUE_COLUMN and fixable:
                    item.setToolTip(translate("UploadDialog", "Type the right value here; Apply Corrections "
                                                              "writes it into a copy of the file and reads it again"))
                self.setItem(i, c, item)
        self.resizeColumnsToContents()
        if self.editable:
            wide = self.fontMetrics().horizontalAdvance("0" * CORRECTION_CHARS) + 2 * self.style().pixelMetric(
                QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
            self.setColumnWidth(VALUE_COLUMN, max(self.columnWidth(VALUE_COLUMN), wide))
        self.blockSignals(False)

    def fixes(self) -> dict[tuple[int, str], str]:
        """The corrections typed: (workbook row, field) → text."""
        out = {}
        for i in range(self.rowCount()):
            item = self.item(i, VALUE_COLUMN)
            where = item.data(Qt.ItemDataRole.UserRole) if item else None
            if where is not None and item.text().strip():
                out[tuple(where)] = item.text().strip()
        return out

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels([translate("UploadDialog", "Row"), translate("UploadDialog", "Field"),
                                        translate("UploadDialog", "Correction"), translate("UploadDialog", "Reason")])
