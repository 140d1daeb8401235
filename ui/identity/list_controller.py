"""What Identity's Users and Roles controllers share: one ``OpRunner`` (a list read under LOAD, one
action at a time under ACTION), whether the list has been read, and the outcome line. A refusal is
said in the user's language, each reason after its sentence; a row someone else changed first
(404, 409) reads the list again. The shell still hears of sessions that ended.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QObject, Signal

from services.api_client import ApiError
from services.clients.identity import IdentityClient
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import refusal_reasons

LOAD, ACTION = "load", "action"  # the runner's keys


class IdentityListController(QObject):
    loaded = Signal()  # the list was read (again), or what it shows changed
    stateChanged = Signal()  # the current row, an action in flight or the outcome changed

    def __init__(self, ctx: PageContext, client: IdentityClient | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = client or IdentityClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.ops.runningChanged.connect(lambda *_: self.stateChanged.emit())
        self.outcome: tuple[str, bool] | None = None  # (text in the UI language when said, failed)
        self._asked = False

    def load(self) -> asyncio.Task:
        self._asked = True
        return self.ops.run(self._read(), key=LOAD, on_success=self._show)

    async def _read(self) -> Any:
        raise NotImplementedError

    def _show(self, read: Any) -> None:
        raise NotImplementedError

    @property
    def settled(self) -> bool:
        return self._asked and not self.ops.running(LOAD)

    @property
    def acting(self) -> bool:
        return self.ops.running(ACTION)

    def _refused(self, exc: BaseException) -> bool:
        if not isinstance(exc, ApiError):
            return False
        self.say(" ".join(dict.fromkeys([self._ctx.describe(exc), *refusal_reasons(exc.errors)])), failed=True)
        if exc.status in (404, 409):
            self.load()  # someone else changed it first: show what is there now
        return not exc.is_auth

    def say(self, text: str, *, failed: bool) -> None:
        """The outcome line (a page says there why it cannot do what was asked, too)."""
        self.outcome = (text, failed)
        self.stateChanged.emit()
