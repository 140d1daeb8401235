"""The client's one error: what a request to the backend ended with, when not an answer it can use.

Apart from the client (services/api_client.py, httpx and pydantic) so that what only catches or
words the error, the shell's op runner and error messages, loads without them: the sign-in dialog
is shown before the client has loaded.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer of the backend (problem+json) or a transport failure (code ``network``,
    ``timeout``, or ``tls`` when the server's certificate could not be verified). ``request_id``:
    the request's id as the backend logged it (its answer's ``X-Request-ID``, else the one sent)."""

    def __init__(self, status: int, code: str, title: str, detail: str | None = None,
                 errors: list[dict[str, Any]] | None = None, request_id: str | None = None):
        super().__init__(f"{code}: {title}" + (f" ({detail})" if detail else ""))
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.request_id = request_id

    @property
    def is_network(self) -> bool:
        return self.code in ("network", "timeout")

    @property
    def is_auth(self) -> bool:
        return self.status == 401
