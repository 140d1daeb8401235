"""problem+json errors (RFC 9457) with a stable ``code``, and the handlers that produce them."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.contract.errors import ErrorCode

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
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict = {"type": "about:blank", "title": title, "status": status, "code": str(code)}
    if detail is not None:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


_STATUS_CODES = {
    401: ErrorCode.NOT_AUTHENTICATED,
    403: ErrorCode.PERMISSION_DENIED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError):
        return problem_response(exc.status, exc.code, exc.title, exc.detail, exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        errors = [
            {"field": ".".join(str(p) for p in err["loc"] if p not in ("body", "query", "path")),
             "location": err["loc"][0] if err["loc"] else None,
             "reason": err["msg"]}
            for err in exc.errors()
        ]
        return problem_response(422, ErrorCode.VALIDATION_ERROR, "The request is not valid.",
                                "; ".join(f"{e['field']}: {e['reason']}" for e in errors), errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException):
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.INTERNAL_ERROR if exc.status_code >= 500
                                 else ErrorCode.VALIDATION_ERROR)
        return problem_response(exc.status_code, code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(OperationalError)
    async def _db_down(_request: Request, exc: OperationalError):
        log.error("database unavailable: %s", exc.orig)
        return problem_response(503, ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable.",
                                "Try again in a moment.", headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def _unhandled(_request: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return problem_response(500, ErrorCode.INTERNAL_ERROR, "Internal server error.")
