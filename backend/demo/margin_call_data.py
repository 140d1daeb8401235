"""Deterministic demo customers for the margin-call pages (借幣提醒 and 自動還款開通查詢).

``generate`` builds plain row dicts for the five margin-call tables from ``random.Random``
streams seeded from ``seed`` only (never the global generator or the clock): the same
``(accounts, today, seed)`` always gives the same rows. Another ``today`` keeps the customers,
the enrolled set and the amounts, and moves the dates.
``insert`` writes them with Core executemany inserts in chunks (no ORM objects).

What the data looks like, for 20,000 accounts:

* customers: ~70 % Hong Kong individuals ("CHAN Tai Man" / 陳大文, sometimes "Chan Tai Man,
  Peter"), ~26 % US individuals (no Chinese name), ~3.5 % companies ("Harbour View Capital Ltd" /
  海景資本有限公司; a few US LLCs without a Chinese name). Base currency HKD for Hong Kong
  customers and companies, USD for US ones. Account type margin for ~40 % (more for companies).
* account numbers: 8 digits = 2-digit branch (10-30 Hong Kong branches and online, 60/61 US
  desk, 80 corporate desk) + 5-digit serial + Luhn check digit; unique and fixed width.
* balances: every account has HKD, most USD, some CNH; ~12 % of accounts are negative in at least
  one currency (margin and enrolled accounts more often); ``borrowed_since`` is set exactly for
  negative amounts, 1-400 days before ``today``, mostly recent.
* auto-convert: ~1/3 of accounts have ever enrolled, ~82 % of those are enrolled now; channel app >
  web > ops (ops for most companies). All timestamps are UTC-aware, strictly before ``today``
  (Hong Kong midnight) and within three years of it, mostly on weekdays in Hong Kong office
  hours. Enrolled and (fewer) disabled enrolments may carry a last conversion, in a currency
  the enrolment covers, after the last enabling and before any disabling.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import Connection, func, select, text
from sqlalchemy import insert as sa_insert

from backend.demo import names
from backend.margin_call.models import (
    Account,
    AutoConvertCurrency,
    AutoConvertEnrolment,
    Balance,
    BorrowRate,
)
from services.contract.schemas import CURRENCIES, AccountType, EnrolmentChannel

DEFAULT_SEED = 20240923
CHUNK = 5_000
MAX_ACCOUNTS = 200_000
HISTORY_DAYS = 3 * 365  # enrolment timestamps go back this far
MAX_BORROW_DAYS = 400  # oldest borrowed_since

HKT = timezone(timedelta(hours=8), "HKT")  # Hong Kong has no daylight saving time
HKD_PER_UNIT = {"HKD": 1.0, "USD": 7.8, "CNH": 1.08}  # rough rates to size amounts

# Reference rates: annual rate and money-market day count (same values the migration seeds).
BORROW_RATES: tuple[tuple[str, Decimal, int], ...] = (
    ("HKD", Decimal("0.0725"), 365),
    ("USD", Decimal("0.085"), 360),
    ("CNH", Decimal("0.06"), 365),
)

# Customer segments: (kind, weight).
_KINDS = ("hk", "us", "corp_hk", "corp_us")
_KIND_WEIGHTS = (70.5, 26.0, 2.8, 0.7)
# Branch prefixes of account numbers per segment: (prefix, weight).
_BRANCHES: dict[str, tuple[tuple[str, float], ...]] = {
    "hk": (("10", 30), ("12", 20), ("15", 15), ("18", 10), ("23", 8), ("30", 25)),
    "us": (("60", 70), ("61", 30)),
    "corp_hk": (("80", 1),),
    "corp_us": (("80", 1),),
}
_MARGIN_SHARE = {"hk": 0.40, "us": 0.45, "corp_hk": 0.60, "corp_us": 0.60}
_EVER_ENROLLED = {AccountType.CASH: 0.30, AccountType.MARGIN: 0.38}
_ENROLLED_NOW = 0.82
_CHANNELS = (EnrolmentChannel.APP.value, EnrolmentChannel.WEB.value, EnrolmentChannel.OPS.value)
_CHANNEL_WEIGHTS = {"person": (60, 28, 12), "company": (15, 35, 50)}
# Which currencies an account holds besides HKD.
_HAS_USD = {"hk": 0.80, "us": 1.0, "corp_hk": 0.85, "corp_us": 1.0}
_HAS_CNH = {"hk": 0.20, "us": 0.03, "corp_hk": 0.30, "corp_us": 0.05}
# Chance of a negative balance by (margin account, enrolled now).
_NEGATIVE = {(False, False): 0.07, (True, False): 0.15, (False, True): 0.13, (True, True): 0.22}
_NEGATIVE_DISABLED_BONUS = 0.03
_NEGATIVE_CURRENCY_WEIGHTS = {
    "hk": (35, 50, 15), "us": (40, 55, 5), "corp_hk": (45, 45, 10), "corp_us": (30, 65, 5),
}  # HKD, USD, CNH
# Currencies an enrolment covers: (currencies, weight).
_COVERED = {
    "hk": ((("USD",), 35), (("HKD", "USD"), 25), (("HKD",), 12), (("HKD", "USD", "CNH"), 12),
           (("USD", "CNH"), 6), (("CNH",), 5), (("HKD", "CNH"), 5)),
    "us": ((("USD",), 45), (("HKD", "USD"), 40), (("HKD",), 10), (("HKD", "USD", "CNH"), 5)),
}
_CONVERSION_CURRENCY_WEIGHT = {"HKD": 2, "USD": 3, "CNH": 1}


@dataclass
class MarginCallData:
    """Rows per table, each a dict keyed by column name, ready for ``conn.execute(insert(t), rows)``."""

    accounts: list[dict] = field(default_factory=list)
    balances: list[dict] = field(default_factory=list)
    borrow_rates: list[dict] = field(default_factory=list)
    enrolments: list[dict] = field(default_factory=list)
    enrolment_currencies: list[dict] = field(default_factory=list)


# --- generation --------------------------------------------------------------------------------


def generate(accounts: int, *, today: date, seed: int = DEFAULT_SEED) -> MarginCallData:
    """Demo rows for ``accounts`` customers as of ``today`` (a Hong Kong calendar day)."""
    if not 0 <= accounts <= MAX_ACCOUNTS:
        raise ValueError(f"accounts must be between 0 and {MAX_ACCOUNTS}, not {accounts}")
    return _Generator(seed, today).run(accounts)


class _Generator:
    def __init__(self, seed: int, today: date):
        # Separate streams, so that another ``today`` (whose weekdays steer the redraws of
        # enrolment days) changes the timestamps only: customers and amounts stay the same.
        self.people = random.Random(seed)
        self.money = random.Random(f"{seed}/balances")
        self.events = random.Random(f"{seed}/auto-convert")
        self.today = today
        self.end_day = today.toordinal() - 1  # yesterday: nothing happens today or later
        self.start_day = today.toordinal() - HISTORY_DAYS
        self.data = MarginCallData(borrow_rates=[
            {"currency": c, "annual_rate": rate, "day_count": days} for c, rate, days in BORROW_RATES])
        self._companies: dict[str, list[tuple[str, str | None]]] = {}
        self._company_next: dict[str, int] = {"corp_hk": 0, "corp_us": 0}

    def run(self, count: int) -> MarginCallData:
        rng = self.people
        kinds = rng.choices(_KINDS, weights=_KIND_WEIGHTS, k=count)
        numbers = self._account_numbers(kinds)
        for index, kind in enumerate(kinds):
            self._account(index + 1, kind, numbers[index])
        return self.data

    # -- accounts --

    def _account_numbers(self, kinds: list[str]) -> list[str]:
        """Unique 8-digit numbers: branch prefix + 5-digit serial + Luhn check digit."""
        rng = self.people
        branches = [rng.choices(*_BRANCH_CHOICES[kind])[0] for kind in kinds]
        by_branch: dict[str, list[int]] = {}
        for position, branch in enumerate(branches):
            by_branch.setdefault(branch, []).append(position)
        numbers = [""] * len(kinds)
        for branch in sorted(by_branch):
            positions = by_branch[branch]
            for position, serial in zip(positions, rng.sample(range(1, 100_000), len(positions)), strict=True):
                body = f"{branch}{serial:05d}"
                numbers[position] = body + _luhn_digit(body)
        return numbers

    def _account(self, account_id: int, kind: str, account_no: str) -> None:
        rng = self.people
        company = kind.startswith("corp")
        if kind == "hk":
            name, name_zh = self._hk_person()
        elif kind == "us":
            name, name_zh = self._us_person(), None
        else:
            name, name_zh = self._company(kind)
        margin = rng.random() < _MARGIN_SHARE[kind]
        account_type = AccountType.MARGIN if margin else AccountType.CASH
        base = "USD" if kind in ("us", "corp_us") else "HKD"
        self.data.accounts.append({
            "id": account_id, "account_no": account_no, "customer_name": name,
            "customer_name_zh": name_zh, "account_type": account_type.value, "base_currency": base,
        })
        ever_enrolled = rng.random() < _EVER_ENROLLED[account_type]
        enrolled_now = ever_enrolled and rng.random() < _ENROLLED_NOW
        negatives = self._balances(account_id, kind, base, margin, ever_enrolled, enrolled_now)
        if ever_enrolled:
            self._enrolment(account_id, kind, company, enrolled_now, negatives)

    def _hk_person(self) -> tuple[str, str]:
        rng = self.people
        surname_zh, surname, _ = rng.choices(names.HK_SURNAMES, weights=_SURNAME_WEIGHTS)[0]
        male = rng.random() < 0.5
        first_pool, second_pool = ((names.HK_MALE_FIRST, names.HK_MALE_SECOND) if male
                                   else (names.HK_FEMALE_FIRST, names.HK_FEMALE_SECOND))
        if rng.random() < 0.08:  # single-character given name
            given = [rng.choice(second_pool)]
        else:
            first = rng.choice(first_pool)
            second = rng.choice(second_pool)
            while second[0] == first[0]:
                second = rng.choice(second_pool)
            given = [first, second]
        given_zh = "".join(c for c, _ in given)
        given_en = " ".join(r for _, r in given)
        if rng.random() < 0.35:
            english = rng.choice(names.HK_ENGLISH_MALE if male else names.HK_ENGLISH_FEMALE)
            name = f"{surname} {given_en}, {english}"
        else:
            name = f"{surname.upper()} {given_en}"
        return name, surname_zh + given_zh

    def _us_person(self) -> str:
        rng = self.people
        first = rng.choice(names.US_FIRST_MALE if rng.random() < 0.5 else names.US_FIRST_FEMALE)
        last = rng.choice(names.US_SURNAMES)
        if rng.random() < 0.25:
            return f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
        return f"{first} {last}"

    def _company(self, kind: str) -> tuple[str, str | None]:
        """A company name not used before (numbered once every plain combination is taken)."""
        if kind not in self._companies:
            combos: list[tuple[str, str | None]]
            if kind == "corp_hk":
                combos = [(f"{n} {line}{' ' + q if q else ''} Ltd", f"{nz}{lz}{qz}有限公司")
                          for q, qz in names.HK_COMPANY_QUALIFIERS
                          for n, nz in names.HK_COMPANY_NAMES for line, lz in names.HK_COMPANY_LINES]
            else:
                combos = [(" ".join(p for p in (n, q, line) if p), None)
                          for q in names.US_COMPANY_QUALIFIERS
                          for n in names.US_COMPANY_NAMES for line in names.US_COMPANY_LINES]
            # Plain names first, qualified ones after; shuffled within each qualifier.
            per = len(combos) // (len(names.HK_COMPANY_QUALIFIERS) if kind == "corp_hk"
                                  else len(names.US_COMPANY_QUALIFIERS))
            ordered: list[tuple[str, str | None]] = []
            for start in range(0, len(combos), per):
                block = combos[start:start + per]
                self.people.shuffle(block)
                ordered.extend(block)
            self._companies[kind] = ordered
        combos = self._companies[kind]
        k = self._company_next[kind]
        self._company_next[kind] = k + 1
        name, name_zh = combos[k % len(combos)]
        if k >= len(combos):
            round_no = k // len(combos) + 1
            name = name.replace(" Ltd", f" No. {round_no} Ltd") if name_zh else f"{name} {round_no}"
            name_zh = name_zh.replace("有限公司", f"第{round_no}有限公司") if name_zh else None
        return name, name_zh

    # -- balances --

    def _balances(self, account_id: int, kind: str, base: str, margin: bool,
                  ever_enrolled: bool, enrolled_now: bool) -> list[str]:
        """Appends the account's balance rows; returns the currencies it has borrowed."""
        rng = self.money
        p_negative = _NEGATIVE[(margin, enrolled_now)]
        if ever_enrolled and not enrolled_now:
            p_negative += _NEGATIVE_DISABLED_BONUS
        negatives: list[str] = []
        if rng.random() < p_negative:
            weights = _NEGATIVE_CURRENCY_WEIGHTS[kind]
            negatives.append(rng.choices(CURRENCIES, weights=weights)[0])
            if rng.random() < 0.10:
                second = rng.choices(CURRENCIES, weights=weights)[0]
                if second not in negatives:
                    negatives.append(second)
        held = {"HKD"}
        if rng.random() < _HAS_USD[kind]:
            held.add("USD")
        if rng.random() < _HAS_CNH[kind]:
            held.add("CNH")
        held.update(negatives)
        company = kind.startswith("corp")
        for currency in CURRENCIES:  # fixed order: never iterate the set itself
            if currency not in held:
                continue
            if currency in negatives:
                scale = (2.5 if margin else 1.0) * (4.0 if company else 1.0)
                hkd = _clip(rng.lognormvariate(math.log(30_000), 1.3) * scale, 100, 8_000_000)
                amount = -_cents(hkd / HKD_PER_UNIT[currency])
                since = self.today - timedelta(days=self._borrowed_days())
            else:
                is_base = currency == base
                if rng.random() < (0.02 if is_base else 0.05):
                    hkd = 0.0
                elif is_base:
                    hkd = _clip(rng.lognormvariate(math.log(80_000), 1.5) * (6.0 if company else 1.0),
                                50, 12_000_000)
                else:
                    hkd = _clip(rng.lognormvariate(math.log(20_000), 1.6), 10, 5_000_000)
                amount = _cents(hkd / HKD_PER_UNIT[currency])
                since = None
            self.data.balances.append({"account_id": account_id, "currency": currency,
                                       "amount": amount, "borrowed_since": since})
        return negatives

    def _borrowed_days(self) -> int:
        rng = self.money
        if rng.random() < 0.75:  # most borrowing is recent
            return min(MAX_BORROW_DAYS, 1 + int(rng.expovariate(1 / 25)))
        return rng.randint(30, MAX_BORROW_DAYS)

    # -- auto-convert --

    def _enrolment(self, account_id: int, kind: str, company: bool, enrolled_now: bool,
                   negatives: list[str]) -> None:
        rng = self.events
        channel = rng.choices(_CHANNELS, weights=_CHANNEL_WEIGHTS["company" if company else "person"])[0]
        end, span = self.end_day, self.end_day - self.start_day

        def recent() -> int:  # density falls linearly with age: more enrolments lately
            return end - int(span * (1 - math.sqrt(rng.random())))

        first_day = self._weekday(recent)
        if not enrolled_now:
            first_day = min(first_day, end - 1)  # room for a later disabling
        first_at = self._at(first_day, channel)
        disabled_at = None
        if enrolled_now:
            if first_day < end and rng.random() < 0.35:  # switched off and on again since
                last_day = self._weekday(lambda: rng.randint(first_day + 1, end))
                last_at = self._at(last_day, channel)
            else:
                last_day, last_at = first_day, first_at
            conversion_until = end
        else:
            if first_day + 1 <= end - 1 and rng.random() < 0.30:
                last_day = self._weekday(lambda: rng.randint(first_day + 1, end - 1))
                last_at = self._at(last_day, channel)
            else:
                last_day, last_at = first_day, first_at
            disabled_day = self._weekday(
                lambda: min(end, last_day + 1 + int(rng.expovariate(1 / 60))))
            disabled_at = self._at(disabled_day, "app")
            conversion_until = disabled_day - 1

        covered = set(rng.choices(*_COVERED_CHOICES["us" if kind in ("us", "corp_us") else "hk"])[0])
        for currency in negatives:
            if rng.random() < 0.7:
                covered.add(currency)
        covered_list = [c for c in CURRENCIES if c in covered]

        conversion_at = conversion_amount = conversion_currency = None
        if last_day + 1 <= conversion_until and rng.random() < (0.65 if enrolled_now else 0.40):
            day = self._weekday(lambda: rng.randint(last_day + 1, conversion_until), tries=6)
            conversion_at = self._at(day, "ops")  # the conversion batch runs in office hours
            conversion_currency = rng.choices(
                covered_list, weights=[_CONVERSION_CURRENCY_WEIGHT[c] for c in covered_list])[0]
            hkd = _clip(rng.lognormvariate(math.log(15_000), 1.3), 100, 3_000_000)
            conversion_amount = _cents(hkd / HKD_PER_UNIT[conversion_currency])

        self.data.enrolments.append({
            "account_id": account_id, "enrolled": enrolled_now, "channel": channel,
            "first_enabled_at": first_at, "last_enabled_at": last_at, "disabled_at": disabled_at,
            "last_conversion_at": conversion_at, "last_conversion_amount": conversion_amount,
            "last_conversion_currency": conversion_currency,
        })
        self.data.enrolment_currencies.extend(
            {"account_id": account_id, "currency": c} for c in covered_list)

    def _weekday(self, draw: Callable[[], int], tries: int = 3) -> int:
        """A day from ``draw``, redrawn (a few times at most) while it falls on a weekend."""
        day = draw()
        for _ in range(tries):
            if (day - 1) % 7 < 5 or self.events.random() < 0.15:  # ordinal 1 is a Monday
                break
            day = draw()
        return day

    def _at(self, day: int, channel: str) -> datetime:
        """A UTC time on Hong Kong day ``day`` (an ordinal): office hours mostly."""
        rng = self.events
        if channel == EnrolmentChannel.OPS:
            seconds = rng.randint(9 * 3600 + 1800, 17 * 3600 + 1800)
        elif rng.random() < 0.8:
            seconds = rng.randint(9 * 3600, 18 * 3600)
        else:
            seconds = rng.randint(7 * 3600, 24 * 3600 - 1)
        local = datetime.fromordinal(day).replace(tzinfo=HKT) + timedelta(seconds=seconds)
        return local.astimezone(UTC)


_SURNAME_WEIGHTS = [w for _, _, w in names.HK_SURNAMES]
# (population, weights) pairs for rng.choices.
_BRANCH_CHOICES = {kind: tuple(zip(*pairs, strict=True)) for kind, pairs in _BRANCHES.items()}
_COVERED_CHOICES = {kind: tuple(zip(*pairs, strict=True)) for kind, pairs in _COVERED.items()}


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _clip(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def _cents(value: float) -> Decimal:
    """A non-negative amount with exactly two decimals (0.00 stays 0.00)."""
    return Decimal(int(round(value * 100))).scaleb(-2)


# --- insertion ---------------------------------------------------------------------------------


def insert(conn: Connection, data: MarginCallData, *, chunk: int = CHUNK) -> None:
    """Bulk-inserts ``data`` into empty margin-call tables (executemany, ``chunk`` rows at a time).

    Borrow rates already present (the migration seeds them) are kept as they are.
    """
    if conn.scalar(select(Account.id).limit(1)) is not None:
        raise ValueError("demo margin-call data goes into empty tables only")
    present = set(conn.scalars(select(BorrowRate.currency)))
    rates = [r for r in data.borrow_rates if r["currency"] not in present]
    for model, rows in ((Account, data.accounts),
                        (Balance, data.balances),
                        (BorrowRate, rates),
                        (AutoConvertEnrolment, data.enrolments),
                        (AutoConvertCurrency, data.enrolment_currencies)):
        stmt = sa_insert(model)
        for start in range(0, len(rows), chunk):
            conn.execute(stmt, rows[start:start + chunk])
    if conn.dialect.name == "postgresql" and data.accounts:
        # Explicit ids leave the id sequence behind; move it past them.
        top = conn.scalar(select(func.max(Account.id)))
        conn.execute(text("SELECT setval(pg_get_serial_sequence('mc_accounts', 'id'), :top)"),
                     {"top": top})
