"""What a margin upload loads, keeps and decides, free of widgets: the file read (and the copy
with the user's corrections), or the rows of a refused work order being corrected (judged as a
workbook of them would be, with no file), the securities master once per upload, the live rows and
overnight IMs it is judged and previewed against, the preview, and the one work order with its
idempotency key (one per proposal, kept across retries of it; a correction's note is part of it).
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QObject

from services.api_client import ApiError
from services.clients.resubmission import Resubmission
from services.clients.risk import RiskClient, margin_flows
from services.contract.schemas import UploadMode, WorkOrderOut
from services.excel.margin_columns import Kind
from services.excel.margin_preview import preview
from services.excel.margin_reader import MarginReadResult, read_margin_rows
from services.excel.read_in_process import read_in_process
from services.rules.stock_margin import SYSTEM_SET_VALUES
from services.rules.violations import Violation
from services.work_orders.diff import Change, RowDiff, columns
from ui.common.rule_messages import entry_violation
from ui.risk.workbook_fixes import write_fixes


class UploadController(QObject):
    def __init__(self, client: RiskClient, kind: Kind, parent: QObject | None = None):
        super().__init__(parent)
        self.client = client
        self.kind = kind
        self.flow = margin_flows(kind)["upload"]
        self.cancel = threading.Event()  # set: the reading in progress stops
        self.source: Path | None = None  # the user's file
        self.path: Path | None = None  # what was read: the file, or its corrected copy
        self.texts: list[dict[str, str]] | None = None  # or the rows read with no file (a work order's)
        self.result: MarginReadResult | None = None
        self.order: WorkOrderOut | None = None
        self.live: dict[str, BaseModel] = {}
        self._known: dict[str, str] | None = None
        self._key: str | None = None
        self._note: str | None = None  # the note the key was made for: another note is another request
        self._copies: list[Path] = []
        self.unchanged: set[str] = set()  # symbols of the file equal to their live row (the preview's)
        self.changes: int | None = None  # rows the preview found new, changed or deleted; None: no preview yet
        self._sent_rows: list[BaseModel] = []  # what the last submission carried
        # The refused order the upload corrects, with the maker's note as it is now; None: a new order.
        self.resubmission: Callable[[], Resubmission] | None = None

    def ready(self) -> bool:
        """A file read without an error, previewed, changing something, not submitted yet."""
        return (self.result is not None and self.result.ok and bool(self.result.rows) and self.order is None
                and bool(self.changes))

    # --- reading --------------------------------------------------------------------------------

    def start(self, source: Path | list[dict[str, str]]) -> None:
        """``source`` is to be read (a file, or rows of cell texts): what was read before, and its
        order, are forgotten."""
        self.path, self.texts = (source, None) if isinstance(source, Path) else (None, source)
        self.result, self._key, self.order = None, None, None
        self.unchanged, self.changes = set(), None
        self.cancel.clear()

    async def read(self, path: Path, progress: Callable[[int, int], None]) -> MarginReadResult:
        """Reads ``path`` in a child process, judged against the master, the live rows and (for
        intraday rows) the overnight IMs; raises ReadCancelled, ReadFailed, or ApiError when those
        could not be read."""
        overnight = await self._judged_against()
        self.result = await read_in_process(path, self.kind, known=self._known, overnight_im=overnight,
                                            progress=progress, cancel=self.cancel, live=self._system_set())
        return self.result

    async def read_rows(self, texts: list[dict[str, str]]) -> MarginReadResult:
        """Judges ``texts`` (field → cell text) as the rows of a workbook, numbered from 1, against
        what a file is judged against; in a worker thread (50,000 rows take a few seconds)."""
        overnight = await self._judged_against()
        self.result = await asyncio.to_thread(read_margin_rows, texts, self.kind, known=self._known,
                                              overnight_im=overnight, live=self._system_set())
        return self.result

    async def _judged_against(self) -> dict[str, Decimal] | None:
        """Reads the master (once), the live rows and, for intraday rows, the overnight IMs."""
        if self._known is None:
            self._known = await self.client.security_markets()
        overnight: dict[str, Decimal] | None = await self.client.overnight_im() if self.kind == "intraday" else None
        self.live = dict(await self.client.live_rows(self.kind))
        return overnight

    def _system_set(self) -> dict[str, dict[str, object]]:
        """The live values only the system sets, by symbol: a row of the file may carry them."""
        fields = SYSTEM_SET_VALUES.get(self.kind, {})
        return {symbol: {name: getattr(row, name) for name in fields} for symbol, row in self.live.items()
                if any(getattr(row, name) in values for name, values in fields.items())}

    async def corrected_copy(self, fixes: dict[tuple[int, str], str]) -> Path:
        """A copy of the file read with ``fixes`` written into its cells (removed when done)."""
        assert self.path is not None
        copy = await asyncio.to_thread(write_fixes, self.path, self.kind, fixes)
        self._copies.append(copy.parent)
        return copy

    async def preview(self, result: MarginReadResult, mode: UploadMode) -> tuple[list[RowDiff], list[str]]:
        """The before/after rows of ``result`` against the live table, and their columns; 50,000
        rows take a second, so in a worker thread. Another proposal: a new submission."""
        self._key = None

        def compute() -> tuple[list[RowDiff], list[str]]:
            diffs = preview(self.kind, result.rows, self.live, mode)
            return diffs, columns(diffs)

        diffs, fields = await asyncio.to_thread(compute)
        self.unchanged = {d.key for d in diffs if d.change == Change.UNCHANGED}
        self.changes = len(diffs) - len(self.unchanged)
        return diffs, fields

    def to_submit(self, mode: UploadMode) -> list[BaseModel]:
        """The rows the order carries: adding or replacing rows, a row equal to its live row
        changes nothing and leaves the batch; replacing a table, every row says what stays."""
        assert self.result is not None
        if mode == UploadMode.REPLACE:
            return list(self.result.rows)
        return [r for r in self.result.rows if r.symbol not in self.unchanged]

    # --- submitting -----------------------------------------------------------------------------

    def submit(self, mode: UploadMode) -> Awaitable[WorkOrderOut]:
        """The rows as a new work order, or as the resubmission of the refused one it corrects."""
        assert self.result is not None
        resubmission = None if self.resubmission is None else self.resubmission()
        note = None if resubmission is None else resubmission.note
        if self._key is None or note != self._note:
            self._key, self._note = str(uuid.uuid4()), note
        rows = self.to_submit(mode)
        self._sent_rows = rows
        return self.client.resubmitting(resubmission).upload_margins(self.kind, rows, mode, self._key)

    def refused_rows(self, exc: ApiError) -> list[Violation]:
        """The backend's refusal of rows, numbered as the workbook's rows (it numbers the
        payload's from 1)."""
        numbers = self._sent_numbers()
        return [entry_violation(e, numbers[e["row"] - 1] if e.get("row") else None) for e in exc.errors or []]

    def _sent_numbers(self) -> list[int]:
        """The workbook row of each row sent (unchanged rows left the batch)."""
        if self.result is None:
            return []
        by_symbol = {r.symbol: n for r, n in zip(self.result.rows, self.result.row_numbers, strict=False)}
        return [by_symbol.get(r.symbol, 0) for r in self._sent_rows]

    def close(self) -> None:
        """Stops a reading and removes the corrected copies."""
        self.cancel.set()
        for folder in self._copies:
            shutil.rmtree(folder, ignore_errors=True)
        self._copies.clear()
