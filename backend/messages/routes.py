"""Message Center › Message Records."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db
from backend.messages.listing import records_page
from services.contract.permissions import Perm
from services.contract.queries import MESSAGE_RECORDS_PATH, MessageQuery
from services.contract.schemas import MessageRecordOut, Page

router = APIRouter(tags=["messages"])


@router.get(MESSAGE_RECORDS_PATH, response_model=Page[MessageRecordOut])
def list_records(_: Annotated[Principal, Depends(require(Perm.MESSAGE_RECORD_VIEW))],
                 session: Annotated[Session, Depends(get_db)], query: Annotated[MessageQuery, Query()]):
    return records_page(session, query)
