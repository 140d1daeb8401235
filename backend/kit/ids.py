"""Path ids bounded as the database stores them. A larger number names no row; unbounded, it
reached the driver and failed there (an overflow on SQLite, a data error on PostgreSQL)."""

from typing import Annotated

from fastapi import Path

from services.contract.schemas import MAX_STORED_ID

# BIGINT keys (message records and attempts), up to what a JSON number holds exactly everywhere.
MAX_BIGINT = 2**53 - 1

RowId = Annotated[int, Path(ge=1, le=MAX_STORED_ID)]
MessageId = Annotated[int, Path(ge=1, le=MAX_BIGINT)]
