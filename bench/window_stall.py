"""Does the main window stay responsive while a slow backend loads a page?

The real main window with the Auto-Convert Query page (it loads the page when it opens) talks to a
real backend process through a loopback proxy (tests/fixtures/tcp_proxy.py) that holds every
answer back 2 s, as tests/ui/test_slow_backend.py does. A 5 ms QTimer heartbeat on the UI thread
records the gaps between its ticks from the window shown (its construction is not counted) until
the first rows and the total are in, and 100 ms more so that a pause while the rows arrive ends
in a tick. The figure is the longest gap (and how many gaps passed 50 ms), against the same window idle after its page loaded, measured in the same run, and
beside the same opening through the proxy without a delay. Goal: no gap over 200 ms (what the
slow-backend test used to assert).
Run: QT_QPA_PLATFORM=offscreen python bench/window_stall.py
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import backend_process, header  # noqa: E402
from heartbeat import Heartbeat  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import event_loop  # noqa: E402
from desktop.app_settings import AppSettings  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from services.api_client import ApiClient  # noqa: E402
from services.clients.session import SessionClient  # noqa: E402
from tests.fixtures.tcp_proxy import DOWN, TcpProxy  # noqa: E402
from tests.qt_fixtures import delete_on_loop, until  # noqa: E402
from ui.pages import PAGES  # noqa: E402

PAGE = "margin_call.auto_convert_query"
ACCOUNTS = 2_000
LATENCY = 2.0  # seconds every answer is held back on the slow line
TICK_MS = 5
TAIL = 0.1  # seconds the heartbeat runs on after the rows are in
IDLE = 2.0  # seconds of the idle baseline
HITCH = 0.05  # seconds: a gap this long is counted as a hitch
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

WAYS = (("idle", "window idle, page loaded (baseline)"),
        ("fast", "page loading, backend answering at once"),
        ("slow", f"page loading, every answer {LATENCY:.0f} s late (proxy)"))


def figures(gaps: list[float], seconds: float) -> tuple[float, float, float]:
    """(longest gap ms, gaps over HITCH, seconds)."""
    return max(gaps) * 1000, sum(gap > HITCH for gap in gaps), seconds


def loaded(page) -> bool:
    return page.is_ready() and page.model.total is not None and not page.model.loading


async def open_and_load(api: ApiClient, me, settings: AppSettings, beat: Heartbeat):
    """Opens the window, which loads its page; returns it with the gaps and seconds until loaded."""
    window = MainWindow(api, me, settings, pages={PAGE: PAGES[PAGE]})
    window.resize(1400, 800)
    window.show()
    beat.start()
    started = time.perf_counter()
    page = window.page(PAGE)
    await until(lambda: loaded(page), timeout=LATENCY * 15, message="the first rows")
    seconds = time.perf_counter() - started
    await asyncio.sleep(TAIL)
    return window, beat.stop(), seconds


async def measure(proxy: TcpProxy, settings: AppSettings) -> dict[str, tuple[float, float, float]]:
    """way → (longest gap ms, gaps over HITCH, seconds to the rows), medians over RUNS."""
    api = ApiClient(proxy.url, timeout=httpx.Timeout(LATENCY * 10))
    session = SessionClient(api)
    await session.login("service", "service-demo")
    me = await session.me()
    beat = Heartbeat(TICK_MS)
    samples: dict[str, list[tuple[float, float, float]]] = {way: [] for way, _ in WAYS}
    for _ in range(RUNS):
        proxy.resume()
        window, gaps, seconds = await open_and_load(api, me, settings, beat)
        samples["fast"].append(figures(gaps, seconds))
        beat.start()
        await asyncio.sleep(IDLE)
        samples["idle"].append(figures(beat.stop(), IDLE))
        await delete_on_loop(window)

        proxy.delay(LATENCY, DOWN)
        window, gaps, seconds = await open_and_load(api, me, settings, beat)
        assert seconds >= LATENCY, "the answers were not held back"
        samples["slow"].append(figures(gaps, seconds))
        await delete_on_loop(window)
    proxy.resume()
    await api.aclose()
    return {way: tuple(statistics.median(s[i] for s in runs) for i in range(3)) for way, runs in samples.items()}


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # as desktop.app: closing a window does not stop the loop
    with tempfile.TemporaryDirectory() as folder, \
            backend_process(f"sqlite:///{folder}/opsdesk.db", "--demo", "--demo-accounts", str(ACCOUNTS)) as url, \
            TcpProxy(httpx.URL(url).port) as proxy:
        settings = AppSettings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
        r = event_loop.run(measure(proxy, settings))
    base = r["idle"][0]
    print(header(f"The main window while a slow backend loads a page (Auto-Convert Query, {ACCOUNTS:,} accounts)",
                 "QT_QPA_PLATFORM=offscreen python bench/window_stall.py"))
    print(f"| heartbeat every {TICK_MS} ms on the UI thread | longest gap | × idle | gaps over {HITCH * 1000:.0f} ms "
          "| window shown → rows and total in |")
    print("|---|---:|---:|---:|---:|")
    for way, what in WAYS:
        worst, hitches, seconds = r[way]
        print(f"| {what} | {worst:.0f} ms | {worst / base:.1f} | {hitches:g} "
              f"| {'' if way == 'idle' else f'{seconds:.2f} s'} |")
    print(f"\nMedians of {RUNS} window openings each (idle: {IDLE:.0f} s after each fast opening), SQLite, "
          f"QT_QPA_PLATFORM=offscreen; the slow line delays the backend's answers (tests/fixtures/tcp_proxy.py). "
          f"Goal: no gap over 200 ms.")


if __name__ == "__main__":
    main()
