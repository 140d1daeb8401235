"""A local stand-in of an SMS provider's HTTP API, speaking what SmsProvider speaks.

``POST /send`` with JSON ``{"to", "text"}`` answers 200 ``{"message_id": "local-<n>"}`` and
appends ``{message_id, to, text, received_at}`` as one line to ``<folder>/sms.jsonl``. Numbers
ending in 0000 are refused with 400 ``{"error": "invalid number"}`` so that a demo shows a
permanent failure too; a malformed request is a 400 as well.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from services.contract.launch import LOCAL_SMS_LOG

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
SEND_PATH = "/send"
LOG_NAME = LOCAL_SMS_LOG
REFUSED_SUFFIX = "0000"
MAX_BODY = 64 * 1024


def read_sms_log(folder: Path) -> list[dict]:
    """Every message the stand-in accepted, oldest first (empty before the first)."""
    path = Path(folder) / LOG_NAME
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class _Log:
    """Appends under a lock (the server answers each request in its own thread); numbering goes on
    from what the folder already holds, so message ids stay unique across restarts."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / LOG_NAME
        self._lock = threading.Lock()
        self._count = len(read_sms_log(folder))

    def append(self, to: str, text: str) -> str:
        with self._lock:
            self._count += 1
            entry = {"message_id": f"local-{self._count}", "to": to, "text": text,
                     "received_at": datetime.now(UTC).isoformat()}
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return entry["message_id"]


class _Handler(BaseHTTPRequestHandler):
    server: _GatewayServer

    def do_POST(self):  # noqa: N802 - the http.server API
        if self.path != SEND_PATH:
            return self._answer(404, {"error": "not found"})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._answer(411, {"error": "Content-Length required"})
        if not 0 <= length <= MAX_BODY:
            return self._answer(413, {"error": "request too large"})
        try:
            request = json.loads(self.rfile.read(length))
        except (UnicodeDecodeError, ValueError):
            return self._answer(400, {"error": "malformed JSON"})
        to, text = (request.get("to"), request.get("text")) if isinstance(request, dict) else (None, None)
        if not (isinstance(to, str) and to.strip() and isinstance(text, str)):
            return self._answer(400, {"error": "'to' and 'text' are required strings"})
        if to.endswith(REFUSED_SUFFIX):
            return self._answer(400, {"error": "invalid number"})
        return self._answer(200, {"message_id": self.server.sms_log.append(to, text)})

    def _answer(self, code: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - the http.server API
        log.debug("sms gateway: " + format, *args)


class _GatewayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, sms_log: _Log):
        super().__init__(address, _Handler)
        self.sms_log = sms_log


class SmsGateway:
    """Started by :func:`start_sms_gateway`; ``url`` is what SmsProvider posts to."""

    def __init__(self, server: _GatewayServer, folder: Path):
        self._server = server
        self.folder = folder
        self.port: int = server.server_address[1]
        self.url = f"http://{HOST}:{self.port}{SEND_PATH}"
        self._thread = threading.Thread(target=server.serve_forever, name="sms-gateway", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)


def start_sms_gateway(folder: Path, port: int = 0) -> SmsGateway:
    """Listens on 127.0.0.1 (port 0: a free one) and logs to ``<folder>/sms.jsonl``."""
    folder = Path(folder)
    gateway = SmsGateway(_GatewayServer((HOST, port), _Log(folder)), folder)
    log.info("local SMS gateway at %s logging to %s", gateway.url, folder / LOG_NAME)
    return gateway
