"""The margin-call queries give exactly the rows a plain-Python reading of the tables gives.

The oracle loads every row with SQLAlchemy and filters in Python, independently of the
backend's SQL; the API is read page by page over real HTTP with an odd page size.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db.engine import make_engine
from backend.margin_call.models import (
    Account,
    AutoConvertCurrency,
    AutoConvertEnrolment,
    Balance,
    BorrowRate,
)
from tests.fixtures.app_backend import AppBackend, Template

HK = ZoneInfo("Asia/Hong_Kong")
PAGE = 37
AS_OF = date(2026, 6, 30)


@dataclass
class Oracle:
    accounts: dict[int, Account]
    enrolments: dict[int, AutoConvertEnrolment]
    currencies: dict[int, set[str]]
    balances: list[Balance]
    rates: dict[str, BorrowRate]


@pytest.fixture(scope="module")
def oracle(api_template: Template) -> Oracle:
    """What the demo tables hold, read once: every test's copy holds the same."""
    with api_template.copy() as url:
        return _read_oracle(url)


def _read_oracle(url: str) -> Oracle:
    engine = make_engine(url)
    with Session(engine) as session:
        accounts = {a.id: a for a in session.scalars(select(Account))}
        enrolments = {e.account_id: e for e in session.scalars(select(AutoConvertEnrolment))}
        currencies: dict[int, set[str]] = {}
        for c in session.scalars(select(AutoConvertCurrency)):
            currencies.setdefault(c.account_id, set()).add(c.currency)
        balances = list(session.scalars(select(Balance)))
        rates = {r.currency: r for r in session.scalars(select(BorrowRate))}
    engine.dispose()
    return Oracle(accounts, enrolments, currencies, balances, rates)


def _pages(api: AppBackend, path: str, params: dict, user: str = "admin") -> tuple[list[dict], set]:
    rows, totals, cursor = [], set(), None
    with api.client(user) as client:
        while True:
            response = client.get(path, params={**params, "limit": PAGE, **({"cursor": cursor} if cursor else {})})
            assert response.status_code == 200, response.text
            body = response.json()
            assert len(body["items"]) <= PAGE
            rows += body["items"]
            totals.add(body["total"])
            cursor = body["next_cursor"]
            if not cursor:
                return rows, totals


# --- auto-convert ------------------------------------------------------------------------------


def _hk_day(moment: datetime | None) -> date | None:
    return moment.astimezone(HK).date() if moment else None


def _auto_convert_expected(o: Oracle, f: dict) -> list[str]:
    out = []
    for account_id, e in o.enrolments.items():
        a = o.accounts[account_id]
        if "account" in f and not a.account_no.startswith(f["account"]):
            continue
        if "name" in f and f["name"].lower() not in a.customer_name.lower() \
                and f["name"] not in (a.customer_name_zh or ""):
            continue
        if "status" in f and e.enrolled != (f["status"] == "enrolled"):
            continue
        if "currency" in f and f["currency"] not in o.currencies.get(account_id, set()):
            continue
        field = f.get("date_field", "first_enabled")
        day = _hk_day({"first_enabled": e.first_enabled_at, "last_enabled": e.last_enabled_at,
                       "disabled": e.disabled_at, "last_conversion": e.last_conversion_at}[field])
        if "date_from" in f and (day is None or day < date.fromisoformat(f["date_from"])):
            continue
        if "date_to" in f and (day is None or day > date.fromisoformat(f["date_to"])):
            continue
        out.append(a.account_no)
    return sorted(out)


def _some_values(o: Oracle) -> dict:
    """Filter values taken from the data, so every filter below matches some rows but not all."""
    enrolled = sorted(o.enrolments.values(), key=lambda e: e.first_enabled_at)
    middle = enrolled[len(enrolled) // 2].first_enabled_at.astimezone(HK).date()
    hk_named = next(a for a in o.accounts.values() if a.customer_name_zh and a.id in o.enrolments)
    return {"middle": middle, "surname": hk_named.customer_name.split()[0][:4].lower(),
            "zh": hk_named.customer_name_zh[0], "prefix": hk_named.account_no[:4]}


AUTO_CONVERT_FILTERS = [
    lambda v: {},
    lambda v: {"status": "enrolled"},
    lambda v: {"status": "disabled"},
    lambda v: {"currency": "USD"},
    lambda v: {"status": "enrolled", "currency": "CNH"},
    lambda v: {"name": v["surname"]},
    lambda v: {"name": v["zh"]},
    lambda v: {"account": v["prefix"]},
    lambda v: {"date_from": v["middle"].isoformat()},
    lambda v: {"date_to": v["middle"].isoformat(), "currency": "HKD"},
    lambda v: {"date_field": "disabled", "date_from": (v["middle"] - timedelta(days=400)).isoformat()},
    lambda v: {"date_field": "last_conversion", "date_from": (v["middle"] - timedelta(days=200)).isoformat(),
               "date_to": (v["middle"] + timedelta(days=200)).isoformat()},
    lambda v: {"date_field": "last_enabled", "date_from": v["middle"].isoformat(),
               "date_to": v["middle"].isoformat()},
]


@pytest.mark.parametrize("make_filter", AUTO_CONVERT_FILTERS, ids=range(len(AUTO_CONVERT_FILTERS)))
def test_auto_convert_filters_and_pages_give_exactly_the_right_rows(api, oracle, make_filter):
    filters = make_filter(_some_values(oracle))
    expected = _auto_convert_expected(oracle, filters)
    rows, totals = _pages(api, "/margin-call/auto-convert", filters)
    assert [r["account_no"] for r in rows] == expected
    assert totals == {len(expected)}
    if not filters:
        assert 0.25 < len(expected) / len(oracle.accounts) < 0.42  # about a third ever enrolled


def test_auto_convert_row_content_matches_the_tables(api, oracle):
    rows, _ = _pages(api, "/margin-call/auto-convert", {"status": "enrolled"})
    by_no = {a.account_no: a for a in oracle.accounts.values()}
    for row in rows[:200]:
        account = by_no[row["account_no"]]
        enrolment = oracle.enrolments[account.id]
        assert row["customer_name"] == account.customer_name
        assert row["customer_name_zh"] == account.customer_name_zh
        assert row["enrolled"] is True and row["disabled_at"] is None
        assert datetime.fromisoformat(row["first_enabled_at"]) == enrolment.first_enabled_at
        assert row["currencies"] == sorted(oracle.currencies[account.id])
        owed = sorted((b.currency, -b.amount) for b in oracle.balances
                      if b.account_id == account.id and b.amount < 0)
        assert [(b["currency"], Decimal(b["amount"])) for b in row["borrowed"]] == owed


def test_a_name_with_like_wildcards_matches_literally(api):
    rows, totals = _pages(api, "/margin-call/auto-convert", {"name": "%"})
    assert rows == [] and totals == {0}


# --- borrowing ---------------------------------------------------------------------------------


def _borrowing_expected(o: Oracle, f: dict) -> list[tuple]:
    out = []
    for b in o.balances:
        if b.amount >= 0 or b.borrowed_since > AS_OF:
            continue
        a = o.accounts[b.account_id]
        days = (AS_OF - b.borrowed_since).days
        enrolment = o.enrolments.get(a.id)
        on = bool(enrolment and enrolment.enrolled)
        if "currency" in f and b.currency != f["currency"]:
            continue
        if "min_days" in f and days < f["min_days"]:
            continue
        if "auto_convert" in f and on != (f["auto_convert"] == "true"):
            continue
        if "account" in f and not a.account_no.startswith(f["account"]):
            continue
        rate = o.rates[b.currency]
        interest = (-b.amount * rate.annual_rate * days / rate.day_count).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
        out.append((a.account_no, b.currency, -b.amount, days, interest, on))
    return sorted(out)


@pytest.mark.parametrize("filters", [
    {}, {"currency": "USD"}, {"min_days": 90}, {"auto_convert": "true"}, {"auto_convert": "false"},
    {"currency": "HKD", "min_days": 30, "auto_convert": "false"},
], ids=str)
def test_borrowing_accounts_amounts_days_and_interest(api, oracle, filters):
    expected = _borrowing_expected(oracle, filters)
    rows, totals = _pages(api, "/margin-call/borrowing", {**filters, "as_of": AS_OF.isoformat()})
    got = [(r["account_no"], r["currency"], Decimal(r["amount"]), r["days_outstanding"],
            Decimal(r["accrued_interest"]), r["auto_convert"]) for r in rows]
    assert got == expected
    assert totals == {len(expected)}
    if not filters:
        assert len(expected) > 20


def test_borrowing_is_refused_to_a_user_with_only_the_auto_convert_permission(api):
    with api.client("service") as client:
        assert client.get("/margin-call/auto-convert").status_code == 200
        assert client.get("/margin-call/borrowing").status_code == 403


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"),
    ({"limit": 5000}, "limit"),
    ({"currency": "JPY"}, "currency"),
    ({"status": "maybe"}, "status"),
    ({"date_from": "2026-02-30"}, "date_from"),
    ({"shoe_size": "9"}, "shoe_size"),
])
def test_bad_query_parameters_name_the_field(api, params, field):
    with api.client("admin") as client:
        response = client.get("/margin-call/auto-convert", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert any(e["field"] == field for e in body["errors"]), body


def test_a_reversed_date_range_is_refused(api):
    with api.client("admin") as client:
        response = client.get("/margin-call/auto-convert",
                              params={"date_from": "2026-03-01", "date_to": "2026-02-01"})
    assert response.status_code == 422
    assert "date_from must not be after date_to" in response.json()["detail"]


def test_a_forged_cursor_is_refused(api):
    with api.client("admin") as client:
        for cursor in ("not-base64!", "WzFd", "eyJhIjoxfQ"):
            response = client.get("/margin-call/auto-convert", params={"cursor": cursor})
            assert (response.status_code, response.json()["code"]) == (400, "invalid_cursor"), cursor


# --- export ------------------------------------------------------------------------------------


def _sheet_rows(content: bytes) -> tuple[list, list[list]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    return values[0], values[1:]


def test_auto_convert_export_holds_the_filtered_rows(api):
    filters = {"status": "enrolled", "currency": "USD"}
    rows, _ = _pages(api, "/margin-call/auto-convert", filters)
    with api.client("admin") as client:
        zh = client.get("/margin-call/auto-convert/export.xlsx", params=filters)
        en = client.get("/margin-call/auto-convert/export.xlsx", params={**filters, "lang": "en"})
    assert zh.status_code == 200 and "attachment" in zh.headers["content-disposition"]
    header, data = _sheet_rows(zh.content)
    assert header[:2] == ["賬戶號碼", "客戶名稱"]
    assert [r[0] for r in data] == [r["account_no"] for r in rows]
    assert [r[1] for r in data] == [r["customer_name"] for r in rows]
    first = rows[0]
    hk_wall = datetime.fromisoformat(first["first_enabled_at"]).astimezone(HK).replace(tzinfo=None)
    assert data[0][6] == hk_wall.replace(microsecond=0) or data[0][6] == hk_wall
    assert data[0][5] == "是"
    en_header, en_data = _sheet_rows(en.content)
    assert en_header[0] == "Account No." and en_data[0][5] == "Yes"


def test_borrowing_export_amounts_are_numbers(api):
    params = {"as_of": AS_OF.isoformat(), "currency": "USD"}
    rows, _ = _pages(api, "/margin-call/borrowing", params)
    with api.client("admin") as client:
        response = client.get("/margin-call/borrowing/export.xlsx", params=params)
    _, data = _sheet_rows(response.content)
    assert [(r[0], Decimal(str(r[5])), r[7]) for r in data] == \
        [(r["account_no"], Decimal(r["amount"]), r["days_outstanding"]) for r in rows]
    assert data[0][6] == datetime.combine(date.fromisoformat(rows[0]["borrowed_since"]), time.min)
