"""What every read-only table model here shares: selectable cells, and a language switch that
repaints headers and texts without resetting the view (selection and scroll stay)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
# Or-ed once: a view asks every cell's flags, and Python's enum "|" costs more than the rest of it.
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ReadOnlyTableModel(QAbstractTableModel):
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return CELL_FLAGS

    def retranslate(self) -> None:
        """Headers and translated cell texts (yes/no, enum labels) follow a language switch."""
        columns = self.columnCount()
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self.rowCount() and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, columns - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])
