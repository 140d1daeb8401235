"""Fund clearing's writes: import a confirmation, explain a line, confirm one side, do a settlement
step, change a fund's difference limit. Each locks its batch (or fund), is audited in the same
transaction and never commits (the route does). A refusal changes nothing and names the row or
field and the reason: each ``errors`` entry has a ``code`` the client says in the user's language.
"""

from os import PathLike

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.funds import repository as repo
from backend.funds.models import (
    ClearingBatch,
    ConfirmationImport,
    ConfirmationLine,
    LineExplanation,
    SettlementStepDone,
    SideConfirmation,
)
from backend.funds.reconciliation import BatchView, SideView, Usernames, batch_out, line_out, load_view
from backend.funds.system_confirmation import confirm_sides_without_orders
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import (
    SIDE_STEPS,
    STEP_SIDE,
    ConfirmationImportOut,
    DifferenceLimitIn,
    ExplainIn,
    FundOut,
    LineOut,
    LineStatus,
    SettlementStep,
    SettlementStepOut,
    Side,
    SideConfirmationOut,
    SideImportOut,
)
from services.excel.fund_confirmation import ConfirmationRow, read_confirmation
from services.rules.fund_reconciliation import ReconciledLine

ENTITY = "fund_clearing_batch"
CONFIRM_ACTIONS = {Side.SUBSCRIPTION: "fund.clearing.confirm_subscription",
                   Side.REDEMPTION: "fund.clearing.confirm_redemption"}
STEP_ACTIONS = {step: f"fund.clearing.{step.value}" for step in SettlementStep}  # as the step's permission
_PLURAL = {Side.SUBSCRIPTION: "subscriptions", Side.REDEMPTION: "redemptions"}


def _locked(session: Session, batch_id: int) -> ClearingBatch:
    """The batch, locked against concurrent imports, notes, confirmations and steps (PostgreSQL
    row lock; SQLite's write session already holds the database's write lock)."""
    batch = repo.lock_batch(session, batch_id)
    if batch is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such clearing batch.")
    return batch


def _view(session: Session, batch_id: int) -> BatchView:
    """The locked batch as it stands, a side without orders confirmed by the system first."""
    view = load_view(session, batch_id)
    assert view is not None  # locked by the caller
    if confirm_sides_without_orders(session, view):
        view = load_view(session, batch_id)
        assert view is not None
    return view


def _import_fields(imp: ConfirmationImport) -> dict:
    return {"import_id": imp.id, "file_name": imp.file_name, "rows": imp.rows, "nav": str(imp.nav),
            "nav_date": imp.nav_date.isoformat() if imp.nav_date else None}


def import_confirmation(session: Session, principal: Principal, batch_id: int, file_name: str,
                        path: str | PathLike) -> ConfirmationImportOut:
    """Replaces the current confirmation of each side the file holds rows for, or changes nothing
    and answers 422 with every bad cell (row, field, reason). A row of a confirmed side is one."""
    batch = _locked(session, batch_id)
    view = _view(session, batch_id)
    known = {order.order_ref: side for side, sv in view.sides.items() for order in sv.orders}
    confirmed = [side for side, sv in view.sides.items() if sv.confirmation is not None]
    result = read_confirmation(path, file_name, known=known, confirmed=confirmed, trade_date=batch.trade_date)
    if not result.ok:
        first = result.errors[0]
        raise AppError(422, ErrorCode.FUND_CONFIRMATION_INVALID, "The confirmation file has errors; nothing was "
                       "imported.", f"{len(result.errors)} error(s); the first: "
                       + (f"row {first.row}: " if first.row else "") + first.message,
                       [v.as_error() for v in result.errors])
    now = utcnow()
    by_side: dict[Side, list[ConfirmationRow]] = {}
    for row in result.rows:
        by_side.setdefault(row.side, []).append(row)
    sides, before, after = [], {}, {}
    for side, rows in by_side.items():
        previous = view.sides[side].current
        if previous is not None:
            previous.replaced_at = now
            before[side.value] = _import_fields(previous)
        new = ConfirmationImport(batch_id=batch_id, side=side.value, file_name=file_name, rows=len(rows),
                                 nav=rows[0].nav, nav_date=rows[0].nav_date, imported_by=principal.user_id,
                                 imported_at=now)
        repo.add(session, new)
        repo.add(session, *(ConfirmationLine(import_id=new.id, row_number=r.row, side=side.value,
                                             order_ref=r.order_ref, nav=r.nav, confirmed_units=r.confirmed_units,
                                             confirmed_amount=r.confirmed_amount) for r in rows))
        after[side.value] = _import_fields(new)
        sides.append(SideImportOut(side=side, import_id=new.id, rows=new.rows, nav=new.nav, nav_date=new.nav_date,
                                   replaced_import_id=previous.id if previous else None))
    audit.record(session, actor_id=principal.user_id, action="fund.clearing.import", entity_type=ENTITY,
                 entity_id=str(batch_id), before=before or None, after={"file_name": file_name, **after})
    counts = {side: len(by_side.get(side, [])) for side in Side}
    return ConfirmationImportOut(batch_id=batch_id, file_name=file_name, rows=len(result.rows),
                                 subscription_rows=counts[Side.SUBSCRIPTION], redemption_rows=counts[Side.REDEMPTION],
                                 sides=sorted(sides, key=lambda s: list(Side).index(s.side)),
                                 batch=batch_out(session, _view(session, batch_id)))


def _line_error(view: SideView, line: ReconciledLine, code: str, reason: str, **values: object) -> dict:
    """An ``errors`` entry naming the line: the confirmation's row, the order reference."""
    return {"row": view.row_number(line), "field": line.order_ref, "code": code, "reason": reason,
            "order_ref": line.order_ref, **values}


def _beyond_limit_error(view: SideView, line: ReconciledLine, limit) -> dict:
    return _line_error(view, line, "beyond_limit", f"{line.order_ref} differs by {line.difference}, at or beyond "
                       f"the fund's limit of {limit}; import a corrected confirmation.",
                       difference=str(line.difference), limit=str(limit))


def explain_line(session: Session, principal: Principal, batch_id: int, body: ExplainIn) -> LineOut:
    """Keeps a note on a line that is not matched; a second note on the same line replaces it. A
    line beyond the fund's limit is refused: no note lets it through."""
    _locked(session, batch_id)
    view = _view(session, batch_id)
    side = view.sides[body.side]
    if side.current is None:
        raise AppError(409, ErrorCode.FUND_NO_CONFIRMATION, f"No confirmation of the {_PLURAL[body.side]} has been "
                       "imported for this batch.", errors=[{"row": None, "field": "side", "code": "no_confirmation",
                                                            "reason": "Import the fund house's confirmation first.",
                                                            "side": body.side.value}])
    if side.confirmation is not None:
        raise AppError(409, ErrorCode.FUND_SIDE_CONFIRMED, f"The {_PLURAL[body.side]} of this batch are confirmed.")
    line = next((li for li in side.lines if li.order_ref == body.order_ref), None)
    if line is None:
        raise AppError(404, ErrorCode.NOT_FOUND, f"No {body.side.value} line {body.order_ref} in this batch.")
    if line.status is LineStatus.MATCHED:
        raise AppError(409, ErrorCode.FUND_LINE_MATCHED, "This line matches; it needs no explanation.")
    if line.beyond_limit:
        raise AppError(409, ErrorCode.FUND_BEYOND_LIMIT, f"{line.order_ref} differs by {line.difference}, at or "
                       f"beyond the fund's limit of {view.fund.difference_limit}.", "An explanation cannot let it "
                       "through; import a corrected confirmation.",
                       [_beyond_limit_error(side, line, view.fund.difference_limit)])
    note = side.explanations.get(body.order_ref)
    before = None if note is None else {"note": note.note, "explained_by": note.explained_by}
    if note is None:
        note = LineExplanation(import_id=side.current.id, side=body.side.value, order_ref=body.order_ref)
    note.note, note.explained_by, note.explained_at = body.note, principal.user_id, utcnow()
    repo.add(session, note)
    side.explanations[body.order_ref] = note
    audit.record(session, actor_id=principal.user_id, action="fund.clearing.explain", entity_type=ENTITY,
                 entity_id=str(batch_id), before=before,
                 after={"import_id": side.current.id, "side": body.side.value, "order_ref": body.order_ref,
                        "status": line.status.value,
                        "difference": None if line.difference is None else str(line.difference),
                        "note": body.note})
    users: Usernames = {principal.user_id: principal.username}
    return line_out(side, line, users)


def _refuse_confirming(view: BatchView, this: SideView) -> None:
    """Why ``this`` side cannot be confirmed, as a 409 naming each line; nothing when it can."""
    side = this.side
    if this.current is None:
        raise AppError(409, ErrorCode.FUND_NO_CONFIRMATION, f"No confirmation of the {_PLURAL[side]} has been "
                       "imported for this batch.", "Import the fund house's confirmation first.",
                       [{"row": None, "field": "side", "code": "no_confirmation", "side": side.value,
                         "reason": "Import the fund house's confirmation first."}])
    limit = view.fund.difference_limit
    beyond = this.beyond_limit()
    unexplained = [line for line in this.unexplained() if not line.beyond_limit]
    errors = [_beyond_limit_error(this, line, limit) for line in beyond]
    errors += [_line_error(this, line, line.status.value, f"{line.order_ref}: {line.status.value}"
                           + (f", difference {line.difference}" if line.difference is not None else ""),
                           difference=None if line.difference is None else str(line.difference))
               for line in unexplained]
    if not errors:
        return
    refs = ", ".join(e["order_ref"] for e in errors[:10]) + (" …" if len(errors) > 10 else "")
    if beyond:
        raise AppError(409, ErrorCode.FUND_BEYOND_LIMIT, f"{len(beyond)} {side.value} line(s) differ by the fund's "
                       f"limit of {limit} or more; an explanation cannot let them through.", refs, errors)
    raise AppError(409, ErrorCode.FUND_UNEXPLAINED_LINES,
                   f"{len(unexplained)} {side.value} line(s) differ and are not explained.", refs, errors)


def confirm_side(session: Session, principal: Principal, batch_id: int, side: Side) -> SideConfirmationOut:
    """Confirms one side when none of its lines is unexplained or beyond the fund's limit; the
    other side is never read for permission nor written. Confirming again answers the first
    confirmation, records nothing."""
    _locked(session, batch_id)
    view = _view(session, batch_id)
    this = view.sides[side]
    already = this.confirmation is not None
    if not already:
        _refuse_confirming(view, this)
        assert this.current is not None
        confirmation = SideConfirmation(batch_id=batch_id, side=side.value, import_id=this.current.id,
                                        confirmed_by=principal.user_id, confirmed_at=utcnow())
        repo.add(session, confirmation)
        this.confirmation = confirmation
        summary = batch_out(session, view)
        totals = summary.subscriptions if side is Side.SUBSCRIPTION else summary.redemptions
        audit.record(session, actor_id=principal.user_id, action=CONFIRM_ACTIONS[side], entity_type=ENTITY,
                     entity_id=str(batch_id),
                     after={"side": side.value, "import_id": this.current.id, "nav": str(this.current.nav),
                            "nav_date": this.current.nav_date.isoformat() if this.current.nav_date else None,
                            "orders": totals.orders, "matched": totals.matched, "explained": totals.explained,
                            "expected_total": str(totals.expected_total),
                            "confirmed_total": str(totals.confirmed_total)})
    else:
        summary = batch_out(session, view)
    confirmed = summary.subscriptions if side is Side.SUBSCRIPTION else summary.redemptions
    assert confirmed.confirmed_at is not None
    return SideConfirmationOut(batch_id=batch_id, side=side, confirmed_at=confirmed.confirmed_at,
                               confirmed_by=confirmed.confirmed_by or "", already_confirmed=already, batch=summary)


def _refuse_step(this: SideView, step: SettlementStep) -> None:
    """A step out of order: its side not confirmed, or the side's step before it not done."""
    side = this.side
    if this.confirmation is None:
        raise AppError(409, ErrorCode.FUND_SETTLEMENT_OUT_OF_ORDER, f"The {_PLURAL[side]} of this batch are not "
                       "confirmed yet; settlement starts after their reconciliation is confirmed.",
                       errors=[{"row": None, "field": "step", "code": "side_not_confirmed", "step": step.value,
                                "side": side.value, "reason": f"Confirm the {_PLURAL[side]} first."}])
    steps = SIDE_STEPS[side]
    missing = next((earlier for earlier in steps[:steps.index(step)] if earlier not in this.steps), None)
    if missing is not None:
        raise AppError(409, ErrorCode.FUND_SETTLEMENT_OUT_OF_ORDER, f"{step.value} comes after {missing.value}, "
                       "which is not done yet.",
                       errors=[{"row": None, "field": "step", "code": "previous_step_not_done", "step": step.value,
                                "previous": missing.value, "side": side.value,
                                "reason": f"Do {missing.value} first."}])


def settle_step(session: Session, principal: Principal, batch_id: int, step: SettlementStep) -> SettlementStepOut:
    """Records one settlement step of a confirmed side, in its side's order; doing it again
    answers the first, records nothing."""
    _locked(session, batch_id)
    view = _view(session, batch_id)
    side = STEP_SIDE[step]
    this = view.sides[side]
    done = this.steps.get(step)
    already = done is not None
    if done is None:
        _refuse_step(this, step)
        done = SettlementStepDone(batch_id=batch_id, side=side.value, step=step.value, done_by=principal.user_id,
                                  by_system=False, done_at=utcnow())
        repo.add(session, done)
        this.steps[step] = done
        audit.record(session, actor_id=principal.user_id, action=STEP_ACTIONS[step], entity_type=ENTITY,
                     entity_id=str(batch_id), after={"side": side.value, "step": step.value})
    summary = batch_out(session, view)
    return SettlementStepOut(batch_id=batch_id, side=side, step=step, done_at=done.done_at,
                             done_by=principal.username if not already else
                             next((s.done_by for s in (summary.subscriptions if side is Side.SUBSCRIPTION
                                                       else summary.redemptions).steps if s.step == step), None),
                             already_done=already, batch=summary)


def set_difference_limit(session: Session, principal: Principal, fund_id: int, body: DifferenceLimitIn) -> FundOut:
    """Changes the difference a fund's lines may have and still be confirmed once explained;
    audited. Sides already confirmed keep their confirmation."""
    fund = repo.lock_fund(session, fund_id)
    if fund is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such fund.")
    before = fund.difference_limit
    if body.difference_limit != before:
        fund.difference_limit = body.difference_limit
        repo.add(session, fund)
        audit.record(session, actor_id=principal.user_id, action="fund.clearing.set_difference_limit",
                     entity_type="public_fund", entity_id=str(fund_id),
                     before={"code": fund.code, "difference_limit": str(before)},
                     after={"code": fund.code, "difference_limit": str(body.difference_limit)})
    return FundOut.model_validate(fund, from_attributes=True)
