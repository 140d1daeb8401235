"""A work order's summary is stored as a key and values as well as its English line, and both the
list and the order in full carry them, so each reader sees it in their language."""

from tests.backend.work_order_steps import FLOW, fresh_order


def test_the_list_and_the_order_carry_the_summary_key_and_values(api):
    order = fresh_order(api, "HK", force_close="15:44", enabled=False)
    with api.client("checker") as client:
        listed = client.get("/work-orders", params={"flow": FLOW, "limit": 5}).json()["items"]
        shown = client.get(f"/work-orders/{order['id']}").json()
    row = next(item for item in listed if item["id"] == order["id"])
    expected = {"market": "HK", "start": "09:30", "force_close": "15:44", "end": "16:00"}
    for seen in (row, shown, order):
        assert seen["summary"] == "HK 09:30–15:44–16:00 (disabled)"
        assert (seen["summary_key"], seen["summary_args"]) == ("day_trade_window.disabled", expected)
