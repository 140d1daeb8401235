"""The Draft Batches editor itself, offscreen, typed into key by key as a user types, for the crash
tests: ``python -m tests.offline.editor_child STORE BATCH KEYS``.

It follows tests/offline/typing_script.py: per row, Ctrl+= adds it, its symbol is typed and ended
with Return (a completed cell), then its IM cell is typed and left open (its editor still showing),
until Ctrl+= adds the next row. After each key event has been handled it prints the key's number,
the cell as it now reads and whether its editor is open (Return closes it once the loop runs), as
JSON. After KEYS keys (-1: never) it prints "done" and stops handling events altogether, so no
autosave can run before the test kills it. The crash tests fork it from a process that has
imported it already (``forked``).
"""

import asyncio
import itertools
import json
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from desktop import event_loop  # noqa: E402
from services.api_client import ApiClient  # noqa: E402
from services.contract.schemas import MeOut  # noqa: E402
from services.offline.store import open_store  # noqa: E402
from tests.offline.typing_script import ADD_ROW, RETURN, script  # noqa: E402
from tests.offline.workstation_child import print_to  # noqa: E402
from ui.common.page_context import PageContext  # noqa: E402
from ui.risk.draft_editor import DraftEditor  # noqa: E402


async def type_keys(store_path: str, batch: str, keys: int, hold: Callable[[], object] = sys.stdin.read) -> None:
    store = open_store(Path(store_path))
    me = MeOut(id=1, username="maker", display_name="Maker", roles=["ops_maker"], permissions=["risk.credit.draft"])
    ctx = PageContext(ApiClient("http://127.0.0.1:9"), me, lambda exc: None, ui_language=lambda: "en")
    editor = DraftEditor(ctx, SimpleNamespace(store=store, engine=None), None)
    editor.resize(1200, 500)
    editor.show()
    editor.activateWindow()
    while not editor.isActiveWindow():  # the shortcuts act in the active window only
        await asyncio.sleep(0.01)
    editor.controller.load(batch)
    editor.grid.setFocus()
    grid, model = editor.grid, editor.controller.model
    field_at = {name: column for column, name in enumerate(model.fields)}
    current = (-1, "")
    numbers = range(keys) if keys >= 0 else itertools.count()
    for number, (row, field, key, text) in zip(numbers, script(), strict=False):
        if number:
            await asyncio.sleep(0)  # the loop runs between keys, as it does for a user; not after the last
        if key == ADD_ROW:
            QTest.keyClick(grid, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        elif (row, field) != current:  # the first key of a cell opens its editor
            grid.selectionModel().setCurrentIndex(model.index(row, field_at[field]),
                                                  QItemSelectionModel.SelectionFlag.ClearAndSelect)
            QTest.keyClick(grid, key)
            current = (row, field)
        else:
            cell = grid.indexWidget(model.index(row, field_at[field]))
            assert isinstance(cell, QLineEdit), f"no editor open at {row}, {field}"
            QTest.keyClick(cell, Qt.Key.Key_Return if key == RETURN else key)
        typed = model.text(row, field) if field else ""
        assert typed == text and model.rowCount() == row + 1, f"key {number + 1}: {typed!r}, not {text!r}"
        still_open = bool(field) and isinstance(grid.indexWidget(model.index(row, field_at[field])), QLineEdit)
        print(json.dumps([number + 1, row, field, typed, still_open]), flush=True)
    print("done", flush=True)
    hold()  # nothing runs any more: no timer, no autosave, until the kill (or the test's end)


def forked(out, held, store_path: str, batch: str, keys: str) -> None:
    """The editor in a child forked from a process with this module imported, its lines written to
    ``out`` (a pipe's writing end, as a started process's stdout); it holds on a read of ``held``."""
    print_to(out)

    def hold() -> None:
        with suppress(EOFError):
            held.recv()

    _app = QApplication(sys.argv[:1])
    event_loop.run(type_keys(store_path, batch, int(keys), hold))


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    store_path, batch, keys = sys.argv[1:]
    event_loop.run(type_keys(store_path, batch, int(keys)))
