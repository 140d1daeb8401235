"""Sign-in to the first page painted: from the click on Sign in to the main window's first page on
screen, in the real desktop process with its embedded backend (SQLite, demo data).

Each run spawns ``python bench/sign_in_to_first_page.py --drive DIR USER``: the desktop as
``main.py`` starts it, with ``OPSDESK_REPORT_FIRST_PAINT`` set (desktop/first_paint.py). Once the
dialog is ready (demo users listed, the window's modules loaded) and a second has passed, as a
person would take to type, it fills in the user, prints the moment and clicks Sign in; the first
page prints the moment of its first paint. The login request's round trip (the server's Argon2id
check of the password, 0.2 s by design) is reported beside it.
Baseline, same run: a process that paints the sign-in-sized dialog and then an empty QMainWindow
of the main window's size with the app's style, timed from its show() to its first paint.
Users: checker (an approver) and maker (who drafts offline: the workstation derives its own key
from the password once the window is up, desktop/offline_session.py).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/sign_in_to_first_page.py (BENCH_RUNS=7)
"""

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import ROOT, header, load, median_ms, p95_ms  # noqa: E402

from desktop.first_paint import REPORT_ENV, parse_line  # noqa: E402

CLICK = "BENCH_CLICK"
LOGIN = "BENCH_LOGIN"
BASELINE = "BENCH_BASELINE"
PAUSE_LOADING = "BENCH_PAUSE_LOADING"  # the dialog's longest pause while the client loads behind it
PAUSE_IDLE = "BENCH_PAUSE_IDLE"  # ... and once everything has loaded, the user typing
TICK_MS = 5
TYPING_SECONDS = 1.0
USERS = ("checker", "maker")


def _say(tag: str, value: float) -> None:
    print(f"{tag} {value:.6f}", file=sys.stderr, flush=True)


def drive(data_dir: str, username: str) -> int:
    """The desktop, signed in as ``username`` once its dialog is ready."""
    os.environ[REPORT_ENV] = "1"
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import app as shell
    from desktop.login_dialog import LoginDialog

    tasks = []
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def longest_pause() -> float:
        """The longest time between two ticks beyond the tick itself, since the last call."""
        gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
        del ticks[:-1]
        return max(gaps, default=0.0) - TICK_MS / 1000

    async def sign_in() -> None:
        dialog = None
        while dialog is None:
            await asyncio.sleep(0.001)
            dialog = next((w for w in QApplication.topLevelWidgets()
                           if isinstance(w, LoginDialog) and w.isVisible()), None)
        while not dialog.first_paint.done:  # its own first paint is no pause
            await asyncio.sleep(0.001)
        ticker.start(TICK_MS)
        await dialog.preparation.window_ready()
        _say(PAUSE_LOADING, longest_pause())
        while not dialog.demo_users_loaded:
            await asyncio.sleep(0.01)
        from services.clients.session import SessionClient

        login = SessionClient.login

        async def timed_login(self, *args):
            started = time.perf_counter()
            try:
                return await login(self, *args)
            finally:
                _say(LOGIN, time.perf_counter() - started)

        SessionClient.login = timed_login
        longest_pause()
        await asyncio.sleep(TYPING_SECONDS)
        _say(PAUSE_IDLE, longest_pause())
        ticker.stop()
        dialog.username_edit.setText(username)
        dialog.password_edit.setText(f"{username}-demo")
        _say(CLICK, time.time())
        dialog.sign_in_button.click()

    QTimer.singleShot(0, lambda: tasks.append(asyncio.ensure_future(sign_in())))
    return shell.main(["--lang", "en", "--data-dir", data_dir, "--log-level", "WARNING"])


def baseline() -> int:
    """An empty main window's first paint, after a dialog has been painted, as in the app."""
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    from desktop.first_paint import FirstPaint
    from desktop.style import apply_style

    app = QApplication(sys.argv[:1])
    apply_style(app)
    dialog, window = QDialog(), QMainWindow()
    dialog.resize(560, 460)
    window.resize(1280, 800)
    shown = []

    def show_window() -> None:
        dialog.close()
        hook = FirstPaint(window, "baseline")
        hook.painted.connect(lambda: (_say(BASELINE, time.perf_counter() - shown[0]), app.quit()))
        shown.append(time.perf_counter())
        window.show()

    FirstPaint(dialog, "dialog").painted.connect(show_window)
    dialog.show()
    return app.exec()


def _spawn(args: list[str], wanted: set[str], timeout: float = 300) -> dict[str, float]:
    """Runs ``args`` until it has printed every tag of ``wanted`` (first-paint names or BENCH_ tags)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    seen: dict[str, float] = {}
    said: list[str] = []
    started = time.time()
    try:
        assert process.stderr is not None
        while not wanted <= seen.keys():
            line = process.stderr.readline().decode(errors="replace")
            if not line:
                raise RuntimeError(f"{args} ended early; it printed {seen} after:\n{''.join(said[-30:])}")
            said.append(line)
            if (mark := parse_line(line)) is not None:
                seen[mark[0]] = mark[1]
            elif line.split(" ")[0] in (CLICK, LOGIN, BASELINE, PAUSE_LOADING, PAUSE_IDLE):
                tag, value = line.split()
                seen[tag] = float(value)
            if time.time() - started > timeout:
                raise RuntimeError("timed out")
        return seen
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the embedded backend goes with its group
        process.wait(30)


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    me = [sys.executable, str(Path(__file__).resolve())]
    load_before = load()
    base: list[float] = []
    total: dict[str, list[float]] = {user: [] for user in USERS}
    login: dict[str, list[float]] = {user: [] for user in USERS}
    loading: list[float] = []
    idle: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        _spawn([*me, "--drive", tmp, USERS[0]], {"first-page"})  # the first start: data folder made
        for _ in range(runs):
            base.append(_spawn([*me, "--baseline"], {BASELINE})[BASELINE])
            for user in USERS:
                marks = _spawn([*me, "--drive", tmp, user], {CLICK, LOGIN, "first-page", PAUSE_LOADING, PAUSE_IDLE})
                total[user].append(marks["first-page"] - marks[CLICK])
                login[user].append(marks[LOGIN])
                loading.append(marks[PAUSE_LOADING])
                idle.append(marks[PAUSE_IDLE])
    b = median_ms(base)
    print(header("Sign-in to the first page", "QT_QPA_PLATFORM=offscreen python bench/sign_in_to_first_page.py"))
    print("| from the click on Sign in to | median | p95 | × empty window (median) "
          "| the login request (the server's Argon2id), median | the rest, median |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| an empty QMainWindow painted, show() to paint (baseline) | {b:.0f} ms | {p95_ms(base):.0f} ms "
          f"| 1.0 | | |")
    for user in USERS:
        rest = [whole - request for whole, request in zip(total[user], login[user], strict=True)]
        print(f"| {user}'s first page painted | {median_ms(total[user]):.0f} ms | {p95_ms(total[user]):.0f} ms "
              f"| {median_ms(total[user]) / b:.1f} | {median_ms(login[user]):.0f} ms | {median_ms(rest):.0f} ms |")
    print(f"\nThe sign-in dialog's longest pause (a {TICK_MS} ms timer's longest late tick) while the client and "
          f"the window load behind it: median {median_ms(loading):.0f} ms, p95 {p95_ms(loading):.0f} ms; "
          f"the same dialog idle once loaded (baseline): median {median_ms(idle):.0f} ms, p95 {p95_ms(idle):.0f} ms.")
    print(f"\n{runs} runs of each (a desktop process per run), real Argon2id cost, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; "
          f"load average {load_before} before, {load()} after.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--drive"]:
        sys.exit(drive(sys.argv[2], sys.argv[3]))
    if sys.argv[1:2] == ["--baseline"]:
        sys.exit(baseline())
    main()
