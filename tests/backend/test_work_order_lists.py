"""The inbox, my requests and all orders: who sees what, exact pages, and the inbox count."""

from sqlalchemy import text

from services.contract.queries import WORK_ORDER_TOTAL_CAP
from tests.backend.work_order_steps import copies, decide, fresh_order
from tests.fixtures.app_backend import AppBackend


def _all_pages(api: AppBackend, user: str, params: dict, limit: int = 2) -> list[int]:
    ids, cursor = [], None
    with api.client(user) as client:
        while True:
            response = client.get("/work-orders", params={**params, "limit": limit,
                                                          **({"cursor": cursor} if cursor else {})})
            assert response.status_code == 200, response.text
            body = response.json()
            ids += [item["id"] for item in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                return ids


def _ids(api: AppBackend, sql: str, **params) -> list[int]:
    engine = api.engine()
    with engine.connect() as conn:
        out = list(conn.execute(text(sql), params).scalars())
    engine.dispose()
    return out


def test_a_pending_order_awaits_the_checkers_not_the_maker(api):
    order = fresh_order(api, "HK", force_close="15:41")
    assert order["id"] in _all_pages(api, "checker", {"view": "awaiting_me"})
    assert order["id"] in _all_pages(api, "checker2", {"view": "awaiting_me"})
    assert order["id"] not in _all_pages(api, "maker", {"view": "awaiting_me"})
    assert order["id"] not in _all_pages(api, "publisher", {"view": "awaiting_me"})  # other flows
    assert order["id"] in _all_pages(api, "maker", {"view": "mine"})
    assert decide(api, "checker", order["id"]).json()["status"] == "applied"
    assert order["id"] not in _all_pages(api, "checker2", {"view": "awaiting_me"})


def test_my_requests_page_by_page_are_exactly_my_orders_newest_first(api):
    for minute in (42, 43, 44):  # each withdraws the one before: three orders, one still pending
        fresh_order(api, "US", force_close=f"15:{minute}")
    expected = _ids(api, "SELECT w.id FROM work_orders w JOIN users u ON u.id = w.maker_id "
                            "WHERE u.username = 'maker' ORDER BY w.id DESC")
    assert len(expected) == 3
    assert _all_pages(api, "maker", {"view": "mine"}) == expected
    withdrawn = _ids(api, "SELECT w.id FROM work_orders w JOIN users u ON u.id = w.maker_id "
                             "WHERE u.username = 'maker' AND w.status = 'withdrawn' ORDER BY w.id DESC")
    assert _all_pages(api, "maker", {"view": "mine", "status": "withdrawn"}) == withdrawn


def test_the_inbox_count_matches_the_inbox(api):
    fresh_order(api, "US", force_close="15:43")
    with api.client("checker") as checker:
        count = checker.get("/work-orders/counts").json()["awaiting_me"]
        listed = checker.get("/work-orders", params={"view": "awaiting_me"}).json()["total"]
    assert count == listed == 1


def test_a_list_and_the_inbox_count_are_exact_up_to_the_cap_then_say_more(api):
    order = fresh_order(api, "US", force_close="15:44")
    copies(api, order["id"], WORK_ORDER_TOTAL_CAP - 1)
    with api.client("checker") as checker:
        first = checker.get("/work-orders", params={"view": "awaiting_me", "limit": 10}).json()
        assert (first["total"], first["total_capped"]) == (WORK_ORDER_TOTAL_CAP, False)
        counts = checker.get("/work-orders/counts").json()
        assert (counts["awaiting_me"], counts["awaiting_capped"]) == (WORK_ORDER_TOTAL_CAP, False)
        copies(api, order["id"], 1)
        first = checker.get("/work-orders", params={"view": "awaiting_me", "limit": 10}).json()
        assert (first["total"], first["total_capped"]) == (WORK_ORDER_TOTAL_CAP, True)
        counts = checker.get("/work-orders/counts").json()
        assert (counts["awaiting_me"], counts["awaiting_capped"]) == (WORK_ORDER_TOTAL_CAP, True)
        # Deeper pages do not count again: the desktop keeps the first page's figure.
        deeper = checker.get("/work-orders", params={"view": "awaiting_me", "limit": 10,
                                                    "cursor": first["next_cursor"]}).json()
        assert len(deeper["items"]) == 10 and deeper["total"] is None
        # A list whose rows all fit on its first page is counted by them.
        mine = checker.get("/work-orders", params={"view": "mine"}).json()
        assert (mine["items"], mine["total"], mine["total_capped"]) == ([], 0, False)


def test_returned_to_me_counts_my_decided_orders_since_i_last_looked(api):
    applied, rejected = fresh_order(api, "HK", force_close="15:31"), fresh_order(api, "US", force_close="15:31")
    assert decide(api, "checker", applied["id"]).json()["status"] == "applied"
    with api.client("maker") as maker:
        assert maker.get("/work-orders/counts").json() == {"awaiting_me": 0, "awaiting_capped": False,
                                                           "returned_to_me": 1}
        api.clock.advance(seconds=1)
        assert maker.post("/work-orders/returned/seen").json() == {"awaiting_me": 0, "awaiting_capped": False,
                                                                   "returned_to_me": 0}
        api.clock.advance(seconds=1)
        assert decide(api, "checker", rejected["id"], "reject", "Not before the close").status_code == 200
        withdrawn = fresh_order(api, "HK", force_close="15:32")  # the maker's own doing: not returned
        assert maker.post(f"/work-orders/{withdrawn['id']}/withdraw").status_code == 200
        assert maker.get("/work-orders/counts").json()["returned_to_me"] == 1
    with api.client("checker2") as other:  # someone else's look changes nothing of the maker's
        assert other.post("/work-orders/returned/seen").status_code == 200
    with api.client("maker") as maker:
        assert maker.get("/work-orders/counts").json()["returned_to_me"] == 1


def test_all_orders_need_the_view_all_permission(api):
    with api.client("checker") as checker:
        refused = checker.get("/work-orders", params={"view": "all"})
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    everything = _ids(api, "SELECT id FROM work_orders ORDER BY id DESC")
    assert _all_pages(api, "admin", {"view": "all"}, limit=5) == everything
    by_maker = _ids(api, "SELECT w.id FROM work_orders w JOIN users u ON u.id = w.maker_id "
                            "WHERE u.username = 'admin' ORDER BY w.id DESC")
    assert _all_pages(api, "admin", {"view": "all", "maker": "admin"}) == by_maker


def test_the_detail_carries_the_trail_the_names_and_the_rows_before_and_after(api):
    order = fresh_order(api, "US", force_close="15:44")
    assert order["maker_name"] == "Carmen Chan 陳嘉敏" and order["decisions"] == []
    assert order["diff_key"] == "market"
    before = order["snapshot"]["rows"][0]
    after = order["proposed"]["rows"][0]
    assert after["market"] == before["market"] == "US"
    assert after["force_close"] == "15:44" and order["proposed"]["deleted"] == []
    decided = decide(api, "checker", order["id"], "reject", "  Too close to the auction  ").json()
    assert decided["status"] == "rejected"
    [trail] = decided["decisions"]
    assert (trail["level"], trail["decision"], trail["decider_name"], trail["comment"]) == (
        1, "reject", "Kelvin Wong 黃家豪", "Too close to the auction")
    with api.client("maker") as client:
        assert client.get(f"/work-orders/{order['id']}").json()["decisions"] == decided["decisions"]


def test_history_lists_what_i_decided_and_nothing_else(api):
    approved = fresh_order(api, "HK", force_close="15:42")
    decide(api, "checker2", approved["id"])
    untouched = fresh_order(api, "US", force_close="15:43")
    history = _all_pages(api, "checker2", {"view": "decided"})
    assert approved["id"] in history and untouched["id"] not in history
    assert approved["id"] not in _all_pages(api, "checker", {"view": "decided"})
    assert history == sorted(history, reverse=True)
