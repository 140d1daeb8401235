"""The read-only table of list pages: uniform rows, horizontal scrolling, Ctrl+C copies as TSV;
Ctrl+End goes to the real last row of a paged list (read from the end when it is not loaded:
row_windows.py), Ctrl+Home back to the first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.common.column_sizer import ColumnSizer
from ui.common.columns import Column


def _cell(text: object) -> str:
    # A tab or line break inside a cell would shift every following cell of the paste.
    return "" if text is None else " ".join(str(text).split())


class CopyableTableView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(True)  # the corner selects all, Ctrl+A too
        rows = self.verticalHeader()
        # Fixed, uniform row heights: the view never measures rows, so long lists stay fast.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        columns = self.horizontalHeader()
        columns.setStretchLastSection(False)
        columns.setHighlightSections(False)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.sizer: ColumnSizer | None = None  # the columns' widths, for a table declared by Columns
        self._end_column: int | None = None  # Ctrl+End waits for the list's end in this column
        self.verticalScrollBar().valueChanged.connect(self._prefetch)

        self.copy_action = QAction(self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.addAction(self.copy_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.copy_action.setText(QCoreApplication.translate("QueryPage", "Copy as TSV"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self._end_column = None
        reached = getattr(model, "endReached", None)
        if reached is not None:  # a paged list: Ctrl+End may wait for its last page
            reached.connect(self._end_reached)
            model.modelReset.connect(self._forget_end)  # type: ignore[union-attr]

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        windows = getattr(self.model(), "windows", None)
        to_end = action == QAbstractItemView.CursorAction.MoveEnd and modifiers & Qt.KeyboardModifier.ControlModifier
        if windows is not None and to_end and not windows.go_to_end():
            self._end_column = max(self.currentIndex().column(), 0)
            return self.currentIndex()  # stays until the end's rows are here (endReached)
        return super().moveCursor(action, modifiers)

    def _prefetch(self) -> None:
        """The next page is read before the last row is reached (a paged list's windows decide)."""
        windows = getattr(self.model(), "windows", None)
        if windows is not None:
            bottom = self.rowAt(self.viewport().height() - 1)
            windows.want(bottom if bottom >= 0 else self.model().rowCount() - 1)

    def _end_reached(self) -> None:
        model = self.model()
        if self._end_column is None or model.rowCount() == 0:
            return
        last = model.index(model.rowCount() - 1, self._end_column)
        self._end_column = None
        self.setCurrentIndex(last)
        self.scrollTo(last, QAbstractItemView.ScrollHint.PositionAtBottom)

    def _forget_end(self) -> None:
        self._end_column = None

    def apply_column_widths(self, columns: Sequence[Column]) -> ColumnSizer:
        """Sizes the columns of the model (set first) to their content from now on: column_sizer.py."""
        self.sizer = ColumnSizer(self, columns)
        return self.sizer

    def selection_as_tsv(self) -> str:
        """The selected cells as rows of tab-separated text, holes as empty cells."""
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        cells = {(i.row(), i.column()): _cell(i.data(Qt.ItemDataRole.DisplayRole)) for i in indexes}
        return "\n".join("\t".join(cells.get((r, c), "") for c in columns) for r in rows) + "\n"

    def copy_selection(self) -> None:
        text = self.selection_as_tsv()
        if text:
            QGuiApplication.clipboard().setText(text)
