"""The request id: one per request, in its ``X-Request-ID`` answer header, its problem+json body and
every log line written while it is served, so support can find a user's request in the logs.

A request that brings its own id (a balancer's, or the desktop's) keeps it when it is a sensible
token: 1 to 128 letters, digits and ``-_.:``. Anything else (too long, spaces, a forged log line)
is replaced by a new one, never echoed.
"""

import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "x-request-id"
MAX_LENGTH = 128
_ACCEPTED = re.compile(rf"[A-Za-z0-9._:\-]{{1,{MAX_LENGTH}}}")

_current: ContextVar[str | None] = ContextVar("opsdesk_request_id", default=None)


def accepted_or_new(given: str | None) -> str:
    """``given`` if it is a sensible id, else a new one."""
    if given is not None and _ACCEPTED.fullmatch(given):
        return given
    return uuid.uuid4().hex


def current() -> str | None:
    """The id of the request being served in this context, None outside a request."""
    return _current.get()


def set_current(request_id: str | None):
    """Makes ``request_id`` the current one; returns the token that ``reset`` takes."""
    return _current.set(request_id)


def reset(token) -> None:
    _current.reset(token)


_installed = False


def stamp_log_records() -> None:
    """Every log record made from now on carries ``request_id`` (None outside a request), whichever
    handler formats it and whenever: read when the record is made, in the request's context."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def stamped(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        record.request_id = _current.get()
        return record

    logging.setLogRecordFactory(stamped)
    _installed = True
