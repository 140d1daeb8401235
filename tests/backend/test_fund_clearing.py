"""Fund clearing over HTTP (SQLite and PostgreSQL): import of the fund
house's confirmation (good, bad, re-import), reconciliation lines and states, explanations, the
two independent confirmations, the export, permissions, and the demo data.

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


class Batch:
    """A fund of its own with one batch: subscriptions S1 (10,150 with fee 150 → 800 units at
    12.5) and S2 (5,000 no fee → 400 units), redemption R1 (1,000 units, fee 50 → 12,450.00)."""

    def __init__(self, api, trade_date: date = date(2031, 3, 14)):
        self.api = api
        self.tag = uuid.uuid4().hex[:8].upper()
        engine = api.engine()
        self.id, self.fund_id = seed_batch(engine, f"T{self.tag}", f"Test Fund {self.tag}", "測試基金", trade_date,
                                           date(2031, 3, 18), self.tag)
        engine.dispose()
        self.path = f"/funds/batches/{self.id}"

    def ref(self, name: str) -> str:
        return f"{self.tag}-{name}"

    def rows(self, s1_units="800", s2_units="400", r1_amount="12450", extra=()):
        rows = [[self.ref("S1"), "Subscription", NAV, s1_units, None],
                [self.ref("S2"), "認購", NAV, s2_units, None],
                [self.ref("R1"), "Redemption", NAV, "1000", r1_amount]]
        return [r for r in rows if r[3] is not None] + list(extra)

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

    def audit(self) -> list[AuditEvent]:
        engine = self.api.engine()
        with Session(engine) as session:
            events = list(session.scalars(select(AuditEvent).where(
                AuditEvent.entity_type == "fund_clearing_batch", AuditEvent.entity_id == str(self.id))
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
    assert (body["rows"], body["subscription_rows"], body["redemption_rows"], body["nav"]) == (3, 2, 1, "12.5")
    assert body["replaced_import_id"] is None
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
    assert detail["imported_by"] == "funds" and detail["file_name"] == "confirm.xlsx"
    [event] = batch.audit()
    assert (event.action, event.before, event.after["rows"], event.after["nav"]) == (
        "fund.clearing.import", None, 3, "12.5")


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
    assert second.json()["replaced_import_id"] == first["import_id"]
    detail = batch.detail()
    assert (detail["import_id"], detail["file_name"]) == (second.json()["import_id"], "again.csv")
    assert detail["subscriptions"]["state"] == "ready"
    replaced = batch.audit()[-1]
    assert replaced.before["import_id"] == first["import_id"] and replaced.after["file_name"] == "again.csv"


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
    batch.upload(xlsx_bytes(batch.rows(s1_units="800.5")))
    refused = batch.confirm("subscriptions")
    assert _code(refused) == (409, "fund_unexplained_lines")
    assert [e["field"] for e in refused.json()["errors"]] == [batch.ref("S1")]
    s1 = _lines(batch.detail(), "subscription")["S1"]
    assert (s1["status"], Decimal(s1["difference"]), s1["needs_explaining"]) == ("mismatched", Decimal("0.5"), True)
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
    assert Decimal(explain_event.after["difference"]) == Decimal("0.5") and explain_event.after["side"] == "subscription"


def test_the_two_sides_are_confirmed_independently(batch):
    batch.upload(xlsx_bytes(batch.rows(r1_amount="12400")))  # a levy the fund house charged
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
    assert _code(batch.upload(xlsx_bytes(batch.rows()))) == (409, "fund_side_confirmed")
    r1 = _lines(batch.detail(), "redemption")["R1"]
    assert (r1["status"], Decimal(r1["difference"]), r1["expected_amount"]) == ("mismatched", Decimal(-50), "12450.00")
    assert batch.explain("redemption", "R1", "0.4% redemption levy, per prospectus.").status_code == 200
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
        assert any(f["code"] == f"T{batch.tag}" and Decimal(f["unit_tolerance"]) == Decimal("0.01") for f in funds)
        assert client.get("/funds/batches", params={"date_from": "2031-03-17", "date_to": "2031-03-01"}
                          ).status_code == 422
        assert client.get("/funds/batches/999999999").status_code == 404


def test_the_export_is_a_workbook_of_both_sides(batch):
    batch.upload(xlsx_bytes(batch.rows(s1_units="801")))
    with batch.api.client("funds") as client:
        response = client.get(f"{batch.path}/export.xlsx", params={"lang": "zh_Hant"})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("類別", "委託編號", "賬戶號碼")
    assert [(r[0], r[1], r[12]) for r in rows[1:]] == [
        ("認購", batch.ref("S1"), "不符"), ("認購", batch.ref("S2"), "相符"), ("贖回", batch.ref("R1"), "相符")]


@pytest.fixture
def subscriptions_only(api) -> str:
    """A user whose role may view and confirm subscriptions, nothing else."""
    name = f"fsub{uuid.uuid4().hex[:8]}"
    engine = api.engine()
    with Session(engine) as session:
        role = Role(code=f"role_{name}", name_en="Subscriptions only", name_zh="僅認購")
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
                             ("post", f"{batch.path}/confirm-redemptions")):
            assert _code(getattr(client, method)(path)) == (403, "permission_denied"), path
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
