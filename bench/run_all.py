"""Runs every benchmark and rewrites bench/RESULTS.md with their tables (``make bench``)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("start_to_sign_in.py", "sign_in_to_first_page.py", "first_page.py", "batch_apply.py", "inbox_list.py",
           "workbook_read.py", "upload_stall.py", "window_stall.py", "page_stall.py", "outbox_sync.py", "message_list.py", "draft_keystroke.py", "calendar_import.py",
           "event_latency.py")
INTRO = """# Benchmarks

Each figure is a median over repeated runs, next to a baseline measured in the same run (the
machine is shared and noisy, so the ratio is the figure to compare). Regenerate with `make bench`
or run one script as shown under its table.

What the figures taught so far:
- Keep-alive requests took ~48 ms each until the backend's own listening socket got
  TCP_NODELAY (uvicorn wrote the answer in two parts and waited for the client's delayed ACK);
  now /health answers in a few ms and a page of 100 rows in ~30 ms.
- The sign-in dialog waited 1.8 s (5.2 s on a first start; 11× and 32× a bare Qt dialog) for
  the embedded backend's imports, migrations and demo data, and for the client's own imports
  (httpx, pydantic, SQLAlchemy, the main window and every page). Now it is the first thing on
  screen: the backend starts beside it and says each step of its preparation, and the client
  loads behind it in a worker thread. Before the dialog remain the interpreter, Qt, asyncio and
  qasync. While the client loads, a garbage collection among the thousands of new objects held
  the GIL for 0.1–0.3 s at a time, the dialog not answering meanwhile: collections wait until the
  load is done, then what was loaded is frozen (``gc.freeze``) so that later collections skip it.
  Among what may still pause it: numpy's import, a C extension (openpyxl imports it; ui/risk
  imports openpyxl at start through services/excel/margin_reader.py and margin_template.py).
- From Sign in to the first page (1.7 s by hand before), the server's Argon2id check of the
  password (0.2 s by design, more on a loaded machine) is most of the wait; the workstation's own
  Argon2id of the password (for the offline grant and the drafting key) runs beside it instead of
  after it, and the window's modules are loaded by the time the user has typed.
- A 10,000-row upload applies in ~0.8–1.3 s once versions are read with one query per table
  (not one ``IN`` list per batch) and rows, targets and locks are written by executemany.
- Work-order lists select named columns: an upload's payload and snapshot hold thousands of rows.
- On PostgreSQL straight after a bulk load (no statistics yet) the inbox took 3.5–7.5 s: the
  planner AND-ed two single-column bitmap scans of the decisions table per order. Composite
  indexes (order, decider) and (decider, order) answer it whatever the statistics say.
- Reading a workbook in a worker thread let the window stall 55–110 ms at a time (calamine and
  pydantic hold the GIL in long C calls); a child process keeps the 99th percentile lower. Its
  start() must itself run off the loop: it blocks while the child imports its modules (a 740 ms
  stall until it moved). The 50,000-row preview (1.4 s of diffing) runs in a worker thread too.
- Queueing a draft batch read the whole cached securities master to judge ten symbols: 97 ms a
  batch; looking up only the batch's symbols made it 6 ms.
- While a page loads through a backend whose answers come 2 s late, the window's longest pause
  (20–65 ms, 2–6× the idle window's) comes when the answers arrive and the rows are put in and
  painted, as on a backend answering at once: the wait itself does not pause the window.
- Saving the draft editor's whole grid on every key would cost 4 ms for 10 rows and 0.6 s for
  5,000; instead each key is committed as one small INSERT into the grid's journal (+0.3–0.4 ms a
  key, whatever the batch's size), and the whole grid is saved in the 300 ms pause. With
  synchronous=NORMAL a committed key survives a killed process; FULL (a power cut too) would add
  an fsync per key, 1–4 ms here.
- The exchange calendars (exchange_calendars with pandas, XHKG and XNYS built) would add about
  half again to the desktop's start-up imports (1.46×); they are imported on first use, in a
  worker thread (the Intraday Margin and Day-Trade Window pages build them while their rows load,
  the long margin drawer when it opens), and start-up imports neither module.
- An approver's "Awaiting me" moved at the next 30-second poll; with the event stream it moves
  about 20 ms (SQLite) to 50 ms (PostgreSQL, submitted through another backend process) after the
  submission is sent, most of it the submission itself and the one GET of the counts the event asks for.
- Every audited write took the audit chain's head lock at its first `record()` and held it to the
  commit, so a decision's whole work (applying the change, flushing, telling whom it concerns) ran
  while every other audited write of every worker waited. `make load`'s decisions phase (8 deciders,
  no pause, 4 workers on PostgreSQL) on the code before: the lock was held in 78 % of 397 pg_locks
  samples, 1.66 transactions waiting for it on average, at 11.9 decisions/s: about 15/s was all the
  lock allowed (decisions/s ÷ its use), the ceiling in sight (load average 11–14). The events are now
  staged and appended last, as the transaction commits: the same chain, each event hashed over the
  one before, the lock held only for the append and the COMMIT. Now: held in 42 %, 0.23 waiting, at
  13.9 decisions/s, room for about 33/s. The decisions are bound by the 2 cores (100 % busy, 5.7
  transactions on average idle between statements while their process waits to run), not by the lock;
  no migration or change of the chain was needed. On more cores, the lock's own bound in the Load
  section is the figure to watch: should it come near, chaining in batches by one writer is next.
- Opening a page costs the UI thread 20–150 ms of CPU (bench/page_stall.py; Fund Clearing,
  Intraday Margin, Articles and Message Records the most), spread over building the widgets,
  Qt's layout and the first paint of the rows: no page has one part of our code above ~20 ms, and
  on this shared machine (load 5–10) the 99th percentile gap of most list pages stays at 50–150 ms,
  over the 50 ms goal. What did stand out was fixed: a drafting user's first sync round wrote and
  parsed the whole reference data (~17,000 rows) on the UI thread, holding the window 0.4–2 s
  whatever page was opening (now in worker threads: its longest pause 170 ms, 430–480 ms before
  in the same session); the Intraday page built the exchange calendars on its first opening
  (now soon after sign-in, in a worker thread: its opening's CPU 127 → 79 ms); a list answered
  each cell's role lookups in 5–11 µs (0.9 µs now, a repaint of a 15-column list 47–73 → 17–46 ms;
  a reload of the biggest lists 63 → 44 ms of CPU); the margin pages built their side drawer
  before it was opened. A worker thread is no cure for long C calls holding the GIL (pandas'
  import in one held the window 160–270 ms at a time): such work is moved to a moment the user
  is not opening anything.
"""


def _load_section() -> str:
    """``make load``'s section as its last run wrote it (load/run.py keeps it between its markers)."""
    current = (HERE / "RESULTS.md").read_text(encoding="utf-8") if (HERE / "RESULTS.md").exists() else ""
    begin, end = "<!-- load:begin -->", "<!-- load:end -->"
    if begin not in current or end not in current:
        return ""
    return begin + current.split(begin, 1)[1].split(end, 1)[0] + end


def main() -> int:
    sections = [INTRO]
    for script in SCRIPTS:
        result = subprocess.run([sys.executable, str(HERE / script)], capture_output=True, text=True,
                                cwd=HERE.parent)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return result.returncode
        sections.append(result.stdout.strip())
        print(result.stdout)
    sections.append(_load_section())
    (HERE / "RESULTS.md").write_text("\n\n".join(s for s in sections if s) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
