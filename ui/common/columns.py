"""Table columns declared once: key, header source text, value getter, format and alignment.

A column of numbers, dates or identifiers (right-aligned or centred, a number or date format, or
declared ``identifier=True``) is shown whole: column_sizer.py never lets it elide. Free text may
elide past a sensible width; its cell's tooltip holds the whole text.

Headers are English source strings marked with QT_TRANSLATE_NOOP where the page declares them;
the model translates them in the page's context at display time, so a language switch only
needs a headerDataChanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ui.common import formatting

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
# Formats of figures and dates: a column showing one of them is never elided.
WHOLE_FORMATS = frozenset({formatting.money, formatting.hk_datetime, formatting.iso_date, formatting.percent,
                           formatting.integer, formatting.file_size})


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # English source text, translated in the model's context
    value: Callable[[Any], Any] | None = None  # defaults to the row attribute named ``key``
    format: Callable[[Any], str] = formatting.plain
    align: Qt.AlignmentFlag = LEFT
    width_chars: int = 12  # initial width in average characters; the user can resize
    color: Callable[[Any], str | None] | None = None  # text colour ("#rrggbb") from the raw value
    tooltip: Callable[[Any], str] | None = None  # the cell's tooltip from the raw value; default its text
    identifier: bool = False  # a code, reference or account shown left-aligned: whole, like a number
    _getter: Callable[[Any], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_getter", self.value or attrgetter(self.key))

    @property
    def shown_whole(self) -> bool:
        """A number, date or identifier: its column is as wide as its widest text, never elided."""
        return self.identifier or self.align in (RIGHT, CENTER) or self.format in WHOLE_FORMATS

    def raw(self, row: Any) -> Any:
        return self._getter(row)

    def text(self, row: Any) -> str:
        return self.format(self._getter(row))


def money_column(key: str, header: str, value: Callable[[Any], Any] | None = None,
                 width_chars: int = 14) -> Column:
    return Column(key, header, value, formatting.money, RIGHT, width_chars)


def datetime_column(key: str, header: str, value: Callable[[Any], Any] | None = None) -> Column:
    return Column(key, header, value, formatting.hk_datetime, LEFT, 17)


def date_column(key: str, header: str, value: Callable[[Any], Any] | None = None) -> Column:
    return Column(key, header, value, formatting.iso_date, LEFT, 11)


def bool_column(key: str, header: str, value: Callable[[Any], Any] | None = None) -> Column:
    return Column(key, header, value, formatting.yes_no, CENTER, 8)


def cell_data(column: Column, row: Any, role: int) -> Any:
    """What a table model answers for ``row``'s cell of ``column`` in ``role`` (None: nothing)."""
    if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
        return column.tooltip(column.raw(row))
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        return column.text(row)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(column.align.value)
    if role == Qt.ItemDataRole.UserRole:
        return column.raw(row)
    if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
        color = column.color(column.raw(row))
        return None if color is None else QColor(color)
    return None
