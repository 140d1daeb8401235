"""problem+json errors (RFC 9457) with a stable ``code``, and the handlers that produce them."""

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from backend.kit import request_id
from backend.kit.idempotency import IDEMPOTENCY_HEADER
from backend.kit.route_walk import each_route, route_for
from services.contract.errors import ErrorCode
from services.contract.schemas import Problem

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class AppError(Exception):
    """A business error: status, stable code, a human title and optional detail and errors."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str | None = None,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(title)
        self.status = status
        self.code = str(code)
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers


def problem_response(
    status: int, code: str, title: str, detail: str | None = None, errors: list[dict] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict = {"type": "about:blank", "title": title, "status": status, "code": str(code)}
    if detail is not None:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    if (rid := request_id.current()) is not None:  # the answer's X-Request-ID, for support
        body["request_id"] = rid
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _documented(description: str, **extra) -> dict:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": Problem.model_json_schema()}},
            **extra}


# What the handlers below may answer for any operation, for the OpenAPI document
# (``FastAPI(responses=...)``). Documenting 4XX also keeps FastAPI from describing a 422 of its
# own (``HTTPValidationError``, application/json) that this backend never sends.
PROBLEM_RESPONSES: dict[int | str, dict] = {
    "4XX": _documented("A client error: problem details (RFC 9457) with a stable `code`, e.g. 401 not "
                       "signed in, 403 permission denied, 404 not found, 409 conflict, 413 body larger than "
                       "the operation takes, 422 not valid (the fields in `errors`)."),
    503: _documented("The database is unavailable; try again after `Retry-After` seconds.",
                     headers={"Retry-After": {"schema": {"type": "integer"}}}),
}


_STATUS_CODES = {
    401: ErrorCode.NOT_AUTHENTICATED,
    403: ErrorCode.PERMISSION_DENIED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.REQUEST_TOO_LARGE,
}


def _allowed_methods(request: Request) -> set[str]:
    """Every method of every route on the path: Starlette's 405 names only the first route's
    (``Allow: POST`` for /work-orders, which GET serves too)."""
    methods: set[str] = set()
    for route in each_route(request.app.routes):
        if getattr(route, "methods", None) and route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods
    return methods


# SQLite's primary result codes that mean the database cannot be used now, not that the statement
# was wrong: busy or locked (past the busy timeout), out of memory, read-only, I/O error, corrupt,
# disk full, cannot open, lock protocol, not a database.
_SQLITE_UNAVAILABLE = {5, 6, 7, 8, 10, 11, 13, 14, 15, 26}
# PostgreSQL's SQLSTATE classes and codes of the same kind: connection exception, insufficient
# resources (too many connections), operator intervention (shutdown, cancel), lock not available,
# serialization failure and deadlock.
_PG_UNAVAILABLE_CLASSES = ("08", "53", "57")
_PG_UNAVAILABLE_CODES = {"55P03", "40001", "40P01"}


def database_unavailable(exc: OperationalError) -> bool:
    """Whether the database could not be reached or used (503, try again), rather than refusing
    what it was asked (a fault of the request or of this code: never 503)."""
    if exc.connection_invalidated:
        return True
    if (code := getattr(exc.orig, "sqlite_errorcode", None)) is not None:
        return code & 0xFF in _SQLITE_UNAVAILABLE
    sqlstate = getattr(exc.orig, "sqlstate", None)
    # No SQLSTATE: the driver never heard the server (refused, timed out, connection lost).
    return sqlstate is None or sqlstate[:2] in _PG_UNAVAILABLE_CLASSES or sqlstate in _PG_UNAVAILABLE_CODES


def too_large(scope) -> JSONResponse:
    """413 for a body beyond its route's ``max_body_size`` (backend/kit/body_limit.py), in the route's
    own words if its endpoint has them (``endpoint.too_large``: an AppError)."""
    route = route_for(scope)
    if (own := getattr(getattr(route, "endpoint", None), "too_large", None)) is not None:
        return _app_error_response(own())
    limit = getattr(route, "max_body_size", None)
    return problem_response(413, ErrorCode.REQUEST_TOO_LARGE, "The request is too large.",
                            f"This request's body may be at most {limit / 2**20:.3g} MB." if limit else None)


def _app_error_response(exc: AppError) -> JSONResponse:
    return problem_response(exc.status, exc.code, exc.title, exc.detail, exc.errors, exc.headers)


def _unavailable() -> JSONResponse:
    return problem_response(503, ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable.",
                            "Try again in a moment.", headers={"Retry-After": "5"})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError):
        return _app_error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        if any(tuple(err["loc"]) == ("header", IDEMPOTENCY_HEADER) and err["type"] != "string_too_long"
               for err in exc.errors()):
            return problem_response(400, ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                                    "An Idempotency-Key header is required for this request.")
        errors = [
            {"field": ".".join(str(p) for p in err["loc"] if p not in ("body", "query", "path")),
             "location": err["loc"][0] if err["loc"] else None,
             "reason": err["msg"]}
            for err in exc.errors()
        ]
        return problem_response(422, ErrorCode.VALIDATION_ERROR, "The request is not valid.",
                                "; ".join(f"{e['field']}: {e['reason']}" for e in errors), errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 413:  # the body outgrew its route's limit while it streamed in
            return too_large(request.scope)
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.INTERNAL_ERROR if exc.status_code >= 500
                                 else ErrorCode.VALIDATION_ERROR)
        headers = exc.headers
        if exc.status_code == 405 and (methods := _allowed_methods(request)):
            headers = {**(headers or {}), "Allow": ", ".join(sorted(methods))}
        return problem_response(exc.status_code, code, str(exc.detail), headers=headers)

    @app.exception_handler(OperationalError)
    async def _db_down(request: Request, exc: OperationalError):
        if not database_unavailable(exc):
            return await _unhandled(request, exc)
        log.error("database unavailable: %s", exc.orig)
        return _unavailable()

    @app.exception_handler(PoolTimeout)
    async def _no_connection(_request: Request, exc: PoolTimeout):
        log.error("no database connection free: %s", exc)
        return _unavailable()

    # Values the request carried that pass validation but not the database. SQLite refuses to
    # bind an integer beyond 64 bits (OverflowError, not wrapped by SQLAlchemy): no row has such an
    # id, the answer PostgreSQL gives too. PostgreSQL refuses a NUL character, or a number outside
    # its column, as DataError.
    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError):
        if "SQLite INTEGER" in str(exc):
            log.warning("%s %s: %s", request.method, request.url.path, exc)
            return problem_response(404, ErrorCode.NOT_FOUND, "Not found.",
                                    "An identifier in the request is larger than any stored one.")
        return await _unhandled(request, exc)

    @app.exception_handler(DataError)
    async def _data_refused(request: Request, exc: DataError):
        log.warning("%s %s: the database refused a value: %s", request.method, request.url.path, exc.orig)
        detail = ("Text may not contain the NUL character (0x00)." if "NUL" in str(exc.orig)
                  else "A value in the request is out of range or cannot be stored.")
        return problem_response(422, ErrorCode.VALIDATION_ERROR, "The request is not valid.", detail)

    @app.exception_handler(Exception)
    async def _unhandled(_request: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return problem_response(500, ErrorCode.INTERNAL_ERROR, "Internal server error.")
