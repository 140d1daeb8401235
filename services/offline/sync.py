"""The sync engine: pushes the outbox when the backend is reachable, pulls the fate of submitted
work orders, and refreshes the reference data drafts are judged against.

Exactly once: each outbox item is pushed with the idempotency key it got when the user submitted
(a correction of a refused order as its resubmission, services/offline/corrections.py),
so a retry after a crash or a lost answer returns the first work order instead of making a second
one, and the item and its batch are marked in one local transaction once the answer is in.
Retries back off exponentially with jitter (no busy loop); a refusal (rules, a locked row) is
final and the batch says why. Qt-free: it runs on whatever asyncio loop the caller has.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, insert, select

from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.contract.errors import ErrorCode
from services.contract.queries import DAY_TRADE_WINDOWS_PATH, MARGIN_LISTS, SECURITIES_PATH
from services.contract.schemas import SecurityOut, WorkOrderOut, WorkOrderStatus, WorkOrderSubmit
from services.excel.margin_columns import KINDS, Kind
from services.excel.margin_preview import snapshot_row
from services.offline import proof
from services.offline.drafts import base_version, started_absent
from services.offline.models import (
    BatchState,
    DraftBatch,
    LocalMeta,
    OutboxItem,
    OutboxState,
    RefMargin,
    RefSecurity,
    RefWindow,
)
from services.offline.store import LocalStore

log = logging.getLogger(__name__)

BASE_DELAY = 1.0
MAX_DELAY = 60.0
REFERENCE_EVERY = 600.0  # seconds between reference refreshes while online
PAGE = 1000

_FATES = {
    WorkOrderStatus.PENDING: BatchState.SUBMITTED, WorkOrderStatus.APPLIED: BatchState.APPROVED,
    WorkOrderStatus.APPROVED: BatchState.APPROVED, WorkOrderStatus.REJECTED: BatchState.REJECTED,
    WorkOrderStatus.STALE: BatchState.STALE, WorkOrderStatus.WITHDRAWN: BatchState.WITHDRAWN,
    WorkOrderStatus.EXPIRED: BatchState.EXPIRED,
}


class Connection(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    SYNCING = "syncing"
    ERROR = "error"


@dataclass(frozen=True)
class SyncStatus:
    connection: Connection
    waiting: int  # submissions in the outbox
    reason: str = ""  # why offline or in error


def backoff(attempts: int, rng: Callable[[], float] = random.random) -> float:
    """Seconds before the next try: doubling from BASE_DELAY up to MAX_DELAY, with half of it
    random ("equal jitter") so that many workstations do not retry in step."""
    ceiling = min(MAX_DELAY, BASE_DELAY * 2 ** max(0, attempts - 1))
    return ceiling / 2 + rng() * ceiling / 2


class SyncEngine:
    def __init__(self, store: LocalStore, api: ApiClient, owner: str, *,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 rng: Callable[[], float] = random.random, clock: Callable[[], float] = time.time):
        self.store = store
        self.api = api  # reference data (services.contract.queries paths) until risk has its client
        self.approvals = ApprovalsClient(api)
        self.owner = owner
        self._on_status = on_status
        self._rng = rng
        self._clock = clock
        self._wake = asyncio.Event()
        self._last_reference = 0.0
        self.status = SyncStatus(Connection.OFFLINE, self.waiting())

    # --- status ---------------------------------------------------------------------------------

    def waiting(self) -> int:
        with self.store.session() as session:
            return session.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.owner == self.owner, OutboxItem.state == OutboxState.PENDING.value)) or 0

    def _set(self, connection: Connection, reason: str = "") -> None:
        self.status = SyncStatus(connection, self.waiting(), reason)
        if self._on_status is not None:
            self._on_status(self.status)

    def wake(self) -> None:
        """Something was queued: tell who shows the outbox, and push now rather than later."""
        self._set(self.status.connection, self.status.reason)
        self._wake.set()

    # --- push -----------------------------------------------------------------------------------

    def _due(self) -> list[OutboxItem]:
        with self.store.session() as session:
            return list(session.scalars(select(OutboxItem).where(
                OutboxItem.owner == self.owner, OutboxItem.state == OutboxState.PENDING.value,
                OutboxItem.next_attempt_at <= self._clock()).order_by(OutboxItem.id)))

    async def push(self) -> int:
        """Pushes every due item once, oldest first; stops at the first network failure (the
        backend is unreachable: the rest would fail the same way). Returns how many were sent.
        Only items proven to be the signed-in owner's go (services/offline/proof.py); the others are
        set aside, and without the owner's drafting key (no sign-in of theirs yet) none go."""
        sent = 0
        key = self.store.drafting_keys.get(self.owner.casefold())
        if key is None:
            return 0
        due = []
        for item in self._due():
            if proof.proven(key, item):
                due.append(item)
            else:
                proof.set_aside(self.store, item, self._clock())
        for position, item in enumerate(due):
            try:
                order = await self._send(item)
            except ApiError as exc:
                if exc.is_network or exc.status >= 500 or exc.status in (401, 429):
                    self._retry_later(item, due[position + 1:], exc)
                    raise
                self._refused(item, exc)
                continue
            self._sent(item, order.id)
            sent += 1
        return sent

    async def _send(self, item: OutboxItem) -> WorkOrderOut:
        """The item as a new work order, or as the resubmission of the refused order it corrects;
        either way under its one idempotency key."""
        if item.resubmits_order_id is not None:
            return await self.approvals.resubmit(item.resubmits_order_id, item.idempotency_key, item.payload,
                                                 note=item.note, expected_versions=item.expected_versions)
        return await self.approvals.submit(
            WorkOrderSubmit(flow=item.flow, payload=item.payload, expected_versions=item.expected_versions),
            item.idempotency_key)

    def _sent(self, item: OutboxItem, order_id: int) -> None:
        with self.store.session() as session, session.begin():
            row = session.get_one(OutboxItem, item.id)
            row.state, row.work_order_id, row.last_error = OutboxState.SENT.value, order_id, None
            batch = session.get_one(DraftBatch, item.batch_id)
            batch.state, batch.work_order_id, batch.reason = BatchState.SUBMITTED.value, order_id, None
            batch.updated_at = self._clock()

    def _retry_later(self, item: OutboxItem, rest: list[OutboxItem], exc: ApiError) -> None:
        """The failed item backs off; the ones behind it wait as long, untried, so an unreachable
        backend is asked once per round, not once per item."""
        with self.store.session() as session, session.begin():
            row = session.get_one(OutboxItem, item.id)
            row.attempts += 1
            row.next_attempt_at = self._clock() + backoff(row.attempts, self._rng)
            row.last_error = f"{exc.code}: {exc.title}"
            for other in rest:
                session.get_one(OutboxItem, other.id).next_attempt_at = row.next_attempt_at

    def _refused(self, item: OutboxItem, exc: ApiError) -> None:
        """Final: the batch says why. A row moved since it was drafted makes it a conflict the
        user resolves (the next reference refresh puts the live rows beside the drafted ones)."""
        reason = f"{exc.code}: {exc.detail or exc.title}"
        changed = exc.code == ErrorCode.TARGET_CHANGED
        with self.store.session() as session, session.begin():
            row = session.get_one(OutboxItem, item.id)
            row.state, row.last_error = OutboxState.FAILED.value, reason
            batch = session.get_one(DraftBatch, item.batch_id)
            batch.state = (BatchState.CONFLICT if changed else BatchState.REFUSED).value
            batch.reason, batch.updated_at = reason, self._clock()
        if changed:
            self._last_reference = 0.0  # refresh at the end of this round

    # --- pull -----------------------------------------------------------------------------------

    async def pull(self) -> int:
        """The fate of each submitted batch of this user; returns how many changed."""
        with self.store.session() as session:
            submitted = list(session.execute(select(DraftBatch.id, DraftBatch.work_order_id).where(
                DraftBatch.owner == self.owner, DraftBatch.state == BatchState.SUBMITTED.value)).all())
        changed = 0
        for batch_id, order_id in submitted:
            if order_id is None:  # a submitted batch has its order (_sent sets both at once)
                continue
            order = await self.approvals.work_order(order_id)
            fate = _FATES[WorkOrderStatus(order.status)]
            if fate != BatchState.SUBMITTED:
                with self.store.session() as session, session.begin():
                    batch = session.get_one(DraftBatch, batch_id)
                    batch.state, batch.updated_at = fate.value, self._clock()
                    batch.reason = next((d.comment for d in reversed(order.decisions) if d.comment), None)
                changed += 1
        return changed

    # --- reference data -------------------------------------------------------------------------

    async def refresh_reference(self, kinds: tuple[Kind, ...] = KINDS) -> None:
        """Securities, live margins with their versions and the day-trade windows, each replaced
        in one transaction; then drafts whose live rows moved are marked as conflicts."""
        # Thousands of rows: parsed, turned into rows and written in worker threads, so the window
        # goes on answering meanwhile (on the loop they held it for seconds; bench/page_stall.py).
        securities = [s async for page in self.api.iter_pages(SECURITIES_PATH, SecurityOut, {}, limit=PAGE,
                                                              in_thread=True) for s in page.items]
        margins: dict[Kind, list[Any]] = {}
        for kind in kinds:
            path, model = MARGIN_LISTS[kind]
            margins[kind] = [r async for page in self.api.iter_pages(path, model, {}, limit=PAGE, in_thread=True)
                             for r in page.items]
        windows = (await self.api.request("GET", DAY_TRADE_WINDOWS_PATH)).json()
        await asyncio.to_thread(self._store_reference, securities, margins, windows)

    def _store_reference(self, securities: list[SecurityOut], margins: dict[Kind, list[Any]],
                         windows: list[dict[str, Any]]) -> None:
        security_rows = [s.model_dump() for s in securities]
        margin_rows = {kind: [{"kind": kind, "symbol": r.symbol, "values": snapshot_row(kind, r), "version": r.version}
                              for r in rows] for kind, rows in margins.items()}
        with self.store.session() as session, session.begin():
            session.execute(delete(RefSecurity))
            if security_rows:
                session.execute(insert(RefSecurity), security_rows)
            for kind, rows in margin_rows.items():
                session.execute(delete(RefMargin).where(RefMargin.kind == kind))
                if rows:
                    session.execute(insert(RefMargin), rows)
            session.execute(delete(RefWindow))
            session.add_all(RefWindow(market=w["market"], values=w, version=w["version"]) for w in windows)
            session.merge(LocalMeta(key="reference_refreshed_at", value={"at": self._clock()}))
        self._last_reference = self._clock()
        self.mark_conflicts()

    def mark_conflicts(self) -> int:
        """Rows of unsent batches whose live row has moved since they were drafted (another version,
        gone, or there now though the row was drafted as new) get the live row beside them and
        their batch becomes a conflict; a queued one is taken back out of the outbox first.
        Returns how many batches were marked."""
        marked = 0
        with self.store.session() as session, session.begin():
            batches = session.scalars(select(DraftBatch).where(
                DraftBatch.owner == self.owner,
                DraftBatch.state.in_([BatchState.DRAFT.value, BatchState.QUEUED.value,
                                      BatchState.CONFLICT.value]))).all()
            for batch in batches:
                live = {m.symbol: m for m in session.scalars(select(RefMargin).where(RefMargin.kind == batch.kind))}
                moved = False
                for row in batch.rows:
                    now = live.get(row.symbol)
                    if started_absent(row.base):
                        # Drafted as new (or a deletion that promised nothing): a live row that
                        # exists now is one the draft never saw.
                        if now is None or (row.base is None and batch.action == "batch_delete"):
                            continue
                    elif now is not None and now.version == base_version(row.base):
                        continue
                    row.conflict = {**now.values, "version": now.version} if now else {"deleted": True}
                    moved = True
                if not moved:
                    continue
                if batch.state == BatchState.QUEUED.value:
                    for item in session.scalars(select(OutboxItem).where(
                            OutboxItem.batch_id == batch.id, OutboxItem.state == OutboxState.PENDING.value)):
                        item.state, item.last_error = OutboxState.FAILED.value, "conflict"
                if batch.state != BatchState.CONFLICT.value:  # a refusal's own reason stays
                    batch.state, batch.reason = BatchState.CONFLICT.value, "A live row changed after it was drafted."
                    batch.updated_at = self._clock()
                    marked += 1
        return marked

    # --- the loop -------------------------------------------------------------------------------

    async def sync_once(self) -> None:
        """One round: push, pull, and the reference data when it is due. Raises ApiError when the
        backend cannot be reached (the caller decides when to try again)."""
        self._set(Connection.SYNCING)
        await self.push()
        await self.pull()
        if self._clock() - self._last_reference >= REFERENCE_EVERY:
            await self.refresh_reference()
        self._set(Connection.ONLINE)

    def _next_due_in(self, interval: float) -> float:
        with self.store.session() as session:
            due = session.scalar(select(OutboxItem.next_attempt_at).where(
                OutboxItem.owner == self.owner, OutboxItem.state == OutboxState.PENDING.value)
                .order_by(OutboxItem.next_attempt_at).limit(1))
        return interval if due is None else max(0.0, min(interval, due - self._clock()))

    async def run(self, stop: asyncio.Event, interval: float = 30.0) -> None:
        """Syncs until ``stop``: every ``interval`` seconds, sooner when an item falls due or
        someone calls wake(); while the backend is unreachable, on the items' backoff."""
        failures = 0
        while not stop.is_set():
            try:
                await self.sync_once()
                failures = 0
                wait = self._next_due_in(interval)
            except ApiError as exc:
                failures += 1
                offline = exc.is_network or exc.status >= 500
                self._set(Connection.OFFLINE if offline else Connection.ERROR, f"{exc.code}: {exc.title}")
                wait = min(self._next_due_in(interval), backoff(failures, self._rng))
            except Exception as exc:  # noqa: BLE001 - the engine must outlive one bad round
                log.exception("sync round failed")
                failures += 1
                self._set(Connection.ERROR, str(exc))
                wait = backoff(failures, self._rng)
            self._wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            try:
                await asyncio.wait(waiters, timeout=wait, return_when=asyncio.FIRST_COMPLETED)
            finally:  # also when this loop is cancelled: no waiter outlives it
                for waiter in waiters:
                    waiter.cancel()
