"""Keyset pages in either direction, for every list endpoint: forward after a cursor (the list's
order) or backward, from the end of the list or before a cursor (the order reversed in SQL, the
rows flipped back before they are answered), so the last page of any list costs what the first
does.

A listing names its ordered key columns once (``Keyset``: the columns, how a cursor's text becomes
each value, whether the list runs newest first); ``seek`` reads where a request starts from its
``cursor`` / ``before`` / ``from_end``; the repository adds ``where(seek)`` and ``order_by(seek)``
to its query and reads ``limit + 1`` rows; ``page`` trims and flips them and gives the cursors:
``next_cursor`` for the page after (None at the end), ``prev_cursor`` for the page before (None at
the start).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, tuple_

from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode

R = TypeVar("R")


def aware_datetime(text: str) -> datetime:
    """A cursor's timestamp: ISO 8601 with its offset (a naive one is not a cursor we wrote)."""
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError("a cursor's timestamp has its offset")
    return at


def positive_int(text: str) -> int:
    if not text.isdigit():
        raise ValueError("not a row id")
    return int(text)


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


@dataclass(frozen=True)
class Seek:
    """Where a page starts: after ``key`` (forward; None: the start) or before it (backward;
    None: the end)."""

    key: tuple | None = None
    backward: bool = False


FROM_START = Seek()  # the first page forward

@dataclass(frozen=True)
class Slice(Generic[R]):
    rows: list[R]
    next_cursor: str | None
    prev_cursor: str | None


class Keyset:
    """A list's order: its key columns, the last one unique (an id, a symbol), all ascending or
    all descending (``descending``: newest first)."""

    def __init__(self, columns: Sequence[Any], parse: Sequence[Callable[[str], Any]], *, descending: bool = False):
        if len(columns) != len(parse):
            raise ValueError("one parser per key column")
        self.columns = tuple(columns)
        self.parse = tuple(parse)
        self.descending = descending

    # --- the request ---------------------------------------------------------------------------

    def decode(self, cursor: str | None) -> tuple | None:
        texts = decode_cursor(cursor, len(self.columns))
        if texts is None:
            return None
        try:
            return tuple(parse(text) for parse, text in zip(self.parse, texts, strict=True))
        except ValueError:
            raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.") from None

    def encode(self, key: Sequence[Any]) -> str:
        return encode_cursor([_text(value) for value in key])

    def seek(self, query: Any) -> Seek:
        """Where ``query`` (a PageParams) starts: ``before`` a cursor, ``from_end``, or after ``cursor``."""
        before = getattr(query, "before", None)
        if before and query.cursor:
            raise AppError(400, ErrorCode.INVALID_CURSOR, "A page is read after a cursor or before one, not both.")
        if before:
            return Seek(self.decode(before), backward=True)
        if getattr(query, "from_end", False):
            return Seek(None, backward=True)
        return Seek(self.decode(query.cursor))

    # --- the SQL -------------------------------------------------------------------------------

    def _walks_up(self, seek: Seek) -> bool:
        """Whether the query reads the key in ascending order."""
        return seek.backward == self.descending

    def where(self, seek: Seek, columns: Sequence[Any] | None = None) -> list[ColumnElement[bool]]:
        """The position as a condition: a row value, which both databases seek an index to
        (``columns``: the key's columns as a query writes them, e.g. kept off an index)."""
        if seek.key is None:
            return []
        columns = self.columns if columns is None else tuple(columns)
        if len(columns) == 1:
            column, value = columns[0], seek.key[0]
        else:
            column, value = tuple_(*columns), tuple_(*seek.key)
        return [column > value if self._walks_up(seek) else column < value]

    def order_by(self, seek: Seek) -> list[Any]:
        up = self._walks_up(seek)
        return [column.asc() if up else column.desc() for column in self.columns]

    # --- the answer ----------------------------------------------------------------------------

    def page(self, rows: Sequence[R], limit: int, seek: Seek, key_of: Callable[[R], Sequence[Any]]) -> Slice[R]:
        """``rows``, up to ``limit + 1`` read in ``order_by(seek)``, as a page in the list's order
        with the cursors of the pages either side of it."""
        more = len(rows) > limit
        shown = list(rows[:limit])
        if seek.backward:
            shown.reverse()
            after, before = seek.key is not None, more
        else:
            after, before = more, seek.key is not None
        if not shown:
            return Slice(shown, None, None)
        return Slice(shown, self.encode(key_of(shown[-1])) if after else None,
                     self.encode(key_of(shown[0])) if before else None)
