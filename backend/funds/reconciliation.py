"""Batches as the page shows them: each side's confirmation as imported, its lines
(services/rules/fund_reconciliation.py does the maths), explanations, states, totals and
settlement. Loaded in a few queries for any number of batches."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from backend.funds import repository as repo
from backend.funds.models import (
    ClearingBatch,
    ConfirmationImport,
    ConfirmationLine,
    LineExplanation,
    PublicFund,
    SettlementStepDone,
    SideConfirmation,
)
from services.contract.fund_clearing import (
    BatchDetail,
    BatchOut,
    BatchQuery,
    ExplanationOut,
    FundOut,
    LineOut,
    LineStatus,
    SettlementStep,
    Side,
    SideSummary,
    StepOut,
    next_step,
    settlement_state,
)
from services.rules import trading_calendar
from services.rules.fund_reconciliation import (
    FundRounding,
    OurOrder,
    ReconciledLine,
    TheirRow,
    reconcile_side,
    side_state,
)


def fund_rounding(fund: PublicFund) -> FundRounding:
    return FundRounding(unit_decimals=fund.unit_decimals, unit_rounding=fund.unit_rounding,
                        amount_decimals=fund.amount_decimals, unit_tolerance=fund.unit_tolerance,
                        amount_tolerance=fund.amount_tolerance, difference_limit=fund.difference_limit)


@dataclass
class SideView:
    side: Side
    orders: list[OurOrder]
    current: ConfirmationImport | None  # the side's confirmation as last imported
    lines: list[ReconciledLine]
    rows: dict[str, ConfirmationLine]  # order ref → the confirmation's row
    explanations: dict[str, LineExplanation]
    confirmation: SideConfirmation | None
    steps: dict[SettlementStep, SettlementStepDone] = field(default_factory=dict)

    @property
    def imported(self) -> bool:
        return self.current is not None

    def unexplained(self) -> list[ReconciledLine]:
        if not self.imported:
            return []
        return [line for line in self.lines if line.needs_explaining and line.order_ref not in self.explanations]

    def beyond_limit(self) -> list[ReconciledLine]:
        """Lines no explanation lets through: their difference is at or beyond the fund's limit."""
        return [line for line in self.lines if line.beyond_limit] if self.imported else []

    def row_number(self, line: ReconciledLine) -> int | None:
        row = self.rows.get(line.order_ref)
        return row.row_number if row else None


@dataclass
class BatchView:
    batch: ClearingBatch
    fund: PublicFund
    sides: dict[Side, SideView] = field(default_factory=dict)


Usernames = dict[int | None, str]  # user id → name; a None id (nobody yet) names no one


def load_views(session: Session, batches: Sequence[tuple[ClearingBatch, PublicFund]]) -> list[BatchView]:
    ids = [b.id for b, _ in batches]
    if not ids:
        return []
    orders: dict[tuple[int, Side], list[OurOrder]] = defaultdict(list)
    for o in repo.subscription_orders(session, ids):
        orders[o.batch_id, Side.SUBSCRIPTION].append(OurOrder(o.order_ref, o.account_no, o.amount, None, o.fee))
    for r in repo.redemption_orders(session, ids):
        orders[r.batch_id, Side.REDEMPTION].append(OurOrder(r.order_ref, r.account_no, None, r.units, r.fee))
    current = {(i.batch_id, Side(i.side)): i for i in repo.current_imports(session, ids)}
    import_ids = [i.id for i in current.values()]
    rows: dict[int, dict[str, ConfirmationLine]] = defaultdict(dict)
    notes: dict[int, dict[str, LineExplanation]] = defaultdict(dict)
    if import_ids:
        for line in repo.confirmation_lines(session, import_ids):
            rows[line.import_id][line.order_ref] = line
        for note in repo.explanations(session, import_ids):
            notes[note.import_id][note.order_ref] = note
    confirmations = {(c.batch_id, Side(c.side)): c for c in repo.side_confirmations(session, ids)}
    steps: dict[tuple[int, Side], dict[SettlementStep, SettlementStepDone]] = defaultdict(dict)
    for done in repo.settlement_steps(session, ids):
        steps[done.batch_id, Side(done.side)][SettlementStep(done.step)] = done
    views = []
    for batch, fund in batches:
        view = BatchView(batch, fund)
        rounding = fund_rounding(fund)
        for side in Side:
            imp = current.get((batch.id, side))
            side_rows = rows[imp.id] if imp else {}
            theirs = [TheirRow(r.order_ref, r.nav, r.confirmed_units, r.confirmed_amount, r.row_number)
                      for r in side_rows.values()]
            ours = orders[batch.id, side]
            view.sides[side] = SideView(side, ours, imp, reconcile_side(side, ours, theirs, rounding), side_rows,
                                        notes[imp.id] if imp else {}, confirmations.get((batch.id, side)),
                                        steps[batch.id, side])
        views.append(view)
    return views


def load_view(session: Session, batch_id: int) -> BatchView | None:
    pair = repo.batch_with_fund(session, batch_id)
    return load_views(session, [pair])[0] if pair else None


def _usernames(session: Session, ids: set[int | None]) -> Usernames:
    ids.discard(None)
    return repo.usernames(session, ids) if ids else {}


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _steps(view: SideView, users: Usernames) -> list[StepOut]:
    return [StepOut(step=step, done_at=done.done_at, done_by=users.get(done.done_by), by_system=done.by_system)
            for step, done in sorted(view.steps.items(), key=lambda item: item[1].done_at)]


def _summary(view: SideView, users: Usernames) -> SideSummary:
    subscription = view.side is Side.SUBSCRIPTION
    counts = {status: 0 for status in LineStatus}
    for line in view.lines:
        counts[line.status] += 1
    unexplained = len(view.unexplained())
    not_matched = len(view.lines) - counts[LineStatus.MATCHED]
    measured = [line for line in view.lines if line.difference is not None]
    confirmation, imp = view.confirmation, view.current
    done = frozenset(view.steps)
    return SideSummary(
        state=side_state(imported=view.imported, confirmed=confirmation is not None, unexplained=unexplained,
                         beyond_limit=len(view.beyond_limit())),
        nav=imp.nav if imp else None, nav_date=imp.nav_date if imp else None, import_id=imp.id if imp else None,
        file_name=imp.file_name if imp else None, imported_at=imp.imported_at if imp else None,
        imported_by=users.get(imp.imported_by) if imp else None,
        orders=len(view.orders),
        ordered_amount=_sum(o.amount for o in view.orders) if subscription else None,
        ordered_units=None if subscription else _sum(o.units for o in view.orders),
        fees=_sum(o.fee for o in view.orders),
        expected_total=_sum((line.expected_units if subscription else line.expected_amount) for line in measured)
        if view.imported else None,
        confirmed_total=_sum((r.confirmed_units if subscription else r.confirmed_amount) for r in view.rows.values())
        if view.imported else None,
        difference_total=_sum(line.difference for line in measured) if view.imported else None,
        matched=counts[LineStatus.MATCHED] if view.imported else 0,
        mismatched=counts[LineStatus.MISMATCHED],
        missing_ours=counts[LineStatus.MISSING_OURS],
        missing_theirs=counts[LineStatus.MISSING_THEIRS] if view.imported else 0,
        explained=(not_matched - unexplained) if view.imported else 0,
        unexplained=unexplained,
        beyond_limit=len(view.beyond_limit()),
        confirmed_at=confirmation.confirmed_at if confirmation else None,
        confirmed_by=users.get(confirmation.confirmed_by) if confirmation else None,
        confirmed_by_system=bool(confirmation and confirmation.by_system),
        settlement=settlement_state(done, view.side) if confirmation else None,
        next_step=next_step(done, view.side) if confirmation else None,
        steps=_steps(view, users),
    )


def _user_ids(view: BatchView) -> set[int | None]:
    ids: set[int | None] = set()
    for side in view.sides.values():
        ids.add(side.current.imported_by if side.current else None)
        ids.add(side.confirmation.confirmed_by if side.confirmation else None)
        ids |= {note.explained_by for note in side.explanations.values()}
        ids |= {done.done_by for done in side.steps.values()}
    return ids


def _batch_fields(view: BatchView, users: Usernames) -> dict:
    batch, fund = view.batch, view.fund
    return {
        "id": batch.id, "fund_id": fund.id, "fund_code": fund.code, "fund_name": fund.name,
        "currency": fund.currency, "trade_date": batch.trade_date, "settlement_date": batch.settlement_date,
        "difference_limit": fund.difference_limit,
        "subscriptions": _summary(view.sides[Side.SUBSCRIPTION], users),
        "redemptions": _summary(view.sides[Side.REDEMPTION], users),
    }


def batch_out(session: Session, view: BatchView) -> BatchOut:
    return BatchOut(**_batch_fields(view, _usernames(session, _user_ids(view))))


def line_out(view: SideView, line: ReconciledLine, users: Usernames) -> LineOut:
    note = view.explanations.get(line.order_ref) if view.imported else None
    return LineOut(
        side=line.side, order_ref=line.order_ref, status=line.status, account_no=line.account_no,
        amount=line.amount, units=line.units, fee=line.fee, nav=line.nav, expected_units=line.expected_units,
        expected_amount=line.expected_amount, confirmed_units=line.confirmed_units,
        confirmed_amount=line.confirmed_amount, difference=line.difference, units_difference=line.units_difference,
        confirmation_row=view.row_number(line), nav_date=view.current.nav_date if view.current else None,
        explanation=ExplanationOut(note=note.note, explained_by=users.get(note.explained_by, ""),
                                   explained_at=note.explained_at) if note else None,
        needs_explaining=view.imported and line.needs_explaining and note is None,
        beyond_limit=view.imported and line.beyond_limit,
    )


def batch_detail(session: Session, view: BatchView) -> BatchDetail:
    users = _usernames(session, _user_ids(view))
    subs, reds = view.sides[Side.SUBSCRIPTION], view.sides[Side.REDEMPTION]
    return BatchDetail(**_batch_fields(view, users),
                       subscription_lines=[line_out(subs, line, users) for line in subs.lines],
                       redemption_lines=[line_out(reds, line, users) for line in reds.lines])


def list_batches(session: Session, query: BatchQuery) -> list[BatchOut]:
    views = load_views(session, repo.batches_with_funds(session, query))
    users = _usernames(session, set().union(*(_user_ids(v) for v in views)) if views else set())
    out = [BatchOut(**_batch_fields(view, users)) for view in views]
    if query.state is not None:
        out = [b for b in out if query.state in (b.subscriptions.state, b.redemptions.state)]
    if query.settlement is not None:
        out = [b for b in out if query.settlement in (b.subscriptions.settlement, b.redemptions.settlement)]
    return out


def list_funds(session: Session) -> list[FundOut]:
    return [FundOut.model_validate(f, from_attributes=True)
            for f in repo.funds(session)]


def settlement_date(trade_date: date, days: int, market: str = "HK") -> date:
    """T+N in business days of ``market``'s exchange calendar: weekends, public holidays and
    exchange closures skipped (funds are dealt and settled in Hong Kong)."""
    return trading_calendar.add_business_days(market, trade_date, days)
