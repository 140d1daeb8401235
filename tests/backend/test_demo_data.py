"""Demo margin-call data: deterministic, realistic in shape, consistent, and fast to insert."""

import random
import re
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, func, insert, select
from sqlalchemy.orm import Session

import backend.models  # noqa: F401  (registers every table on Base.metadata)
from backend.db.base import Base
from backend.demo import margin_call_data, names
from backend.margin_call.models import (
    Account,
    AutoConvertCurrency,
    AutoConvertEnrolment,
    Balance,
    BorrowRate,
)
from services.contract.schemas import CURRENCIES, AccountType, EnrolmentChannel

HK = ZoneInfo("Asia/Hong_Kong")
TODAY = date(2026, 6, 30)
ACCOUNTS = 20_000


@pytest.fixture(scope="module")
def data() -> margin_call_data.MarginCallData:
    return margin_call_data.generate(ACCOUNTS, today=TODAY)


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    Base.metadata.create_all(engine)  # tests only: production builds the schema with Alembic
    yield engine
    engine.dispose()


def _accounts_by_id(data) -> dict[int, dict]:
    return {a["id"]: a for a in data.accounts}


# --- determinism -------------------------------------------------------------------------------


def test_same_inputs_give_identical_data(data):
    assert margin_call_data.generate(ACCOUNTS, today=TODAY) == data
    assert margin_call_data.generate(500, today=TODAY, seed=7) == margin_call_data.generate(
        500, today=TODAY, seed=7)


def test_other_seed_or_day_gives_other_data():
    base = margin_call_data.generate(500, today=TODAY, seed=1)
    other_seed = margin_call_data.generate(500, today=TODAY, seed=2)
    assert base.accounts != other_seed.accounts
    assert base.balances != other_seed.balances
    assert base.enrolments != other_seed.enrolments
    other_day = margin_call_data.generate(500, today=TODAY + timedelta(days=1), seed=1)
    # The same customers, amounts and enrolled set; the dates follow the day.
    assert other_day.accounts == base.accounts
    assert [(b["account_id"], b["currency"], b["amount"]) for b in other_day.balances] == [
        (b["account_id"], b["currency"], b["amount"]) for b in base.balances]
    assert [b["borrowed_since"] for b in other_day.balances] == [
        b["borrowed_since"] and b["borrowed_since"] + timedelta(days=1) for b in base.balances]
    assert [(e["account_id"], e["enrolled"]) for e in other_day.enrolments] == [
        (e["account_id"], e["enrolled"]) for e in base.enrolments]
    assert other_day.enrolments != base.enrolments


def test_global_random_is_left_alone():
    random.seed(99)
    expected = random.random()
    random.seed(99)
    margin_call_data.generate(300, today=TODAY)
    assert random.random() == expected


def test_rejects_impossible_sizes():
    assert margin_call_data.generate(0, today=TODAY).accounts == []
    with pytest.raises(ValueError):
        margin_call_data.generate(-1, today=TODAY)


# --- accounts and names ------------------------------------------------------------------------


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_account_numbers_are_unique_fixed_width(data):
    numbers = [a["account_no"] for a in data.accounts]
    assert len(data.accounts) == ACCOUNTS
    assert [a["id"] for a in data.accounts] == list(range(1, ACCOUNTS + 1))
    assert len(set(numbers)) == ACCOUNTS
    assert all(re.fullmatch(r"\d{8}", n) for n in numbers)
    assert all(_luhn_ok(n) for n in numbers)
    # A handful of branch prefixes, not noise.
    assert 5 <= len({n[:2] for n in numbers}) <= 12


def test_account_types_and_currencies(data):
    types = Counter(a["account_type"] for a in data.accounts)
    assert set(types) == {t.value for t in AccountType}
    assert 0.30 < types["margin"] / ACCOUNTS < 0.55
    assert {a["base_currency"] for a in data.accounts} == {"HKD", "USD"}
    for a in data.accounts:
        # Hong Kong customers and companies have a Chinese name and HKD base; US ones neither.
        assert (a["customer_name_zh"] is not None) == (a["base_currency"] == "HKD")
        assert a["customer_name"] and len(a["customer_name"]) <= 128
        assert a["customer_name_zh"] is None or len(a["customer_name_zh"]) <= 64


def test_customer_mix(data):
    companies = [a for a in data.accounts if a["customer_name"].endswith((" Ltd", "LLC", "Inc.", "LP", "Trust"))]
    hk_people = [a for a in data.accounts
                 if a["customer_name_zh"] and not a["customer_name_zh"].endswith("有限公司")]
    us_people = [a for a in data.accounts if a["customer_name_zh"] is None and a not in companies]
    assert 0.65 < len(hk_people) / ACCOUNTS < 0.76
    assert 0.20 < len(us_people) / ACCOUNTS < 0.30
    assert 0.005 < len(companies) / ACCOUNTS < 0.06
    assert len({a["customer_name"] for a in companies}) == len(companies)
    zh_companies = [a for a in companies if a["customer_name_zh"]]
    assert all(a["customer_name_zh"].endswith("有限公司") and a["customer_name"].endswith(" Ltd")
               for a in zh_companies)
    assert len({a["customer_name_zh"] for a in zh_companies}) == len(zh_companies)


def _romanisation() -> tuple[dict[str, str], dict[str, str]]:
    surnames = {zh: en for zh, en, _ in names.HK_SURNAMES}
    given: dict[str, str] = {}
    for pool in (names.HK_MALE_FIRST, names.HK_MALE_SECOND, names.HK_FEMALE_FIRST, names.HK_FEMALE_SECOND):
        for ch, en in pool:
            assert given.setdefault(ch, en) == en, f"{ch} romanised two ways"
    return surnames, given


def test_hong_kong_names_match_their_chinese_names(data):
    surnames, given = _romanisation()
    english = set(names.HK_ENGLISH_MALE + names.HK_ENGLISH_FEMALE)
    styles = Counter()
    for a in data.accounts:
        zh = a["customer_name_zh"]
        if zh is None or zh.endswith("有限公司"):
            continue
        surname_zh = zh[:2] if zh[:2] in surnames else zh[0]
        assert surname_zh in surnames, zh
        given_zh = zh[len(surname_zh):]
        assert 1 <= len(given_zh) <= 2, zh
        surname = surnames[surname_zh]
        given_en = " ".join(given[ch] for ch in given_zh)
        name = a["customer_name"]
        if name == f"{surname.upper()} {given_en}":  # "CHAN Tai Man"
            styles["hk"] += 1
        else:  # "Chan Tai Man, Peter"
            head, _, nickname = name.partition(", ")
            assert head == f"{surname} {given_en}" and nickname in english, (name, zh)
            styles["english"] += 1
    assert styles["hk"] > styles["english"] > 0
    common = Counter(a["customer_name_zh"][0] for a in data.accounts if a["customer_name_zh"])
    assert common.most_common(1)[0][0] == "陳"


# --- balances ----------------------------------------------------------------------------------


def test_balances(data):
    accounts = _accounts_by_id(data)
    keys = [(b["account_id"], b["currency"]) for b in data.balances]
    assert len(set(keys)) == len(keys)
    held = {}
    for account_id, currency in keys:
        held.setdefault(account_id, set()).add(currency)
    assert set(held) == set(accounts)
    assert all("HKD" in c for c in held.values())
    assert sum("USD" in c for c in held.values()) / ACCOUNTS > 0.75
    assert 0.05 < sum("CNH" in c for c in held.values()) / ACCOUNTS < 0.35
    for b in data.balances:
        assert b["currency"] in CURRENCIES
        amount = b["amount"]
        assert isinstance(amount, Decimal) and amount.as_tuple().exponent == -2
        assert abs(amount) < Decimal("100000000")
        if amount < 0:
            assert isinstance(b["borrowed_since"], date)
            assert 1 <= (TODAY - b["borrowed_since"]).days <= 400
        else:
            assert b["borrowed_since"] is None
    # Mostly recent borrowing, with a tail.
    ages = sorted((TODAY - b["borrowed_since"]).days for b in data.balances if b["borrowed_since"])
    assert ages[len(ages) // 2] < 60 and ages[-1] > 200


def test_negative_balances_share_and_skew(data):
    accounts = _accounts_by_id(data)
    enrolled = {e["account_id"] for e in data.enrolments if e["enrolled"]}
    negative = {b["account_id"] for b in data.balances if b["amount"] < 0}
    assert 0.10 <= len(negative) / ACCOUNTS <= 0.15

    def rate(ids):
        ids = list(ids)
        return sum(i in negative for i in ids) / len(ids)

    margin = [i for i, a in accounts.items() if a["account_type"] == "margin"]
    cash = [i for i, a in accounts.items() if a["account_type"] == "cash"]
    assert rate(margin) > rate(cash)
    assert rate(enrolled) > rate(set(accounts) - enrolled)


def test_borrow_rates(data):
    rates = {r["currency"]: r for r in data.borrow_rates}
    assert set(rates) == set(CURRENCIES)
    for r in rates.values():
        assert isinstance(r["annual_rate"], Decimal) and Decimal("0") < r["annual_rate"] < Decimal("0.2")
    assert rates["USD"]["day_count"] == 360
    assert rates["HKD"]["day_count"] == rates["CNH"]["day_count"] == 365


# --- auto-convert ------------------------------------------------------------------------------


def test_about_a_third_enrolled(data):
    share = len(data.enrolments) / ACCOUNTS
    assert 0.28 <= share <= 0.38
    now = sum(e["enrolled"] for e in data.enrolments)
    assert 0.70 < now / len(data.enrolments) < 0.95
    assert len({e["account_id"] for e in data.enrolments}) == len(data.enrolments)
    assert {e["account_id"] for e in data.enrolments} <= set(_accounts_by_id(data))


def test_enrolment_invariants(data):
    hk_midnight = datetime.combine(TODAY, datetime.min.time(), tzinfo=HK)
    oldest = hk_midnight - timedelta(days=3 * 366)
    covered: dict[int, list[str]] = {}
    for c in data.enrolment_currencies:
        covered.setdefault(c["account_id"], []).append(c["currency"])
    assert set(covered) == {e["account_id"] for e in data.enrolments}
    for e in data.enrolments:
        stamps = [e["first_enabled_at"], e["last_enabled_at"], e["disabled_at"], e["last_conversion_at"]]
        for stamp in stamps:
            if stamp is not None:
                assert stamp.utcoffset() == timedelta(0)
                assert oldest <= stamp < hk_midnight
        assert e["first_enabled_at"] <= e["last_enabled_at"]
        if e["enrolled"]:
            assert e["disabled_at"] is None
        else:
            assert e["disabled_at"] is not None and e["disabled_at"] > e["last_enabled_at"]
        assert e["channel"] in {c.value for c in EnrolmentChannel}
        currencies = covered[e["account_id"]]
        assert 1 <= len(currencies) <= 3 and len(set(currencies)) == len(currencies)
        assert set(currencies) <= set(CURRENCIES)
        conversion = (e["last_conversion_at"], e["last_conversion_amount"], e["last_conversion_currency"])
        assert all(v is None for v in conversion) or all(v is not None for v in conversion)
        if e["last_conversion_at"] is not None:
            assert e["last_conversion_at"] > e["last_enabled_at"]
            assert e["disabled_at"] is None or e["last_conversion_at"] < e["disabled_at"]
            assert e["last_conversion_currency"] in currencies
            assert e["last_conversion_amount"] > 0
            assert e["last_conversion_amount"].as_tuple().exponent == -2


def test_enrolment_distributions(data):
    channels = Counter(e["channel"] for e in data.enrolments)
    assert channels["app"] > channels["web"] > channels["ops"] > 0
    currencies = Counter(c["currency"] for c in data.enrolment_currencies)
    assert currencies.most_common(1)[0][0] == "USD" and currencies["CNH"] > 0
    sizes = Counter(Counter(c["account_id"] for c in data.enrolment_currencies).values())
    assert set(sizes) == {1, 2, 3}
    assert sum(e["disabled_at"] is not None for e in data.enrolments) > 0
    assert sum(e["last_enabled_at"] > e["first_enabled_at"] for e in data.enrolments) > 0
    assert 0.3 < sum(e["last_conversion_at"] is not None for e in data.enrolments) / len(data.enrolments) < 0.8
    # Mostly on Hong Kong weekdays in office hours.
    local = [e["first_enabled_at"].astimezone(HK) for e in data.enrolments]
    office = sum(t.weekday() < 5 and 9 <= t.hour < 18 for t in local)
    assert office / len(local) > 0.6
    assert all(7 <= t.hour for t in local)


# --- insert ------------------------------------------------------------------------------------


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {model.__tablename__: conn.scalar(select(func.count()).select_from(model))
                for model in (Account, Balance, BorrowRate, AutoConvertEnrolment, AutoConvertCurrency)}


def test_insert_round_trip(engine):
    data = margin_call_data.generate(2_500, today=TODAY, seed=11)
    with engine.begin() as conn:
        margin_call_data.insert(conn, data, chunk=1_000)  # several chunks per table
    assert _counts(engine) == {
        "mc_accounts": len(data.accounts), "mc_balances": len(data.balances),
        "mc_borrow_rates": len(CURRENCIES), "mc_auto_convert_enrolments": len(data.enrolments),
        "mc_auto_convert_currencies": len(data.enrolment_currencies),
    }
    with Session(engine) as session:
        accounts = {a.id: a for a in session.scalars(select(Account))}
        for row in data.accounts[:200]:
            assert {k: getattr(accounts[row["id"]], k) for k in row} == row
        balances = {(b.account_id, b.currency): b for b in session.scalars(select(Balance))}
        for row in data.balances:
            stored = balances[(row["account_id"], row["currency"])]
            assert (stored.amount, stored.borrowed_since) == (row["amount"], row["borrowed_since"])
        enrolments = {e.account_id: e for e in session.scalars(select(AutoConvertEnrolment))}
        for row in data.enrolments:
            assert {k: getattr(enrolments[row["account_id"]], k) for k in row} == row
        stored_currencies = {(c.account_id, c.currency) for c in session.scalars(select(AutoConvertCurrency))}
        assert stored_currencies == {(c["account_id"], c["currency"]) for c in data.enrolment_currencies}
    with engine.begin() as conn, pytest.raises(ValueError):
        margin_call_data.insert(conn, data)  # only into empty tables


def test_insert_keeps_rates_the_migration_seeded(engine):
    with engine.begin() as conn:
        conn.execute(insert(BorrowRate), [{"currency": "HKD", "annual_rate": Decimal("0.05"), "day_count": 365}])
        margin_call_data.insert(conn, margin_call_data.generate(50, today=TODAY))
    with Session(engine) as session:
        rates = {r.currency: r.annual_rate for r in session.scalars(select(BorrowRate))}
    assert rates == {"HKD": Decimal("0.05"), "USD": Decimal("0.085"), "CNH": Decimal("0.06")}


def test_twenty_thousand_accounts_are_inserted_whole(engine):
    # Its speed is measured in bench/, not here.
    data = margin_call_data.generate(ACCOUNTS, today=TODAY)
    with engine.begin() as conn:
        margin_call_data.insert(conn, data)
    counts = _counts(engine)
    assert counts["mc_accounts"] == ACCOUNTS
    assert counts["mc_balances"] == len(data.balances)
    assert counts["mc_auto_convert_enrolments"] == len(data.enrolments)
