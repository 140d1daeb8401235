"""The applied filter's count for Message Records, kept for its controller (records_controller.py).

The list's pages carry no total, so each search asks the count endpoint beside its first page and
rows never wait for counting. A newer search gives up the count in flight; a search whose rows all
came is counted by its rows; a count that fails leaves the rows (F5 counts again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from services.clients.messages import MessagesClient
from services.contract.queries import MessageFilter
from services.contract.schemas import MessageCount
from ui.common.op_runner import OpRunner
from ui.common.paged_table_model import PagedTableModel

COUNT = "count"  # the runner's key of the count in flight


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class FilterCount:
    def __init__(self, client: MessagesClient, ops: OpRunner, model: Callable[[], PagedTableModel],
                 changed: Callable[[], None]):
        self._client = client
        self._ops = ops  # the controller's
        self._model = model  # the list, once attached
        self._changed = changed  # the count was asked, came, failed or was dropped
        self._count: MessageCount | None = None  # of the applied filter
        self._asked = False  # for the applied filter
        self._pending = False  # wanted, to start once the loop runs
        self._failed = False

    @property
    def count(self) -> MessageCount | None:
        """The applied filter's count, once it came."""
        return self._count

    @property
    def counting(self) -> bool:
        """The applied filter's count is wanted and has not come yet."""
        return self._pending or (self._asked and self._count is None and not self._failed)

    def filter_applied(self) -> None:
        """Counts the applied filter beside its first page; a count of an earlier filter stops.
        Started only on the running loop (a task first stepped after the loop stops fails): when
        a search is applied outside it, the count starts with the first page's arrival."""
        self._drop()
        self._pending = True
        if _loop_running():
            self._begin()
        self._changed()

    def page_loaded(self) -> None:
        """A page of the list came (or failed)."""
        model = self._model()
        if model.failed:
            self._pending = False  # nothing shown to count; F5 searches and counts again
        elif not model.has_more():
            self._drop()  # every row is here: they are the count
        elif self._pending:
            self._begin()
        self._changed()

    def _drop(self) -> None:
        self._ops.cancel(COUNT)
        self._asked = False
        self._count = None
        self._pending = False
        self._failed = False

    def _begin(self) -> None:
        self._pending = False
        self._asked = True
        params = self._model().params or {}
        self._ops.run(self._client.count(MessageFilter.model_validate(params)), key=COUNT,
                      on_success=partial(self._show, params), on_failure=self._not_read)

    def _not_read(self, _exc: BaseException) -> bool:
        self._failed = True  # the rows stay; the status line goes without a total
        self._changed()
        return False  # the runner reports it

    def _show(self, params: dict[str, str], count: MessageCount) -> None:
        model = self._model()
        if model.params != params:
            return  # a newer search replaces this count: its figure never goes under those rows
        self._count = count
        # Capped: at least one more than the cap, "more than" (the status line says so).
        model.set_total(count.total + 1 if count.capped else count.total)
        self._changed()
