"""Fund clearing over HTTP (SQLite and PostgreSQL): import of the fund house's confirmation
(good, bad, re-import, one side corrected after the other is confirmed), each side at the NAV of
its own NAV date, reconciliation lines and states, explanations, the fund's difference limit, the
two independent confirmations, a side without orders confirmed by the system, the settlement
steps in order, the export, permissions, and the demo data.

Each test makes its own fund and batch so that the demo data never move its figures.
"""

import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.auth.bootstrap import create_user
from backend.auth.models import Role, RolePermission
from services.contract.permissions import Perm
from tests.fixtures.fund_confirmations import NAV, csv_bytes, seed_batch, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_WITH_DATES = ["Order Ref", "Type", "NAV", "NAV Date", "Confirmed Units", "Confirmed Amount"]
TRADE_DATE = date(2031, 3, 14)
STEPS = ("subscription-delivery", "redemption-units-delivery", "redemption-cash-delivery")


class Batch:
    """A fund of its own with one batch: subscriptions S1 (10,150 with fee 150 → 800 units at
    12.5) and S2 (5,000 no fee → 400 units), redemption R1 (1,000 units, fee 50 → 12,450.00)
    unless ``redemptions`` is False; the fund's difference limit is ``limit``."""

    def __init__(self, api, trade_date: date = TRADE_DATE, *, redemptions: bool = True, limit: str = "0.5"):
        self.api = api
        self.tag = uuid.uuid4().hex[:8].upper()
        engine = api.engine()
        self.id, self.fund_id = seed_batch(engine, f"T{self.tag}", f"Test Fund {self.tag}", "測試基金", trade_date,
                                           self.tag, redemptions=redemptions, difference_limit=limit)
        engine.dispose()
        self.path = f"/funds/batches/{self.id}"

    def ref(self, name: str) -> str:
        return f"{self.tag}-{name}"

    def rows(self, s1_units="800", s2_units="400", r1_amount="12450", extra=()):
        rows = [[self.ref("S1"), "Subscription", NAV, s1_units, None],
                [self.ref("S2"), "申購", NAV, s2_units, None],
                [self.ref("R1"), "Redemption", NAV, "1000", r1_amount]]
        return [r for r in rows if r[3] is not None and (r[1] != "Redemption" or r[4] is not None)] + list(extra)

    def upload(self, data: bytes, name: str = "confirm.xlsx", user: str = "funds"):
        with self.api.client(user) as client:
            return client.post(f"{self.path}/confirmation", params={"file_name": name}, content=data,
                               headers={"Content-Type": "text/csv" if name.endswith(".csv") else XLSX})

    def detail(self, user: str = "funds") -> dict:
        with self.api.client(user) as client:
            response = client.get(self.path)
        assert response.status_code == 200, response.text
        return response.json()

    def explain(self, side: str, name: str, note: str = "Fund house rounding; agreed by phone.", user="funds"):
        with self.api.client(user) as client:
            return client.post(f"{self.path}/explanations",
                               json={"side": side, "order_ref": self.ref(name), "note": note})

    def confirm(self, side: str, user: str = "funds"):
        with self.api.client(user) as client:
            return client.post(f"{self.path}/confirm-{side}")

    def step(self, step: str, user: str = "funds"):
        with self.api.client(user) as client:
            return client.post(f"{self.path}/{step}")

    def set_limit(self, limit, user: str = "admin"):
        with self.api.client(user) as client:
            return client.put(f"/funds/{self.fund_id}/difference-limit", json={"difference_limit": limit})

    def audit(self, entity_type: str = "fund_clearing_batch", entity_id: str | None = None) -> list[AuditEvent]:
        engine = self.api.engine()
        with Session(engine) as session:
            events = list(session.scalars(select(AuditEvent).where(
                AuditEvent.entity_type == entity_type, AuditEvent.entity_id == (entity_id or str(self.id)))
                .order_by(AuditEvent.id)))
        engine.dispose()
        return events


@pytest.fixture
def batch(api) -> Batch:
    return Batch(api)


def _lines(detail: dict, side: str) -> dict[str, dict]:
    return {line["order_ref"].split("-", 1)[1]: line for line in detail[f"{side}_lines"]}


def _code(response) -> tuple[int, str]:
    return response.status_code, response.json().get("code")


def test_a_good_import_reconciles_every_line_and_is_audited(batch):
    assert batch.detail()["subscriptions"]["state"] == "awaiting_confirmation"
    response = batch.upload(xlsx_bytes(batch.rows()))
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["rows"], body["subscription_rows"], body["redemption_rows"]) == (3, 2, 1)
    assert [(s["side"], s["rows"], s["nav"], s["replaced_import_id"]) for s in body["sides"]] == [
        ("subscription", 2, "12.5", None), ("redemption", 1, "12.5", None)]
    detail = batch.detail()
    subs, reds = detail["subscriptions"], detail["redemptions"]
    assert (subs["state"], subs["matched"], subs["unexplained"]) == ("ready", 2, 0)
    assert Decimal(subs["ordered_amount"]) == Decimal("15150") and Decimal(subs["fees"]) == Decimal(150)
    assert Decimal(subs["expected_total"]) == Decimal(1200) == Decimal(subs["confirmed_total"])
    assert (reds["state"], reds["matched"]) == ("ready", 1)
    assert Decimal(reds["expected_total"]) == Decimal("12450")
    s1 = _lines(detail, "subscription")["S1"]
    assert (s1["status"], s1["expected_units"], s1["confirmation_row"], s1["needs_explaining"]) == (
        "matched", "800.0000", 2, False)
    assert (subs["imported_by"], subs["file_name"], reds["file_name"]) == ("funds", "confirm.xlsx", "confirm.xlsx")
    assert subs["import_id"] != reds["import_id"]  # each side has its own confirmation
    [event] = batch.audit()
    assert (event.action, event.before, event.after["subscription"]["rows"], event.after["redemption"]["nav"]) == (
        "fund.clearing.import", None, 2, "12.5")


def test_a_bad_file_lists_row_column_and_reason_and_changes_nothing(batch):
    assert batch.upload(xlsx_bytes(batch.rows())).status_code == 201
    before = batch.detail()
    bad = batch.rows(s1_units="abc", extra=[[batch.ref("R1"), "Subscription", NAV, 1, None]])
    response = batch.upload(csv_bytes(bad), "fix.csv")
    assert _code(response) == (422, "fund_confirmation_invalid")
    errors = [(e["row"], e["field"], e["code"]) for e in response.json()["errors"]]
    assert errors == [(2, "confirmed_units", "not_a_number"), (5, "order_ref", "duplicate_ref")]
    assert "Column D (Confirmed Units)" in response.json()["errors"][0]["reason"]
    # a row typed as the other side of one of our orders
    swapped = [[batch.ref("R1"), "Subscription", NAV, "1000", None]]
    assert [(e["row"], e["code"]) for e in batch.upload(xlsx_bytes(swapped)).json()["errors"]] == [
        (2, "side_differs")]
    assert batch.detail() == before
    assert len(batch.audit()) == 1
    refused = batch.upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert _code(refused) == (422, "fund_confirmation_invalid")
    assert refused.json()["errors"][0]["code"] == "not_a_workbook"


def test_reimport_replaces_the_previous_import_and_is_audited(batch):
    first = batch.upload(xlsx_bytes(batch.rows(s2_units="399"))).json()
    assert batch.detail()["subscriptions"]["state"] == "open"
    second = batch.upload(csv_bytes(batch.rows()), "again.csv")
    assert second.status_code == 201
    assert [s["replaced_import_id"] for s in second.json()["sides"]] == [s["import_id"] for s in first["sides"]]
    detail = batch.detail()
    assert (detail["subscriptions"]["import_id"], detail["subscriptions"]["file_name"]) == (
        second.json()["sides"][0]["import_id"], "again.csv")
    assert detail["subscriptions"]["state"] == "ready"
    replaced = batch.audit()[-1]
    assert replaced.before["subscription"]["import_id"] == first["sides"][0]["import_id"]
    assert replaced.after["file_name"] == "again.csv"


def test_lines_missing_on_either_side_and_a_partial_confirmation(batch):
    stray = [f"{batch.tag}-R9", "Redemption", NAV, "10", "125"]
    response = batch.upload(xlsx_bytes(batch.rows(s2_units=None, extra=[stray])))
    assert response.status_code == 201, response.text
    detail = batch.detail()
    s2 = _lines(detail, "subscription")["S2"]
    r9 = _lines(detail, "redemption")["R9"]
    assert (s2["status"], s2["needs_explaining"], s2["confirmed_units"]) == ("missing_theirs", True, None)
    assert (r9["status"], r9["account_no"], Decimal(r9["confirmed_amount"])) == ("missing_ours", None, Decimal(125))
    assert (detail["subscriptions"]["missing_theirs"], detail["subscriptions"]["state"]) == (1, "open")
    assert (detail["redemptions"]["missing_ours"], detail["redemptions"]["state"]) == (1, "open")


def test_confirmation_is_refused_while_a_line_is_unexplained_and_allowed_once_explained(batch):
    assert _code(batch.confirm("subscriptions")) == (409, "fund_no_confirmation")
    assert _code(batch.explain("subscription", "S1")) == (409, "fund_no_confirmation")
    batch.upload(xlsx_bytes(batch.rows(s1_units="800.3")))
    refused = batch.confirm("subscriptions")
    assert _code(refused) == (409, "fund_unexplained_lines")
    assert [(e["row"], e["field"], e["code"]) for e in refused.json()["errors"]] == [(2, batch.ref("S1"), "mismatched")]
    s1 = _lines(batch.detail(), "subscription")["S1"]
    assert (s1["status"], Decimal(s1["difference"]), s1["needs_explaining"], s1["beyond_limit"]) == (
        "mismatched", Decimal("0.3"), True, False)
    assert _code(batch.explain("subscription", "S2")) == (409, "fund_line_matched")
    assert batch.explain("subscription", "S1", note="   ").status_code == 422
    explained = batch.explain("subscription", "S1")
    assert explained.status_code == 200, explained.text
    line = explained.json()
    assert (line["needs_explaining"], line["explanation"]["explained_by"]) == (False, "funds")
    assert batch.detail()["subscriptions"]["state"] == "ready"
    confirmed = batch.confirm("subscriptions")
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["already_confirmed"], confirmed.json()["confirmed_by"]) == (False, "funds")
    actions = [e.action for e in batch.audit()]
    assert actions == ["fund.clearing.import", "fund.clearing.explain", "fund.clearing.confirm_subscription"]
    explain_event = batch.audit()[1]
    assert Decimal(explain_event.after["difference"]) == Decimal("0.3") and explain_event.after["side"] == "subscription"


def test_the_two_sides_are_confirmed_independently(batch):
    batch.upload(xlsx_bytes(batch.rows(r1_amount="12449.70")))  # the fund house rounded otherwise
    before = batch.detail()["redemptions"]
    assert before["state"] == "open"
    subs = batch.confirm("subscriptions")
    assert subs.status_code == 200
    assert subs.json()["batch"]["redemptions"] == before  # never touched
    assert subs.json()["batch"]["subscriptions"]["state"] == "confirmed"
    again = batch.confirm("subscriptions")
    assert (again.status_code, again.json()["already_confirmed"]) == (200, True)
    assert again.json()["confirmed_at"] == subs.json()["confirmed_at"]
    assert _code(batch.confirm("redemptions")) == (409, "fund_unexplained_lines")
    assert _code(batch.explain("subscription", "S1")) == (409, "fund_side_confirmed")
    r1 = _lines(batch.detail(), "redemption")["R1"]
    assert (r1["status"], Decimal(r1["difference"]), r1["expected_amount"]) == (
        "mismatched", Decimal("-0.3"), "12450.00")
    assert batch.explain("redemption", "R1", "Fund house rounds per holding.").status_code == 200
    reds = batch.confirm("redemptions")
    assert reds.status_code == 200
    assert reds.json()["batch"]["subscriptions"]["confirmed_at"] == subs.json()["confirmed_at"]
    actions = [e.action for e in batch.audit()]
    assert actions.count("fund.clearing.confirm_subscription") == 1
    assert actions.count("fund.clearing.confirm_redemption") == 1


def test_the_list_filters_by_fund_dates_and_state(api, batch):
    other = Batch(api, trade_date=date(2031, 3, 17))
    with api.client("funds") as client:
        mine = client.get("/funds/batches", params={"fund_id": batch.fund_id}).json()
        assert [b["id"] for b in mine] == [batch.id]
        assert mine[0]["subscriptions"]["orders"] == 2 and mine[0]["redemptions"]["orders"] == 1
        dated = client.get("/funds/batches", params={"date_from": "2031-03-15", "date_to": "2031-03-17"}).json()
        assert other.id in {b["id"] for b in dated} and batch.id not in {b["id"] for b in dated}
        other.upload(xlsx_bytes(other.rows(s1_units="1")))
        open_ = client.get("/funds/batches", params={"state": "open", "date_from": "2031-03-01"}).json()
        assert other.id in {b["id"] for b in open_} and batch.id not in {b["id"] for b in open_}
        funds = client.get("/funds").json()
        assert any(f["code"] == f"T{batch.tag}" and Decimal(f["unit_tolerance"]) == Decimal("0.01")
                   and Decimal(f["difference_limit"]) == Decimal("0.5") for f in funds)
        assert client.get("/funds/batches", params={"date_from": "2031-03-17", "date_to": "2031-03-01"}
                          ).status_code == 422
        assert client.get("/funds/batches/999999999").status_code == 404


def test_the_export_is_a_workbook_of_both_sides(batch):
    batch.upload(xlsx_bytes(batch.rows(s1_units="801")))
    with batch.api.client("funds") as client:
        response = client.get(f"{batch.path}/export.xlsx", params={"lang": "zh_Hant"})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["申購", "贖回"]
    subs, reds = ([row for row in workbook[name].values] for name in workbook.sheetnames)
    assert subs[0][:6] == ("委託編號", "賬戶號碼", "申購金額", "費用", "淨值日期", "基金淨值")
    assert reds[0][2] == "贖回份額" and "確認份額" in subs[0] and "確認金額" in reds[0]
    status = subs[0].index("狀態")
    assert [(r[0], r[status]) for r in subs[1:]] == [(batch.ref("S1"), "不符（超出差值上限）"), (batch.ref("S2"), "相符")]
    assert [(r[0], r[status]) for r in reds[1:]] == [(batch.ref("R1"), "相符")]
    with batch.api.client("funds") as client:
        english = load_workbook(io.BytesIO(client.get(f"{batch.path}/export.xlsx").content), read_only=True)
    assert english.sheetnames == ["Subscriptions", "Redemptions"]
    assert next(english["Subscriptions"].values)[2] == "Subscription Amount"


@pytest.fixture
def subscriptions_only(api) -> str:
    """A user whose role may view and confirm subscriptions, nothing else."""
    name = f"fsub{uuid.uuid4().hex[:8]}"
    engine = api.engine()
    with Session(engine) as session:
        role = Role(code=f"role_{name}", name_en="Subscriptions only", name_zh="僅申購")
        session.add(role)
        session.flush()
        session.add_all(RolePermission(role_id=role.id, permission=p)
                        for p in (Perm.FUND_CLEARING_VIEW, Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION))
        create_user(session, name, f"{name}-demo", name, (role.code,))
        session.commit()
    engine.dispose()
    return name


def test_every_action_needs_its_own_permission(api, batch, subscriptions_only):
    batch.upload(xlsx_bytes(batch.rows()))
    with api.client("maker") as client:
        for method, path in (("get", "/funds"), ("get", "/funds/batches"), ("get", batch.path),
                             ("get", f"{batch.path}/export.xlsx"), ("post", f"{batch.path}/confirm-subscriptions"),
                             ("post", f"{batch.path}/confirm-redemptions"),
                             *(("post", f"{batch.path}/{step}") for step in STEPS)):
            assert _code(getattr(client, method)(path)) == (403, "permission_denied"), path
    assert _code(batch.set_limit("1", user="maker")) == (403, "permission_denied")
    assert _code(batch.set_limit("1", user="funds")) == (403, "permission_denied")  # fund ops see it, never set it
    assert _code(batch.upload(xlsx_bytes(batch.rows()), user="maker")) == (403, "permission_denied")
    assert _code(batch.explain("subscription", "S1", user="maker")) == (403, "permission_denied")
    with api.client() as anonymous:
        assert anonymous.get("/funds/batches").status_code == 401
    # the subscriptions-only user: may read and confirm subscriptions, nothing else
    assert batch.detail(subscriptions_only)["id"] == batch.id
    assert _code(batch.upload(xlsx_bytes(batch.rows()), user=subscriptions_only)) == (403, "permission_denied")
    assert _code(batch.explain("subscription", "S1", user=subscriptions_only)) == (403, "permission_denied")
    assert _code(batch.confirm("redemptions", user=subscriptions_only)) == (403, "permission_denied")
    assert batch.confirm("subscriptions", user=subscriptions_only).status_code == 200
    assert batch.detail()["redemptions"]["state"] == "ready"
    assert _code(batch.step("subscription-delivery", user=subscriptions_only)) == (403, "permission_denied")


def test_demo_data_has_a_dozen_funds_a_month_of_batches_and_problems_to_reconcile(api):
    with api.client("funds") as client:
        funds = client.get("/funds").json()
        batches = client.get("/funds/batches", params={"date_to": "2030-12-31"}).json()
        assert len(funds) == 12 and {f["currency"] for f in funds} == {"HKD", "USD", "CNH"}
        assert len({b["trade_date"] for b in batches}) >= 20
        states = {(b["subscriptions"]["state"], b["redemptions"]["state"]) for b in batches}
        assert {("confirmed", "confirmed"), ("awaiting_confirmation", "awaiting_confirmation")} <= states
        sides = [b[s] for b in batches for s in ("subscriptions", "redemptions")]
        assert sum(s["mismatched"] for s in sides) >= 4
        assert sum(s["missing_ours"] for s in sides) >= 1 and sum(s["missing_theirs"] for s in sides) >= 1
        assert sum(s["explained"] for s in sides) >= 1
        assert any(b["subscriptions"]["state"] == "confirmed" and b["redemptions"]["state"] == "open"
                   for b in batches)
        assert sum(s["beyond_limit"] for s in sides) >= 3  # waiting for corrected confirmations
        settlements = {s["settlement"] for s in sides}
        assert {"settling", "units_delivered", "settled"} <= settlements
        assert any(s["confirmed_by_system"] and s["orders"] == 0 and s["settlement"] == "settled" for s in sides)
        newest = [b for b in batches if b["trade_date"] == max(x["trade_date"] for x in batches)]
        assert all(b["subscriptions"]["state"] == "awaiting_confirmation" for b in newest)
        assert all(b["redemptions"]["state"] == ("confirmed" if b["redemptions"]["orders"] == 0
                                                 else "awaiting_confirmation") for b in newest)


def test_each_side_takes_the_nav_of_its_own_nav_date(batch):
    rows = [[batch.ref("S1"), "Subscription", "12.5", "2031-03-14", "800", None],
            [batch.ref("S2"), "Subscription", "12.5", "2031-03-14", "400", None],
            [batch.ref("R1"), "Redemption", "12.6", "2031-03-17", "1000", "12550"]]
    response = batch.upload(xlsx_bytes(rows, HEADER_WITH_DATES))
    assert response.status_code == 201, response.text
    assert [(s["side"], s["nav"], s["nav_date"]) for s in response.json()["sides"]] == [
        ("subscription", "12.5", "2031-03-14"), ("redemption", "12.6", "2031-03-17")]
    detail = batch.detail()
    subs, reds = detail["subscriptions"], detail["redemptions"]
    assert (Decimal(subs["nav"]), subs["nav_date"], Decimal(reds["nav"]), reds["nav_date"]) == (
        Decimal("12.5"), "2031-03-14", Decimal("12.6"), "2031-03-17")
    r1 = _lines(detail, "redemption")["R1"]
    assert (r1["expected_amount"], r1["status"], r1["nav_date"]) == ("12550.00", "matched", "2031-03-17")  # 1000 × 12.6 − 50
    assert (subs["state"], reds["state"]) == ("ready", "ready")

    # One side, one NAV and one NAV date; never a NAV date before the trade date.
    bad = [[batch.ref("S1"), "Subscription", "12.5", "2031-03-14", "800", None],
           [batch.ref("S2"), "Subscription", "12.4", "2031-03-13", "400", None],
           [batch.ref("R1"), "Redemption", "12.6", "2031/03/17", "1000", "12550"]]
    refused = batch.upload(xlsx_bytes(bad, HEADER_WITH_DATES))
    assert _code(refused) == (422, "fund_confirmation_invalid")
    assert [(e["row"], e["field"], e["code"]) for e in refused.json()["errors"]] == [
        (3, "nav", "nav_differs"), (3, "nav_date", "nav_date_differs"), (3, "nav_date", "nav_date_before_trade_date")]
    assert "the subscriptions of a batch take one NAV" in refused.json()["errors"][0]["reason"]
    assert batch.detail() == detail


def test_an_offer_period_subscription_is_refused(batch):
    response = batch.upload(csv_bytes([[batch.ref("S1"), "認購", NAV, "800", None]]), "offer.csv")
    assert _code(response) == (422, "fund_confirmation_invalid")
    [error] = response.json()["errors"]
    assert (error["row"], error["field"], error["code"]) == (2, "side", "offer_period_subscription")
    assert "申購" in error["reason"]
    assert batch.detail()["subscriptions"]["state"] == "awaiting_confirmation"


def test_a_corrected_confirmation_of_one_side_follows_the_other_sides_confirmation(batch):
    first = batch.upload(xlsx_bytes(batch.rows(r1_amount="12400")))  # a levy we did not book: 50 off
    assert first.status_code == 201
    assert batch.confirm("subscriptions").status_code == 200
    reds = batch.detail()["redemptions"]
    assert (reds["state"], reds["beyond_limit"], reds["unexplained"]) == ("open", 1, 1)
    # No explanation lets a difference at or beyond the fund's limit through.
    refused = batch.explain("redemption", "R1", "Levy per prospectus.")
    assert _code(refused) == (409, "fund_beyond_limit")
    assert [(e["row"], e["field"], e["code"], Decimal(e["limit"])) for e in refused.json()["errors"]] == [
        (4, batch.ref("R1"), "beyond_limit", Decimal("0.5"))]
    assert _code(batch.confirm("redemptions")) == (409, "fund_beyond_limit")

    # A file with both sides again: the confirmed side's rows are refused, nothing changes.
    before, events = batch.detail(), len(batch.audit())
    both = batch.upload(xlsx_bytes(batch.rows()))
    assert _code(both) == (422, "fund_confirmation_invalid")
    assert [(e["row"], e["field"], e["code"]) for e in both.json()["errors"]] == [
        (2, "side", "side_confirmed"), (3, "side", "side_confirmed")]
    assert batch.detail() == before and len(batch.audit()) == events

    # The corrected redemptions alone replace the redemption side only.
    corrected = batch.upload(csv_bytes([[batch.ref("R1"), "贖回", NAV, "1000", "12450"]]), "corrected.csv")
    assert corrected.status_code == 201, corrected.text
    [side] = corrected.json()["sides"]
    assert (side["side"], side["replaced_import_id"]) == ("redemption", first.json()["sides"][1]["import_id"])
    after = batch.detail()
    assert after["subscriptions"] == before["subscriptions"]  # confirmed, untouched
    assert (after["redemptions"]["state"], after["redemptions"]["file_name"]) == ("ready", "corrected.csv")
    assert batch.confirm("redemptions").status_code == 200
    event = batch.audit()[-2]
    assert event.action == "fund.clearing.import" and set(event.after) == {"file_name", "redemption"}


def test_a_side_without_orders_is_confirmed_and_settled_by_the_system(api):
    batch = Batch(api, redemptions=False)
    detail = batch.detail()
    reds, subs = detail["redemptions"], detail["subscriptions"]
    assert (reds["state"], reds["confirmed_by"], reds["confirmed_by_system"], reds["settlement"]) == (
        "confirmed", None, True, "settled")
    assert [(s["step"], s["by_system"], s["done_by"]) for s in reds["steps"]] == [
        ("redemption_units_delivery", True, None), ("redemption_cash_delivery", True, None)]
    assert (subs["state"], subs["settlement"]) == ("awaiting_confirmation", None)  # waits for its file
    [event] = batch.audit()
    assert (event.actor_id, event.action, event.after["by"], event.after["orders"]) == (
        None, "fund.clearing.confirm_redemption", "system", 0)
    # The subscriptions' file is imported and confirmed as ever; the system's side is never re-imported.
    assert batch.upload(xlsx_bytes(batch.rows(r1_amount=None))).status_code == 201
    assert batch.confirm("subscriptions").status_code == 200
    assert _code(batch.step("redemption-cash-delivery")) == (200, None)
    assert batch.step("redemption-cash-delivery").json()["already_done"] is True


def test_a_difference_beyond_the_funds_limit_is_never_confirmed_and_the_limit_is_audited(api):
    batch = Batch(api, limit="2")
    batch.upload(xlsx_bytes(batch.rows(s1_units="801")))  # one unit over: within a limit of 2
    assert batch.explain("subscription", "S1").status_code == 200
    assert batch.detail()["subscriptions"]["state"] == "ready"
    lowered = batch.set_limit("0.5")
    assert lowered.status_code == 200, lowered.text
    assert Decimal(lowered.json()["difference_limit"]) == Decimal("0.5")
    detail = batch.detail()
    assert (detail["subscriptions"]["state"], detail["subscriptions"]["beyond_limit"]) == ("open", 1)
    assert Decimal(detail["difference_limit"]) == Decimal("0.5")
    s1 = _lines(detail, "subscription")["S1"]
    assert (s1["beyond_limit"], s1["needs_explaining"], s1["explanation"] is not None) == (True, False, True)
    refused = batch.confirm("subscriptions")  # explained, yet beyond the limit
    assert _code(refused) == (409, "fund_beyond_limit")
    assert [(e["row"], e["field"], e["code"], Decimal(e["difference"])) for e in refused.json()["errors"]] == [
        (2, batch.ref("S1"), "beyond_limit", Decimal(1))]
    assert batch.detail() == detail
    for bad in ("0", "-1", "abc", "1000001", "0.0000001"):
        assert _code(batch.set_limit(bad)) == (422, "validation_error"), bad
    assert batch.set_limit("0.5").status_code == 200  # unchanged: nothing recorded
    events = batch.audit("public_fund", str(batch.fund_id))
    assert [(e.action, Decimal(e.before["difference_limit"]), Decimal(e.after["difference_limit"]))
            for e in events] == [("fund.clearing.set_difference_limit", Decimal(2), Decimal("0.5"))]
    assert events[0].actor_id is not None
    with api.client("admin") as admin:
        assert admin.put("/funds/999999999/difference-limit", json={"difference_limit": "1"}).status_code == 404
    assert batch.set_limit("1.5").status_code == 200
    assert batch.confirm("subscriptions").status_code == 200


def test_settlement_steps_follow_confirmation_in_order_each_audited(batch):
    batch.upload(xlsx_bytes(batch.rows()))
    early = batch.step("subscription-delivery")
    assert _code(early) == (409, "fund_settlement_out_of_order")
    assert [(e["field"], e["code"], e["side"]) for e in early.json()["errors"]] == [
        ("step", "side_not_confirmed", "subscription")]
    assert batch.confirm("subscriptions").status_code == 200
    assert batch.confirm("redemptions").status_code == 200
    detail = batch.detail()
    assert [(detail[s]["settlement"], detail[s]["next_step"]) for s in ("subscriptions", "redemptions")] == [
        ("settling", "subscription_delivery"), ("settling", "redemption_units_delivery")]
    cash_first = batch.step("redemption-cash-delivery")
    assert _code(cash_first) == (409, "fund_settlement_out_of_order")
    assert [(e["code"], e["previous"]) for e in cash_first.json()["errors"]] == [
        ("previous_step_not_done", "redemption_units_delivery")]
    assert batch.detail() == detail
    units = batch.step("redemption-units-delivery")
    assert units.status_code == 200, units.text
    with batch.api.client("funds") as client:  # the list filters by where either side is in settlement
        def settling(state: str) -> list[int]:
            return [b["id"] for b in client.get("/funds/batches", params={"fund_id": batch.fund_id,
                                                                          "settlement": state}).json()]
        assert (settling("units_delivered"), settling("settling"), settling("settled")) == (
            [batch.id], [batch.id], [])
        assert client.get("/funds/batches", params={"settlement": "nowhere"}).status_code == 422
    assert (units.json()["already_done"], units.json()["done_by"], units.json()["batch"]["redemptions"]["settlement"]) \
        == (False, "funds", "units_delivered")
    assert batch.step("redemption-cash-delivery").json()["batch"]["redemptions"]["settlement"] == "settled"
    delivered = batch.step("subscription-delivery").json()
    assert delivered["batch"]["subscriptions"]["settlement"] == "settled"
    assert delivered["batch"]["subscriptions"]["next_step"] is None
    again = batch.step("subscription-delivery").json()
    assert (again["already_done"], again["done_at"], again["done_by"]) == (True, delivered["done_at"], "funds")
    actions = [e.action for e in batch.audit()]
    assert actions[-3:] == ["fund.clearing.redemption_units_delivery", "fund.clearing.redemption_cash_delivery",
                            "fund.clearing.subscription_delivery"]
    with batch.api.client("funds") as client:
        listed = client.get("/funds/batches", params={"fund_id": batch.fund_id}).json()
    assert [(b["subscriptions"]["settlement"], b["redemptions"]["settlement"]) for b in listed] == [
        ("settled", "settled")]
