"""What a user leaves of each page's layout, kept per user in the settings: the widths they gave
the columns of each table (ui/common/column_sizer.py) and where they left each splitter.

The shell attaches a page once it is made; the keys are the page's menu key and the table's or
splitter's object name, so a page's layout survives a change of the others.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from PySide6.QtWidgets import QSplitter, QWidget

from desktop.app_settings import AppSettings
from ui.common.column_sizer import widths_from_text
from ui.common.table_view import CopyableTableView


class TableWidths:
    """One table's user-set column widths (a ColumnSizer's WidthMemory), as JSON in the settings."""

    def __init__(self, settings: AppSettings, username: str, key: str):
        self._settings, self._username, self._key = settings, username, key

    def load(self) -> dict[str, int]:
        return widths_from_text(self._settings.user_value(self._username, self._key))

    def save(self, widths: Mapping[str, int]) -> None:
        self._settings.set_user_value(self._username, self._key, json.dumps(dict(widths), sort_keys=True))


class LayoutMemory:
    def __init__(self, settings: AppSettings, username: str):
        self._settings = settings
        self._username = username

    def table_widths(self, page_key: str, table_name: str) -> TableWidths:
        return TableWidths(self._settings, self._username, f"columns/{page_key}/{table_name}")

    def attach(self, page_key: str, page: QWidget) -> None:
        """Gives ``page``'s tables and splitters what the user left of them, and keeps what they do."""
        unnamed = 0
        for table in page.findChildren(CopyableTableView):
            if table.sizer is None:
                continue
            name = table.objectName()
            if not name:
                name, unnamed = f"table{unnamed}", unnamed + 1
            table.sizer.remember(self.table_widths(page_key, name))
        for splitter in page.findChildren(QSplitter):
            if splitter.objectName():
                self._keep_splitter(page_key, splitter)

    def _keep_splitter(self, page_key: str, splitter: QSplitter) -> None:
        key = f"splitters/{page_key}/{splitter.objectName()}"
        state = self._settings.user_bytes(self._username, key)
        if state is not None:
            splitter.restoreState(state)
        splitter.splitterMoved.connect(
            lambda *_: self._settings.set_user_value(self._username, key, splitter.saveState()))
