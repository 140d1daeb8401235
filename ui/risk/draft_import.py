"""A workbook's rows for a draft: read in a child process (services/excel/read_in_process.py, the
window never waits) and turned into grid rows of text, or the reason nothing was taken."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from services.excel.margin_columns import Kind
from services.excel.margin_reader import ReadCancelled
from services.excel.read_in_process import ReadFailed, read_in_process
from services.offline.conflicts import live_values
from ui.common.rule_messages import rule_text
from ui.risk.draft_grid import GridRow

translate = QCoreApplication.translate  # the name lupdate recognises


@dataclass
class ImportOutcome:
    rows: list[GridRow] = field(default_factory=list)
    note: str = ""  # what happened, for the user


async def read_workbook_rows(path: Path, kind: Kind, action: str, cancel: threading.Event) -> ImportOutcome | None:
    """The rows of ``path`` as text the cell readers read back; None when cancelled. A workbook
    with any error gives no rows (the reader is all or nothing): the note says the first."""
    try:
        # Unknown symbols are no reason to refuse the file here: the grid shows them.
        result = await read_in_process(path, kind, cancel=cancel)
    except ReadCancelled:
        return None
    except ReadFailed as exc:
        return ImportOutcome(note=translate("DraftBatches", "The workbook could not be read: {reason}").format(
            reason=exc))
    if result.errors:
        first = result.errors[0]
        return ImportOutcome(note=translate(
            "DraftBatches", "{count} problem(s) in {name}; nothing was imported. First: {where}{problem}").format(
            count=len(result.errors), name=path.name, where=f"{first.row}: " if first.row else "",
            problem=rule_text(first)))
    return ImportOutcome([GridRow(live_values(kind, action, row)) for row in result.rows],
                         translate("DraftBatches", "{count} row(s) imported from {name}.").format(
                             count=len(result.rows), name=path.name))
