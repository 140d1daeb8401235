"""Path ids bounded as the database stores them (services/contract/schemas.py). A larger number
names no row; unbounded, it reached the driver and failed there (an overflow on SQLite, a data
error on PostgreSQL)."""

from typing import Annotated

from fastapi import Path

from services.contract.schemas import MAX_MESSAGE_ID, MAX_STORED_ID

RowId = Annotated[int, Path(ge=1, le=MAX_STORED_ID)]
MessageId = Annotated[int, Path(ge=1, le=MAX_MESSAGE_ID)]
