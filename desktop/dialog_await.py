"""Awaiting a dialog without ``exec()``: a nested event loop inside a coroutine breaks qasync."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog


async def open_and_wait(dialog: QDialog) -> int:
    """Opens ``dialog`` window-modal and returns its result code once it finishes."""
    done: asyncio.Future[int] = asyncio.get_event_loop().create_future()

    def finished(result: int) -> None:
        if not done.done():
            done.set_result(result)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await done
    finally:
        dialog.finished.disconnect(finished)
