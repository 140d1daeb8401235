"""Fund clearing's writes: import a confirmation, explain a line, confirm one side. Each locks its
batch, is audited in the same transaction and never commits (the route does)."""

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
    SideConfirmation,
)
from backend.funds.reconciliation import BatchView, Usernames, batch_out, line_out, load_view
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import (
    ConfirmationImportOut,
    ExplainIn,
    LineOut,
    LineStatus,
    Side,
    SideConfirmationOut,
)
from services.excel.fund_confirmation import read_confirmation

ENTITY = "fund_clearing_batch"
CONFIRM_ACTIONS = {Side.SUBSCRIPTION: "fund.clearing.confirm_subscription",
                   Side.REDEMPTION: "fund.clearing.confirm_redemption"}


def _locked(session: Session, batch_id: int) -> ClearingBatch:
    """The batch, locked against concurrent imports, notes and confirmations (PostgreSQL row lock;
    SQLite's write session already holds the database's write lock)."""
    batch = repo.lock_batch(session, batch_id)
    if batch is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such clearing batch.")
    return batch


def _view(session: Session, batch_id: int) -> BatchView:
    view = load_view(session, batch_id)
    assert view is not None  # locked by the caller
    return view


def import_confirmation(session: Session, principal: Principal, batch_id: int, file_name: str,
                        path: str | PathLike) -> ConfirmationImportOut:
    """Replaces the batch's current confirmation with the file's rows, or changes nothing and
    answers 422 with every bad cell (row, field, reason)."""
    _locked(session, batch_id)
    if repo.has_side_confirmation(session, batch_id):
        raise AppError(409, ErrorCode.FUND_SIDE_CONFIRMED, "A side of this batch is already confirmed.",
                       "A confirmed batch keeps the confirmation it was reconciled against; it cannot be "
                       "re-imported.")
    known = {ref: Side.SUBSCRIPTION for ref in repo.subscription_refs(session, batch_id)}
    known |= {ref: Side.REDEMPTION for ref in repo.redemption_refs(session, batch_id)}
    result = read_confirmation(path, file_name, known=known)
    if not result.ok:
        first = result.errors[0]
        raise AppError(422, ErrorCode.FUND_CONFIRMATION_INVALID, "The confirmation file has errors; nothing was "
                       "imported.", f"{len(result.errors)} error(s); the first: "
                       + (f"row {first.row}: " if first.row else "") + first.message,
                       [v.as_error() for v in result.errors])
    previous = next(iter(repo.current_imports(session, [batch_id])), None)
    now = utcnow()
    if previous is not None:
        previous.replaced_at = now
    new = ConfirmationImport(batch_id=batch_id, file_name=file_name, rows=len(result.rows), nav=result.rows[0].nav,
                             imported_by=principal.user_id, imported_at=now)
    repo.add(session, new)
    repo.add(session, *(ConfirmationLine(import_id=new.id, row_number=r.row, side=r.side.value, order_ref=r.order_ref,
                                         nav=r.nav, confirmed_units=r.confirmed_units,
                                         confirmed_amount=r.confirmed_amount) for r in result.rows))
    subscription_rows = sum(r.side is Side.SUBSCRIPTION for r in result.rows)
    audit.record(session, actor_id=principal.user_id, action="fund.clearing.import", entity_type=ENTITY,
                 entity_id=str(batch_id),
                 before=None if previous is None else {"import_id": previous.id, "file_name": previous.file_name,
                                                       "rows": previous.rows, "nav": str(previous.nav)},
                 after={"import_id": new.id, "file_name": file_name, "rows": new.rows, "nav": str(new.nav),
                        "subscription_rows": subscription_rows,
                        "redemption_rows": new.rows - subscription_rows})
    view = _view(session, batch_id)
    return ConfirmationImportOut(import_id=new.id, batch_id=batch_id, file_name=file_name, rows=new.rows,
                                 subscription_rows=subscription_rows, redemption_rows=new.rows - subscription_rows,
                                 nav=new.nav, replaced_import_id=previous.id if previous else None,
                                 batch=batch_out(session, view))


def explain_line(session: Session, principal: Principal, batch_id: int, body: ExplainIn) -> LineOut:
    """Keeps a note on a line that is not matched; a second note on the same line replaces it."""
    _locked(session, batch_id)
    view = _view(session, batch_id)
    if view.current is None:
        raise AppError(409, ErrorCode.FUND_NO_CONFIRMATION, "No confirmation has been imported for this batch.")
    side = view.sides[body.side]
    if side.confirmation is not None:
        raise AppError(409, ErrorCode.FUND_SIDE_CONFIRMED, f"The {body.side.value}s of this batch are confirmed.")
    line = next((li for li in side.lines if li.order_ref == body.order_ref), None)
    if line is None:
        raise AppError(404, ErrorCode.NOT_FOUND, f"No {body.side.value} line {body.order_ref} in this batch.")
    if line.status is LineStatus.MATCHED:
        raise AppError(409, ErrorCode.FUND_LINE_MATCHED, "This line matches; it needs no explanation.")
    note = side.explanations.get(body.order_ref)
    before = None if note is None else {"note": note.note, "explained_by": note.explained_by}
    if note is None:
        note = LineExplanation(import_id=view.current.id, side=body.side.value, order_ref=body.order_ref)
    note.note, note.explained_by, note.explained_at = body.note, principal.user_id, utcnow()
    repo.add(session, note)
    side.explanations[body.order_ref] = note
    audit.record(session, actor_id=principal.user_id, action="fund.clearing.explain", entity_type=ENTITY,
                 entity_id=str(batch_id), before=before,
                 after={"import_id": view.current.id, "side": body.side.value, "order_ref": body.order_ref,
                        "status": line.status.value,
                        "difference": None if line.difference is None else str(line.difference),
                        "note": body.note})
    users: Usernames = {principal.user_id: principal.username}
    return line_out(side, line, users)


def confirm_side(session: Session, principal: Principal, batch_id: int, side: Side) -> SideConfirmationOut:
    """Confirms one side when none of its lines is unexplained; the other side is never read for
    permission nor written. Confirming again answers the first confirmation, records nothing."""
    _locked(session, batch_id)
    view = _view(session, batch_id)
    this = view.sides[side]
    if this.confirmation is None:
        if view.current is None:
            raise AppError(409, ErrorCode.FUND_NO_CONFIRMATION, "No confirmation has been imported for this batch.",
                           "Import the fund house's confirmation first.")
        unexplained = this.unexplained()
        if unexplained:
            refs = ", ".join(line.order_ref for line in unexplained[:10]) + (" …" if len(unexplained) > 10 else "")
            raise AppError(409, ErrorCode.FUND_UNEXPLAINED_LINES,
                           f"{len(unexplained)} {side.value} line(s) differ and are not explained.", refs,
                           [{"row": this.rows[line.order_ref].row_number if line.order_ref in this.rows else None,
                             "field": line.order_ref, "code": line.status.value,
                             "reason": f"{line.order_ref}: {line.status.value}"
                             + (f", difference {line.difference}" if line.difference is not None else "")}
                            for line in unexplained])
        confirmation = SideConfirmation(batch_id=batch_id, side=side.value, import_id=view.current.id,
                                        confirmed_by=principal.user_id, confirmed_at=utcnow())
        repo.add(session, confirmation)
        this.confirmation = confirmation
        summary = batch_out(session, view)
        totals = summary.subscriptions if side is Side.SUBSCRIPTION else summary.redemptions
        audit.record(session, actor_id=principal.user_id, action=CONFIRM_ACTIONS[side], entity_type=ENTITY,
                     entity_id=str(batch_id),
                     after={"side": side.value, "import_id": view.current.id, "orders": totals.orders,
                            "matched": totals.matched, "explained": totals.explained,
                            "expected_total": str(totals.expected_total),
                            "confirmed_total": str(totals.confirmed_total)})
        already = False
    else:
        summary, already = batch_out(session, view), True
    confirmed = summary.subscriptions if side is Side.SUBSCRIPTION else summary.redemptions
    return SideConfirmationOut(batch_id=batch_id, side=side, confirmed_at=confirmed.confirmed_at,
                               confirmed_by=confirmed.confirmed_by, already_confirmed=already, batch=summary)
