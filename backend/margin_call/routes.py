"""Risk › Margin Call: the auto-convert query and the borrowing accounts, with Excel exports."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db
from backend.kit.xlsx_response import XLSX_RESPONSES, xlsx_response
from backend.margin_call import service
from backend.margin_call.export import write_export
from services.contract.permissions import Perm
from services.contract.queries import (
    AUTO_CONVERT_EXPORT_PATH,
    AUTO_CONVERT_PATH,
    BORROWING_EXPORT_PATH,
    BORROWING_PATH,
    AutoConvertExport,
    AutoConvertQuery,
    BorrowingExport,
    BorrowingQuery,
)
from services.contract.schemas import AutoConvertRow, BorrowingRow, Page

router = APIRouter(tags=["margin call"])

CanAutoConvert = Annotated[Principal, Depends(require(Perm.MARGIN_CALL_AUTO_CONVERT_QUERY))]
CanBorrowing = Annotated[Principal, Depends(require(Perm.MARGIN_CALL_QUERY))]
ReadSession = Annotated[Session, Depends(get_db)]


@router.get(AUTO_CONVERT_PATH, response_model=Page[AutoConvertRow])
def list_auto_convert(_: CanAutoConvert, session: ReadSession,
                      query: Annotated[AutoConvertQuery, Query()]):
    return service.auto_convert_page(session, query)


@router.get(AUTO_CONVERT_EXPORT_PATH, response_class=StreamingResponse,
            responses=XLSX_RESPONSES)
def export_auto_convert(_: CanAutoConvert, session: ReadSession,
                        query: Annotated[AutoConvertExport, Query()]):
    spool = write_export("auto_convert", service.iter_auto_convert(session, query), query.lang)
    return xlsx_response(spool, "auto-convert")


@router.get(BORROWING_PATH, response_model=Page[BorrowingRow])
def list_borrowing(_: CanBorrowing, session: ReadSession, query: Annotated[BorrowingQuery, Query()]):
    return service.borrowing_page(session, query)


@router.get(BORROWING_EXPORT_PATH, response_class=StreamingResponse,
            responses=XLSX_RESPONSES)
def export_borrowing(_: CanBorrowing, session: ReadSession, query: Annotated[BorrowingExport, Query()]):
    spool = write_export("borrowing", service.iter_borrowing(session, query), query.lang)
    return xlsx_response(spool, "borrowing-accounts")
