"""A local SMTP server (aiosmtpd, in a thread of its own) that keeps every message it accepts in a
Maildir folder, which any mail client or ``mailbox.Maildir`` can open."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

log = logging.getLogger(__name__)

HOST = "127.0.0.1"


class _FreePortController(Controller):
    """aiosmtpd's Controller binds port 0 but then checks itself on port 0 (aiosmtpd issue 388):
    take the port the system chose before that check."""

    def _trigger_server(self) -> None:
        if not isinstance(self.server, asyncio.Server):  # started by then, and an asyncio.Server
            raise RuntimeError("the SMTP server is not listening")
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class MailServer:
    """Started by :func:`start_mail_server`; ``port`` is where it listens, ``stop()`` ends it."""

    def __init__(self, controller: Controller, folder: Path):
        self._controller = controller
        self.folder = folder
        self.port: int = controller.port

    def stop(self) -> None:
        self._controller.stop()


def start_mail_server(folder: Path, port: int = 0) -> MailServer:
    """Listens on 127.0.0.1 (port 0: a free one); the Maildir is created if missing."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)  # Maildir creates the folder, not its parents
    # A fixed greeting name: the default looks up this host's FQDN, which can stall without DNS.
    controller = _FreePortController(Mailbox(folder), hostname=HOST, port=port, server_hostname="localhost")
    controller.start()
    log.info("local SMTP server on %s:%d keeping mail in %s", HOST, controller.port, folder)
    return MailServer(controller, folder)
