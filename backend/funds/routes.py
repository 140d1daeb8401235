"""Funds › Public Funds › Fund Clearing. Every route needs its own permission; the backend, not
the client, decides."""

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.funds import service
from backend.funds.export import write_export
from backend.funds.reconciliation import batch_detail, list_batches, list_funds, load_view
from backend.kit.errors import AppError
from backend.kit.ids import RowId
from backend.kit.xlsx_response import XLSX, XLSX_RESPONSES, xlsx_response
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import (
    CONFIRMATION_MAX_BYTES,
    FUND_BATCH_CONFIRM_REDEMPTIONS_PATH,
    FUND_BATCH_CONFIRM_SUBSCRIPTIONS_PATH,
    FUND_BATCH_CONFIRMATION_PATH,
    FUND_BATCH_EXPLAIN_PATH,
    FUND_BATCH_EXPORT_PATH,
    FUND_BATCH_PATH,
    FUND_BATCHES_PATH,
    FUND_DIFFERENCE_LIMIT_PATH,
    FUNDS_PATH,
    SETTLEMENT_STEP_PATHS,
    BatchDetail,
    BatchExport,
    BatchOut,
    BatchQuery,
    ConfirmationImportOut,
    DifferenceLimitIn,
    ExplainIn,
    FundOut,
    LineOut,
    SettlementStep,
    SettlementStepOut,
    Side,
    SideConfirmationOut,
)
from services.contract.permissions import Perm

router = APIRouter(tags=["fund clearing"])

CanView = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_VIEW))]
CanImport = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_IMPORT))]
CanExplain = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_EXPLAIN))]
CanConfirmSubscriptions = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION))]
CanConfirmRedemptions = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_CONFIRM_REDEMPTION))]
CanDeliverSubscriptions = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_SUBSCRIPTION_DELIVERY))]
CanDeliverRedemptionUnits = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_REDEMPTION_UNITS_DELIVERY))]
CanDeliverRedemptionCash = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_REDEMPTION_CASH_DELIVERY))]
CanSetDifferenceLimit = Annotated[Principal, Depends(require(Perm.FUND_CLEARING_SET_DIFFERENCE_LIMIT))]


def _too_large() -> AppError:
    return AppError(413, ErrorCode.FUND_CONFIRMATION_INVALID, "The file is too large.",
                    f"A confirmation file may hold at most {CONFIRMATION_MAX_BYTES // 2**20} MB.",
                    [{"row": None, "field": "file", "code": "too_large",
                      "reason": f"The file is larger than {CONFIRMATION_MAX_BYTES // 2**20} MB."}])


async def _upload(request: Request) -> bytes:
    """The request body; one past CONFIRMATION_MAX_BYTES is refused before or while it is read (the
    route's max_body_size), as a file too large (_too_large)."""
    return await request.body()


def _view_or_404(session: Session, batch_id: int):
    view = load_view(session, batch_id)
    if view is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such clearing batch.")
    return view


@router.get(FUNDS_PATH, response_model=list[FundOut])
def get_funds(_: CanView, session: Annotated[Session, Depends(get_db)]):
    return list_funds(session)


@router.get(FUND_BATCHES_PATH, response_model=list[BatchOut])
def get_batches(_: CanView, session: Annotated[Session, Depends(get_db)], query: Annotated[BatchQuery, Query()]):
    """Newest trade date first, then fund code; both sides' states and totals."""
    return list_batches(session, query)


@router.get(FUND_BATCH_PATH, response_model=BatchDetail)
def get_batch(batch_id: RowId, _: CanView, session: Annotated[Session, Depends(get_db)]):
    return batch_detail(session, _view_or_404(session, batch_id))


# Declared with its own suffix, so "export.xlsx" is never read as anything else.
@router.get(FUND_BATCH_EXPORT_PATH, response_class=StreamingResponse, responses=XLSX_RESPONSES)
def export_batch(batch_id: RowId, _: CanView, session: Annotated[Session, Depends(get_db)],
                 query: Annotated[BatchExport, Query()]):
    view = _view_or_404(session, batch_id)
    return xlsx_response(write_export(session, view, query.lang), f"fund-clearing-{view.fund.code}-"
                                                                  f"{view.batch.trade_date:%Y%m%d}")


@router.post(FUND_BATCH_CONFIRMATION_PATH, response_model=ConfirmationImportOut, status_code=201,
             max_body_size=CONFIRMATION_MAX_BYTES, openapi_extra={"requestBody": {"content": {
                 XLSX: {},
                 "text/csv": {}}, "required": True}})
def import_confirmation(batch_id: RowId, principal: CanImport, content: Annotated[bytes, Depends(_upload)],
                        session: Annotated[Session, Depends(get_write_db)],
                        file_name: Annotated[str, Query(min_length=1, max_length=200)]):
    """The body is the file itself (.xlsx, or .csv by its name); it replaces the batch's current
    confirmation, or nothing changes and the answer lists every bad cell."""
    suffix = ".csv" if file_name.lower().endswith(".csv") else ".xlsx"
    with tempfile.TemporaryDirectory(prefix="opsdesk-fund-") as folder:
        path = Path(folder) / f"confirmation{suffix}"
        path.write_bytes(content)
        result = service.import_confirmation(session, principal, batch_id, file_name.strip(), path)
    session.commit()
    return result


# How its max_body_size refuses a body (kit/errors.py reads the endpoint's attribute).
setattr(import_confirmation, "too_large", _too_large)  # noqa: B010 - a function attribute mypy cannot see


@router.post(FUND_BATCH_EXPLAIN_PATH, response_model=LineOut)
def explain(batch_id: RowId, body: ExplainIn, principal: CanExplain,
            session: Annotated[Session, Depends(get_write_db)]):
    line = service.explain_line(session, principal, batch_id, body)
    session.commit()
    return line


@router.post(FUND_BATCH_CONFIRM_SUBSCRIPTIONS_PATH, response_model=SideConfirmationOut)
def confirm_subscriptions(batch_id: RowId, principal: CanConfirmSubscriptions,
                          session: Annotated[Session, Depends(get_write_db)]):
    result = service.confirm_side(session, principal, batch_id, Side.SUBSCRIPTION)
    session.commit()
    return result


@router.post(FUND_BATCH_CONFIRM_REDEMPTIONS_PATH, response_model=SideConfirmationOut)
def confirm_redemptions(batch_id: RowId, principal: CanConfirmRedemptions,
                        session: Annotated[Session, Depends(get_write_db)]):
    result = service.confirm_side(session, principal, batch_id, Side.REDEMPTION)
    session.commit()
    return result


# One route per settlement step, each with its own permission (the step's code).
@router.post(SETTLEMENT_STEP_PATHS[SettlementStep.SUBSCRIPTION_DELIVERY], response_model=SettlementStepOut)
def deliver_subscriptions(batch_id: RowId, principal: CanDeliverSubscriptions,
                          session: Annotated[Session, Depends(get_write_db)]):
    """申購交割: the confirmed subscriptions' units are delivered; they are settled."""
    result = service.settle_step(session, principal, batch_id, SettlementStep.SUBSCRIPTION_DELIVERY)
    session.commit()
    return result


@router.post(SETTLEMENT_STEP_PATHS[SettlementStep.REDEMPTION_UNITS_DELIVERY], response_model=SettlementStepOut)
def deliver_redemption_units(batch_id: RowId, principal: CanDeliverRedemptionUnits,
                             session: Annotated[Session, Depends(get_write_db)]):
    """贖回貨交割: the confirmed redemptions' units are taken; their cash comes next."""
    result = service.settle_step(session, principal, batch_id, SettlementStep.REDEMPTION_UNITS_DELIVERY)
    session.commit()
    return result


@router.post(SETTLEMENT_STEP_PATHS[SettlementStep.REDEMPTION_CASH_DELIVERY], response_model=SettlementStepOut)
def deliver_redemption_cash(batch_id: RowId, principal: CanDeliverRedemptionCash,
                            session: Annotated[Session, Depends(get_write_db)]):
    """贖回錢交割, after 贖回貨交割: the redemptions' cash is paid; they are settled."""
    result = service.settle_step(session, principal, batch_id, SettlementStep.REDEMPTION_CASH_DELIVERY)
    session.commit()
    return result


@router.put(FUND_DIFFERENCE_LIMIT_PATH, response_model=FundOut)
def set_difference_limit(fund_id: RowId, body: DifferenceLimitIn, principal: CanSetDifferenceLimit,
                         session: Annotated[Session, Depends(get_write_db)]):
    """A line differing from the expected figure by this much or more is never confirmed."""
    result = service.set_difference_limit(session, principal, fund_id, body)
    session.commit()
    return result
