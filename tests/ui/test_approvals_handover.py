"""Transfer…, Add CC… and Delegations… on the Approvals pages against the in-process backend: the
people a transfer may go to come from the backend, a refusal says why, a delegate decides from the
inbox on the approver's behalf, and the trail shows each of them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from services.contract.schemas import WorkOrderStatus
from tests.backend.chain_steps import WINDOW, change_chain, level, new_user, set_active
from tests.backend.work_order_steps import fresh_order
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_approvals, open_approvals, order_now, press_accept
from ui.approvals.cc_dialog import CcDialog
from ui.approvals.delegations_dialog import DelegationsDialog
from ui.approvals.transfer_dialog import TransferDialog

CHECKER, CHECKER2, ADMIN2 = "Kelvin Wong 黃家豪", "Grace Lam 林詠詩", "Sandy Chow 周珊珊"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def opened(qtbot, aio, backend, errors):
    pages = []

    def run(key: str, username: str):
        page, api = open_approvals(qtbot, aio, backend, errors, key, username)
        pages.append((page, api))
        return page, api

    yield run
    for page, api in pages:
        close_approvals(aio, page, api)


def _offered(dialog: TransferDialog) -> list[str]:
    return [dialog.people.item(r).text() for r in range(dialog.people.count())]


def _open_transfer(aio, page, order_id: int) -> TransferDialog:
    choose(aio, page, order_id)
    assert page.handover.transfer_button.isEnabled()
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = page.dialog
    assert isinstance(dialog, TransferDialog)
    aio(until(lambda: dialog.people.count() > 0, message="the people a transfer may go to"))
    return dialog


def test_a_transfer_goes_to_someone_the_backend_offers_with_a_note_and_shows_on_the_trail(aio, backend, opened):
    change_chain(backend, WINDOW, {"levels": [level(users=("checker", "checker2"))]})
    order = fresh_order(backend, "HK", force_close="15:41")
    page, api = opened("approvals.inbox", "checker")
    dialog = _open_transfer(aio, page, order["id"])
    names = _offered(dialog)
    assert f"{ADMIN2}  (admin2)" in names
    assert not any(n.endswith(("(maker)", "(checker)", "(checker2)", "(service)")) for n in names)
    QTest.keyClicks(dialog.search, "sandy")
    aio(until(lambda: _offered(dialog) == [f"{ADMIN2}  (admin2)"], message="the people matching 'sandy'"))
    assert dialog.chosen() == "admin2"  # the only one offered is chosen
    assert not dialog.transfer_button.isEnabled()  # a note is required
    QTest.keyClicks(dialog.note.edit, "At the HKEX briefing all afternoon")
    assert dialog.transfer_button.isEnabled()
    QTest.keyClick(dialog.note.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    aio(until(lambda: page.detail.order is not None and page.detail.order.transfers, message="the transfer"))
    assert page.detail.trail.texts()[-1] == ["1", "Transferred", CHECKER, page.detail.trail.texts()[-1][3],
                                             f"To {ADMIN2}: At the HKEX briefing all afternoon"]
    assert "transferred" in page.outcome.text()
    assert not page.handover.transfer_button.isEnabled()  # no longer an approver of the level
    now = order_now(aio, api, order["id"])
    assert {a.name for a in now.approval_levels[0].approvers} == {CHECKER2, ADMIN2}


def test_a_transfer_refused_meanwhile_says_why_and_changes_nothing(aio, backend, opened):
    stand_in = new_user(backend, "risk_checker")
    change_chain(backend, WINDOW, {"levels": [level(users=("checker",))]})
    order = fresh_order(backend, "HK", force_close="15:42")
    page, api = opened("approvals.inbox", "checker")
    dialog = _open_transfer(aio, page, order["id"])
    QTest.keyClicks(dialog.search, stand_in)
    aio(until(lambda: dialog.chosen() == stand_in, message="the stand-in offered"))
    set_active(backend, stand_in, False)  # disabled after the list was read
    QTest.keyClicks(dialog.note.edit, "Covering my desk")
    dialog.transfer_button.click()
    aio(until(lambda: page.outcome.property("failed") is True, message="the refusal"))
    assert "This person's account is disabled." in page.outcome.text()
    assert order_now(aio, api, order["id"]).transfers == []


def test_a_delegation_made_in_the_dialog_lets_the_delegate_decide_on_the_approvers_behalf(aio, backend, opened):
    change_chain(backend, WINDOW, {"levels": [level(users=("checker",))]})
    order = fresh_order(backend, "HK", force_close="15:43")
    page, _ = opened("approvals.inbox", "checker")
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_D, CTRL_SHIFT)
    dialog = page.dialog
    assert isinstance(dialog, DelegationsDialog)
    aio(dialog.ops.wait_idle())  # my delegations read: none
    assert not dialog.form.create_button.isEnabled()  # nobody named yet
    QTest.keyClicks(dialog.form.person, "checker2")
    dialog.form.create_button.click()
    aio(until(lambda: dialog.table.topLevelItemCount() == 1, message="the new delegation listed"))
    row = [dialog.table.topLevelItem(0).text(c) for c in range(6)]
    assert (row[0], row[1], row[4], row[5]) == (CHECKER, CHECKER2, "Every flow", "In force")
    assert CHECKER2 in dialog.outcome.text()
    aio(dialog.ops.wait_idle())
    dialog.close()

    delegate, _ = opened("approvals.inbox", "checker2")
    assert order["id"] in [r.id for r in delegate.model.rows()]
    shown = choose(aio, delegate, order["id"])
    assert shown.delegated_to_me and delegate.approve_button.isEnabled()
    assert not delegate.handover.transfer_button.isEnabled()  # a delegate decides, never hands the seat on
    delegate.approve_button.click()
    press_accept(delegate)  # approving alone is confirmed as a selection is
    aio(until(lambda: delegate.detail.order.status == WorkOrderStatus.APPLIED, message="applied"))
    assert delegate.detail.trail.texts()[-1][:3] == ["1", "Approved", f"{CHECKER2} on behalf of {CHECKER}"]


def test_revoking_in_the_dialog_ends_my_delegation_and_a_bad_one_says_why(aio, backend, opened):
    with backend.client("checker") as client:
        made = client.post("/approval-delegations", json={
            "to": "checker2", "starts_at": backend.clock.now().isoformat(),
            "ends_at": backend.clock.now().replace(year=backend.clock.now().year + 1).isoformat()})
    assert made.status_code == 422  # more than 90 days: refused, and nothing listed below
    page, _ = opened("approvals.history", "checker")
    page.handover.delegations_button.click()
    dialog = page.dialog
    assert isinstance(dialog, DelegationsDialog)
    aio(dialog.ops.wait_idle())
    QTest.keyClicks(dialog.form.person, "service")
    dialog.form.create_button.click()
    aio(until(lambda: dialog.outcome.property("failed") is True, message="the refusal"))
    assert "This person has no approvals inbox." in dialog.outcome.text()
    assert dialog.table.topLevelItemCount() == 0
    dialog.form.person.clear()
    QTest.keyClicks(dialog.form.person, "checker2")
    dialog.form.create_button.click()
    aio(until(lambda: dialog.table.topLevelItemCount() == 1, message="the delegation listed"))
    assert not dialog.revoke_button.isEnabled()  # nothing chosen yet
    dialog.table.setCurrentItem(dialog.table.topLevelItem(0))
    dialog.revoke_button.click()
    aio(until(lambda: dialog.table.topLevelItemCount() == 1 and dialog.table.topLevelItem(0).text(5) == "Revoked",
              message="revoked"))
    assert not dialog.revoke_button.isEnabled()
    aio(dialog.ops.wait_idle())
    dialog.close()


def test_the_maker_copies_people_from_my_requests_and_the_trail_shows_it(aio, backend, opened):
    order = fresh_order(backend, "HK", force_close="15:44")
    page, api = opened("approvals.my_requests", "maker")
    choose(aio, page, order["id"])
    assert page.handover.cc_button.isEnabled() and page.handover.transfer_button is None
    page.handover.cc_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CcDialog) and not dialog.add_button.isEnabled()
    QTest.keyClicks(dialog.names, "editor, publisher")
    dialog.add_button.click()
    aio(until(lambda: any(c.added_at for c in page.detail.order.cc), message="the CC added"))
    added = [r for r in page.detail.trail.texts() if r[1] == "CC Added"]
    assert [(r[2], r[4]) for r in added] == [("Carmen Chan 陳嘉敏", "Jason Yip 葉俊傑, Mandy Leung 梁美玲")]
    assert {c.name for c in order_now(aio, api, order["id"]).cc} >= {"Jason Yip 葉俊傑", "Mandy Leung 梁美玲"}
