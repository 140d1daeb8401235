"""Resend on Message Records, without a widget: what may be resent, the request (one for all the
records chosen), each record's outcome as the server answers and as the dispatcher delivers, then
the rows and the detail read again.

A request that got no answer is remembered: asking again for the same records repeats it with its
key (services/message_resend.py), so nothing is sent twice. Requests run on ``ops``; following
runs on ``follows``, so a lost session while following is reported without stopping the page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.contract.permissions import Perm
from services.contract.schemas import BULK_RESEND_MAX, MessageRecordOut, ResendResult, channel_resendable
from services.message_resend import FOLLOW_SECONDS, POLL_SECONDS, ResendAction, may_retry
from ui.common.op_runner import OpRunner
from ui.messages import labels
from ui.messages.resend_outcome_model import ResendOutcomeModel

if TYPE_CHECKING:
    from ui.messages.records_controller import MessageRecordsController

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings
REQUEST = "request"  # the runner's key of a resend request


class ResendController(QObject):
    started = Signal(object, object)  # a ResendAction and its ResendOutcomeModel, now the current one
    followingEnded = Signal(object)  # a ResendOutcomeModel no longer requested or followed

    def __init__(self, records: MessageRecordsController):
        super().__init__(records)
        self._records = records
        ctx = records.context
        self._describe = ctx.describe
        self.can_resend = ctx.can(Perm.MESSAGE_RECORD_RESEND)  # the backend decides either way
        self.ops = OpRunner(self, ctx.report_error)
        self.follows = OpRunner(self, ctx.report_error)  # resends followed until their attempts settle
        self.poll_seconds = POLL_SECONDS  # how often, and how long, resends are followed
        self.follow_seconds = FOLLOW_SECONDS
        self._live_models: set[ResendOutcomeModel] = set()  # resends still requesting or followed
        self._unanswered: ResendAction | None = None  # the last action that got no answer
        self._current: tuple[ResendAction, ResendOutcomeModel] | None = None  # the one the results show

    @property
    def requesting(self) -> bool:
        """A resend request waits for its answer."""
        return self.ops.running(REQUEST)

    @property
    def following(self) -> bool:
        return self.follows.busy

    @property
    def current(self) -> ResendOutcomeModel | None:
        """The last resend's outcomes (the results window and the outcome line show them)."""
        return None if self._current is None else self._current[1]

    def problem(self, rows: Sequence[MessageRecordOut]) -> str | None:
        """Why ``rows`` cannot be resent as one request, in the user's language; None if they can."""
        if not rows:
            return translate("MessageRecordsPage", "Select the messages to resend first.")
        if len(rows) > BULK_RESEND_MAX:
            return translate("MessageRecordsPage", "{count} messages are selected; resend at most {max} "
                                                   "at a time.").format(count=f"{len(rows):,}", max=BULK_RESEND_MAX)
        others = [r for r in rows if not channel_resendable(r.channel)]
        if others:
            return translate("MessageRecordsPage", "Only SMS and Email can be resent: {count} of the selected "
                                                   "messages went by {channels}.").format(
                count=len(others), channels=", ".join(sorted({labels.channel_text(r.channel) for r in others})))
        return None

    def unanswered(self, rows: Sequence[MessageRecordOut]) -> ResendAction | None:
        """The request for exactly these records that got no answer: asking again repeats it."""
        ids = tuple(r.id for r in rows)
        action = self._unanswered
        return action if action is not None and action.record_ids == ids else None

    def retry(self, action: ResendAction) -> asyncio.Task | None:
        """Try Again in the results: the same request, with the same key."""
        if self._current is None or self._current[0] is not action:
            return None
        return self.start([o.record for o in self._current[1].outcomes()], action)

    def start(self, rows: Sequence[MessageRecordOut], action: ResendAction) -> asyncio.Task | None:
        """Sends ``action`` and follows its attempts; ``started`` hands its outcomes to the view."""
        if self.requesting:
            return None
        model = ResendOutcomeModel(rows, self._describe, self)
        self._live_models.add(model)
        previous = self.current
        self._current = (action, model)
        self.started.emit(action, model)
        self._retire(previous)
        model.set_requesting()
        return self.ops.run(self._records.client.resend(action), key=REQUEST,
                            on_success=partial(self._resent, action, model),
                            on_failure=partial(self._not_resent, action, model))

    def _not_resent(self, action: ResendAction, model: ResendOutcomeModel, exc: BaseException) -> bool:
        """Shown per record; the shell hears of sessions and the network too."""
        if may_retry(exc):
            self._unanswered = action  # the next try reuses its key
            model.set_not_sent(exc)
        elif isinstance(exc, ApiError) and not exc.is_auth:
            model.set_refused(exc)
        else:
            model.set_not_sent(exc)
        self._live_models.discard(model)
        self.followingEnded.emit(model)
        return isinstance(exc, ApiError) and not exc.is_auth and not exc.is_network

    def _resent(self, action: ResendAction, model: ResendOutcomeModel, results: list[ResendResult]) -> None:
        if self._unanswered is action:
            self._unanswered = None
        model.apply_results(results)
        self.follows.run(self._follow(action, model))

    async def _follow(self, action: ResendAction, model: ResendOutcomeModel) -> None:
        """Shows the new attempt in the detail at once, follows the attempts, then reads the rows again."""
        shown = self._records.shown
        if shown is not None and shown.id in action.record_ids:
            self._records.open_record(shown.id, force=True)
        attempt_ids = model.attempt_ids()
        try:
            if attempt_ids:
                await self._records.client.follow(attempt_ids, model.apply_attempts, interval=self.poll_seconds,
                                                  limit=self.follow_seconds)
        finally:  # followed to the end, stopped, or refused (the runner reports a lost session)
            if shiboken6.isValid(self):
                self._live_models.discard(model)
                if self.current is model:
                    self.followingEnded.emit(model)
                else:
                    self._retire(model)
        await self._records.refresh_records([o.record.id for o in model.outcomes() if o.attempt_id is not None])

    def _retire(self, model: ResendOutcomeModel | None) -> None:
        """Deletes a resend's outcomes once nothing shows or follows them any more."""
        if model is not None and model not in self._live_models and model is not self.current:
            model.deleteLater()

    def stop_following(self) -> None:
        """Stops following resends (their rows are not read again); the page stays usable."""
        self.follows.cancel_all()
