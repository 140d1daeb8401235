"""Server-sent events read line by line, as the HTML standard's event-stream parser does: ``event``,
``data`` (lines joined by newlines) and ``id`` fields, comment lines (``:``) ignored, a blank line
ending an event. An event without data is not dispatched; an ``id`` is remembered even then."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ServerEvent:
    type: str
    data: str
    id: str | None  # the stream's last event id once this event was read

    def json(self) -> Any:
        return json.loads(self.data)


class SseParser:
    def __init__(self) -> None:
        self.last_event_id: str | None = None
        self._type = ""
        self._data: list[str] = []
        self.lines = 0  # lines read, comments included: a heartbeat counts as life

    def feed(self, line: str) -> ServerEvent | None:
        """One line (without its end); the event it completes, if any."""
        self.lines += 1
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._type = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\0" not in value:
            self.last_event_id = value
        return None

    def _dispatch(self) -> ServerEvent | None:
        data, event_type = self._data, self._type or "message"
        self._data, self._type = [], ""
        if not data:
            return None
        return ServerEvent(event_type, "\n".join(data), self.last_event_id)
