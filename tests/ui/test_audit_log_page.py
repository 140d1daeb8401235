"""身份管理 › 審計日誌 against the real backend: the events newest first in words, the filters, the
chosen event's before and after field by field, Verify Chain intact and then naming the event a
test tampered with (the button, Ctrl+Shift+V, and Show Event), the Excel export, both languages,
and the menu leaf only the administrator sees.

Each scenario runs on the loop through ``aio``; it ends with nothing in flight.
"""

from dataclasses import replace

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import i18n
from desktop.error_messages import message_for
from services.audit_changes import field_changes
from services.clients.session import SessionClient
from services.contract.audit import ACTION_KINDS, ACTIONS, ENTITIES
from services.contract.menu import visible_leaves
from services.work_orders.diff import Change
from tests.backend.audit_steps import record, tamper
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.audit import labels
from ui.audit.audit_log_page import AuditLogPage
from ui.audit.chain_check_bar import BROKEN_STYLE, INTACT_STYLE
from ui.audit.event_changes_model import EventChangesModel
from ui.common.diff_model import CHANGED_CELL_BACKGROUND
from ui.pages import PAGES

PAGE = "identity.audit_log"


@pytest.fixture
def trail(backend) -> dict[str, int]:
    """Events of the test's own, written before the page opens: name → id."""
    ids = record(
        backend.app.state.database,
        {"actor": "maker", "action": "work_order.submit", "entity_type": "work_order", "entity_id": "77",
         "after": {"status": "pending"}},
        {"actor": "checker", "action": "work_order.approve", "entity_type": "work_order", "entity_id": "77",
         "before": {"status": "pending"}, "after": {"status": "approved"}},
        {"actor": None, "action": "margin_setting.apply", "entity_type": "stock_margin", "entity_id": "5",
         "before": {"symbol": "00700.HK", "values": {"im": "0.5000", "mm": "0.3000"}},
         "after": {"symbol": "00700.HK", "values": {"im": "0.6000", "mm": "0.3000"}}},
    )
    return dict(zip(("submit", "approve", "apply"), ids, strict=True))


@pytest.fixture
def open_log(qtbot, aio, backend, errors, trail):
    """Opens the page as the administrator (its first page loaded); afterwards nothing is in flight."""
    opened = []

    def run(language: str = "en") -> AuditLogPage:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, language=language,
                              factory=lambda ctx: AuditLogPage(replace(ctx, error_text=message_for)))
        opened.append((page, api))
        page.resize(1300, 760)
        aio(until(lambda: page.is_ready() and not page.model.loading, message="first page"))
        return page

    yield run
    for page, api in opened:
        aio(page.wait_idle())
        aio(api.aclose())


def cell(page: AuditLogPage, row: int, header: str) -> str:
    column = next(c for c in range(page.model.columnCount())
                  if page.model.headerData(c, Qt.Orientation.Horizontal) == header)
    return page.model.index(row, column).data()


def row_of(page: AuditLogPage, event_id: int) -> int:
    return next(i for i, e in enumerate(page.model.rows()) if e.id == event_id)


async def search(page: AuditLogPage, **values) -> None:
    page.filter_bar.reset()
    await until(lambda: not page.model.loading, message="reset")
    page.filter_bar.set_values(**values)
    page.filter_bar.search()
    await until(lambda: page.is_ready() and not page.model.loading, message="filtered page")


async def check_chain(page: AuditLogPage) -> None:
    await until(lambda: page.controller.check is not None and not page.controller.checking, message="check")
    await page.wait_idle()


def test_the_log_lists_events_newest_first_in_words(open_log, trail, errors):
    page = open_log()
    assert [e.id for e in page.model.rows()][:3] == [trail["apply"], trail["approve"], trail["submit"]]
    approve = row_of(page, trail["approve"])
    assert cell(page, approve, "Action") == "Work order approved"
    assert cell(page, approve, "Entity") == "Work order" and cell(page, approve, "Entity ID") == "77"
    assert cell(page, approve, "Actor") == "Kelvin Wong 黃家豪"  # the name; the username is its tooltip
    assert page.model.index(approve, 2).data(Qt.ItemDataRole.ToolTipRole) == "checker"
    assert cell(page, approve, "Event") == f"#{trail['approve']}"
    assert len(cell(page, approve, "Time (HKT)")) == len("2026-01-02 03:04:05")
    assert cell(page, row_of(page, trail["apply"]), "Actor") == "System"
    assert page.status.text() == f"Loaded {page.model.loaded:,} of {page.model.loaded:,}"
    assert errors == []


def test_the_filters_narrow_the_list_to_the_backends_rows(open_log, aio, trail, errors):
    page = open_log()
    aio(search(page, action="work_order."))
    assert {e.action for e in page.model.rows()} == {"work_order.submit", "work_order.approve"}
    aio(search(page, action="work_order.approve", actor="checker"))
    assert [e.id for e in page.model.rows()] == [trail["approve"]]
    aio(search(page, entity_type="stock_margin", entity_id="5"))
    assert [e.id for e in page.model.rows()] == [trail["apply"]]
    aio(search(page, actor="nobody"))
    assert page.model.rows() == () and page.status.text() == "Loaded 0 of 0"
    assert errors == []


def test_a_chosen_event_shows_its_before_and_after_field_by_field(open_log, aio, trail, errors):
    page = open_log()
    page.table.selectRow(row_of(page, trail["apply"]))
    aio(until(lambda: page.detail.shown_event is not None, message="the event"))
    assert page.detail.title.text() == f"#{trail['apply']}  ·  Dated setting applied  ·  Long stock margin 5"
    changes = page.detail.changes_model
    assert [changes.display_texts(r) for r in range(changes.rowCount())] == [
        ["= Unchanged", "Symbol", "00700.HK", "00700.HK"],
        ["~ Changed", "Values › IM", "0.5000", "0.6000"],
        ["= Unchanged", "Values › MM", "0.3000", "0.3000"],
    ]
    assert changes.index(1, 3).data(Qt.ItemDataRole.BackgroundRole) == CHANGED_CELL_BACKGROUND
    assert changes.index(1, 0).data(Qt.ItemDataRole.UserRole) == Change.CHANGED
    page.table.selectRow(row_of(page, trail["submit"]))
    aio(until(lambda: page.detail.shown_event is not None and page.detail.shown_event.id == trail["submit"],
              message="the submission"))
    assert [changes.display_texts(r) for r in range(changes.rowCount())] == [["+ New", "Status", "", "pending"]]
    assert errors == []


def test_verify_chain_says_intact_then_names_the_event_tampered_with(open_log, aio, backend, trail, errors):
    page = open_log()
    bar = page.chain_check
    bar.button.click()
    aio(check_chain(page))
    assert bar.result.text().startswith("<b>Chain intact</b>") and bar.result.styleSheet() == INTACT_STYLE
    assert not bar.show_button.isVisible() and bar.button.isEnabled()

    tamper(backend.database_url, f"""UPDATE audit_events SET after = '{{"status": "rejected"}}'
                                     WHERE id = {trail['approve']}""")

    async def verify_by_key() -> None:
        page.activateWindow()
        await until(page.isActiveWindow, message="active window")
        page.table.setFocus()
        QTest.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        await check_chain(page)

    aio(verify_by_key())
    approve = trail["approve"]
    assert bar.result.styleSheet() == BROKEN_STYLE
    assert bar.result.text() == (f"<b>Chain broken at event #{approve}</b>: Event #{approve} was changed after it "
                                 "was recorded: its content no longer matches its hash.")
    assert "recomputed" in bar.result.toolTip()  # the verifier's own words, hashes and all
    assert bar.show_button.isVisible() and bar.show_button.text() == f"Show Event #{approve}"

    bar.show_button.click()
    aio(until(lambda: page.detail.shown_event is not None and page.detail.shown_event.id == approve,
              message="the broken event"))
    aio(page.wait_idle())
    assert page.table.currentIndex().row() == row_of(page, approve)
    assert page.detail.breaks_chain.isVisible()
    assert page.detail.breaks_chain.text().startswith("This event breaks the chain: Event #")
    changes = page.detail.changes_model
    assert changes.display_texts(0) == ["~ Changed", "Status", "pending", "rejected"]  # as it is now
    assert errors == []


def test_export_writes_the_filtered_events_to_xlsx(open_log, aio, tmp_path, trail, errors):
    page = open_log()
    target = tmp_path / "audit.xlsx"

    async def scenario() -> bool:
        await search(page, entity_id="77")
        return await page.export_to(target)

    assert aio(scenario()) is True, errors
    header, *data = list(openpyxl.load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    assert header[0] == "Time (HKT)" and header[-1] == "Event ID"
    assert [row[-1] for row in data] == [trail["approve"], trail["submit"]]
    assert [row[3] for row in data] == ["Work order approved", "Work order submitted"]
    assert errors == []


def test_the_page_speaks_traditional_chinese_and_follows_a_switch(open_log, aio, trail):
    i18n.set_language("zh_Hant")
    page = open_log(language="zh_Hant")
    approve = row_of(page, trail["approve"])
    assert cell(page, approve, "操作") == "批准工單" and cell(page, approve, "對象") == "工單"
    assert page.chain_check.button.text() == "驗證審計鏈"
    assert page.filter_bar.editor("action").itemText(1) == "登入及密碼（全部）"
    i18n.set_language("en")  # Qt tells every widget
    aio(until(lambda: page.chain_check.button.text() == "Verify Chain", message="English"))
    assert cell(page, approve, "Action") == "Work order approved"


def test_every_name_reads_in_chinese_as_the_export_writes_it(shell_app):
    """The desktop's names come from the catalogue, the export's from the contract: the same words."""
    i18n.set_language("zh_Hant")
    assert {a.code: labels.action_name(a.code) for a in ACTIONS} == {a.code: a.name_zh for a in ACTIONS}
    assert {k.code: labels.kind_name(k.code) for k in ACTION_KINDS} == {k.code: k.name_zh for k in ACTION_KINDS}
    assert {e.code: labels.entity_name(e.code) for e in ENTITIES} == {e.code: e.name_zh for e in ENTITIES}
    i18n.set_language("en")
    assert labels.action_name("identity.something_new") == "identity.something_new"
    assert labels.entity_name("risk.credit.update_stock_margin_task") == "Edit long stock margin"


def test_only_the_administrator_sees_the_leaf(aio, backend):
    def leaves(username: str) -> set[str]:
        api = backend.api_client()
        api.set_token(backend.token(username))
        try:
            me = aio(SessionClient(api).me())
        finally:
            aio(api.aclose())
        return {leaf.page for leaf in visible_leaves(set(me.permissions), set(PAGES))}

    assert PAGE in leaves("admin")
    assert not any(PAGE in leaves(user) for user in ("maker", "checker", "service", "funds", "editor"))


def test_the_changes_model_keeps_qts_model_rules(qtmodeltester):
    model = EventChangesModel()
    model.set_changes(field_changes({"status": "pending", "values": {"im": "0.5"}, "gone": 1},
                                    {"status": "approved", "values": {"im": "0.5"}, "rows": [1, 2]}))
    qtmodeltester.check(model)
    assert [model.display_texts(r) for r in range(model.rowCount())] == [
        ["~ Changed", "Status", "pending", "approved"],
        ["= Unchanged", "Values › IM", "0.5", "0.5"],
        ["− Deleted", "gone", "1", ""],
        ["+ New", "Rows", "", "[1, 2]"],
    ]
