"""Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON.

Keys are lists of strings (account numbers, currencies, ISO timestamps), so a decoded cursor
is checked for exactly that before it reaches SQL.
"""

import base64
import json

from backend.kit.errors import AppError
from services.contract.errors import ErrorCode


def encode_cursor(key: list[str]) -> str:
    raw = json.dumps(key, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, length: int) -> list[str] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.") from exc
    if not isinstance(key, list) or len(key) != length or not all(isinstance(k, str) for k in key):
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.")
    return key


def decode_id_cursor(cursor: str | None) -> int | None:
    """The row id a newest-first page continues below, or None for the first page."""
    key = decode_cursor(cursor, 1)
    if key is None:
        return None
    if not key[0].isdigit():
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.")
    return int(key[0])
