"""Streaming a finished workbook (a spooled temporary file) as a download named with the HK time."""

from typing import IO, Any

from fastapi.responses import StreamingResponse

from backend.kit.hk_time import hk_now

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX: {}}}}  # an export route's OpenAPI


def xlsx_response(spool: IO[bytes], stem: str) -> StreamingResponse:
    """``<stem>-<YYYYMMDD-HHMM>.xlsx``; the spool is closed once sent."""
    name = f"{stem}-{hk_now():%Y%m%d-%H%M}.xlsx"

    def chunks():
        with spool:
            while block := spool.read(1 << 16):
                yield block

    return StreamingResponse(chunks(), media_type=XLSX,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
