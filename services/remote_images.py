"""Images from other sites for the Markdown preview, fetched only when the user asks.

A client of its own, never the app's ApiClient: these requests go to other sites and must never
carry the app's sign-in; a press of "Load remote images" is rare, so no client is kept between
presses. Each image is size-capped, and an answer that is not an image is refused.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from enum import StrEnum

import httpx

log = logging.getLogger(__name__)

IMAGE_BYTES_MAX = 5 * 1024 * 1024
FETCHES_AT_ONCE = 4
FETCH_TIMEOUT = httpx.Timeout(10.0, connect=5.0)

Transport = httpx.AsyncBaseTransport  # tests hand a mock one to the preview


class Refusal(StrEnum):
    """Why an image was not loaded; the UI words it in the user's language."""

    STATUS = "status"  # the site answered something else than 200 (``status``)
    NOT_AN_IMAGE = "not_an_image"
    TOO_LARGE = "too_large"  # more than IMAGE_BYTES_MAX
    NO_ANSWER = "no_answer"  # unreachable, timed out, a bad address or too many redirects


class ImageRefused(Exception):
    def __init__(self, refusal: Refusal, status: int | None = None):
        super().__init__(refusal.value if status is None else f"{refusal.value} {status}")
        self.refusal = refusal
        self.status = status


class RemoteImages:
    def __init__(self, transport: Transport | None = None):
        self._transport = transport

    async def fetch_all(self, urls: Sequence[str]) -> dict[str, bytes | ImageRefused]:
        """Each address's bytes, or why it was refused; a few at a time."""
        limit = asyncio.Semaphore(FETCHES_AT_ONCE)
        async with httpx.AsyncClient(timeout=FETCH_TIMEOUT, follow_redirects=True, max_redirects=3,
                                     transport=self._transport) as client:
            fetched = await asyncio.gather(*(self._fetch(client, limit, url) for url in urls))
        return dict(zip(urls, fetched, strict=True))

    async def _fetch(self, client: httpx.AsyncClient, limit: asyncio.Semaphore, url: str) -> bytes | ImageRefused:
        async with limit:
            try:
                return await _download(client, url)
            except ImageRefused as refused:
                return refused
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                log.info("remote image %s not loaded: %s", url, exc)
                return ImageRefused(Refusal.NO_ANSWER)


async def _download(client: httpx.AsyncClient, url: str) -> bytes:
    async with client.stream("GET", url, headers={"Accept": "image/*"}) as response:
        if response.status_code != 200:
            raise ImageRefused(Refusal.STATUS, response.status_code)
        kind = response.headers.get("content-type", "")
        if kind and not kind.lower().startswith("image/"):
            raise ImageRefused(Refusal.NOT_AN_IMAGE)
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > IMAGE_BYTES_MAX:
            raise ImageRefused(Refusal.TOO_LARGE)
        data = bytearray()
        async for chunk in response.aiter_bytes():
            data += chunk
            if len(data) > IMAGE_BYTES_MAX:
                raise ImageRefused(Refusal.TOO_LARGE)
        return bytes(data)
