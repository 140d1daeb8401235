"""The desktop's HTTP client: one httpx.AsyncClient for the whole app, problem+json to ApiError.

Only the transport: requests with the sign-in header, models and pages read, downloads, errors.
The areas' requests are typed clients on it (services/clients).

Qt-free, so it is tested without a window. Every call is awaited inside the qasync loop.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from services.api_errors import ApiError as ApiError  # where every caller has imported it from
from services.contract.schemas import Page

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
# Each request carries an id of its own; the backend logs every line of it under that id and echoes
# it, so the error details can name the request for support (backend/kit/request_id.py).
REQUEST_ID_HEADER = "X-Request-ID"
# A request that is safe to send again (it carries an Idempotency-Key, or its caller says so) is
# sent again after these pauses when the line broke or a load balancer answered that its backend
# went away (502, 503, 504): another instance takes it, and the key makes it happen once.
RETRY_PAUSES = (0.2, 0.5, 1.0)
_BALANCER_GAVE_UP = frozenset({502, 503, 504})


def worth_sending_again(exc: ApiError) -> bool:
    """The line broke, or a balancer answered that the instance behind it went away: another
    instance may take the request (if sending it twice is safe)."""
    return exc.code == "network" or exc.status in _BALANCER_GAVE_UP


def _params(filters: Mapping[str, Any]) -> dict[str, str]:
    """Drops empty filters and turns values into query strings (datetimes as ISO 8601)."""
    out: dict[str, str] = {}
    for key, value in filters.items():
        if value is None or value == "":
            continue
        out[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return out


@cache
def _system_trust() -> ssl.SSLContext:
    """What ``verify=True`` trusts (certifi's CAs, or SSL_CERT_FILE/SSL_CERT_DIR), made once a
    process: loading the CAs takes 10–30 ms, and a process may make many clients (the screenshot
    command signs in the demo users one by one). A context is safe to share between clients."""
    return httpx.create_ssl_context()


class ApiClient:
    def __init__(self, base_url: str, *, timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 transport: httpx.AsyncBaseTransport | None = None,
                 verify: bool | str | Path | ssl.SSLContext = True):
        """``verify``: True trusts the system's CAs (certifi), a path trusts the CA bundle in
        that file, an SSLContext is used as given; False turns verification off (tests only)."""
        self.base_url = base_url.rstrip("/")
        self._token: str | None = None
        self.server_time: float | None = None  # the latest Date of an answer (epoch seconds)
        # A few requests in flight at most; one client reused for the app's life.
        limits = httpx.Limits(max_connections=8, max_keepalive_connections=8)
        if isinstance(verify, (str, Path)):  # httpx 0.28 deprecates a path: a context instead
            verify = ssl.create_default_context(cafile=str(verify))
        elif verify is True and transport is None:
            verify = _system_trust()
        self._http = httpx.AsyncClient(base_url=self.base_url, timeout=timeout, limits=limits,
                                       transport=transport, verify=verify)

    @property
    def token(self) -> str | None:
        return self._token

    def set_token(self, token: str | None) -> None:
        self._token = token

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- plumbing -------------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        """A new request id, and the sign-in."""
        headers = {REQUEST_ID_HEADER: uuid.uuid4().hex}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    async def request(self, method: str, path: str, *, headers: Mapping[str, str] | None = None,
                      retry: bool | None = None, **kwargs: Any) -> httpx.Response:
        """``retry``: send again on a broken line or a balancer's 502/503/504 (RETRY_PAUSES); by
        default only a request with an Idempotency-Key header is."""
        if retry is None:
            retry = any(name.lower() == "idempotency-key" for name in (headers or {}))
        pauses = iter(RETRY_PAUSES if retry else ())
        while True:
            try:
                return await self._request_once(method, path, headers=headers, **kwargs)
            except ApiError as exc:
                pause = next(pauses, None) if worth_sending_again(exc) else None
                if pause is None:
                    raise
                log.info("%s %s failed (%s); sending it again", method, path, exc.code)
                await asyncio.sleep(pause)

    async def _request_once(self, method: str, path: str, *, headers: Mapping[str, str] | None = None,
                            **kwargs: Any) -> httpx.Response:
        sent = {**self._headers(), **(headers or {})}  # a new request id for each sending
        try:
            response = await self._http.request(method, path, headers=sent, **kwargs)
        except httpx.TimeoutException as exc:
            raise ApiError(0, "timeout", "The server did not answer in time.", str(exc),
                           request_id=sent[REQUEST_ID_HEADER]) from exc
        except httpx.TransportError as exc:
            raise _transport_error(exc, sent[REQUEST_ID_HEADER]) from exc
        self._note_server_time(response)
        if response.is_error:
            raise _error_from(response)
        return response

    def _note_server_time(self, response: httpx.Response) -> None:
        """Keeps the latest ``Date`` an answer carried: the workstation's offline grants refuse a
        clock set back behind the latest time seen, the backend's included (services/offline/grant.py)."""
        stamp = response.headers.get("date")
        if not stamp:
            return
        try:
            seen = parsedate_to_datetime(stamp).timestamp()
        except (TypeError, ValueError):
            return  # a proxy's malformed header says nothing about the time
        if self.server_time is None or seen > self.server_time:
            self.server_time = seen

    async def get_model(self, path: str, model: type[M], params: Mapping[str, Any] | None = None) -> M:
        response = await self.request("GET", path, params=_params(params or {}))
        return model.model_validate_json(response.content)

    async def get_page(self, path: str, item_model: type[M], params: Mapping[str, Any], *,
                       in_thread: bool = False) -> Page[M]:
        """One page; ``in_thread`` parses it in a worker thread (a page of thousands of rows would
        hold the window for tens of milliseconds)."""
        response = await self.request("GET", path, params=_params(params))
        parse = Page[item_model].model_validate_json  # type: ignore[valid-type]
        return await asyncio.to_thread(parse, response.content) if in_thread else parse(response.content)

    async def download(self, path: str, target: Path, params: Mapping[str, Any] | None = None,
                       progress: Callable[[int], object] | None = None) -> int:
        """Streams a file to ``target`` (written to a sibling temp file, then renamed).

        Disk writes run in a worker thread, so a slow or network drive never stalls the window;
        a failed or cancelled download leaves no file behind.
        """
        partial = target.with_name(target.name + ".part")
        written = 0
        try:
            async with self._http.stream("GET", path, params=_params(params or {}),
                                         headers=self._headers(), timeout=httpx.Timeout(300.0)) as resp:
                if resp.is_error:
                    await resp.aread()
                    raise _error_from(resp)
                fh = await asyncio.to_thread(partial.open, "wb")
                try:
                    async for chunk in resp.aiter_bytes(1 << 16):
                        await asyncio.to_thread(fh.write, chunk)
                        written += len(chunk)
                        if progress is not None:
                            progress(written)
                finally:
                    await asyncio.to_thread(fh.close)
            await asyncio.to_thread(partial.replace, target)
        except httpx.TransportError as exc:
            raise _transport_error(exc) from exc
        finally:
            partial.unlink(missing_ok=True)
        return written

    @asynccontextmanager
    async def event_lines(self, path: str, *, headers: Mapping[str, str] | None = None,
                          read_timeout: float) -> AsyncIterator[AsyncIterator[str]]:
        """A long-lived GET read line by line as the server writes it (server-sent events). Yields
        once the answer has started; an error answer raises ``ApiError`` before, and so does a
        line that breaks or stays silent for ``read_timeout`` seconds while reading."""
        timeout = httpx.Timeout(read_timeout, connect=DEFAULT_TIMEOUT.connect)
        try:
            async with self._http.stream("GET", path, headers={**self._headers(), **(headers or {})},
                                         timeout=timeout) as response:
                self._note_server_time(response)
                if response.is_error:
                    await response.aread()
                    raise _error_from(response)
                yield _lines(response)
        except httpx.TimeoutException as exc:
            raise ApiError(0, "timeout", "The server did not answer in time.", str(exc)) from exc
        except httpx.TransportError as exc:
            raise _transport_error(exc) from exc

    # --- paging ---------------------------------------------------------------------------------

    async def iter_pages(self, path: str, item_model: type[M], params: Mapping[str, Any],
                         limit: int = 500, *, in_thread: bool = False) -> AsyncIterator[Page[M]]:
        cursor = None
        while True:
            page = await self.get_page(path, item_model, {**params, "limit": limit, "cursor": cursor},
                                       in_thread=in_thread)
            yield page
            if not page.next_cursor:
                return
            cursor = page.next_cursor


async def _lines(response: httpx.Response) -> AsyncIterator[str]:
    """``response``'s lines; a line that breaks or falls silent raises ``ApiError`` here, where the
    reader is, not where the stream was opened."""
    try:
        async for line in response.aiter_lines():
            yield line
    except httpx.TimeoutException as exc:
        raise ApiError(0, "timeout", "The server went silent.", str(exc)) from exc
    except httpx.TransportError as exc:
        raise _transport_error(exc) from exc


def _transport_error(exc: httpx.TransportError, request_id: str | None = None) -> ApiError:
    """``tls`` when the server's certificate was refused, else ``network``."""
    if _certificate_failure(exc):
        return ApiError(0, "tls", "The server's certificate could not be verified.", str(exc), request_id=request_id)
    return ApiError(0, "network", "The server cannot be reached.", str(exc), request_id=request_id)


def _certificate_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        current = current.__cause__ or current.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _error_from(response: httpx.Response) -> ApiError:
    if response.status_code in _BALANCER_GAVE_UP and "json" not in response.headers.get("content-type", ""):
        # Not the backend's answer (always JSON): a load balancer or proxy with no instance behind it to take
        # the request. To the user that is a server out of reach, as a broken line is.
        return ApiError(response.status_code, "network", "The server cannot be reached.",
                        f"{response.status_code} {response.reason_phrase} from a proxy or load balancer")
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return ApiError(
        response.status_code,
        str(body.get("code") or f"http_{response.status_code}"),
        str(body.get("title") or response.reason_phrase or "Error"),
        body.get("detail"),
        body.get("errors"),
        request_id=_request_id(response),
    )


def _request_id(response: httpx.Response) -> str | None:
    """The id the backend answered with, else the one the request was sent with."""
    answered: str | None = response.headers.get(REQUEST_ID_HEADER)
    if answered:
        return answered
    try:
        sent: str | None = response.request.headers.get(REQUEST_ID_HEADER)
    except RuntimeError:  # a response made without a request
        return None
    return sent
