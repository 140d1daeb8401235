"""Each record of a resend and how it went, as the answers and the attempts' states arrive.

A record starts as "requesting"; the server's answer makes it refused (a translated reason from
its code) or queued with an attempt; following that attempt moves it to sending, then sent,
delivered, failed or bounced. "Not sent" means no answer came back (the network): trying again
reuses the action's key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor

from services.api_client import ApiError
from services.contract.schemas import DeliveryAttemptOut, MessageRecordOut, MessageStatus, ResendResult
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel
from ui.messages import labels

CONTEXT = "ResendResults"
translate = QCoreApplication.translate  # the name lupdate recognises


class Step(StrEnum):
    """Where a record's resend stands before the dispatcher has it (then its MessageStatus)."""

    REQUESTING = "requesting"
    NOT_SENT = "not_sent"
    REFUSED = "refused"


_STEP_TEXTS: dict[str, str] = {
    Step.REQUESTING: QT_TRANSLATE_NOOP("ResendResults", "Requesting…"),
    Step.NOT_SENT: QT_TRANSLATE_NOOP("ResendResults", "Not sent"),
    Step.REFUSED: QT_TRANSLATE_NOOP("ResendResults", "Refused"),
}
_STEP_COLORS: dict[str, str] = {Step.REQUESTING: "#627d98", Step.NOT_SENT: "#b42318", Step.REFUSED: "#b42318"}

HEADERS = (
    QT_TRANSLATE_NOOP("ResendResults", "No."),
    QT_TRANSLATE_NOOP("ResendResults", "Account No."),
    QT_TRANSLATE_NOOP("ResendResults", "Recipient"),
    QT_TRANSLATE_NOOP("ResendResults", "Subject"),
    QT_TRANSLATE_NOOP("ResendResults", "Outcome"),
    QT_TRANSLATE_NOOP("ResendResults", "Details"),
)
OUTCOME_COLUMN = 4
WIDTHS_CHARS = (7, 10, 18, 32, 10, 40)


@dataclass(frozen=True)
class RecordOutcome:
    record: MessageRecordOut
    state: str = Step.REQUESTING  # a Step, or the attempt's MessageStatus
    attempt_id: int | None = None
    code: str | None = None  # why it was refused (an ErrorCode)
    server_detail: str | None = None  # the server's own words about a refusal (English)
    provider_message_id: str | None = None
    error: str | None = None  # a failed attempt's error, as the provider said it

    @property
    def final(self) -> bool:
        return self.state in (Step.NOT_SENT, Step.REFUSED) or labels.is_final(self.state)


@dataclass(frozen=True)
class ResendTally:
    """How many records of a resend stand where: done (sent, delivered), waiting, failed (failed,
    bounced), refused, and not sent."""

    done: int = 0
    waiting: int = 0
    failed: int = 0
    refused: int = 0
    not_sent: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[RecordOutcome]) -> ResendTally:
        groups: Counter[str] = Counter()
        for o in outcomes:
            if o.state in (MessageStatus.SENT, MessageStatus.DELIVERED):
                groups["done"] += 1
            elif o.state in (MessageStatus.FAILED, MessageStatus.BOUNCED):
                groups["failed"] += 1
            elif o.state in (Step.REFUSED, Step.NOT_SENT):
                groups[str(o.state)] += 1
            else:
                groups["waiting"] += 1
        return cls(**groups)

    @property
    def any_failed(self) -> bool:
        """Some record was not sent, failed or was refused: the summary reads as a failure."""
        return bool(self.not_sent or self.failed or self.refused)


def state_text(state: str) -> str:
    source = _STEP_TEXTS.get(state)
    return translate(CONTEXT, source) if source else labels.status_text(state)


def state_color(state: str) -> str | None:
    return _STEP_COLORS.get(state) or labels.status_color(state)


class ResendOutcomeModel(ReadOnlyTableModel):
    changed = Signal()  # after any outcome changed (the summary follows)

    def __init__(self, records: Sequence[MessageRecordOut], describe: Callable[[BaseException], str],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._describe = describe
        self._rows = [RecordOutcome(record) for record in records]
        self._by_record = {o.record.id: i for i, o in enumerate(self._rows)}
        self._by_attempt: dict[int, int] = {}
        self._not_sent_because: BaseException | None = None

    # --- state --------------------------------------------------------------------------------

    def outcomes(self) -> tuple[RecordOutcome, ...]:
        return tuple(self._rows)

    def outcome(self, record_id: int) -> RecordOutcome:
        return self._rows[self._by_record[record_id]]

    def attempt_ids(self) -> list[int]:
        return list(self._by_attempt)

    @property
    def finished(self) -> bool:
        return all(o.final for o in self._rows)

    def tally(self) -> ResendTally:
        return ResendTally.of(self._rows)

    def summary(self) -> str:
        tally = self.tally()
        if tally.not_sent:
            return translate("ResendResults", "{count} not sent: {reason}").format(
                count=tally.not_sent, reason=self.details_text(self._rows[0]))
        parts = [translate("ResendResults", "{count} sent").format(count=tally.done),
                 translate("ResendResults", "{count} in progress").format(count=tally.waiting)]
        if tally.failed:
            parts.append(translate("ResendResults", "{count} failed").format(count=tally.failed))
        if tally.refused:
            parts.append(translate("ResendResults", "{count} refused").format(count=tally.refused))
        return translate("ResendResults", "Resend of {count}: {parts}").format(
            count=len(self._rows), parts=" · ".join(parts))

    # --- updates ------------------------------------------------------------------------------

    def set_requesting(self) -> None:
        self._not_sent_because = None
        self._update([replace(o, state=Step.REQUESTING) for o in self._rows])

    def set_not_sent(self, exc: BaseException) -> None:
        """No answer: every record that has none yet is not sent (Try Again resends with the key)."""
        self._not_sent_because = exc
        self._update([replace(o, state=Step.NOT_SENT) if o.state == Step.REQUESTING else o for o in self._rows])

    def set_refused(self, exc: ApiError) -> None:
        """The whole request was refused (a validation or permission answer): each record with it."""
        self._update([replace(o, state=Step.REFUSED, code=exc.code, server_detail=exc.detail or exc.title)
                      for o in self._rows])

    def apply_results(self, results: Iterable[ResendResult]) -> None:
        rows = list(self._rows)
        for result in results:
            row = self._by_record.get(result.record_id)
            if row is None:
                continue
            current = rows[row]
            if result.attempt_id is None:
                rows[row] = replace(current, state=Step.REFUSED, code=result.code, server_detail=result.detail)
            else:
                rows[row] = replace(current, state=result.status or MessageStatus.QUEUED,
                                    attempt_id=result.attempt_id, code=None, server_detail=None)
                self._by_attempt[result.attempt_id] = row
        self._update(rows)

    def apply_attempts(self, attempts: Iterable[DeliveryAttemptOut]) -> None:
        rows = list(self._rows)
        for attempt in attempts:
            row = self._by_attempt.get(attempt.id)
            if row is not None:
                rows[row] = replace(rows[row], state=attempt.status,
                                    provider_message_id=attempt.provider_message_id, error=attempt.error)
        self._update(rows)

    def _update(self, rows: list[RecordOutcome]) -> None:
        """The outcomes as they are now: the views and the summary follow."""
        self._rows = rows
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1))
        self.changed.emit()

    # --- texts --------------------------------------------------------------------------------

    def details_text(self, outcome: RecordOutcome) -> str:
        if outcome.state == Step.REFUSED:
            return self._describe(ApiError(400, outcome.code or "", outcome.server_detail or ""))
        if outcome.state == Step.NOT_SENT and self._not_sent_because is not None:
            return self._describe(self._not_sent_because)
        if outcome.state in (MessageStatus.FAILED, MessageStatus.BOUNCED):
            return outcome.error or ""
        if outcome.provider_message_id and outcome.state in (MessageStatus.SENT, MessageStatus.DELIVERED):
            return translate("ResendResults", "Provider message ID {id}").format(id=outcome.provider_message_id)
        return ""

    def texts(self, row: int) -> tuple[str, ...]:
        o = self._rows[row]
        r = o.record
        return (f"#{r.id}", r.account_no or "", r.recipient, r.subject, state_text(o.state), self.details_text(o))

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the text in full, in the user's language (never the server's English)
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == OUTCOME_COLUMN:
            color = state_color(self._rows[index.row()].state)
            return None if color is None else QColor(color)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return translate(CONTEXT, HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
