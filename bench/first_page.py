"""Time to show the first page of the Auto-Convert Query over 20,000 demo accounts.

Against a real backend process (SQLite, 20,000 accounts). Baseline, same run and same client:
one ``GET /health`` round trip, the cheapest request the backend answers.
- HTTP: the page's first request (100 rows + total), unfiltered and filtered, a deep page, and
  the last page (``from_end``, what Ctrl+End reads).
- Desktop: the real AutoConvertPage created offscreen until its first rows are on screen;
  Ctrl+End on the page just opened until the real last row is current and painted (the list's
  last page read with ``from_end``); and scrolling to the end (every row loaded, pages growing
  100 → 500 → 1,000 rows a fetch).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/first_page.py
"""

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import backend_process, header, median_ms  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import event_loop  # noqa: E402
from services.api_client import ApiClient  # noqa: E402
from services.clients.session import SessionClient  # noqa: E402
from services.contract.queries import AUTO_CONVERT_PATH  # noqa: E402
from services.contract.schemas import AutoConvertRow  # noqa: E402
from ui.common.page_context import PageContext  # noqa: E402
from ui.common.row_windows import NotLoaded  # noqa: E402
from ui.margin_call.auto_convert_page import AutoConvertPage  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))


async def seconds(coro_factory, runs: int = RUNS) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        await coro_factory()
        out.append(time.perf_counter() - started)
    return out


async def until(predicate, timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.001)


async def measure(url: str) -> list[tuple[str, float]]:
    api = ApiClient(url)
    session = SessionClient(api)
    await session.login("admin", "admin-demo")
    me = await session.me()
    health = await seconds(session.health)
    page = await seconds(lambda: api.get_page(AUTO_CONVERT_PATH, AutoConvertRow, {"limit": 100}))
    filtered = await seconds(lambda: api.get_page(
        AUTO_CONVERT_PATH, AutoConvertRow, {"limit": 100, "status": "enrolled", "currency": "USD"}))
    middle = await api.get_page(AUTO_CONVERT_PATH, AutoConvertRow, {"limit": 1000})
    deep = await seconds(lambda: api.get_page(AUTO_CONVERT_PATH, AutoConvertRow,
                                              {"limit": 100, "cursor": middle.next_cursor}))
    last = await seconds(lambda: api.get_page(AUTO_CONVERT_PATH, AutoConvertRow, {"limit": 100, "from_end": "true"}))
    errors: list[BaseException] = []

    async def show_page():
        widget = AutoConvertPage(PageContext(api, me, errors.append, lambda: "en"))
        widget.resize(1400, 800)
        widget.show()
        await until(lambda: widget.model.loaded > 0)
        widget.repaint()  # the rows painted, not only fetched
        widget.close()
        widget.deleteLater()

    shown = await seconds(show_page, max(5, RUNS // 2))
    last_rows: list[object] = []

    async def ctrl_end():
        widget = AutoConvertPage(PageContext(api, me, errors.append, lambda: "en"))
        widget.resize(1400, 800)
        widget.show()
        await until(lambda: widget.model.loaded > 0 and widget.model.total is not None)
        table, model = widget.table, widget.model
        table.setFocus()
        table.setCurrentIndex(model.index(0, 0))
        reached = asyncio.get_running_loop().create_future()

        def painted() -> None:  # after the table's own slot, which makes the last row current and scrolls to it
            table.viewport().repaint()  # the last row painted, not only fetched
            if not reached.done():
                reached.set_result(time.perf_counter())

        model.endReached.connect(painted)
        started = time.perf_counter()
        QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        elapsed = await reached - started
        current = table.currentIndex().row()
        if current != model.rowCount() - 1 or current != (model.total or 0) - 1 \
                or isinstance(model.row(current), NotLoaded):
            raise RuntimeError("Ctrl+End did not show the last row")
        last_rows.append(model.row(model.rowCount() - 1))
        widget.close()
        widget.deleteLater()
        return elapsed

    to_last = []
    for _ in range(max(5, RUNS // 2)):
        to_last.append(await ctrl_end())
    async def scroll_to_end(growing: bool) -> tuple[float, int, int | None]:
        """Drags the scroll bar to the bottom until every row is here: (seconds, fetches, rows);
        not ``growing``: every page of 100 rows, as before pages grew (the same run's baseline)."""
        widget = AutoConvertPage(PageContext(api, me, errors.append, lambda: "en"))
        widget.show()
        if not growing:
            widget.model.pager.max_page_size = widget.model.pager.page_size
        await until(lambda: widget.model.loaded > 0)
        pages = [1]  # the first page, already here
        widget.model.pager.pageArrived.connect(lambda *_: pages.append(1))
        started = time.perf_counter()
        scrollbar = widget.table.verticalScrollBar()
        while widget.model.loaded < (widget.model.total or 0):
            scrollbar.setValue(scrollbar.maximum())  # what a user dragging the scroll bar does
            await asyncio.sleep(0)
        elapsed = time.perf_counter() - started
        if widget.model.rows()[-1] != last_rows[0]:
            raise RuntimeError("Ctrl+End showed another last row than scrolling to the end")
        widget.close()
        widget.deleteLater()
        return elapsed, len(pages), widget.model.total

    by_100, pages_of_100, _ = await scroll_to_end(growing=False)
    to_end, fetches, total = await scroll_to_end(growing=True)
    await api.aclose()
    if errors:
        raise RuntimeError(errors)
    b = median_ms(health)
    return [
        ("GET /health (baseline)", b),
        ("first page, 100 rows + total, no filter", median_ms(page)),
        ("first page, enrolled + USD", median_ms(filtered)),
        ("page 11 (keyset cursor after 1,000 rows)", median_ms(deep)),
        ("last page, 100 rows + total (from_end)", median_ms(last)),
        ("desktop: page opened → first rows painted", median_ms(shown)),
        (f"desktop: Ctrl+End → last row painted (row {total:,})", median_ms(to_last)),
        (f"desktop: scroll to the end, 100 rows a fetch as before ({total:,} rows in {pages_of_100} fetches)",
         by_100 * 1000),
        (f"desktop: scroll to the end, pages growing 100 → 500 → 1,000 ({fetches} fetches)", to_end * 1000),
    ]


def main() -> None:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, \
            backend_process(f"sqlite:///{tmp}/opsdesk.db", "--demo") as url:
        results = _run(app, measure(url))
    base = results[0][1]
    print(header("First page of the Auto-Convert Query (20,000 accounts, SQLite)",
                 "QT_QPA_PLATFORM=offscreen python bench/first_page.py"))
    print("| what | median | × GET /health |\n|---|---:|---:|")
    for name, ms in results:
        print(f"| {name} | {ms:.1f} ms | {ms / base:.1f} |")
    print(f"\n{RUNS} runs per HTTP figure, {max(5, RUNS // 2)} page openings and as many Ctrl+End, one scroll "
          "to the end of each kind.")


def _run(app, coro):
    loop = event_loop.DesktopEventLoop(app)  # as the app's loop
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(coro)


if __name__ == "__main__":
    main()
