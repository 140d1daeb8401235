"""Opening a margin page, showing chosen rows and driving the side drawer, for the page tests."""

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from tests.qt_fixtures import until
from tests.ui.page_steps import open_page


def open_margin_page(qtbot, aio, backend, errors, page_key: str, user: str = "maker", language: str = "en"):
    page, api = open_page(qtbot, aio, backend, errors, page_key, user, language)
    page.resize(1500, 700)
    aio(until(lambda: page.model.rowCount() > 0, message="rows"))
    return page, api


def show_rows(aio, page, symbols: list[str]) -> None:
    """Filters the page down to rows starting like the first symbol and selects ``symbols``."""
    page.filter_bar.set_values(symbol=symbols[0][:4])
    page.filter_bar.search()
    aio(until(lambda: not page.model.loading and {r.symbol for r in page.model.rows()} >= set(symbols)
              and all(r.symbol.startswith(symbols[0][:4]) for r in page.model.rows()), message="filtered rows"))
    positions = {r.symbol: i for i, r in enumerate(page.model.rows())}
    selection = page.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for symbol in symbols:
        selection.select(page.model.index(positions[symbol], 0), flags)
    selection.setCurrentIndex(page.model.index(positions[symbols[0]], 1),
                              QItemSelectionModel.SelectionFlag.NoUpdate)


def type_into(page, field: str, text: str) -> None:
    """Types as a user would: textEdited fires, so the drawer judges the value at once."""
    editor: QLineEdit = page.drawer.form.editors[field]
    editor.selectAll()
    editor.insert(text)


def accept_confirmation(page) -> None:
    box: QMessageBox = page.dialog
    next(b for b in box.findChildren(QPushButton) if b.objectName() == "confirmAccept").click()


def submitted_order_id(aio, page) -> int:
    aio(until(lambda: "#" in page.outcome.text(), message="submitted"))
    return int(page.outcome.text().split("#")[1].split(":")[0])
