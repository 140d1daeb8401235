"""Health probes, signed out.

``/health`` (the desktop's): the process answers and the database answers, in one. For a load
balancer or an orchestrator, two that say different things:
``/health/live``: the process answers; restart it when it does not. Reads nothing.
``/health/ready``: send it requests: the database answers and its schema is the one this code's
migrations reach. Otherwise 503, problem+json naming what is wrong.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backend.db.migrate import code_heads, database_heads
from backend.db.session import get_db
from backend.kit.errors import PROBLEM_JSON, problem_response
from services.contract.errors import ErrorCode
from services.contract.schemas import Health, Problem

router = APIRouter(tags=["health"])

VERSION = "0.1.0"
RETRY_SECONDS = "5"


class Live(BaseModel):
    status: str = "live"
    version: str = VERSION


class Ready(BaseModel):
    status: str = "ready"
    database: str  # the dialect: sqlite or postgresql
    schema_revision: str  # the migration the database is at


_NOT_READY: dict[int | str, dict[str, Any]] = {503: {"description": "Not ready: the database does not answer, or its schema is not this "
                                   "version's (`code` says which).",
                    "content": {PROBLEM_JSON: {"schema": Problem.model_json_schema()}}}}


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


@router.get("/health/live", response_model=Live)
def live() -> Live:
    return Live()


@router.get("/health/ready", response_model=Ready, responses=_NOT_READY)
def ready(session: Annotated[Session, Depends(get_db)]):
    dialect = session.get_bind().dialect.name
    try:
        at = database_heads(session.connection())
    except SQLAlchemyError as exc:
        return problem_response(503, ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable.",
                                f"The {dialect} database does not answer: {type(getattr(exc, 'orig', None) or exc).__name__}.",
                                headers={"Retry-After": RETRY_SECONDS})
    expected = code_heads()
    if at != expected:
        found = ", ".join(sorted(at)) or "none (an empty database)"
        return problem_response(503, ErrorCode.SCHEMA_NOT_CURRENT, "The database schema is not this version's.",
                                f"The database is at migration {found}; this version needs "
                                f"{', '.join(sorted(expected))}. Run `python -m backend` once (it migrates "
                                "on start) or the deployment's migration step.",
                                headers={"Retry-After": RETRY_SECONDS})
    return Ready(database=dialect, schema_revision=", ".join(sorted(at)))
