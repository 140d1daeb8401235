"""A list page: filter bar, paged table, "loaded N of TOTAL", busy indicator, Excel export
(list_export.py), and a sentence over the list when it is empty saying why (empty_note.py): nothing
yet, or nothing matching the filter, named. Ctrl+F goes to the filters, Ctrl+E exports, F5 reloads;
in the table Ctrl+End goes to the list's real last row (its last page read at once) and Ctrl+Home
back to the first (table_view.py).

A page is declared by a QuerySpec (endpoints, row and filter models, fields, columns); this class
does the rest. Network work runs on the qasync loop, so the window stays responsive and an
export can run while the table is scrolled or filtered again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.common import empty_texts
from ui.common.columns import Column
from ui.common.empty_note import EmptyNote
from ui.common.filter_bar import FilterBar, FilterField
from ui.common.keyset_pager import PageFetch
from ui.common.list_export import ListExport
from ui.common.op_runner import OpRunner, wait_all_idle
from ui.common.page_context import PageContext
from ui.common.paged_table_model import DEFAULT_PAGE_SIZE, PagedTableModel
from ui.common.shortcuts import local_shortcut
from ui.common.table_view import CopyableTableView


@dataclass(frozen=True)
class QuerySpec:
    tr_context: str  # translation context of the page's labels and headers
    list_path: str | None  # None: ``fetch_page`` reads the pages
    row_model: type[BaseModel]
    filter_model: type[BaseModel]  # has as_params()
    fields: tuple[FilterField, ...]
    columns: tuple[Column, ...]
    # Excel export; a list without an export endpoint leaves these None and shows no Export button.
    export_path: str | None = None
    export_model: type[BaseModel] | None = None  # the filter plus ``lang``
    export_stem: str = "export"  # default file name: <stem>-<YYYYMMDD-HHMM>.xlsx
    date_ranges: tuple[tuple[str, str], ...] = ()
    fields_per_row: int = 4
    page_size: int = DEFAULT_PAGE_SIZE
    model_class: type[PagedTableModel] = PagedTableModel  # a subclass adds to the list (drag and drop)
    fetch_page: PageFetch | None = None  # the area's typed client reads the pages instead of ``list_path``

    @property
    def exportable(self) -> bool:
        return self.export_path is not None and self.export_model is not None


translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class QueryPage(QWidget):
    exportFinished = Signal(bool, str)  # ok, path
    EMPTY: empty_texts.EmptySources = empty_texts.ANY_LIST  # what the empty list says, without and with a filter
    EMPTY_CONTEXT = "QueryPage"  # the translation context of EMPTY's sentences

    def __init__(self, ctx: PageContext, spec: QuerySpec, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._spec = spec
        self._applied_filter: BaseModel = spec.filter_model()
        self.ops = OpRunner(self, ctx.report_error)

        self.filter_bar = FilterBar(spec.fields, spec.filter_model, spec.tr_context,
                                    date_ranges=spec.date_ranges, fields_per_row=spec.fields_per_row,
                                    parent=self)
        self.filter_bar.searchRequested.connect(self.apply_filter)

        self.model = spec.model_class(ctx.api, spec.list_path, spec.row_model, spec.columns,
                                     spec.tr_context, page_size=spec.page_size, parent=self,
                                     report_error=ctx.report_error, fetch=spec.fetch_page)
        self.table = CopyableTableView(self)
        self.table.setObjectName("queryList")  # the user's column widths are kept under this name
        self.table.setModel(self.model)
        self.table.apply_column_widths(spec.columns)
        self.empty_note = EmptyNote(self.table, self.empty_text, self.model.loadingChanged, self.model.totalChanged)

        self.status = QLabel(self)
        self.status.setObjectName("queryStatus")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: the server does not say how long a page takes
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.export = ListExport(self, self.ops, spec.export_stem, self.write_export, self.can_export())
        self.export.finished.connect(self.exportFinished)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        status_row = QHBoxLayout()
        layout.addLayout(status_row)
        status_row.addWidget(self.status)
        status_row.addWidget(self.busy)
        status_row.addStretch(1)
        status_row.addWidget(self.export.status)
        status_row.addWidget(self.export.progress)
        status_row.addWidget(self.export.button)

        local_shortcut("Ctrl+E", self, self.export.choose_file)
        local_shortcut(QKeySequence.StandardKey.Find, self, self.filter_bar.focus_first)
        local_shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)

        self.model.loadingChanged.connect(self._on_loading)
        self.model.loadedChanged.connect(self._update_status)
        self.model.totalChanged.connect(self._update_status)
        self.model.errorOccurred.connect(self._on_load_error)
        self.retranslate_ui()
        self.apply_filter(self._applied_filter)

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.export.retranslate()
        self.model.retranslate()
        self._update_status()
        self.empty_note.update_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- querying -----------------------------------------------------------------------------

    @property
    def applied_filter(self) -> BaseModel:
        """The filter of the rows on screen (the export uses it, not unsent edits in the bar)."""
        return self._applied_filter

    def add_detail_below(self, detail: QWidget, object_name: str, table_stretch: int,
                         detail_stretch: int) -> QSplitter:
        """Puts ``detail`` below the table in a splitter the user can drag (list-and-detail pages)."""
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName(object_name)
        splitter.setChildrenCollapsible(False)
        self.layout().replaceWidget(self.table, splitter)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, table_stretch)
        splitter.setStretchFactor(1, detail_stretch)
        return splitter

    def apply_filter(self, filter_: BaseModel) -> None:
        self._applied_filter = filter_
        self.model.reload(filter_.as_params())  # type: ignore[attr-defined]

    def empty_sources(self) -> empty_texts.EmptySources:
        """What this list says when empty, without and with a filter (translated in EMPTY_CONTEXT)."""
        return self.EMPTY

    def empty_text(self) -> str:
        """Why the list is empty, or "" while it loads, failed (the status says so) or has rows."""
        model = self.model
        if model.loading or model.failed or model.total != 0:
            return ""
        return empty_texts.empty_text(self.empty_sources(), self.filter_bar.fields(), self._applied_filter,
                                      self._spec.filter_model(), context=self.EMPTY_CONTEXT,
                                      label_context=self._spec.tr_context)

    def is_ready(self) -> bool:
        """The first page has arrived (or the query found nothing)."""
        return self.model.loaded > 0 or (self.model.params is not None and not self.model.loading)

    def refresh(self) -> None:
        self.apply_filter(self._applied_filter)

    async def wait_idle(self) -> None:
        """Awaits the page fetch and everything else the page runs (for tests and shutdown)."""
        await wait_all_idle(self.model.ops, self.ops)

    def _on_loading(self, loading: bool) -> None:
        self.busy.setVisible(loading)
        self._update_status()

    def _on_load_error(self, _exc: BaseException) -> None:
        self._update_status()  # the model's runner told the user

    def _update_status(self, *_args: object) -> None:
        if self.model.failed:
            text = translate("QueryPage", "Loading failed; press F5 to try again.")
        elif self.model.total is None:
            text = translate("QueryPage", "Loading…") if self.model.loading else ""
        elif self.model.pager.reported_capped and self.model.has_more():  # more match than the count
            text = translate("QueryPage", "Loaded {loaded} of more than {total}").format(
                loaded=f"{self.model.loaded:,}", total=f"{self.model.total:,}")
        else:
            text = translate("QueryPage", "Loaded {loaded} of {total}").format(loaded=f"{self.model.loaded:,}",
                                                            total=f"{self.model.total:,}")
        self.status.setText(text)

    # --- export: what the page writes (ListExport runs it) --------------------------------------

    def can_export(self) -> bool:
        """The list has an export: the server's (the spec's endpoint) or a page's own write_export."""
        return self._spec.exportable

    def export_to(self, target: Path) -> asyncio.Task:
        """Starts exporting the applied filter to ``target``; the task's result says if it worked."""
        return self.export.start(target)

    def export_params(self) -> dict[str, str]:
        values = {**self._applied_filter.model_dump(), "lang": self._ctx.language()}
        return self._spec.export_model.model_validate(values).as_params()  # type: ignore[attr-defined]

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        """Writes the applied filter's rows to ``target``, telling ``progress`` the bytes written;
        returns its size in bytes. The server builds the workbook unless a page writes its own."""
        return await self._ctx.api.download(self._spec.export_path, target, self.export_params(),
                                            progress=progress)
