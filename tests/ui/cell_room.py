"""Whether a table cell's text is elided, as Qt's style decides it when it paints the cell: the
text's width in the cell's font against the style's text rectangle of the cell (the style
sheet's padding included) less the text margins on each side."""

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView


def text_room(view: QTableView, row: int, column: int) -> tuple[str, float, float]:
    """The cell's text, its width in the cell's font, and the width the style gives it."""
    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    style = view.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return option.text, QFontMetricsF(option.font).horizontalAdvance(option.text), rect.width() - 2 * margin


def is_elided(view: QTableView, row: int, column: int) -> bool:
    text, needed, room = text_room(view, row, column)
    return bool(text) and needed > room
