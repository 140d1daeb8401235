"""The pictures of refusals read in the user's language (``python -m desktop.screenshots``): the
upload preview of a long margin workbook with a bad row of every kind, its Errors tab showing each
reason, and the errors of a fund house's confirmation file with bad rows, as Fund Clearing lists
them. Nothing is submitted or imported.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtWidgets import QWidget

from desktop.main_window import MainWindow
from services.contract.fund_clearing import SideState

UPLOAD_PAGE = "risk.credit.long_stock_margin"
CLEARING_PAGE = "funds.clearing"
UPLOAD_NAME = "long_stock_margin_upload_errors"
IMPORT_NAME = "fund_clearing_import_errors"
HEADER = ["代碼 Symbol", "市場 Market", "初始保證金比率 IM", "追繳保證金比率 MCM", "維持保證金比率 MM",
          "強制平倉保證金比率 FM", "可融資 Financeable", "生效時間 Effective from", "備註 Remark"]

Wait = Callable[[Callable[[], object], float, str], Awaitable[None]]
Save = Callable[[QWidget, Path], Path]


def _row(symbol: str | None, **changes: object) -> list:
    row = dict(zip(("symbol", "market", "im", "mcm", "mm", "fm", "financeable", "effective_from", "remark"),
                   (symbol, None, 0.4, 0.35, 0.3, 0.25, True, None, None), strict=True))
    return list({**row, **changes}.values())


def bad_workbook(path: Path, held: list[str]) -> Path:
    """A workbook of the template's columns with one bad row of each common kind."""
    workbook = Workbook()
    sheet = workbook.active
    for row in ([*HEADER, None],
                _row(held[0], im="abc"), _row(held[1], im="150%"), _row(held[2], mm="50%"),
                _row(held[3], fm=0), _row(held[4], financeable=False), _row("700.HKG"),
                _row(held[5], financeable="maybe"), _row(held[6], effective_from="tomorrow"),
                _row(held[0]), _row("99999.HK"), _row(held[7], market="US"), [*_row(held[8]), "stray"]):
        sheet.append(row)
    workbook.save(path)
    return path


def bad_confirmation(path: Path, refs: list[str], nav: Decimal) -> Path:
    """A CSV confirmation of the batch's subscriptions with bad rows."""
    rows = [["Order Ref", "Type", "NAV", "Confirmed Units", "Confirmed Amount", ""],
            [refs[0], "Switch", nav, "800", "", ""],
            [refs[1 % len(refs)], "Subscription", "0", "400", "", ""],
            [refs[0], "Subscription", nav, "", "", ""],
            [refs[0], "認購", nav, "800", "", ""],
            ["=1+1", "Subscription", nav, "10", "", ""],
            [refs[-1], "Subscription", nav + 1, "-1", "", ""],
            ["S-LATE", "Subscription", nav, "1.1234567", "", "note"]]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


async def capture(window: MainWindow, out: Path, language: str, wait_for: Wait,
                  settle: Callable[[], Awaitable[None]], save: Save) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="opsdesk-bad-files-") as folder:
        files = Path(folder)
        return [await _capture_upload(window, files, out / f"{UPLOAD_NAME}_{language}.png", wait_for, settle, save),
                await _capture_import(window, files, out / f"{IMPORT_NAME}_{language}.png", wait_for, settle, save)]


async def _capture_upload(window: MainWindow, files: Path, path: Path, wait_for: Wait, settle, save: Save) -> Path:
    window.open_page(UPLOAD_PAGE)
    page = window.page(UPLOAD_PAGE)
    await wait_for(page.is_ready, 60, "long margin rows")
    held = [row.symbol for row in page.model.rows() if row.market == "HK" and row.financeable][:9]
    dialog = page.open_upload()
    try:
        await dialog.load(bad_workbook(files / "hk-margins.xlsx", held))
        await settle()
        return save(dialog, path)
    finally:
        dialog.close()


async def _capture_import(window: MainWindow, files: Path, path: Path, wait_for: Wait, settle, save: Save) -> Path:
    window.open_page(CLEARING_PAGE)
    page = window.page(CLEARING_PAGE)
    await wait_for(page.is_ready, 60, "fund batches")
    chosen = next(b for b in page.controller.batches
                  if b.subscriptions.state == SideState.AWAITING_CONFIRMATION and b.subscriptions.orders)
    page.batch_list.select_batch(chosen.id)
    await wait_for(lambda: page.is_ready() and page.controller.batch is not None
                   and page.controller.batch.id == chosen.id, 30, f"fund batch #{chosen.id}")
    refs = [line.order_ref for line in page.controller.batch.subscription_lines]
    source = bad_confirmation(files / "fund-house-confirmation.csv", refs, Decimal("12.5"))
    await page.controller.actions.import_file(chosen.id, source)  # refused: its errors are the picture
    await wait_for(lambda: page.dialogs.import_errors is not None, 30, "the import errors")
    dialog = page.dialogs.import_errors
    await settle()
    try:
        return save(dialog, path)
    finally:
        dialog.close()
