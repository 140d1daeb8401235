"""Fund Clearing's controller (ui/funds/clearing_controller.py) without a widget, against the real
backend over HTTP: what it loads (funds, then batches, then the batch to show), what it keeps when
the list comes again, the actions and the outcome each leaves, its refusals and failures, and what
the permissions allow.

Each test makes a fund and batch of its own (tests/fixtures/fund_confirmations.OwnBatch). Qt events
run only inside ``aio``.
"""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from desktop.error_messages import message_for
from services.api_client import ApiError
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import BatchQuery, SettlementState, SettlementStep, Side, SideState
from services.contract.permissions import Perm
from tests.fixtures.fund_confirmations import OwnBatch, xlsx_bytes
from tests.qt_fixtures import next_emission, until
from ui.common.page_context import PageContext
from ui.funds.clearing_controller import FundClearingController

TRADE_DATE = date(2034, 9, 12)


@pytest.fixture
def controller_for(aio, backend, errors):
    """A started controller for a signed-in demo user (``permissions`` narrows theirs)."""
    made = []

    def make(username: str = "funds", *, permissions: list[str] | None = None,
             signed_in: bool = True) -> FundClearingController:
        api = backend.api_client()
        session = SessionClient(api)
        aio(session.login(username, f"{username}-demo"))
        me = aio(session.me())
        if not signed_in:
            api.set_token(None)  # as after the session ended
        if permissions is not None:
            me = me.model_copy(update={"permissions": permissions})
        ctx = PageContext(api, me, errors.append, ui_language=lambda: "en", error_text=message_for)
        controller = FundClearingController(ctx)
        made.append((controller, api))
        controller.start()
        aio(until(controller.is_ready, message="funds and batches"))
        return controller

    yield make
    for controller, api in made:
        aio(controller.wait_idle())
        controller.deleteLater()
        aio(api.aclose())


async def show_own(controller: FundClearingController, batch: OwnBatch) -> None:
    controller.apply_filter(BatchQuery(fund_id=batch.fund_id))
    await until(lambda: controller.is_ready() and controller.batch is not None and controller.batch.id == batch.id,
                message="own batch")


def test_funds_then_batches_then_the_first_batch_and_a_filter_keeps_what_is_listed(
        aio, backend, controller_for, errors):
    mine = OwnBatch(backend, TRADE_DATE)
    controller = controller_for()
    assert mine.fund_id in controller.fund_book.funds and len(controller.fund_book.funds) > 12
    assert controller.batches and controller.batch is not None
    assert controller.batch.id == controller.batches[0].id == controller.chosen_id  # the newest first

    listed = next_emission(controller.batchesChanged)
    aio(show_own(controller, mine))
    aio(listed)
    assert [b.id for b in controller.batches] == [mine.id]
    assert controller.fund_book.batch_fund_name(controller.batches[0]) == f"{mine.code} UI Test Fund {mine.tag}"
    assert controller.fund_book.decimals(controller.batch) == (4, 2)
    assert controller.fund_book.difference_places(controller.batch, Side.SUBSCRIPTION) == 4
    assert controller.fund_book.difference_places(controller.batch, Side.REDEMPTION) == 2
    assert controller.actions.may_import() and controller.actions.may_export() and not controller.actions.batch_confirmed

    # The list again (F5): the batch shown stays, read once more; no other batch is asked for.
    shown = controller.batch
    changed = next_emission(controller.batchChanged)
    controller.refresh()
    aio(changed)
    aio(controller.wait_idle())
    assert controller.batch is not shown and controller.batch.id == mine.id
    assert controller.open_batch(mine.id) is None  # already shown

    controller.apply_filter(BatchQuery(fund_id=mine.fund_id, date_from=date(2034, 9, 13)))
    aio(controller.wait_idle())
    assert controller.batches == [] and controller.batch is None and controller.chosen_id is None
    assert not controller.actions.may_import() and not controller.actions.may_export()
    assert not errors


def test_a_refused_file_then_an_import_an_explanation_and_a_confirmation(
        aio, backend, controller_for, errors, tmp_path):
    batch = OwnBatch(backend, TRADE_DATE)
    before = batch.detail()
    bad = batch.write(tmp_path / "fund-house.csv", s1_units="abc")
    controller = controller_for()
    aio(show_own(controller, batch))

    refused = next_emission(controller.actions.importRefused)
    aio(controller.actions.import_file(batch.id, bad))
    file_name, message, cells = aio(refused)
    assert file_name == "fund-house.csv" and message == message_for(
        ApiError(422, ErrorCode.FUND_CONFIRMATION_INVALID, "x"))
    assert cells and cells[0]["row"] == 2
    assert controller.actions.outcome.failed and controller.actions.outcome.literal and "nothing was imported" in \
        controller.actions.outcome.text()
    assert batch.detail() == before and controller.actions.last_dir == str(tmp_path)

    good = batch.write(tmp_path / "fund-house.xlsx", s1_units="800.3")
    row = next_emission(controller.batchRowChanged)
    aio(controller.actions.import_file(batch.id, good))
    number, listed = aio(row)
    assert controller.actions.outcome.text() == "Imported fund-house.xlsx: 3 row(s), 2 subscription(s) and 1 redemption(s)."
    assert not controller.actions.outcome.failed
    assert controller.batch.subscriptions.state == SideState.OPEN
    assert controller.batches[number] == listed and listed.subscriptions.state == SideState.OPEN

    # Refused while a line is unexplained: said in the outcome with the lines, not reported to the shell.
    aio(controller.actions.confirm_side(batch.id, Side.SUBSCRIPTION))
    assert controller.actions.outcome.failed and controller.actions.outcome.text() == message_for(
        ApiError(409, ErrorCode.FUND_UNEXPLAINED_LINES, "x")) + f" Row 2 ({batch.ref('S1')}): differs by 0.300000 " \
        "and is not explained."

    explained = controller.actions.explain(batch.id, Side.SUBSCRIPTION, batch.ref("S1"), "Fund house rounding.")
    assert controller.actions.acting and controller.actions.explain(batch.id, Side.SUBSCRIPTION, batch.ref("S1"), "Again") is None
    assert not controller.actions.may_import()  # not while an action runs
    aio(explained)
    assert controller.actions.outcome.text() == f"Line {batch.ref('S1')} explained."
    assert controller.batch.subscriptions.state == SideState.READY

    aio(controller.actions.confirm_side(batch.id, Side.SUBSCRIPTION))
    assert controller.actions.outcome.text() == "Subscription reconciliation confirmed; the subscriptions are settling."
    assert controller.batch.subscriptions.state == SideState.CONFIRMED
    assert controller.batch.redemptions.state == SideState.READY
    assert not controller.actions.batch_confirmed and controller.actions.may_import()  # the redemptions may be corrected
    aio(controller.actions.confirm_side(batch.id, Side.REDEMPTION))
    assert controller.actions.batch_confirmed and not controller.actions.may_import()
    aio(controller.actions.confirm_side(batch.id, Side.SUBSCRIPTION))
    assert controller.actions.outcome.text().startswith("Already confirmed by funds at ")
    assert not errors


def test_the_export_names_and_writes_the_workbook(aio, backend, controller_for, errors, tmp_path):
    batch = OwnBatch(backend, TRADE_DATE)
    batch.upload(xlsx_bytes(batch.rows()))
    controller = controller_for()
    aio(show_own(controller, batch))
    assert controller.actions.default_export_name().startswith(f"fund-clearing-{batch.code}-20340912-")

    target = tmp_path / "reconciliation.xlsx"
    assert aio(controller.actions.export_to(batch.id, target)) is True
    assert controller.actions.outcome.text().startswith("Exported ") and str(target) in controller.actions.outcome.text()
    assert controller.actions.last_dir == str(tmp_path)
    workbook = openpyxl.load_workbook(target, read_only=True)
    values = [v for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    workbook.close()
    assert batch.ref("S1") in values
    assert not errors


def test_a_batch_that_is_gone_is_said_and_choosing_it_again_tries_again(aio, backend, controller_for, errors):
    controller = controller_for()
    shown = controller.batch
    aio(controller.open_batch(2_000_000_000))
    assert controller.actions.outcome.failed and controller.batch is shown and controller.chosen_id == shown.id
    assert controller.open_batch(2_000_000_000) is not None  # tried again
    aio(controller.wait_idle())
    assert not errors  # said in the outcome only


def test_a_lost_session_fails_the_list_and_reaches_the_shell(aio, controller_for, errors):
    controller = controller_for(signed_in=False)
    assert controller.list_failed and controller.fund_book.funds == {} and controller.batches == []
    assert [e.status for e in errors] == [401, 401]  # the funds, then the batches


def test_the_permissions_say_what_may_be_done(controller_for):
    viewer = controller_for(permissions=[Perm.FUND_CLEARING_VIEW])
    assert not viewer.can_import and not viewer.can_explain and not any(viewer.can_confirm.values())
    assert not any(viewer.can_step.values()) and not viewer.can_set_limit
    funds = controller_for()
    assert funds.can_import and funds.can_explain and all(funds.can_confirm.values())
    assert all(funds.can_step.values()) and not funds.can_set_limit
    assert controller_for("admin").can_set_limit


def test_a_step_out_of_order_is_said_in_words_then_the_steps_and_a_new_limit(aio, backend, controller_for, errors):
    batch = OwnBatch(backend, TRADE_DATE)
    batch.upload(xlsx_bytes(batch.rows(s1_units="801")))  # 1 unit off: beyond a limit of 0.5
    controller = controller_for("admin")
    aio(show_own(controller, batch))

    aio(controller.settlement.settle_step(batch.id, SettlementStep.SUBSCRIPTION_DELIVERY))
    assert controller.actions.outcome.failed and controller.actions.outcome.text() == message_for(
        ApiError(409, ErrorCode.FUND_SETTLEMENT_OUT_OF_ORDER, "x")) + " Confirm the reconciliation of the " \
        "Subscriptions first."

    listed = next_emission(controller.batchesChanged)
    aio(controller.settlement.set_difference_limit(batch.fund_id, Decimal("1.5")))
    aio(listed)
    assert controller.actions.outcome.text() == f"The difference limit of {batch.code} is now 1.5."
    assert controller.fund_book.funds[batch.fund_id].difference_limit == Decimal("1.5")
    assert controller.batch.difference_limit == Decimal("1.5") and controller.batch.subscriptions.beyond_limit == 0
    aio(controller.actions.explain(batch.id, Side.SUBSCRIPTION, batch.ref("S1"), "Rounding per holding."))
    aio(controller.actions.confirm_side(batch.id, Side.SUBSCRIPTION))
    aio(controller.settlement.settle_step(batch.id, SettlementStep.SUBSCRIPTION_DELIVERY))
    assert controller.actions.outcome.text() == "Subscription delivery done: the subscriptions are settled."
    assert controller.batch.subscriptions.settlement == SettlementState.SETTLED
    aio(controller.settlement.settle_step(batch.id, SettlementStep.SUBSCRIPTION_DELIVERY))
    assert controller.actions.outcome.text().startswith("Already done by admin at ")
    assert not errors
