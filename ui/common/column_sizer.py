"""The widths of a table's columns declared by Columns (columns.py), kept as rows arrive.

Each column is as wide as its header and its widest text: a number, date or identifier always
whole, free text up to FREE_TEXT_CHARS digits' width (beyond, it elides and its tooltip holds it
all). Spare width of the view goes first to free text that was cut, then to the last free-text
column (the last column if none), so the table fills its view without an empty filler. When that
spares a horizontal scroll, free text gives up width, the widest first and none below
SQUEEZED_CHARS; figures never do. A width the user drags stays theirs; given a WidthMemory (the
shell keeps one per user, page and table), it is remembered.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QTableView

from ui.common.column_table_model import ColumnTableModel
from ui.common.columns import Column
from ui.common.row_windows import NotLoaded

FREE_TEXT_CHARS = 40  # free text is shown up to this many digits' width before it elides
SQUEEZED_CHARS = 20  # and down to this many when that fits every column into the view
MEASURED_ROWS = 1000  # rows measured when the whole list is measured again (Qt's own resize precision)


class WidthMemory(Protocol):
    """Where a table's user-set widths (column key → pixels) live between runs."""

    def load(self) -> Mapping[str, int]: ...

    def save(self, widths: Mapping[str, int]) -> None: ...


def widths_from_text(text: object) -> dict[str, int]:
    """A memory's stored text (JSON) as widths; anything unreadable as none."""
    try:
        value = json.loads(str(text)) if text else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0}


class ColumnSizer(QObject):
    def __init__(self, view: QTableView, columns: Sequence[Column]):
        super().__init__(view)
        self._view = view
        self._declared = tuple(columns)
        self._content: dict[str, int] = {}  # widest cell (text and margins) measured, by column key
        self._user: dict[str, int] = {}  # widths the user dragged, by column key
        self._memory: WidthMemory | None = None
        self._margin: int | None = None  # a cell's width beyond its text: style padding and text margins
        self._fresh = True  # the next rows measured replace what was measured before
        self._font_key = ""
        self._advances: dict[str, float] = {}  # text → width in the view's font
        self._busy = False  # our own resizing: not the user's
        self._dragging = False  # a mouse button is down on the header
        self._dragged = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        self._header_area = header.viewport()
        self._header_area.installEventFilter(self)
        self._area = view.viewport()
        self._area.installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self._measure_all)  # also when a model changes its columns
        model.layoutChanged.connect(lambda *_: self._measure_all())
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(self._data_changed)
        model.headerDataChanged.connect(lambda *_: self.lay_out())  # a language switch: new titles
        self._measure_all()

    # --- what is shown ------------------------------------------------------------------------

    def columns(self) -> tuple[Column, ...]:
        """The model's columns (a model may change them, as Fund Clearing's decimals do)."""
        return tuple(getattr(self._view.model(), "columns", self._declared))

    def user_widths(self) -> dict[str, int]:
        return dict(self._user)

    def remember(self, memory: WidthMemory) -> None:
        """Keeps the user's widths in ``memory`` from now on, starting with those it holds."""
        self._memory = memory
        keys = {column.key for column in self.columns()}
        self._user = {key: width for key, width in memory.load().items() if key in keys}
        self.lay_out()

    def forget_user_widths(self) -> None:
        self._user = {}
        if self._memory is not None:
            self._memory.save({})
        self.lay_out()

    # --- measuring ----------------------------------------------------------------------------

    def _measure_all(self) -> None:
        """Measures the rows afresh; an emptied list (a reload) keeps its widths until rows come."""
        self._fresh = True
        self._measure(0, min(self._view.model().rowCount(), MEASURED_ROWS) - 1)

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            self._measure(first, last)

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return
        if top_left.row() == 0 and bottom_right.row() >= self._view.model().rowCount() - 1:
            self._measure_all()  # every row again (a language switch): columns may narrow too
        else:
            self._measure(top_left.row(), bottom_right.row())

    def _measure(self, first: int, last: int) -> None:
        """Widens the measured content by rows ``first``..``last`` (replaces it, the first rows
        after a reset), then lays the columns out."""
        model = self._view.model()
        if last >= first:
            if self._fresh:
                self._content, self._fresh = {}, False
            advance = self._advance_of()
            rows = self._shown_rows(first, last)
            for section, column in enumerate(self.columns()):
                widest, widest_row = 0.0, -1
                for row, text in self._texts(section, column, first, last, rows):
                    if text and advance(text) > widest:
                        widest, widest_row = advance(text), row
                width = 0 if widest_row < 0 else math.ceil(widest) + self._cell_margin(model.index(widest_row, section))
                self._content[column.key] = max(self._content.get(column.key, 0), width)
        self.lay_out()

    def _shown_rows(self, first: int, last: int) -> list[tuple[int, object]] | None:
        """A ColumnTableModel's rows ``first``..``last`` (its placeholders, which show no field,
        left out), read once for every column; None for another model."""
        model = self._view.model()
        if not isinstance(model, ColumnTableModel):
            return None
        return [(row, shown) for row in range(first, last + 1)
                if not isinstance(shown := model.row(row), NotLoaded)]

    def _texts(self, section: int, column: Column, first: int, last: int,
               rows: list[tuple[int, object]] | None) -> Iterator[tuple[int, str]]:
        """Rows ``first``..``last`` of a column with the text each shows."""
        model = self._view.model()
        if rows is not None:  # its cells show its columns' texts: read without Qt's round trip
            for row, shown in rows:
                yield row, column.text(shown)
        else:
            for row in range(first, last + 1):
                text = model.index(row, section).data(Qt.ItemDataRole.DisplayRole)
                yield row, "" if text is None else str(text)

    def _advance_of(self) -> Callable[[str], float]:
        """A text's width in the view's font, each text measured once (lists repeat their words)."""
        self._view.ensurePolished()  # the style sheet's font, not the default one
        font = self._view.font()
        if font.key() != self._font_key:
            self._font_key, self._advances, self._margin = font.key(), {}, None
        metrics, advances = QFontMetricsF(font), self._advances

        def advance(text: str) -> float:
            width = advances.get(text)
            if width is None:
                width = advances[text] = metrics.horizontalAdvance(text)
            return width

        return advance

    def _cell_margin(self, index: QModelIndex) -> int:
        """What a cell adds to its text (style padding, text margins, the grid line), asked of the
        view's own delegate once per font."""
        if self._margin is None:
            text = str(index.data(Qt.ItemDataRole.DisplayRole))
            hint = self._view.sizeHintForIndex(index).width()
            grid = 1 if self._view.showGrid() else 0
            self._margin = max(0, hint - math.floor(self._advance_of()(text))) + grid + 1
        return self._margin

    # --- laying out ---------------------------------------------------------------------------

    def _widths(self, section: int, column: Column) -> tuple[int, int, int]:
        """The column's width without the user's, the least a free text is squeezed to when the
        view is narrow, and the width its whole content needs (the same three for a figure)."""
        header = self._view.horizontalHeader()
        title = max(header.sectionSizeHint(section), header.minimumSectionSize())
        content = self._content.get(column.key)
        digit = self._view.fontMetrics().horizontalAdvance("0")
        if content is None:  # nothing measured yet: the declared estimate
            estimate = max(title, column.width_chars * digit + 16)
            return estimate, estimate, estimate
        whole = max(title, content)
        if column.shown_whole:
            return whole, whole, whole
        fitted = max(title, min(content, FREE_TEXT_CHARS * digit))
        return fitted, max(title, min(content, SQUEEZED_CHARS * digit)), whole

    def lay_out(self) -> None:
        """Every column at its width, spare width of the view given out or missing width taken
        from free text (see the module's doc)."""
        if self._busy:
            return
        header = self._view.horizontalHeader()
        columns = self.columns()
        shown = [s for s in range(min(len(columns), header.count())) if not header.isSectionHidden(s)]
        if not shown:
            return
        widths: dict[int, int] = {}
        least: dict[int, int] = {}  # free text the user left alone: how narrow it may go
        wants: dict[int, int] = {}  # and how much wider its whole text is
        for section in shown:
            column = columns[section]
            fitted, squeezed, whole = self._widths(section, column)
            widths[section] = self._user.get(column.key, fitted)
            if column.key not in self._user and not column.shown_whole:
                least[section], wants[section] = squeezed, whole - fitted
        room = self._view.viewport().width()
        spare = room - sum(widths.values())
        if spare < 0 and sum(widths[s] - floor for s, floor in least.items() if widths[s] > floor) >= -spare:
            self._squeeze(widths, least, -spare)  # to spare the user a horizontal scroll, never in vain
        for section, want in wants.items():
            grant = min(room - sum(widths.values()), want)
            if grant > 0:
                widths[section] += grant
        spare = room - sum(widths.values())  # what free text does not need (or squeezing rounded off)
        if spare > 0:
            free = [s for s in shown if not columns[s].shown_whole]
            chosen = [s for s in free if columns[s].takes_spare]
            widths[(chosen or free or shown)[-1]] += spare
        self._busy = True
        try:
            for section, width in widths.items():
                if header.sectionSize(section) != width:
                    header.resizeSection(section, width)
        finally:
            self._busy = False

    @staticmethod
    def _squeeze(widths: dict[int, int], least: Mapping[int, int], missing: int) -> None:
        """Narrows the widest free text first (under one ceiling, none below its least width), so
        a short label stays whole while a long text gives way."""
        def narrowed(ceiling: int) -> dict[int, int]:
            return {s: max(floor, min(widths[s], ceiling)) for s, floor in least.items()}

        def freed(ceiling: int) -> int:
            return sum(widths[s] - width for s, width in narrowed(ceiling).items())

        low, high = 0, max((widths[s] for s in least), default=0)  # freed(high) == 0
        while low < high:  # the highest ceiling that frees enough
            middle = (low + high + 1) // 2
            if freed(middle) >= missing:
                low = middle
            else:
                high = middle - 1
        widths.update(narrowed(low))

    # --- the user's widths --------------------------------------------------------------------

    def _section_resized(self, section: int, _old: int, new: int) -> None:
        if self._busy or not self._dragging:
            return  # ours, or Qt's own (a new section)
        columns = self.columns()
        if section < len(columns):
            self._user[columns[section].key] = new
            self._dragged = True
            self.lay_out()  # the spare width follows the drag

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._area:
            if kind == QEvent.Type.Resize and shiboken6.isValid(self._view):
                self.lay_out()
        elif watched is not self._header_area:
            pass
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._dragging = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._dragging = False
            if self._dragged:
                self._dragged = False
                if self._memory is not None:
                    self._memory.save(self._user)
        return False
