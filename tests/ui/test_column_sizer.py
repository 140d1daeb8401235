"""Column widths of a table declared by Columns (ui/common/column_sizer.py), in the app's look:
figures and identifiers whole, free text up to a limit with its tooltip, the view's width filled
without an empty column, a width the user drags kept."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.cell_room import is_elided
from ui.common import formatting
from ui.common.column_sizer import FREE_TEXT_CHARS, SQUEEZED_CHARS, widths_from_text
from ui.common.columns import RIGHT, Column, money_column
from ui.common.table_view import CopyableTableView
from ui.identity.rows_model import RowsModel


@dataclass
class Line:
    order_ref: str
    fee: Decimal
    units: Decimal
    note: str
    status: str = "Mismatched (explained)"


COLUMNS = (
    Column("order_ref", "Ref", identifier=True),
    money_column("fee", "Fee"),
    Column("units", "Units", format=lambda v: f"{v:,.4f}", align=RIGHT),
    Column("status", "Status"),
    Column("note", "Note"),
)
LONG_NOTE = "The fund house rounded the units per holding and confirmed the difference by phone"


def lines(n: int = 3, ref: str = "FS20261118070", note: str = "ok") -> list[Line]:
    return [Line(f"{ref}{i:02d}", Decimal("12345.67") * (i + 1), Decimal("58832.6091"), note) for i in range(n)]


@pytest.fixture
def table(qtbot, styled):
    """A table of COLUMNS in a window ``width`` wide; its rows are set by the test."""
    holders = []

    def make(width: int) -> tuple[CopyableTableView, RowsModel]:
        holder = QWidget()
        holders.append(holder)
        qtbot.addWidget(holder)
        model = RowsModel(COLUMNS, "Test", holder)
        view = CopyableTableView(holder)
        view.setModel(model)
        view.apply_column_widths(COLUMNS)
        view.resize(width, 300)
        holder.resize(width + 20, 320)
        holder.show()
        return view, model

    yield make


def widths(view: CopyableTableView) -> dict[str, int]:
    return {c.key: view.columnWidth(i) for i, c in enumerate(COLUMNS)}


def elided(view: CopyableTableView, key: str) -> bool:
    column = [c.key for c in COLUMNS].index(key)
    return any(is_elided(view, row, column) for row in range(view.model().rowCount()))


def test_figures_and_identifiers_are_whole_and_free_text_fills_the_rest(table):
    view, model = table(900)
    model.set_rows(lines(note=LONG_NOTE))

    assert not any(elided(view, key) for key in ("order_ref", "fee", "units"))
    assert view.horizontalHeader().length() == view.viewport().width()  # no empty filler, no scrolling
    # The spare width went to the note; a figure is as wide as its content, not stretched.
    assert widths(view)["fee"] <= view.sizeHintForColumn(1) + 2


def test_free_text_too_long_for_the_view_elides_with_its_whole_text_as_the_tooltip(table):
    view, model = table(2400)  # room for everything: the note's whole text
    model.set_rows(lines(note=LONG_NOTE * 2))
    assert not elided(view, "note")

    view.resize(700, 300)  # the note gets what the figures leave; the short status keeps its width
    assert not any(elided(view, key) for key in ("order_ref", "fee", "units", "status"))
    assert elided(view, "note")
    assert model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == LONG_NOTE * 2
    assert view.horizontalHeader().length() == view.viewport().width()

    digit = view.fontMetrics().horizontalAdvance("0")
    view.resize(620, 300)  # narrower: free text gives way, the widest first, to spare a scroll
    assert widths(view)["note"] >= SQUEEZED_CHARS * digit
    assert view.horizontalHeader().length() == view.viewport().width()
    assert not any(elided(view, key) for key in ("order_ref", "fee", "units"))

    view.resize(300, 300)  # too narrow for all anyway: scrolling, the free text as readable as before
    assert not any(elided(view, key) for key in ("order_ref", "fee", "units", "status"))
    assert widths(view)["note"] == FREE_TEXT_CHARS * digit
    assert view.horizontalHeader().length() > view.viewport().width()


def test_a_wider_figure_arriving_later_widens_its_column(table):
    view, model = table(900)
    model.set_rows(lines(1))
    before = widths(view)["order_ref"]

    model.beginInsertRows(model.index(0, 0).parent(), 1, 1)
    model._rows.append(Line("FS2026111807001-CORRECTED-2", Decimal("1"), Decimal("1"), "ok"))
    model.endInsertRows()

    assert widths(view)["order_ref"] > before
    assert not elided(view, "order_ref")


def drag(header, section: int, by: int) -> None:
    """The user drags the right edge of ``section``'s header by ``by`` pixels."""
    area = header.viewport()
    edge = QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) - 1, header.height() // 2)

    def send(kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(kind, QPointF(at), QPointF(area.mapToGlobal(at)), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(area, event)

    send(QEvent.Type.MouseButtonPress, edge, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseMove, edge + QPoint(by, 0), Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, edge + QPoint(by, 0), Qt.MouseButton.NoButton)


class Memory:
    def __init__(self, widths: dict[str, int] | None = None):
        self.widths = dict(widths or {})
        self.saved = 0

    def load(self) -> dict[str, int]:
        return dict(self.widths)

    def save(self, widths) -> None:
        self.widths, self.saved = dict(widths), self.saved + 1


def test_a_width_the_user_drags_is_kept_and_remembered(table):
    view, model = table(1200)
    model.set_rows(lines())
    memory = Memory()
    view.sizer.remember(memory)
    fitted = widths(view)["fee"]

    drag(view.horizontalHeader(), 1, 60)

    assert widths(view)["fee"] == fitted + 60
    assert memory.widths == {"fee": fitted + 60} and memory.saved == 1
    assert view.horizontalHeader().length() == view.viewport().width()  # the note gave the width up
    model.set_rows(lines(5, ref="X"))  # new rows: the other columns fit them, the user's stays
    assert widths(view)["fee"] == fitted + 60


def test_remembered_widths_come_back_and_unreadable_ones_are_ignored(table):
    view, model = table(1200)
    model.set_rows(lines())
    view.sizer.remember(Memory({"units": 250, "gone": 80}))

    assert widths(view)["units"] == 250
    assert view.sizer.user_widths() == {"units": 250}
    assert widths_from_text('{"units": 250, "fee": "wide", "note": -3, "x": true}') == {"units": 250}
    assert widths_from_text("not json") == {} and widths_from_text(None) == {}


def test_the_shown_whole_columns_are_figures_dates_and_identifiers():
    assert money_column("fee", "Fee").shown_whole
    assert Column("at", "At", format=formatting.hk_datetime).shown_whole
    assert Column("ref", "Ref", identifier=True).shown_whole
    assert not Column("note", "Note").shown_whole


def test_the_spare_width_goes_to_the_column_that_takes_it_not_to_the_last_free_one(qtbot, styled):
    columns = (Column("name", "Name", takes_spare=True), Column("code", "Code", identifier=True),
               Column("next", "Next Steps"))
    holder = QWidget()
    qtbot.addWidget(holder)
    model = RowsModel(columns, "Test", holder)
    view = CopyableTableView(holder)
    view.setModel(model)
    view.apply_column_widths(columns)
    view.resize(1200, 300)
    holder.resize(1220, 320)
    holder.show()

    @dataclass
    class Row:
        name: str
        code: str
        next: str

    model.set_rows([Row("Peak Asia Income Fund", "PKINC-MDIS-HKD", "") for _ in range(3)])
    name, _code, steps = (view.columnWidth(i) for i in range(3))
    assert view.horizontalHeader().length() == view.viewport().width()
    assert name > steps and name > 600  # the name got the room; the empty Next Steps kept its own width
