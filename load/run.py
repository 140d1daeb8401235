"""``make load``: a broker's back-office day against 4 backend workers on PostgreSQL, on loopback
only, bounded in users and time; then the checks of load/checks.py and a report.

    python load/run.py [--server postgresql://postgres@127.0.0.1:5432/test] [--mix-seconds 75]

1. a new database on the server (dropped at the end), migrated, with the load accounts created
   through the backend's own bootstrap, then ``python -m backend --workers 4 --demo`` on
   127.0.0.1 delivering messages to its local SMTP server and SMS gateway stand-in;
2. the mixed day: locust headless, makers, checkers, customer service and fund operations
   (load/locustfile.py), ``-u`` users held for ``--mix-seconds``;
3. the decisions-per-second ceiling: orders submitted ahead, then deciders with no pause, while
   pg_stat_activity is sampled for sessions waiting on the audit chain's head lock; then the same
   users doing a non-audited write (mark returned seen) as the stack's own ceiling for comparison;
4. the after-checks: ``python -m backend verify-audit``, every work order's state against its
   decisions, no message sent twice; the report is printed and written into bench/RESULTS.md.
Exit status 1 when a check fails or a request failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from backend import launch  # noqa: E402
from backend.db.scratch_database import admin_engine, create_scratch_database  # noqa: E402
from load import checks  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"
ACCOUNTS = {"makers": ("loadmaker", "ops_maker", 5), "checkers": ("loadchecker", "risk_checker", 4),
            "service": ("loadservice", "customer_service", 4), "funds": ("loadfunds", "fund_ops", 2)}
USERS = {"LOAD_MAKERS": 10, "LOAD_CHECKERS": 8, "LOAD_SERVICE": 4, "LOAD_FUNDS": 3}
DECIDERS = 8
UPDATE = "risk.credit.update_stock_margin_task"


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    stats: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)
    # (active, idle in transaction, waiting on any lock, waiting on the audit head lock, holding or
    # waiting for the audit head lock)
    samples: list[tuple[int, ...]] = field(default_factory=list)
    cpu_busy: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0

    def total(self) -> dict:
        return next((s for s in self.stats if s["Name"] == "Aggregated"), {})

    def op(self, name: str) -> dict:
        return next((s for s in self.stats if s["Name"] == name), {})


def _cpu_times() -> tuple[int, int]:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


class Sampler:
    """pg_stat_activity of the load's database every 50 ms while a phase runs."""

    # The last column: transactions that locked the chain head or wait for it (SELECT ... FOR UPDATE
    # holds ROW SHARE on the table to the transaction's end, waiting or not); one at least means the
    # head is in use, the utilization of the one lock every audited write takes in turn.
    QUERY = text("""
        SELECT count(*) FILTER (WHERE state = 'active'),
               count(*) FILTER (WHERE state = 'idle in transaction'),
               count(*) FILTER (WHERE wait_event_type = 'Lock'),
               count(*) FILTER (WHERE wait_event_type = 'Lock' AND query ILIKE '%audit_chain_head%'),
               (SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = 'audit_chain_head' AND l.mode = 'RowShareLock'
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = :db))
        FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()""")

    def __init__(self, url: str, database: str):
        self._engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), pool_size=1)
        self._database = database
        self._stop = threading.Event()
        self.samples: list[tuple[int, ...]] = []

    def __enter__(self) -> Sampler:
        self._cpu = _cpu_times()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        with self._engine.connect() as conn:
            while not self._stop.wait(0.05):
                row = conn.execute(self.QUERY, {"db": self._database}).one()
                conn.commit()
                self.samples.append(tuple(int(v) for v in row))

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        busy, total = _cpu_times()
        self.cpu_busy = (busy - self._cpu[0]) / max(1, total - self._cpu[1])
        self._engine.dispose()


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run_locust(phase: Phase, url: str, work: Path, plan: Path, db: tuple[str, str], classes: list[str],
               counts: dict[str, int], seconds: int, spawn_rate: int) -> Phase:
    users = sum(counts.values())
    prefix = work / phase.name
    env = {**os.environ, "LOAD_PLAN": str(plan), **{k: str(v) for k, v in counts.items()}}
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "load" / "locustfile.py"), "--headless",
               "-u", str(users), "-r", str(spawn_rate), "-t", f"{seconds}s", "--host", url,
               "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
               "--exit-code-on-error", "0", *classes]
    phase.load_before = os.getloadavg()[0]
    started = time.monotonic()
    with Sampler(*db) as sampler, (work / f"{phase.name}.log").open("wb") as log:
        subprocess.run(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=True,
                       timeout=seconds + 60)
    phase.seconds = time.monotonic() - started
    phase.samples, phase.cpu_busy = sampler.samples, sampler.cpu_busy
    phase.load_after = os.getloadavg()[0]
    phase.stats = _read_csv(Path(f"{prefix}_stats.csv"))
    phase.failures = _read_csv(Path(f"{prefix}_failures.csv"))
    return phase


# --- setting up -------------------------------------------------------------------------------


def create_accounts(url: str, password: str) -> dict[str, list[str]]:
    """The load's own users, through the backend's bootstrap (as ``python -m backend create-user``)."""
    from backend.auth.bootstrap import create_user, sync_roles
    from backend.db.engine import make_single_use_engine
    from backend.db.migrate import upgrade

    upgrade(url)
    engine = make_single_use_engine(url)
    names: dict[str, list[str]] = {}
    with Session(engine) as session:
        sync_roles(session)
        for key, (prefix, role, count) in ACCOUNTS.items():
            names[key] = [f"{prefix}{i}" for i in range(1, count + 1)]
            for name in names[key]:
                create_user(session, name, password, f"Load {name}", (role,))
        session.commit()
    engine.dispose()
    return names


def make_plan(url: str, accounts: dict[str, list[str]], password: str, fill: int) -> tuple[dict, list[dict]]:
    """Each user's share: margin rows per maker, resendable messages per service user, batches per
    fund user; and the rows the decisions phase's orders change."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text(
            "SELECT symbol, market, im, mcm, mm, fm FROM risk_stock_margins WHERE financeable ORDER BY symbol"))]
        messages = list(conn.scalars(text(
            "SELECT id FROM msg_records WHERE resendable AND channel IN ('sms', 'email') AND status <> 'queued' "
            "ORDER BY id DESC LIMIT 2000")))
        batches = list(conn.scalars(text(
            "SELECT b.id FROM fund_clearing_batches b WHERE NOT EXISTS "
            "(SELECT 1 FROM fund_side_confirmations c WHERE c.batch_id = b.id) ORDER BY b.id")))
    engine.dispose()
    for row in rows:
        for ratio in ("im", "mcm", "mm", "fm"):
            row[ratio] = str(row[ratio])
    fill_rows, rows = rows[:fill], rows[fill:]
    makers = USERS["LOAD_MAKERS"]
    service, funds = USERS["LOAD_SERVICE"], USERS["LOAD_FUNDS"]
    plan = {**accounts, "password": password,
            "maker_pools": [rows[i::makers] for i in range(makers)],
            "checker_shares": USERS["LOAD_CHECKERS"], "decider_shares": DECIDERS,
            "message_shares": [messages[i::service] for i in range(service)],
            "batch_shares": [batches[i::funds] for i in range(funds)]}
    return plan, fill_rows


def _token(client: httpx.Client, username: str, password: str) -> str:
    answer = client.post("/auth/login", json={"username": username, "password": password})
    answer.raise_for_status()
    return answer.json()["access_token"]


def sign_in(url: str, usernames: list[str], password: str) -> dict[str, str]:
    """A session per account, opened before the clock starts (a staff member signs in once a day;
    the server's Argon2id check is a figure of bench/sign_in_to_first_page.py)."""
    with httpx.Client(base_url=url, timeout=120) as client, ThreadPoolExecutor(2) as pool:
        return dict(zip(usernames, pool.map(lambda name: _token(client, name, password), usernames), strict=True))


def submit_ahead(url: str, plan: dict, rows: list[dict]) -> list[int]:
    """The decisions phase's orders, submitted by the makers before it starts; returns their ids."""
    from load.locustfile import proposal

    with httpx.Client(base_url=url, timeout=60) as client:
        tokens = [plan["tokens"][name] for name in plan["makers"]]

        def one(i_row: tuple[int, dict]) -> int | None:
            i, row = i_row
            answer = client.post("/work-orders", json={"flow": UPDATE, "payload": proposal(row)},
                                 headers={"Authorization": f"Bearer {tokens[i % len(tokens)]}",
                                          "Idempotency-Key": str(uuid.uuid4())})
            return answer.json()["id"] if answer.status_code == 201 else None

        with ThreadPoolExecutor(6) as pool:
            return [order_id for order_id in pool.map(one, enumerate(rows)) if order_id is not None]


def wait_for_dispatch(url: str, seconds: float = 30) -> int:
    """Waits (bounded) until no attempt is queued or sending; returns how many still are."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    deadline = time.monotonic() + seconds
    try:
        while True:
            with engine.connect() as conn:
                waiting = conn.execute(text(
                    "SELECT count(*) FROM msg_attempts WHERE status IN ('queued', 'sending')")).scalar_one()
            if not waiting or time.monotonic() > deadline:
                return int(waiting)
            time.sleep(0.5)
    finally:
        engine.dispose()


def decisions_rate(url: str, since: datetime) -> tuple[int, float]:
    """(decisions, per second between the first and the last) decided since ``since``."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        count, first, last = conn.execute(text(
            "SELECT count(*), min(decided_at), max(decided_at) FROM work_order_decisions WHERE decided_at >= :t"),
            {"t": since}).one()
    engine.dispose()
    span = (last - first).total_seconds() if count and count > 1 else 0.0
    return int(count), (count / span if span else 0.0)


# --- after ------------------------------------------------------------------------------------


def after_checks(url: str, delivery: Path) -> dict[str, list[str]]:
    verify = subprocess.run([sys.executable, "-m", "backend", "--database-url", url, "verify-audit"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    found = {"audit chain (python -m backend verify-audit)":
             [] if verify.returncode == 0 else [verify.stdout.strip() or verify.stderr.strip()]}
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with Session(engine) as session:
        found["audit chain (verify in process)"] = checks.chain_problems(session)
        found["work-order states explained by their decisions"] = checks.work_order_problems(session)
        found["no message sent twice"] = checks.message_problems(session, delivery)
    engine.dispose()
    found["verify-audit said"] = [verify.stdout.strip().splitlines()[0]] if verify.stdout.strip() else []
    return found


def _ms(stat: dict, column: str) -> str:
    value = stat.get(column)
    return "" if value in (None, "", "N/A") else f"{float(value):.0f}"


def head_lock_use(phase: Phase) -> float:
    """The share of samples in which some transaction held the audit chain's head lock."""
    return sum(1 for s in phase.samples if s[4]) / len(phase.samples) if phase.samples else 0.0


def _head_waits(phase: Phase, decisions_per_second: float) -> str:
    if not phase.samples:
        return "no samples"
    n = len(phase.samples)
    active, idle_in_tx, any_lock, head, _ = ([s[i] for s in phase.samples] for i in range(5))
    use = head_lock_use(phase)
    ceiling = f"{decisions_per_second / use:.0f}" if use else "unbounded"
    return (f"{n} samples of pg_stat_activity and pg_locks (every 50 ms). The head lock was held in "
            f"**{use:.0%}** of them: at {decisions_per_second:.1f} decisions/s, the lock alone would allow about "
            f"{ceiling} decisions/s (decisions/s ÷ its use). On average {sum(head) / n:.2f} transactions waited "
            f"for it (at most {max(head)}), {sum(any_lock) / n:.2f} for any lock, {sum(active) / n:.2f} sessions "
            f"were active (running a statement or waiting in one) and {sum(idle_in_tx) / n:.2f} idle in a "
            f"transaction (the application working between statements)")


def report(args, mix: Phase, decide: Phase, seen: Phase, decided: tuple[int, float], submitted: int,
           found: dict[str, list[str]], uptime_before: str, uptime_after: str, dispatch_left: int) -> str:
    total = mix.total()
    users = sum(USERS.values())
    held = ", ".join(f"{key.split('_')[1].lower()} {count}" for key, count in USERS.items())
    lines = [
        BEGIN,
        "### Load: a broker's day on 4 workers (PostgreSQL)",
        "",
        f"`python load/run.py` (`make load`) — {datetime.now(UTC):%Y-%m-%d}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; backend, PostgreSQL "
        f"and locust on the same machine, loopback only.",
        "",
        f"- before: `{uptime_before}`",
        f"- after: `{uptime_after}`",
        "",
        f"Mixed day: {users} users held ({held}), "
        f"{args.mix_seconds} s, each pausing 0.5–3 s between actions: "
        f"**{float(total.get('Requests/s', 0)):.1f} requests/s**, {total.get('Request Count', 0)} requests, "
        f"**{total.get('Failure Count', 0)} errors**; CPU {mix.cpu_busy:.0%} busy; load average "
        f"{mix.load_before:.1f} before, {mix.load_after:.1f} after.",
        "",
        "| operation | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for stat in sorted(mix.stats, key=lambda s: (s["Name"] == "Aggregated", s["Name"])):
        lines.append(f"| {stat['Name']} | {stat['Request Count']} | {stat['Failure Count']} | "
                     f"{float(stat['Requests/s']):.2f} | {_ms(stat, '50%')} | {_ms(stat, '95%')} | {_ms(stat, '99%')} |")
    for failure in mix.failures + decide.failures + seen.failures:
        lines.append(f"\nFailed: {failure.get('Method')} {failure.get('Name')} ×{failure.get('Occurrences')}: "
                     f"{failure.get('Error')}")
    d_op, s_op = decide.op("decide (approve or reject)"), seen.op("mark returned seen (non-audited write)")
    lines += [
        "",
        f"Decisions per second: {submitted} margin changes submitted ahead, then {DECIDERS} deciders with no "
        f"pause for {args.decide_seconds} s: **{decided[1]:.1f} decisions/s** ({decided[0]} decided, from the "
        f"decisions' own times), p50 {_ms(d_op, '50%')} ms, p95 {_ms(d_op, '95%')} ms, p99 {_ms(d_op, '99%')} ms, "
        f"{d_op.get('Failure Count', 0)} errors; CPU {decide.cpu_busy:.0%} busy. "
        f"Same {DECIDERS} users, a non-audited write (mark returned seen: signed in, one write transaction, "
        f"counts read back) for {args.seen_seconds} s: **{float(s_op.get('Requests/s', 0)):.1f} writes/s**, "
        f"p50 {_ms(s_op, '50%')} ms, p99 {_ms(s_op, '99%')} ms; CPU {seen.cpu_busy:.0%} busy.",
        "",
        f"The audit chain's head lock during the decisions: {_head_waits(decide, decided[1])}.",
        "",
        "After the run:",
        "",
    ]
    for name, problems in found.items():
        if name == "verify-audit said":
            continue
        verdict = "holds" if not problems else f"FAILS ({len(problems)}): " + "; ".join(problems[:5])
        lines.append(f"- {name}: {verdict}")
    if found.get("verify-audit said"):
        lines.append(f"- verify-audit: `{found['verify-audit said'][0]}`")
    if dispatch_left:
        lines.append(f"- {dispatch_left} message attempts were still queued or sending when the backend stopped")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_results(section: str) -> None:
    current = RESULTS.read_text(encoding="utf-8")
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(current, encoding="utf-8")


_STARTED = time.monotonic()


def say(what: str) -> None:
    print(f"[{time.monotonic() - _STARTED:5.0f} s] {what}", flush=True)


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("OPSDESK_LOAD_SERVER", "postgresql://postgres@127.0.0.1:5432/test"),
                        help="a PostgreSQL server on this machine (a database is created on it and dropped)")
    parser.add_argument("--mix-seconds", type=int, default=75)
    parser.add_argument("--decide-seconds", type=int, default=25)
    parser.add_argument("--seen-seconds", type=int, default=15)
    parser.add_argument("--fill", type=int, default=400, help="orders submitted ahead of the decisions phase")
    parser.add_argument("--no-write", action="store_true", help="print the report, leave bench/RESULTS.md")
    parser.add_argument("--keep", metavar="DIR", default=None,
                        help="keep the logs, locust's CSV files and the delivered messages in DIR")
    args = parser.parse_args(argv)
    uptime_before = _uptime()
    password = f"load-{uuid.uuid4().hex[:12]}"
    with ExitStack() as stack:
        if args.keep:
            work = Path(args.keep)
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="opsdesk-load-")))
        admin = admin_engine(args.server)
        name, url = create_scratch_database(admin, args.server, "opsdesk_load")

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        stack.callback(drop)
        os.environ["OPSDESK_AUDIT_KEY_FILE"] = str(work / "audit-key.pem")
        os.environ["OPSDESK_AUDIT_CHECKPOINT_FILE"] = str(work / "audit-checkpoints.jsonl")
        say(f"database {name}; preparing")
        accounts = create_accounts(url, password)
        delivery = work / "delivery"
        backend_log = stack.enter_context((work / "backend.log").open("wb"))
        process, base = launch.start(url, "--host", "127.0.0.1", "--workers", "4", "--demo", "--demo-accounts",
                                     "500", "--demo-messages", "5000", "--local-delivery", str(delivery),
                                     stderr=backend_log, timeout=300)
        if base is None:
            print((work / "backend.log").read_text(errors="replace")[-3000:])
            return 2
        stopped = False

        def stop() -> None:
            nonlocal stopped
            if not stopped:
                stopped = True
                launch.stop(process)

        stack.callback(stop)
        plan, fill_rows = make_plan(url, accounts, password, args.fill)
        say("signing in the load accounts (each user of an account shares its session)")
        plan["tokens"] = sign_in(base, [n for names in accounts.values() for n in names], password)
        plan_file = work / "plan.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        db = (url, name)
        say(f"backend at {base}; the mixed day, {args.mix_seconds} s")
        mix = run_locust(Phase("mix"), base, work, plan_file, db,
                         ["MakerUser", "CheckerUser", "ServiceUser", "FundsUser"], USERS, args.mix_seconds, 10)
        say("submitting the decisions phase's orders")
        plan["decide_orders"] = submit_ahead(base, plan, fill_rows)
        submitted = len(plan["decide_orders"])
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        since = datetime.now(UTC)
        say(f"decisions only, {args.decide_seconds} s")
        decide = run_locust(Phase("decide"), base, work, plan_file, db, ["DeciderUser"],
                            {"LOAD_DECIDERS": DECIDERS}, args.decide_seconds, DECIDERS)
        decided = decisions_rate(url, since)
        say(f"non-audited writes, {args.seen_seconds} s")
        seen = run_locust(Phase("seen"), base, work, plan_file, db, ["ReturnedSeenUser"],
                          {"LOAD_SEEN": DECIDERS}, args.seen_seconds, DECIDERS)
        say("waiting for the dispatcher, then stopping the backend")
        dispatch_left = wait_for_dispatch(url)
        stop()
        say("checking")
        found = after_checks(url, delivery)
        section = report(args, mix, decide, seen, decided, submitted, found, uptime_before, _uptime(), dispatch_left)
        print(section)
        if not args.no_write:
            write_results(section)
        failed = any(problems for key, problems in found.items() if key != "verify-audit said")
        errors = sum(int(p.total().get("Failure Count", 0) or 0) for p in (mix, decide, seen))
        return 1 if failed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
