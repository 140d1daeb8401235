"""Export of a work-order list as filtered: the same orders as the list, in its order, in the
reader's language, blocked ones marked; the same rules as the list for who sees what; a filter
matching too many orders is refused before anything is written."""

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth import repository as auth_repo
from backend.auth.models import User
from backend.auth.service import Principal
from backend.kit.errors import AppError
from backend.work_orders.export import write_export
from services.contract.queries import WorkOrderExport, WorkOrderView
from tests.backend.chain_steps import WINDOW, change_chain, level, listed, new_user, set_active
from tests.backend.work_order_steps import fresh_order
from tests.fixtures.app_backend import AppBackend

PATH = "/work-orders/export"


def _sheet(api: AppBackend, user: str, **params) -> list[tuple]:
    with api.client(user) as client:
        response = client.get(PATH, params=params)
    assert response.status_code == 200, response.text
    assert 'filename="work-orders-' in response.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.values)
    return [(*r, *[None] * (len(rows[0]) - len(r))) for r in rows]  # trailing empty cells are not stored


HEADERS = {
    "en": ("No.", "Flow", "Maker", "Submitted At (HKT)", "Target", "Level", "Status", "Blocked", "Expires At (HKT)"),
    "zh_Hant": ("編號", "流程", "發起人", "提交時間 (香港)", "變更內容", "級別", "狀態", "受阻", "到期時間 (香港)"),
}


@pytest.mark.parametrize(("lang", "status", "flow_name"), [
    ("en", "Pending", "Set day-trade window"),
    ("zh_Hant", "待審批", "設置日內融時間"),  # as the desktop names the flow (its translation file)
])
def test_the_export_holds_the_filtered_inbox_in_its_order(api, lang, status, flow_name):
    orders = [fresh_order(api, market, force_close="15:41") for market in ("HK", "US")]
    params = {"view": "awaiting_me", "flow": WINDOW}
    expected = listed(api, "checker", **params)
    assert [o["id"] for o in reversed(orders)] == expected[:2]
    rows = _sheet(api, "checker", **params, lang=lang)
    assert rows[0] == HEADERS[lang]
    assert {r[4] for r in rows[1:3]} == {"HK 09:30–15:41–16:00", "US 09:30–15:41–16:00"}
    assert [r[0] for r in rows[1:]] == expected  # newest first, as the list
    assert {r[6] for r in rows[1:]} == {status} and {r[1] for r in rows[1:]} == {flow_name}
    assert rows[1][2] == "Carmen Chan 陳嘉敏" and rows[1][5] == "1/1"


def test_each_view_exports_what_its_list_shows_and_blocked_orders_say_so(api):
    approver, copied = new_user(api, "risk_checker"), new_user(api, "risk_checker")
    other = fresh_order(api, "US", force_close="15:42")  # the checkers decide it: not blocked
    change_chain(api, WINDOW, {"levels": [level(users=(approver,))], "cc": {"users": [copied]}})
    order = fresh_order(api, "HK", force_close="15:42")
    set_active(api, approver, False)  # no approver left: blocked
    for user, view in ((copied, "cc_me"), ("maker", "mine")):
        rows = _sheet(api, user, view=view, lang="zh_Hant")
        assert [r[0] for r in rows[1:]] == listed(api, user, view=view)
        [mine] = [r for r in rows[1:] if r[0] == order["id"]]
        assert mine[7] == "受阻"
    assert order["id"] not in [r[0] for r in _sheet(api, "checker", view="cc_me")[1:]]  # not copied
    [unblocked] = [r for r in _sheet(api, "maker", view="mine", lang="en")[1:] if r[0] == other["id"]]
    assert unblocked[7] is None


def test_a_chinese_export_names_every_flow_in_chinese(api):
    """Orders of flows of two areas: each named in the sheet's language, as the desktop names it."""
    fresh_order(api, "HK", force_close="15:44")
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})  # an identity flow's order, applied
    chinese = {r[1] for r in _sheet(api, "admin", view="all", lang="zh_Hant")[1:]}
    assert {"設置日內融時間", "修改審批流程配置"} <= chinese
    assert not any(re.search("[A-Za-z]", name) for name in chinese), chinese  # no English left
    assert {"Set day-trade window", "Change approval chain"} <= {r[1] for r in _sheet(
        api, "admin", view="all", lang="en")[1:]}


def test_bad_filters_and_views_beyond_the_users_are_refused(api):
    with api.client("checker") as client:
        backwards = client.get(PATH, params={"submitted_from": "2024-05-02", "submitted_to": "2024-05-01"})
        assert backwards.status_code == 422 and backwards.json()["code"] == "validation_error"
        assert "submitted_from must not be after submitted_to" in backwards.text
        every = client.get(PATH, params={"view": "all"})
        assert (every.status_code, every.json()["code"]) == (403, "permission_denied")
        assert client.get(PATH, params={"lang": "fr"}).status_code == 422
    with api.client("funds") as client:  # no approvals at all
        assert client.get(PATH).status_code == 403


def _principal(session: Session, username: str) -> Principal:
    user = session.scalar(select(User).where(User.username == username))
    return Principal(user.id, user.username, user.display_name, auth_repo.role_codes(session, user.id),
                     auth_repo.permissions(session, user.id))


def test_too_many_orders_are_refused_with_a_clear_code(api):
    for market in ("HK", "US"):
        fresh_order(api, market, force_close="15:43")
    engine = api.engine()
    with Session(engine) as session:
        admin = _principal(session, "admin")
        with pytest.raises(AppError) as refused:
            write_export(session, admin, WorkOrderExport(view=WorkOrderView.ALL), max_rows=1)
        narrow = WorkOrderExport(view=WorkOrderView.ALL, maker="no-such-user")
        assert write_export(session, admin, narrow, max_rows=1).read(2) == b"PK"
    engine.dispose()
    assert (refused.value.status, refused.value.code) == (422, "export_too_large")
    assert "narrow the filter" in refused.value.detail


@pytest.mark.parametrize(("lang", "summary"), [
    ("en", "US 09:30–15:43–16:00 (disabled)"),
    ("zh_Hant", "US 09:30–15:43–16:00（已停用）"),  # as the desktop shows it (its translation file)
])
def test_the_summary_is_in_the_export_language(api, lang, summary):
    order = fresh_order(api, "US", force_close="15:43", enabled=False)
    [row] = [r for r in _sheet(api, "checker", view="awaiting_me", flow=WINDOW, lang=lang)[1:] if r[0] == order["id"]]
    assert row[4] == summary
