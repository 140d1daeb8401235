"""Log lines as JSON, one object a line, for a log shipper: time, level, logger, message, the
request id of the request being served, the fields a call passed in ``extra``, and the traceback.

``text`` keeps the human format (the one-off commands use it).
"""

import json
import logging
import sys
from datetime import UTC, datetime

from backend.kit import request_id

# What every LogRecord has: anything else on a record came from ``extra=`` and is written as a field
# (but uvicorn's ``color_message``, the message again with terminal colours).
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "request_id", "color_message"}
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (rid := getattr(record, "request_id", None)) is not None:
            line["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in line:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str, log_format: str) -> None:
    """The root logger's one handler on stderr, unless the process has one already (a test
    runner's, or the one a command set up before the app): as ``logging.basicConfig`` does."""
    request_id.stamp_log_records()
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root.addHandler(handler)
    root.setLevel(level.upper())
