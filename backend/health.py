"""Liveness and readiness in one: the process answers and the database answers."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backend.db.session import get_db
from services.contract.schemas import Health

router = APIRouter(tags=["health"])

VERSION = "0.1.0"


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(request: Request, session: Annotated[Session, Depends(get_db)]):
    settings = request.app.state.settings
    dialect = session.get_bind().dialect.name
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        body = Health(status="degraded", version=VERSION, database=dialect, demo=settings.demo)
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(status="ok", version=VERSION, database=dialect, demo=settings.demo)
