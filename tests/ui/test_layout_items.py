"""Python holds no layout item that Qt made (ui/common/layout_items.py): a layout joins its parent
while it is empty, and the notice column is read without asking the layout for its items. The
screenshot commands check the same before every picture (desktop/screenshots), and every UI test
once it has run (tests/ui/conftest.py)."""

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.notice_area import NoticeArea
from ui.common.layout_items import held_layout_items


def _host(label_name: str, empty_first: bool) -> QWidget:
    host = QWidget()
    outer = QVBoxLayout(host)
    row = QHBoxLayout()
    if empty_first:
        outer.addLayout(row)
    label = QLabel("x", host)
    label.setObjectName(label_name)
    row.addWidget(label)
    row.addStretch(1)
    if not empty_first:
        outer.addLayout(row)
    return host


def _naming(name: str) -> list[str]:
    return [held for held in held_layout_items() if f"QLabel({name})" in held]


def _delete(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_layout_filled_before_it_joins_its_parent_is_found_and_one_added_empty_is_not(qapp):
    late, early = _host("lateLabel", empty_first=False), _host("earlyLabel", empty_first=True)
    try:
        assert _naming("lateLabel") == ["the QWidgetItem of QLabel(lateLabel) in QWidget"]
        assert _naming("earlyLabel") == []
    finally:
        _delete(late)  # the layout goes first, so its items' wrappers are let go before the items
        _delete(early)
    assert _naming("lateLabel") == []


def _shown(area: NoticeArea, text: str, key: int):
    notice = area.show_notice(lambda: text, "info", key)
    QCoreApplication.processEvents()  # the column shows a new notice on the next turn of the loop
    return notice


def test_the_notice_column_is_read_without_holding_its_items(qapp):
    area = NoticeArea()
    try:
        first, second, third = (_shown(area, text, key) for key, text in enumerate(("first", "second", "third")))
        assert area.notices() == [third, second, first]  # newest first, as they stand
        second.dismiss()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(second)
        assert area.notices() == [third, first]
        assert [held for held in held_layout_items() if "Notice" in held] == []
    finally:
        _delete(area)
