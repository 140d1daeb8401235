"""Demo fund clearing: a dozen public funds, a month of trade dates, orders on both sides, and the
fund houses' confirmations imported for most batches, with a few realistic problems to reconcile:

- subscriptions whose confirmed units differ a little (the fund house rounded otherwise: one
  explained), or by more than the fund's difference limit (a fee waiver we did not book), and
  redemptions whose confirmed amount differs beyond it (a redemption levy): those wait for a
  corrected confirmation;
- an order of ours missing from a confirmation, and a confirmation row for an order we do not
  hold (a typo'd reference), one on each side;
- the newest two trade dates not yet confirmed by the fund houses; older clean batches confirmed
  on both sides and, the older the further, settled (申購交割; 贖回貨交割, 贖回錢交割); one batch
  confirmed on its subscription side only. A side without orders is confirmed and settled by the
  system when its batch opens.

Deterministic for a given ``today`` and seed. Confirmed figures come from the same rules the
backend reconciles with (services/rules/fund_reconciliation.py), so a clean batch matches exactly.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.models import User
from backend.funds.batches import open_batch
from backend.funds.models import (
    ConfirmationImport,
    ConfirmationLine,
    LineExplanation,
    PublicFund,
    RedemptionOrder,
    SettlementStepDone,
    SideConfirmation,
    SubscriptionOrder,
)
from backend.funds.reconciliation import fund_rounding
from backend.margin_call.models import Account
from services.contract.fund_clearing import SIDE_STEPS, Side
from services.rules.fund_reconciliation import expected_amount, expected_units

DEFAULT_SEED = 20261102
TRADE_DAYS = 22  # about a month of dealing days
UNCONFIRMED_DAYS = 2  # the newest trade dates: the fund houses have not confirmed yet
CONFIRMED_BEFORE_DAYS = 8  # clean batches older than this many trade days are confirmed
SETTLED_BEFORE_DAYS = 4  # confirmed sides older than this many trade days are settled
HALF_SETTLED_BEFORE_DAYS = 6  # ... and older than this, their first step done


@dataclass(frozen=True)
class DemoFund:
    code: str
    name: str
    name_zh: str
    currency: str
    fund_house: str
    cutoff: time
    settlement_days: int
    unit_decimals: int
    unit_rounding: str
    nav: str  # the NAV at the start of the month
    fee_rate: str  # subscription fee, share of the gross amount
    ticket: int  # typical subscription, in the fund's currency


FUNDS = (
    DemoFund("VHAEF-A-HKD", "Victoria Harbour Asia Equity Fund A HKD", "維港亞洲股票基金 A 港元", "HKD",
             "Victoria Harbour Asset Management", time(11, 0), 3, 4, ROUND_HALF_DOWN, "18.4521", "0.015", 50_000),
    DemoFund("VHGBF-A-USD", "Victoria Harbour Global Bond Fund A USD", "維港環球債券基金 A 美元", "USD",
             "Victoria Harbour Asset Management", time(11, 0), 3, 4, ROUND_HALF_DOWN, "10.8834", "0.01", 8_000),
    DemoFund("LRHKD-MMF", "Lion Rock HKD Money Market Fund", "獅子山港元貨幣市場基金", "HKD",
             "Lion Rock Investments", time(15, 0), 1, 4, ROUND_DOWN, "10.2317", "0", 100_000),
    DemoFund("LRUSD-MMF", "Lion Rock USD Money Market Fund", "獅子山美元貨幣市場基金", "USD",
             "Lion Rock Investments", time(15, 0), 1, 4, ROUND_DOWN, "1.0468", "0", 20_000),
    DemoFund("LRCHN-A-CNH", "Lion Rock China Growth Fund A CNH", "獅子山中國增長基金 A 人民幣", "CNH",
             "Lion Rock Investments", time(12, 0), 4, 2, ROUND_DOWN, "7.58", "0.02", 60_000),
    DemoFund("PKTECH-A-USD", "Peak Global Technology Fund A USD", "山頂環球科技基金 A 美元", "USD",
             "Peak Capital Management", time(16, 0), 3, 3, ROUND_HALF_UP, "36.214", "0.02", 10_000),
    DemoFund("PKINC-MDIS-HKD", "Peak Asian Income Fund Monthly Dist HKD", "山頂亞洲收益基金 月派息 港元", "HKD",
             "Peak Capital Management", time(16, 0), 3, 3, ROUND_HALF_UP, "9.617", "0.015", 80_000),
    DemoFund("PKHYB-A-USD", "Peak Global High Yield Bond Fund A USD", "山頂環球高收益債券基金 A 美元", "USD",
             "Peak Capital Management", time(16, 0), 4, 3, ROUND_HALF_UP, "12.385", "0.01", 6_000),
    DemoFund("KBHK-A-HKD", "Kowloon Bay Hong Kong Equity Fund A HKD", "九龍灣香港股票基金 A 港元", "HKD",
             "Kowloon Bay Fund Managers", time(12, 0), 2, 4, ROUND_HALF_DOWN, "25.9034", "0.01", 40_000),
    DemoFund("KBDIV-A-HKD", "Kowloon Bay Dividend Fund A HKD", "九龍灣股息基金 A 港元", "HKD",
             "Kowloon Bay Fund Managers", time(12, 0), 2, 4, ROUND_HALF_DOWN, "13.2208", "0.01", 30_000),
    DemoFund("TSGRN-A-USD", "Tsing Ma Global Sustainable Equity Fund A USD", "青馬環球可持續股票基金 A 美元",
             "USD", "Tsing Ma Asset Management", time(10, 30), 5, 2, ROUND_DOWN, "21.47", "0.025", 5_000),
    DemoFund("TSBAL-A-HKD", "Tsing Ma Balanced Fund A HKD", "青馬均衡基金 A 港元", "HKD",
             "Tsing Ma Asset Management", time(10, 30), 4, 2, ROUND_DOWN, "15.06", "0.015", 25_000),
)


def trade_dates(today: date, days: int = TRADE_DAYS) -> list[date]:
    """The ``days`` weekdays before ``today``, oldest first."""
    out: list[date] = []
    day = today
    while len(out) < days:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            out.append(day)
    return out[::-1]


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def seed(session: Session, today: date, seed_value: int = DEFAULT_SEED) -> int:
    """Inserts the demo; returns the number of batches."""
    rng = random.Random(seed_value)
    accounts = list(session.scalars(select(Account.account_no).order_by(Account.id).limit(400)))
    if not accounts:
        accounts = [f"{rng.randint(10, 89)}{rng.randint(0, 999_999):06d}" for _ in range(200)]
    funds_user = session.scalar(select(User.id).where(User.username == "funds"))
    funds = [PublicFund(code=f.code, name=f.name, name_zh=f.name_zh, currency=f.currency, fund_house=f.fund_house,
                        dealing_cutoff=f.cutoff, settlement_days=f.settlement_days, unit_decimals=f.unit_decimals,
                        unit_rounding=f.unit_rounding, amount_decimals=2, unit_tolerance=Decimal("0.01"),
                        amount_tolerance=Decimal("0.01")) for f in FUNDS]
    session.add_all(funds)
    session.flush()
    dates = trade_dates(today)
    imported_dates = dates[:-UNCONFIRMED_DAYS]
    # Which (fund index, trade date) gets which problem; chosen among imported, not the oldest.
    recent = imported_dates[CONFIRMED_BEFORE_DAYS // 2:]
    problems: dict[tuple[int, date], str] = {}
    for chosen in ("sub_units", "sub_rounding", "sub_fee_waived", "red_levy", "red_units", "missing_theirs",
                    "missing_ours", "sub_only_confirmed"):
        while True:
            key = (rng.randrange(len(FUNDS)), rng.choice(recent))
            if key not in problems:
                problems[key] = chosen
                break
    explained_key = next(k for k, p in problems.items() if p == "sub_rounding")
    batches = 0
    for day_index, day in enumerate(dates):
        for fund_index, (spec, fund) in enumerate(zip(FUNDS, funds, strict=True)):
            nav = (Decimal(spec.nav) * Decimal(1 + rng.gauss(0.0004, 0.008) * (day_index + 1) ** 0.5)).quantize(
                Decimal(spec.nav))
            problem = problems.get((fund_index, day)) if day in imported_dates else None
            subs, reds = _orders(rng, spec, fund, day, fund_index, accounts,
                                 at_least_one_redemption=problem in ("red_levy", "red_units", "sub_only_confirmed",
                                                                     "missing_ours"))
            batch = open_batch(session, fund, day, subs, reds, created_at=_at(day, 2))
            batches += 1
            if day not in imported_dates:
                continue
            imports = {}
            for side, orders in ((Side.SUBSCRIPTION, subs), (Side.REDEMPTION, reds)):
                if orders:  # a side without orders was confirmed by the system as the batch opened
                    imports[side] = ConfirmationImport(
                        batch_id=batch.id, side=side.value, file_name=f"{spec.code}_{day:%Y%m%d}_confirmation.xlsx",
                        rows=0, nav=nav, nav_date=day, imported_by=funds_user, imported_at=_at(day + timedelta(1), 3))
            session.add_all(imports.values())
            session.flush()
            lines = _confirmation(rng, fund, imports, subs, reds, nav, problem)
            for side, imp in imports.items():
                imp.rows = sum(line.side == side.value for line in lines)
            session.add_all(lines)
            if (fund_index, day) == explained_key:
                session.add(LineExplanation(import_id=imports[Side.SUBSCRIPTION].id, side="subscription",
                                            order_ref=subs[0].order_ref,
                                            note="Fund house rounded the units per holding; agreed by phone.",
                                            explained_by=funds_user, explained_at=_at(day + timedelta(1), 5)))
            clean = problem is None
            if (day_index < CONFIRMED_BEFORE_DAYS and clean) or problem == "sub_only_confirmed":
                sides = [Side.SUBSCRIPTION] if problem == "sub_only_confirmed" else list(imports)
                confirmed_at = _at(day + timedelta(1), 6)
                session.add_all(SideConfirmation(batch_id=batch.id, side=side.value, import_id=imports[side].id,
                                                 confirmed_by=funds_user, confirmed_at=confirmed_at)
                                for side in sides if side in imports)
                done = (len(SIDE_STEPS[Side.REDEMPTION]) if day_index < SETTLED_BEFORE_DAYS
                        else 1 if day_index < HALF_SETTLED_BEFORE_DAYS else 0)
                session.add_all(SettlementStepDone(batch_id=batch.id, side=side.value, step=step.value,
                                                   done_by=funds_user, done_at=confirmed_at + timedelta(days=1, hours=n))
                                for side in sides if side in imports for n, step in enumerate(SIDE_STEPS[side][:done]))
    session.flush()
    return batches


def _orders(rng: random.Random, spec: DemoFund, fund: PublicFund, day: date,
            fund_index: int, accounts: list[str], *, at_least_one_redemption: bool,
            ) -> tuple[list[SubscriptionOrder], list[RedemptionOrder]]:
    """The day's orders, not yet in a batch (open_batch puts them in one)."""
    stem = f"{day:%Y%m%d}{fund_index + 1:02d}"
    subs = []
    for n in range(rng.randint(2, 8)):
        amount = Decimal(max(1, round(rng.lognormvariate(0, 0.8) * spec.ticket / 1000)) * 1000)
        fee = (amount * Decimal(spec.fee_rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        subs.append(SubscriptionOrder(order_ref=f"FS{stem}{n + 1:03d}",
                                      account_no=rng.choice(accounts), amount=amount, fee=fee))
    reds = []
    quantum = Decimal(1).scaleb(-fund.unit_decimals)
    for n in range(rng.randint(1 if at_least_one_redemption else 0, 5)):
        units = Decimal(repr(round(rng.uniform(100, 20_000), fund.unit_decimals))).quantize(quantum)
        fee = Decimal("0") if rng.random() < 0.8 else Decimal(rng.choice(("50.00", "100.00", "150.00")))
        reds.append(RedemptionOrder(order_ref=f"FR{stem}{n + 1:03d}",
                                    account_no=rng.choice(accounts), units=units, fee=fee))
    return subs, reds


def _confirmation(rng: random.Random, fund: PublicFund, imports: dict[Side, ConfirmationImport],
                  subs: list[SubscriptionOrder], reds: list[RedemptionOrder], nav: Decimal,
                  problem: str | None) -> list[ConfirmationLine]:
    rounding = fund_rounding(fund)
    lines = []
    row = 1
    for i, order in enumerate(subs):
        if problem == "missing_theirs" and i == len(subs) - 1:
            continue  # the fund house never received this order
        units = expected_units(order.amount, order.fee, nav, rounding)
        if problem == "sub_units" and i == 0:
            units += Decimal(rng.choice((-3, 2, 5))) * Decimal(1).scaleb(-fund.unit_decimals + 2)
        elif problem == "sub_rounding" and i == 0:
            units += Decimal("0.03")  # more than the tolerance, well below the limit: explainable
        elif problem == "sub_fee_waived" and i == 0:
            units = expected_units(order.amount, Decimal(0), nav, rounding)
        row += 1
        lines.append(ConfirmationLine(import_id=imports[Side.SUBSCRIPTION].id, row_number=row, side="subscription",
                                      order_ref=order.order_ref, nav=nav, confirmed_units=units,
                                      confirmed_amount=order.amount - order.fee))
    for i, redemption in enumerate(reds):
        amount = expected_amount(redemption.units, redemption.fee, nav, rounding)
        if problem in ("red_levy", "sub_only_confirmed") and i == 0:
            amount -= (amount * Decimal("0.005")).quantize(Decimal("0.01"))  # a 0.5 % levy we did not book
        units = redemption.units
        if problem == "red_units" and i == 0:
            units -= Decimal(100)
            amount = expected_amount(units, redemption.fee, nav, rounding)
        row += 1
        lines.append(ConfirmationLine(import_id=imports[Side.REDEMPTION].id, row_number=row, side="redemption",
                                      order_ref=redemption.order_ref,
                                      nav=nav, confirmed_units=units, confirmed_amount=amount))
    if problem == "missing_ours":
        row += 1
        ref = (reds[0].order_ref if reds else subs[0].order_ref.replace("FS", "FR")) + "X"
        lines.append(ConfirmationLine(import_id=imports[Side.REDEMPTION].id, row_number=row, side="redemption",
                                      order_ref=ref, nav=nav,
                                      confirmed_units=Decimal(500),
                                      confirmed_amount=expected_amount(Decimal(500), Decimal(0), nav, rounding)))
    return lines
