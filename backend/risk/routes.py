"""Risk › Credit: the live margin tables. Changes go through work orders (POST /work-orders)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db
from backend.risk.stock_margin_listing import long_margin_page
from services.contract.permissions import Perm
from services.contract.queries import LONG_MARGIN_PATH, LongMarginQuery
from services.contract.schemas import LongMarginRow, Page

router = APIRouter(tags=["risk credit"])


@router.get(LONG_MARGIN_PATH, response_model=Page[LongMarginRow])
def list_long_margins(_: Annotated[Principal, Depends(require(Perm.STOCK_MARGIN_VIEW))],
                      session: Annotated[Session, Depends(get_db)],
                      query: Annotated[LongMarginQuery, Query()]):
    return long_margin_page(session, query)
