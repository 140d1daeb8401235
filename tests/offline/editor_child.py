"""The Draft Batches editor itself, offscreen, typing into a batch's grid until it is killed:
``python -m tests.offline.editor_child STORE BATCH``. After each cell it prints "typed ROW TEXT"
once the editor has had its autosave delay (SAVE_DELAY_MS) to write it, as a user pausing would.
"""

import asyncio
import os
import sys
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from services.api_client import ApiClient  # noqa: E402
from services.contract.schemas import MeOut  # noqa: E402
from services.offline.store import open_store  # noqa: E402
from ui.common.page_context import PageContext  # noqa: E402
from ui.risk.draft_editor import SAVE_DELAY_MS, DraftEditor  # noqa: E402


async def type_forever(store_path: str, batch: str) -> None:
    store = open_store(Path(store_path))
    me = MeOut(id=1, username="maker", display_name="Maker", roles=["ops_maker"], permissions=["risk.credit.draft"])
    ctx = PageContext(ApiClient("http://127.0.0.1:9"), me, lambda exc: None, ui_language=lambda: "en")
    editor = DraftEditor(ctx, SimpleNamespace(store=store, engine=None), None)
    editor.show()
    editor.controller.load(batch)
    row = 0
    while True:
        editor.add_row()
        text = f"{row:05d}.HK"
        editor.controller.model.edits.set_cell(row, 0, text)
        await asyncio.sleep(SAVE_DELAY_MS / 1000 + 0.1)
        print(f"typed {row} {text}", flush=True)
        row += 1


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    qasync.run(type_forever(*sys.argv[1:]))
