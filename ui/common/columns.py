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
    takes_spare: bool = False  # free text that gets the table's spare width (else the last free column)
    _getter: Callable[[Any], Any] = field(init=False, repr=False, compare=False)
    _alignment: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_getter", self.value or attrgetter(self.key))
        object.__setattr__(self, "_alignment", int(self.align.value))

    @property
    def alignment(self) -> int:
        """The cell's TextAlignmentRole answer."""
        return self._alignment

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


# The roles as plain ints, read once: a view asks every visible cell for seven roles on each paint,
# and looking Qt's enums up on every call made a repaint of a 15-column list cost tens of ms.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_USER = int(Qt.ItemDataRole.UserRole)
ANSWERED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _USER})  # cell_data is None for others


def cell_data(column: Column, row: Any, role: int) -> Any:
    """What a table model answers for ``row``'s cell of ``column`` in ``role`` (None: nothing)."""
    if role == _DISPLAY:
        return column.text(row)
    if role == _ALIGNMENT:
        return column.alignment
    if role == _TOOLTIP:
        return column.text(row) if column.tooltip is None else column.tooltip(column.raw(row))
    if role == _USER:
        return column.raw(row)
    if role == _FOREGROUND and column.color is not None:
        color = column.color(column.raw(row))
        return None if color is None else QColor(color)
    return None
