"""Funds › Public Funds › Fund Clearing against the real backend over HTTP: the batch list and its
filters, both sides of a batch with their states and the lines that differ highlighted, Explain,
the two independent reconciliation confirmations (refused while a line is unexplained or beyond
the fund's difference limit), Import of a bad and a good confirmation file and of a corrected one
for the side still open, a side without orders, the settlement steps from the batch list, the
difference limit's own action, the words in Chinese, the Excel export, and what the permissions
hide.

Each test makes a fund and batch of its own (as tests/backend/test_fund_clearing.py does), so the
demo batches and other tests never move its figures. Qt events run only inside ``aio``.
"""

from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop import i18n
from desktop.error_messages import message_for
from services.contract.fund_clearing import BatchQuery, SettlementState, SettlementStep, Side, SideState
from services.contract.menu import visible_leaves
from services.contract.permissions import Perm
from tests.fixtures.fund_confirmations import HEADER, OwnBatch, csv_bytes, xlsx_bytes
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.funds import labels
from ui.funds.clearing_page import FundClearingPage
from ui.funds.difference_limit_dialog import DifferenceLimitDialog
from ui.pages import PAGES

PAGE = "funds.clearing"
TRADE_DATE = date(2032, 6, 15)  # each test's own batch: S1 (10,150, fee 150 → 800 units at 12.5),
# S2 (5,000 → 400 units), R1 (1,000 units, fee 50 → 12,450.00)


def with_shell_texts(ctx) -> FundClearingPage:
    return FundClearingPage(replace(ctx, error_text=message_for))


@pytest.fixture
def open_clearing(qtbot, aio, backend, errors):
    opened = []

    def run(username: str = "funds", factory=with_shell_texts) -> FundClearingPage:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, factory=factory)
        opened.append((page, api))
        page.resize(1400, 800)
        aio(until(page.is_ready, message="funds and batches"))
        return page

    yield run
    for page, api in opened:
        if page.dialogs.current is not None:
            page.dialogs.current.close()
        aio(page.wait_idle())
        aio(api.aclose())


async def show_own(page: FundClearingPage, batch: OwnBatch) -> None:
    """Filters the list to the batch's fund, then waits for the batch below it."""
    await until(lambda: batch.fund_id in page.controller.fund_book.funds, message="the fund")
    page.controller.apply_filter(BatchQuery(fund_id=batch.fund_id))
    await until(lambda: page.is_ready() and page.controller.batch is not None and page.controller.batch.id == batch.id,
                message="own batch")


def line_row(page: FundClearingPage, side: Side, ref: str) -> int:
    return [line.order_ref for line in page.panels[side].lines()].index(ref)


def cell(page: FundClearingPage, side: Side, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    model = page.panels[side].model
    column = [c.key for c in model.columns].index(key)
    return model.index(row, column).data(role)


def test_batches_are_listed_and_filtered(aio, backend, open_clearing, errors):
    mine = OwnBatch(backend, TRADE_DATE)
    later = OwnBatch(backend, date(2032, 6, 18))
    page = open_clearing()
    assert page.batch_list.model.rowCount() > 0  # the demo batches, newest first
    assert page.filter_bar.editor("fund_id").count() > 12  # "Any" and every fund

    aio(show_own(page, mine))
    assert [b.id for b in page.batch_list.model.rows()] == [mine.id]
    texts = [page.batch_list.model.index(0, c).data() for c in range(page.batch_list.model.columnCount())]
    assert texts[:5] == ["2032-06-15", f"U{mine.tag} UI Test Fund {mine.tag}", "HKD", "Awaiting Confirmation",
                         "Awaiting Confirmation"]

    async def by_dates() -> None:
        page.controller.apply_filter(BatchQuery(date_from=date(2032, 6, 16), date_to=date(2032, 6, 30),
                                     state=SideState.AWAITING_CONFIRMATION))
        await until(lambda: page.is_ready() and later.id in [b.id for b in page.batch_list.model.rows()],
                    message="dated list")
    aio(by_dates())
    ids = [b.id for b in page.batch_list.model.rows()]
    assert later.id in ids and mine.id not in ids
    assert "batch" in page.batch_list.status.text()
    assert not errors


def test_explain_a_line_then_confirm_only_the_subscriptions(aio, backend, open_clearing, errors):
    batch = OwnBatch(backend, TRADE_DATE)
    batch.upload(xlsx_bytes(batch.rows(s1_units="800.3", r1_amount="12400")))  # R1: 50 off, beyond the limit
    page = open_clearing()
    aio(show_own(page, batch))
    subs, reds = page.panels[Side.SUBSCRIPTION], page.panels[Side.REDEMPTION]
    assert subs.state_badge.text() == "Open" and reds.state_badge.text() == "Open"
    s1 = line_row(page, Side.SUBSCRIPTION, batch.ref("S1"))
    s2 = line_row(page, Side.SUBSCRIPTION, batch.ref("S2"))
    assert cell(page, Side.SUBSCRIPTION, s1, "status") == "Mismatched"
    assert cell(page, Side.SUBSCRIPTION, s1, "difference") == "+0.3000"  # the fund's 4 unit decimals
    assert cell(page, Side.SUBSCRIPTION, s1, "status", Qt.ItemDataRole.BackgroundRole).color().name() == \
        labels.UNEXPLAINED_TINT
    assert cell(page, Side.SUBSCRIPTION, s2, "status") == "Matched"
    assert cell(page, Side.SUBSCRIPTION, s2, "status", Qt.ItemDataRole.BackgroundRole) is None
    assert cell(page, Side.SUBSCRIPTION, s2, "amount") == "5,000.00"
    assert cell(page, Side.REDEMPTION, 0, "difference") == "-50.00"
    assert cell(page, Side.REDEMPTION, 0, "status") == "Mismatched (beyond limit)"
    reds.table.selectRow(0)
    assert not reds.explain_button.isEnabled() and "limit of 0.5" in reds.explain_button.toolTip()
    assert "limit of 0.5" in reds.confirm_button.toolTip() and not reds.confirm_button.isEnabled()
    assert subs.total_values["orders"].text() == "2"
    assert not subs.confirm_button.isEnabled()
    assert "not explained" in subs.confirm_button.toolTip()
    assert "Open" in page.batch_list.model.index(page.batch_list.table.currentIndex().row(), 3).data()

    # The backend refuses while a line is unexplained; the page says why, in the user's language.
    aio(page.controller.actions.confirm_side(batch.id, Side.SUBSCRIPTION))
    assert message_for_code("fund_unexplained_lines") in page.action_bar.outcome.text()
    assert page.action_bar.outcome.property("failed") is True

    async def explain() -> None:
        subs.table.selectRow(s1)
        assert subs.explain_button.isEnabled()
        subs.explain_button.click()
        await until(lambda: page.dialogs.current is not None, message="note dialog")
        dialog = page.dialogs.current
        assert not dialog.save_button.isEnabled()  # a note is required
        dialog.note.edit.setPlainText("Fund house rounding; agreed by phone.")
        dialog.save_button.click()
        await until(lambda: page.controller.batch.subscriptions.state == SideState.READY, message="subscriptions ready")
        await page.wait_idle()
    aio(explain())
    s1 = line_row(page, Side.SUBSCRIPTION, batch.ref("S1"))
    assert cell(page, Side.SUBSCRIPTION, s1, "explanation") == "Fund house rounding; agreed by phone."
    assert cell(page, Side.SUBSCRIPTION, s1, "status") == "Mismatched (explained)"
    assert cell(page, Side.SUBSCRIPTION, s1, "status", Qt.ItemDataRole.BackgroundRole).color().name() == \
        labels.EXPLAINED_TINT
    assert subs.state_badge.text() == "Ready to Confirm" and subs.confirm_button.isEnabled()
    assert not reds.confirm_button.isEnabled()

    async def confirm() -> None:
        subs.confirm_button.click()
        await until(lambda: isinstance(page.dialogs.current, QMessageBox), message="question")
        box = page.dialogs.current
        assert f"U{batch.tag}" in box.text()
        assert "Confirmed: 1,200.3000" in box.informativeText()  # the totals it confirms
        assert "subscription reconciliation" in box.text()
        box.findChild(type(subs.confirm_button), "confirmAccept").click()
        await until(lambda: page.controller.batch.subscriptions.state == SideState.CONFIRMED, message="confirmed")
        await page.wait_idle()
    aio(confirm())
    assert page.action_bar.outcome.text() == "Subscription reconciliation confirmed; the subscriptions are settling."
    assert page.controller.batch.redemptions.state == SideState.OPEN
    assert batch.detail()["redemptions"]["state"] == "open"
    assert reds.state_badge.text() == "Open" and subs.state_badge.text() == "Settling"
    assert "Already confirmed by funds" in subs.confirm_button.toolTip()
    assert subs.total_values["confirmed_by"].text().startswith("funds at ")
    assert page.action_bar.import_button.isEnabled()  # a corrected file may follow for the redemptions
    assert not errors


def message_for_code(code: str) -> str:
    from services.api_client import ApiError

    return message_for(ApiError(409, code, "x"))


def test_a_bad_file_lists_its_errors_and_changes_nothing_then_a_good_one_imports(
        aio, backend, open_clearing, errors, tmp_path):
    batch = OwnBatch(backend, TRADE_DATE)
    page = open_clearing()
    aio(show_own(page, batch))
    before = batch.detail()
    bad = batch.write(tmp_path / "fund-house.csv", s1_units="abc")
    aio(page.controller.actions.import_file(batch.id, bad))
    assert page.dialogs.import_errors is not None
    rows = page.dialogs.import_errors.rows()
    assert rows and rows[0][0] == "2" and rows[0][2]  # row, column, reason
    assert any(r[1] for r in rows)
    assert "nothing was imported" in page.action_bar.outcome.text()
    assert batch.detail() == before
    assert page.controller.batch.subscriptions.state == SideState.AWAITING_CONFIRMATION
    page.dialogs.import_errors.close()

    good = batch.write(tmp_path / "fund-house.xlsx")
    aio(page.controller.actions.import_file(batch.id, good))
    assert page.action_bar.outcome.text() == ("Imported fund-house.xlsx: 3 row(s), 2 subscription(s) and 1 redemption(s).")
    assert page.controller.batch.subscriptions.state == SideState.READY
    assert page.panels[Side.SUBSCRIPTION].state_badge.text() == "Ready to Confirm"
    assert "Ready to Confirm" in page.batch_list.model.index(0, 3).data()
    assert page.panels[Side.SUBSCRIPTION].total_values["nav"].text() == "12.5"
    assert "Difference limit 0.5" in page.sides.header.text()
    assert not errors


def test_the_export_is_a_workbook(aio, backend, open_clearing, errors, tmp_path):
    batch = OwnBatch(backend, TRADE_DATE)
    batch.upload(xlsx_bytes(batch.rows(s1_units="801")))
    page = open_clearing()
    aio(show_own(page, batch))
    target = tmp_path / "reconciliation.xlsx"
    assert aio(page.controller.actions.export_to(batch.id, target)) is True
    workbook = openpyxl.load_workbook(target, read_only=True)
    values = [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
    workbook.close()
    assert batch.ref("S1") in values and batch.ref("R1") in values
    assert "Exported" in page.action_bar.outcome.text()
    assert not errors


def test_permissions_hide_the_page_and_the_actions(aio, open_clearing, backend):
    with backend.client("maker") as client:
        maker = set(client.get("/me").json()["permissions"])
    assert PAGE not in [leaf.page for leaf in visible_leaves(maker, set(PAGES))]

    def view_only(ctx) -> FundClearingPage:
        me = ctx.me.model_copy(update={"permissions": [Perm.FUND_CLEARING_VIEW]})
        return FundClearingPage(replace(ctx, me=me, error_text=message_for))

    page = open_clearing(factory=view_only)
    assert not page.action_bar.import_button.isVisible()
    assert page.action_bar.export_button.isVisible()
    for panel in page.panels.values():
        assert not panel.explain_button.isVisible() and not panel.confirm_button.isVisible()


def confirm_both(batch: OwnBatch, *, r1_amount: str = "12450") -> None:
    batch.upload(xlsx_bytes(batch.rows(r1_amount=r1_amount)))
    with batch.backend.client("funds") as client:
        for side in ("subscriptions", "redemptions"):
            assert client.post(f"/funds/batches/{batch.id}/confirm-{side}").status_code == 200


async def accept_question(page: FundClearingPage) -> None:
    await until(lambda: isinstance(page.dialogs.current, QMessageBox), message="question")
    page.dialogs.current.findChild(QPushButton, "confirmAccept").click()
    await until(lambda: not page.controller.actions.acting, message="the action done")
    await page.wait_idle()


def test_settlement_steps_are_done_in_order_from_the_batch_list(aio, backend, open_clearing, errors):
    batch = OwnBatch(backend, TRADE_DATE)
    confirm_both(batch)
    page = open_clearing()
    aio(show_own(page, batch))
    row = [page.batch_list.model.index(0, c).data() for c in range(page.batch_list.model.columnCount())]
    assert row[3:6] == ["Settling", "Settling", "Subscription Delivery, Redemption Units Delivery"]
    bar = page.batch_list.settlement
    units, cash = (bar.buttons[SettlementStep.REDEMPTION_UNITS_DELIVERY],
                   bar.buttons[SettlementStep.REDEMPTION_CASH_DELIVERY])
    assert bar.isVisible() and units.isEnabled() and not cash.isEnabled()
    assert cash.toolTip() == "Redemption Units Delivery comes first."

    async def deliver_units() -> None:
        units.click()
        box = await until_box(page)
        assert "Redemption Units Delivery" in box.text() and f"U{batch.tag}" in box.text()
        await accept_question(page)
    aio(deliver_units())
    assert page.action_bar.outcome.text() == "Redemption units delivered; the cash comes next."
    assert page.batch_list.model.index(0, 4).data() == "Units Delivered"
    assert page.panels[Side.REDEMPTION].state_badge.text() == "Units Delivered"
    assert cash.isEnabled() and not units.isEnabled() and units.toolTip() == "Redemption Units Delivery is done."

    async def deliver_cash_and_subscriptions() -> None:
        cash.click()
        await accept_question(page)
        bar.buttons[SettlementStep.SUBSCRIPTION_DELIVERY].click()
        await accept_question(page)
    aio(deliver_cash_and_subscriptions())
    assert page.action_bar.outcome.text() == "Subscription delivery done: the subscriptions are settled."
    assert [page.batch_list.model.index(0, c).data() for c in (3, 4, 5)] == ["Settled", "Settled", ""]
    assert not any(button.isEnabled() for button in bar.buttons.values())
    assert [s["settlement"] for s in (batch.detail()["subscriptions"], batch.detail()["redemptions"])] == [
        "settled", "settled"]

    settlement = page.filter_bar.editor("settlement")  # the list filtered by where a side is in settlement
    assert [settlement.itemText(i) for i in range(settlement.count())] == [
        "Any", "Settling", "Units Delivered", "Settled"]

    async def filtered(state: SettlementState) -> list[int]:
        await page.controller.apply_filter(BatchQuery(fund_id=batch.fund_id, settlement=state))
        await until(page.is_ready, message="filtered list")
        return [b.id for b in page.batch_list.model.rows()]
    assert (aio(filtered(SettlementState.SETTLED)), aio(filtered(SettlementState.SETTLING))) == ([batch.id], [])
    assert not errors


async def until_box(page: FundClearingPage) -> QMessageBox:
    await until(lambda: isinstance(page.dialogs.current, QMessageBox), message="question")
    return page.dialogs.current


def test_a_side_beyond_the_limit_waits_for_a_corrected_file_of_its_own(
        aio, backend, open_clearing, errors, tmp_path):
    batch = OwnBatch(backend, TRADE_DATE)
    batch.upload(xlsx_bytes(batch.rows(r1_amount="12400")))
    with backend.client("funds") as client:
        assert client.post(f"/funds/batches/{batch.id}/confirm-subscriptions").status_code == 200
    page = open_clearing()
    aio(show_own(page, batch))
    reds = page.panels[Side.REDEMPTION]
    assert reds.total_values["lines"].text() == "0 matched, 1 differ (1 beyond the limit), 0 explained, 1 to explain"
    assert page.action_bar.import_button.isEnabled()

    # The confirmed side's rows again: refused by row, in words, nothing changes.
    both = batch.write(tmp_path / "both.xlsx")
    aio(page.controller.actions.import_file(batch.id, both))
    rows = page.dialogs.import_errors.rows()
    assert rows[0] == ("2", "Type", "This side of the batch is already confirmed; a corrected file holds only the "
                                    "side still open.")
    page.dialogs.import_errors.close()

    corrected = tmp_path / "corrected.csv"
    corrected.write_bytes(csv_bytes([[batch.ref("R1"), "Redemption", "12.5", "1000", "12450"]]))
    aio(page.controller.actions.import_file(batch.id, corrected))
    assert page.action_bar.outcome.text() == "Imported corrected.csv: 1 row(s), 0 subscription(s) and 1 redemption(s)."
    assert reds.state_badge.text() == "Ready to Confirm" and reds.confirm_button.isEnabled()
    assert reds.total_values["file"].text().startswith("corrected.csv by funds at ")
    assert page.panels[Side.SUBSCRIPTION].total_values["file"].text().startswith("c.xlsx by funds at ")
    assert not errors


def test_a_side_without_orders_is_shown_confirmed_and_settled_by_the_system(aio, backend, open_clearing, errors):
    batch = OwnBatch(backend, TRADE_DATE, redemptions=False)
    page = open_clearing()
    aio(show_own(page, batch))
    reds = page.panels[Side.REDEMPTION]
    assert reds.state_badge.text() == "Settled" and not reds.confirm_button.isEnabled()
    assert reds.confirm_button.toolTip().startswith("Confirmed by the system at ")
    assert reds.total_values["file"].text() == "None needed: no orders"
    assert reds.total_values["confirmed_by"].text().startswith("The system, at ")
    assert page.panels[Side.SUBSCRIPTION].state_badge.text() == "Awaiting Confirmation"
    assert not errors


def test_the_difference_limit_is_changed_by_its_own_action(aio, backend, open_clearing, errors):
    batch = OwnBatch(backend, TRADE_DATE)
    batch.upload(xlsx_bytes(batch.rows(s1_units="801")))  # 1 unit off: beyond a limit of 0.5
    funds_page = open_clearing()
    assert not funds_page.sides.limit_button.isVisible()  # fund operations see the limit only
    page = open_clearing("admin")
    aio(show_own(page, batch))
    subs = page.panels[Side.SUBSCRIPTION]
    assert "Difference limit 0.5" in page.sides.header.text() and not subs.confirm_button.isEnabled()

    async def change() -> None:
        page.sides.limit_button.click()
        await until(lambda: isinstance(page.dialogs.current, DifferenceLimitDialog), message="limit dialog")
        dialog = page.dialogs.current
        dialog.edit.setText("0")
        assert not dialog.save_button.isEnabled()
        dialog.edit.setText("2")
        dialog.save_button.click()
        box = await until_box(page)
        assert "from 0.5 to 2" in box.text()
        await accept_question(page)
        await until(lambda: page.controller.batch.difference_limit == 2, message="the new limit")
    aio(change())
    assert page.action_bar.outcome.text() == f"The difference limit of U{batch.tag} is now 2."
    assert "Difference limit 2" in page.sides.header.text()
    assert cell(page, Side.SUBSCRIPTION, line_row(page, Side.SUBSCRIPTION, batch.ref("S1")), "status") == "Mismatched"
    assert subs.explain_button.isVisible()
    assert not errors


def test_the_words_are_the_manuals_in_chinese(aio, backend, open_clearing, errors):
    i18n.set_language("zh_Hant")
    try:
        batch = OwnBatch(backend, TRADE_DATE)
        confirm_both(batch)
        page = open_clearing()
        aio(show_own(page, batch))
        subs, reds = page.panels[Side.SUBSCRIPTION], page.panels[Side.REDEMPTION]
        assert (subs.title.text(), reds.title.text()) == ("申購", "贖回")
        assert (subs.confirm_button.text(), reds.confirm_button.text()) == ("申購核對確認…", "贖回核對確認…")
        assert subs.state_badge.text() == "交收中"
        assert [b.text() for b in page.batch_list.settlement.buttons.values()] == [
            "申購交割…", "贖回貨交割…", "贖回錢交割…"]
        texts = [page.batch_list.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
        assert "申購" in texts and "贖回" in texts and not any("認購" in (t or "") for t in texts)
    finally:
        i18n.set_language("en")
    assert not errors


def test_a_bad_files_errors_read_in_chinese(aio, backend, open_clearing, errors, tmp_path):
    """Every kind of bad row of a confirmation, by row, column and reason, in Chinese: the reasons
    quote the cells, with no English words but the file's own."""
    i18n.set_language("zh_Hant")
    try:
        batch = OwnBatch(backend, TRADE_DATE)
        page = open_clearing()
        aio(show_own(page, batch))
        s1, s2, r1 = batch.ref("S1"), batch.ref("S2"), batch.ref("R1")
        rows = [
            [s1, "Switch", "12.5", "800", None],  # 2: neither side
            [s2, "Subscription", "0", "400", None],  # 3: NAV not above 0
            [s1, "Subscription", "12.5", None, None],  # 4: no units for a subscription
            [r1, "Redemption", "12.5", "1000", "abc"],  # 5: not a number
            [s1, "認購", "12.5", "800", None],  # 6: an offer-period subscription
            ["=1+1", "Subscription", "12.5", "10", None],  # 7: a formula for a reference
            ["X-1", "Subscription", "12.5", "-1", None],  # 8: below 0
            ["X-2", "Subscription", "12.5", "1.1234567", None],  # 9: too many decimals
            ["X-3", "Subscription", "12.5", "1" + "0" * 15, None],  # 10: too many digits
            [s2, "Redemption", "12.5", "400", "5000"],  # 11: our subscription, given as a redemption
            [s2, "Subscription", "12.5", "400", None],  # 12: the reference of row 11 again
            ["X-4", "Subscription", "12.5", "1", None],  # 13: the first subscription judged
            ["X-5", "Subscription", "13", "1", None],  # 14: another NAV than row 13's
            ["X-6", "Subscription", "12.5", "1", None, "note"],  # 15: a value under no header
        ]
        bad = tmp_path / "fund-house.csv"
        bad.write_bytes(csv_bytes(rows, [*HEADER, ""]))
        aio(page.controller.actions.import_file(batch.id, bad))
        listed = page.dialogs.import_errors.rows()
        by_row = {(int(row), column): reason for row, column, reason in listed}
        assert by_row == {
            (2, "交易類別"): "「Switch」不是以下其中之一：Subscription (申購), Redemption (贖回)。",
            (3, "基金淨值"): "須大於 0，不可為 0。",
            (4, "確認份額"): "申購須填寫確認份額。",
            (5, "確認金額"): "「abc」不是數字。",
            (6, "交易類別"): "「認購」是募集期間的認購，本系統不作清算；交易日的申購請填寫「申購」。",
            (7, "委託編號"): "「=1+1」看似公式：委託編號須為純文字。",
            (8, "確認份額"): "-1 低於 0。",
            (9, "確認份額"): "1.1234567 超過 6 位小數。",
            (10, "確認份額"): "1000000000000000 的整數部分超過 14 位。",
            (11, "交易類別"): f"此批次中 {s2} 屬另一方向。",
            (12, "委託編號"): f"{s2} 與第 11 行重複。",
            (14, "基金淨值"): "基金淨值 13 與第 13 行的 12.5 不同；同一方向的各行須使用同一基金淨值。",
            (15, "標題行"): "第 F 欄有資料，但沒有標題。",
        }
        assert page.dialogs.import_errors.windowTitle() == "確認檔案被拒"
        page.dialogs.import_errors.close()
    finally:
        i18n.set_language("en")
    assert not errors
