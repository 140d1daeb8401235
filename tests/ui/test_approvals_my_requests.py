"""Approvals › My Requests against the real backend: the maker withdraws and resubmits, never decides."""

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderStatus
from tests.backend.work_order_steps import decide, fresh_order
from tests.ui.approval_steps import choose, close_approvals, open_approvals, order_now, press_accept
from ui.approvals.my_requests_page import MyRequestsPage
from ui.approvals.resubmit_dialog import ResubmitDialog

MY_REQUESTS = "approvals.my_requests"


@pytest.fixture
def maker_page(qtbot, aio, backend, errors):
    """A function that opens My Requests as the maker, once the orders of the test exist."""
    opened = []

    def run() -> tuple[MyRequestsPage, ApiClient]:
        page, api = open_approvals(qtbot, aio, backend, errors, MY_REQUESTS, "maker")
        opened.append((page, api))
        return page, api

    yield run
    for page, api in opened:
        close_approvals(aio, page, api)


def rejected_order(backend, market: str) -> dict:
    order = fresh_order(backend, market, force_close="15:36")
    response = decide(backend, "checker", order["id"], "reject", "Please align with the exchange calendar")
    assert response.json()["status"] == "rejected"
    return order


def test_the_maker_has_no_approve_buttons_and_withdraws_a_pending_order(aio, maker_page, backend, errors):
    order = fresh_order(backend, "US", force_close="15:37")
    page, api = maker_page()
    names = {b.objectName() for b in page.findChildren(QPushButton)}
    assert not {"approveButton", "rejectButton", "approveSelectedButton"} & names
    shown = choose(aio, page, order["id"])
    assert shown.status == WorkOrderStatus.PENDING and page.detail.diff_model.rowCount() == 1
    assert page.withdraw_button.isEnabled() and not page.resubmit_button.isEnabled()

    page.withdraw_button.click()
    assert page.dialog.text() == f"Withdraw #{order['id']} Set day-trade window?"
    press_accept(page)
    aio(page.wait_idle())
    assert order_now(aio, api, order["id"]).status == WorkOrderStatus.WITHDRAWN
    assert page.outcome.text() == f"Work order #{order['id']} withdrawn."
    assert page.detail.order.status == WorkOrderStatus.WITHDRAWN
    assert not page.withdraw_button.isEnabled() and not page.resubmit_button.isEnabled()
    listed = {row.id: row.status for row in page.model.rows()}
    assert listed[order["id"]] == WorkOrderStatus.WITHDRAWN  # the list was refreshed
    assert errors == []


def test_a_rejected_order_shows_the_reason_and_is_resubmitted_as_a_new_order(qtbot, aio, maker_page, backend):
    old = rejected_order(backend, "HK")
    page, api = maker_page()
    choose(aio, page, old["id"])
    trail = page.detail.trail
    assert trail.topLevelItem(1).text(4) == "Please align with the exchange calendar"
    assert page.resubmit_button.isEnabled() and not page.withdraw_button.isEnabled()

    page.resubmit_button.click()  # a page made without the shell: no editor to open, a note here
    dialog = page.dialog
    assert isinstance(dialog, ResubmitDialog)
    assert dialog.banner.reason.text() == "Rejected by Kelvin Wong 黃家豪: Please align with the exchange calendar"
    dialog.banner.note_edit.setPlainText("Aligned with the calendar")
    qtbot.waitUntil(dialog.banner.note_edit.hasFocus)  # the note is where typing goes
    QTest.keyClick(dialog.banner.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    aio(page.wait_idle())
    new = page.detail.order
    assert new.id != old["id"] and new.resubmitted_from_id == old["id"]
    assert new.maker_note == "Aligned with the calendar"
    assert page.detail.trail.topLevelItem(0).text(1) == "Resubmitted"
    assert page.detail.trail.topLevelItem(0).text(4) == "Aligned with the calendar"  # for the approvers
    assert order_now(aio, api, new.id).status == WorkOrderStatus.PENDING
    assert page.outcome.text() == f"Work order #{old['id']} resubmitted as #{new.id}."
    assert page.resubmit_keys == {}  # the server answered: the next resubmit is a new action
    assert new.id in [row.id for row in page.model.rows()]


def test_a_resubmit_retried_after_a_lost_answer_reuses_its_key(aio, maker_page, backend):
    old = rejected_order(backend, "US")
    page, api = maker_page()
    choose(aio, page, old["id"])
    # The first click's request reached the server, but its answer was lost on the way back.
    key = str(uuid.uuid4())
    first = aio(ApprovalsClient(api).resubmit(old["id"], key))
    page.resubmit_keys[(old["id"], None)] = key  # what the page kept after the network error
    page.resubmit_button.click()  # the retry, with no note as the first
    page.dialog.confirm()
    aio(page.wait_idle())
    # The same order comes back; a fresh key would have been refused (the market is locked).
    assert page.detail.order.id == first.id
    assert page.outcome.text() == f"Work order #{old['id']} resubmitted as #{first.id}."


def test_the_client_sends_the_idempotency_key_so_a_retry_returns_the_same_order(aio, backend):
    old = rejected_order(backend, "HK")
    api = backend.api_client()
    try:
        aio(SessionClient(api).login("maker", "maker-demo"))
        approvals = ApprovalsClient(api)
        key = str(uuid.uuid4())
        first = aio(approvals.resubmit(old["id"], key))
        again = aio(approvals.resubmit(old["id"], key))
        assert again.id == first.id and first.resubmitted_from_id == old["id"]
        assert aio(approvals.counts()).awaiting_me == 0  # the maker decides nothing
    finally:
        aio(api.aclose())
