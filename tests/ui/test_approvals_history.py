"""Approvals › History: what I decided; every order only for those allowed to see all."""

from PySide6.QtWidgets import QPushButton

from services.contract.queries import WorkOrderView
from tests.backend.work_order_steps import decide, fresh_order
from tests.ui.approval_steps import choose, close_approvals, open_approvals

HISTORY = "approvals.history"


def test_the_checker_sees_the_orders_they_decided_read_only(qtbot, aio, backend, errors):
    order = fresh_order(backend, "HK", force_close="15:34")
    assert decide(backend, "checker", order["id"]).json()["status"] == "applied"
    page, api = open_approvals(qtbot, aio, backend, errors, HISTORY, "checker")
    try:
        assert "view" not in page.filter_bar.values()  # only approval.view_all may switch
        shown = choose(aio, page, order["id"])
        assert [d.decider_name for d in shown.decisions] == ["Kelvin Wong 黃家豪"]
        assert page.detail.trail.topLevelItem(1).text(1) == "Approved"
        assert not page.findChildren(QPushButton, "approveButton")
    finally:
        close_approvals(aio, page, api)


def test_an_administrator_switches_to_every_order(qtbot, aio, backend, errors):
    order = fresh_order(backend, "US", force_close="15:33")  # decided by nobody yet
    page, api = open_approvals(qtbot, aio, backend, errors, HISTORY, "admin")
    try:
        assert page.filter_bar.values()["view"] == WorkOrderView.DECIDED
        assert order["id"] not in [row.id for row in page.model.rows()]
        page.filter_bar.set_values(view=WorkOrderView.ALL.value)
        page.filter_bar.search()
        aio(page.model.fetch_all())
        assert order["id"] in [row.id for row in page.model.rows()]
        assert errors == []
    finally:
        close_approvals(aio, page, api)
