"""API fuzzing: schemathesis against the backend's own OpenAPI document, over HTTP.

A backend process of its own (fuzzing writes work orders, resends, copies...), with demo data,
without ``--local-delivery`` and without SMTP/SMS settings: a resend only queues, nothing is ever
sent. Every operation is called as the administrator (the permission checks would hide everything
behind 403 otherwise), and without credentials where schemathesis tests the security scheme.
Properties: no 5xx; every 4xx/5xx is ``application/problem+json`` with a non-empty ``code``;
answers conform to the document (status codes, content types, bodies, headers).

The suite runs a small, reproducible budget (``OPSDESK_FUZZ_EXAMPLES``, default below, per
operation); ``make fuzz`` runs the same test with 500.

The document is generated in this process by the app factory, the same code that serves
``/openapi.json`` (``test_the_fuzzed_document_is_the_served_one`` holds them equal): schemathesis'
pytest loader that would read it from the live URL (``schemathesis.pytest.from_fixture``) sets
``Node._nodeid``, which pytest 9.2 no longer has, so it fails on the pytest this project runs.
"""

import logging
import os
import secrets
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest
import requests
import schemathesis
from sqlalchemy.orm import Session

from backend.app import create_app
from backend.auth.bootstrap import create_user
from backend.settings import Settings
from services.contract.events import EVENTS_STREAM_PATH
from tests.conftest import LiveBackend, own_backend

pytestmark = pytest.mark.process  # schemathesis against a running backend

EXAMPLES = int(os.environ.get("OPSDESK_FUZZ_EXAMPLES", "5"))
FUZZ_DEMO_ACCOUNTS = 200
# Enough records for every filter to find some; the 20,000 of a demo start made each fuzzed
# export write a 20,000-row workbook (about 20 s per database of the suite's run).
FUZZ_DEMO_MESSAGES = 500
# Settings that would make the backend deliver messages; the fuzz backend must have none.
DELIVERY_ENV = ("OPSDESK_SMTP_HOST", "OPSDESK_SMTP_PORT", "OPSDESK_SMS_GATEWAY_URL")
# Users of their own for the two operations that end sessions or count toward a lockout, so that
# neither touches the administrator's token. Their names and passwords appear nowhere in the API;
# the demo users' do (/auth/demo-users), and the fuzzer may log in or lock them out with them.
SESSION_USER = "fuzz-session"
PASSWORD_USER = "fuzz-password"


def _openapi_document() -> dict:
    """The document the backend serves, from the app factory (no database is touched)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        return create_app(Settings(database_url="sqlite://")).openapi()
    finally:  # create_app configures logging for a server process; this one keeps its own
        root.handlers[:] = handlers
        root.setLevel(level)


class _Tokens:
    """Bearer tokens: the administrator's for every operation but /auth/logout (a fresh session of
    its own user each time) and /auth/password (a user whose lockout harms nobody)."""

    def __init__(self, backend: LiveBackend):
        self.backend = backend
        self.session_password = secrets.token_urlsafe(16)
        password_password = secrets.token_urlsafe(16)
        engine = backend.engine()
        try:
            with Session(engine) as session:
                create_user(session, SESSION_USER, self.session_password, "Fuzz session", ("customer_service",))
                create_user(session, PASSWORD_USER, password_password, "Fuzz password", ("customer_service",))
                session.commit()
        finally:
            engine.dispose()
        self.admin = backend.token("admin")
        self.password_user = backend.fresh_token(PASSWORD_USER, password_password)

    def for_path(self, path: str) -> str:
        if path == "/auth/logout":
            return self.backend.fresh_token(SESSION_USER, self.session_password)
        if path == "/auth/password":
            return self.password_user
        return self.admin


CALLS: Counter = Counter()  # cases run per database, printed at the end (run with -s)
_current: dict[str, _Tokens] = {}  # the tokens of the backend under test, for the auth provider

schema = schemathesis.openapi.from_dict(
    _openapi_document(),
    config=schemathesis.Config.from_dict({
        "seed": 20240601,
        "request-timeout": 60,
        "generation": {
            "max-examples": EXAMPLES,
            "deterministic": True,  # the same cases every run
            "database": "none",  # nothing remembered between runs
        },
        "checks": {
            # Replaced by schema_valid_requests_are_accepted below, which knows which refusals of a
            # schema-valid request no document can foresee.
            "positive_data_acceptance": {"enabled": False},
        },
    }),
)


@schema.hook
def map_query(context, query):
    """A query string has no null: the client leaves an empty filter out (``as_params``), and so
    does the fuzzer, instead of sending schemathesis' null as ``?im_max=``, which is refused 422."""
    return {key: value for key, value in query.items() if value is not None} if query else query


# Schemathesis builds its coverage cases, credentials included, while pytest collects, before any
# backend runs: cases carry this stand-in, and the test swaps in the backend's token when it calls.
TOKEN_STAND_IN = "Bearer opsdesk-fuzz-token"


@schema.auth(refresh_interval=None, retry_on=[])
class _Bearer:
    """Applied to every generated case except those schemathesis sends without credentials."""

    def get(self, case, context):
        return TOKEN_STAND_IN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": data}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_backend(request, tmp_path_factory) -> Iterator[LiveBackend]:
    """A fresh backend of this module's own: its writes disturb no other test."""
    with ExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:
            for name in DELIVERY_ENV:
                patch.delenv(name, raising=False)
            backend = stack.enter_context(own_backend(request.param, tmp_path_factory, "fuzz", "--demo",
                                                      "--demo-accounts", str(FUZZ_DEMO_ACCOUNTS),
                                                      "--demo-messages", str(FUZZ_DEMO_MESSAGES)))
        _current["tokens"] = _Tokens(backend)
        stack.callback(_current.clear)
        stack.callback(lambda: print(f"\nAPI fuzzing on {request.param}: {CALLS[backend.database_url.split(':', 1)[0]]} cases"))
        yield backend


# Answers a request the document allows may still get: the caller's rights, a row that is not there,
# a conflict, a limit. 5xx fails not_a_server_error.
ACCEPTED_STATUSES = {401, 403, 404, 409, 429}
# 400 only for a page cursor this backend never issued, which no document can tell from one it did.
ACCEPTED_400 = {"invalid_cursor"}
# 422 refusals of a schema-valid request that are rules about stored data: the category a copy
# names must exist; an uploaded file must read as a fund confirmation; the person a seat is
# transferred to must be eligible for it.
STORED_DATA_RULES = {"rule_violation", "fund_confirmation_invalid", "transfer_target_not_eligible"}


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(map(_holds_nul, value))
    return False


def schema_valid_requests_are_accepted(ctx, response, case):
    """Schemathesis' positive-data check, less the refusals no document can foresee: a rule across
    fields (im_min above im_max, a range ending before it starts: errors without a field), the
    rules about stored data above, and text with a NUL character, which PostgreSQL cannot store.
    Any other refusal of a schema-valid request fails."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code < 300:
        return None
    if response.status_code in ACCEPTED_STATUSES or response.status_code >= 500:
        return None
    if response.status_code == 400 and response.json().get("code") in ACCEPTED_400:
        return True
    if response.status_code == 422:
        if _holds_nul([case.query, case.body, case.path_parameters]):
            return True  # PostgreSQL stores no NUL character: refused 422, as the detail says
        body = response.json()
        errors = body.get("errors") or []
        if body.get("code") in STORED_DATA_RULES or (errors and all(not e.get("field") for e in errors)):
            return True
    raise AssertionError(f"a schema-valid request was refused {response.status_code}: {response.text[:300]}")


def problem_json_errors(ctx, response, case):
    """Every 4xx/5xx answer is RFC 9457 problem+json with a non-empty string ``code``."""
    if response.status_code < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0].split(";")[0].strip()
    assert content_type == "application/problem+json", (
        f"{response.status_code} answered with content-type {content_type!r}, not application/problem+json")
    try:
        body = response.json()
    except ValueError as exc:
        raise AssertionError(f"{response.status_code} answered with a body that is not JSON") from exc
    code = body.get("code") if isinstance(body, dict) else None
    assert isinstance(code, str) and code, f"{response.status_code} problem without a code: {body!r}"
    return True


def test_the_idempotency_key_is_documented_as_required_where_the_server_requires_it():
    keyed = {(method.upper(), path): parameter["required"]
             for path, operations in schema.raw_schema["paths"].items()
             for method, operation in operations.items()
             for parameter in operation.get("parameters", []) if parameter["name"].lower() == "idempotency-key"}
    assert keyed == {("POST", "/work-orders"): True, ("POST", "/work-orders/{order_id}/resubmit"): True,
                     ("POST", "/messages/records/resend"): True, ("POST", "/messages/records/{record_id}/resend"): True}


def test_the_fuzzed_document_is_the_served_one(fuzz_backend):
    assert httpx.get(f"{fuzz_backend.url}/openapi.json", timeout=60).json() == schema.raw_schema


# The event stream never ends: a fuzzed call would wait on it for ever. Its one input is a header
# (Last-Event-ID), tested in tests/backend/test_event_stream.py.
FUZZED = schema.exclude(path=EVENTS_STREAM_PATH)


# One kept-alive connection for every case (schemathesis opens one per request otherwise), and no
# proxy settings looked up in the environment for each: some 4,000 cases per database.
_CONNECTION = requests.Session()
_CONNECTION.trust_env = False


@FUZZED.parametrize()
def test_api_fuzz(case, fuzz_backend):
    headers = {}
    if (case.headers or {}).get("Authorization") == TOKEN_STAND_IN:
        # Not written into the case: coverage cases are shared by the SQLite and PostgreSQL runs.
        headers["Authorization"] = f"Bearer {_current['tokens'].for_path(case.operation.path)}"
    if any(name.lower() == "idempotency-key" and 0 < len(str(value)) <= 80
           for name, value in (case.headers or {}).items()):
        # A key names one request: the fuzzer's few values, reused with other bodies, would be
        # refused 422 idempotency_key_reused, as they should. A missing, empty or too long key stays.
        headers["Idempotency-Key"] = str(uuid.uuid4())
    CALLS[fuzz_backend.database_url.split(":", 1)[0]] += 1
    _CONNECTION.cookies.clear()  # the API sets none; no case may carry another's
    case.call_and_validate(base_url=fuzz_backend.url, session=_CONNECTION, headers=headers or None,
                           additional_checks=[problem_json_errors, schema_valid_requests_are_accepted])
