"""``python -m backend``: prepare the database, then serve the API with one or more workers.

The desktop's embedded default runs ``--port 0 --announce --exit-with-parent --demo``: the
process binds a free port itself, prints ``OPSDESK_BACKEND_READY <url>`` once it accepts
connections, and exits when the desktop (its stdin) goes away, even if the desktop was killed.
With ``--announce-progress`` it says each preparation step before that (a first start migrates and
seeds the demo data for seconds), which the sign-in dialog shows while it waits.
It adds ``--local-delivery DIR``: a local SMTP server and SMS gateway stand-in that keep what the
dispatcher sends under DIR, so a resend can be seen arriving.
"""

import argparse
import gc
import getpass
import logging
import os
import signal
import socket
import sys
import threading
from contextlib import ExitStack
from pathlib import Path

import uvicorn
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from services.contract.launch import READY_LINE, PrepareStep, progress_line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backend", description="OpsDesk backend")
    # Unset options fall back to the settings (OPSDESK_* or the settings file), then to these defaults.
    parser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="default 8400; 0 picks a free port")
    parser.add_argument("--database-url", default=None,
                        help="SQLAlchemy URL (default: $OPSDESK_DATABASE_URL or sqlite:///opsdesk.db)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default 1); more than one needs PostgreSQL")
    parser.add_argument("--demo", action="store_true",
                        help="demo users with documented passwords and demo customers on first start")
    parser.add_argument("--allow-demo-passwords", action="store_true",
                        help="allow --demo and the demo passwords on a database not on this machine")
    parser.add_argument("--demo-accounts", type=int, default=None,
                        help="how many demo margin-call accounts to create (default 20,000)")
    parser.add_argument("--demo-messages", type=int, default=None,
                        help="how many demo message records to create (default 20,000)")
    parser.add_argument("--announce", action="store_true",
                        help=f"print '{READY_LINE} <url>' on stdout when accepting connections")
    parser.add_argument("--announce-progress", action="store_true",
                        help="print one line per preparation step with work to do (migrations, demo "
                             "data) on stdout before the ready line, for a waiting desktop")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="exit when stdin reaches end of file (the parent closed or died)")
    parser.add_argument("--log-level", default=None)
    parser.add_argument("--ssl-certfile", metavar="PATH", default=None,
                        help="serve HTTPS with this certificate (PEM, chain included); "
                             "needs --ssl-keyfile")
    parser.add_argument("--ssl-keyfile", metavar="PATH", default=None,
                        help="the private key (PEM) of --ssl-certfile")
    parser.add_argument("--backup-every-hours", type=float, metavar="H", default=None,
                        help="SQLite: an online backup of the database every H hours, in the background")
    parser.add_argument("--backup-also", metavar="PATH", action="append", default=[],
                        help="another SQLite database to back up with it (repeatable)")
    parser.add_argument("--local-delivery", metavar="DIR", default=None,
                        help="run a local SMTP server (Maildir in DIR/mail) and SMS gateway stand-in "
                             "(log in DIR/sms) and deliver messages to them")
    sub = parser.add_subparsers(dest="command")
    user = sub.add_parser("create-user", help="create a user (password read from the terminal "
                                              "or $OPSDESK_NEW_PASSWORD)")
    user.add_argument("username")
    user.add_argument("--display-name", required=True)
    user.add_argument("--roles", required=True, help="comma-separated role codes")
    seed = sub.add_parser("seed-messages", help="add demo message records (e.g. --count 1000000 to measure)")
    seed.add_argument("--count", type=int, default=1_000_000)
    check = sub.add_parser("verify-audit", help="check the audit trail's hash chain against its signed "
                                                "checkpoints; exit 1 at the first broken link")
    check.add_argument("--checkpoints", metavar="PATH", default=None,
                       help="the checkpoint file (default: the settings' audit checkpoint file)")
    check.add_argument("--public-key", metavar="PATH", default=None,
                       help="the published public key (PEM), or the signing key file "
                            "(default: the settings' audit key file)")
    sub.add_parser("checkpoint-audit", help="sign and append a checkpoint of the audit chain's head now")
    export = sub.add_parser("export-audit-checkpoints",
                            help="copy the signed checkpoints and the public key into a folder, "
                                 "to publish or keep elsewhere")
    export.add_argument("folder")
    grant_key = sub.add_parser("export-offline-grant-key",
                               help="write the public key (PEM) that signs offline grants, to install with "
                                    "the desktop (--offline-grant-key)")
    grant_key.add_argument("file")
    backup = sub.add_parser("backup", help="SQLite: take an online backup now (the backend may be running)")
    backup.add_argument("--folder", default=None, help="where (default: the settings' backup folder)")
    listing = sub.add_parser("backups", help="SQLite: list the backups")
    listing.add_argument("--folder", default=None, help="where (default: the settings' backup folder)")
    restore = sub.add_parser("restore", help="SQLite: bring a backup back (refused while a backend serves it)")
    restore.add_argument("backup", help="the backup's folder, or its name in the backup folder")
    restore.add_argument("--folder", default=None, help="the backup folder a name is looked up in")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        parser.error("--ssl-certfile and --ssl-keyfile go together")
    # Workers are separate processes: they read the same settings from the environment.
    if args.database_url:
        os.environ["OPSDESK_DATABASE_URL"] = args.database_url
    if args.demo:
        os.environ["OPSDESK_DEMO"] = "true"
    if args.allow_demo_passwords:
        os.environ["OPSDESK_ALLOW_DEMO_PASSWORDS"] = "true"
    if args.log_level:
        os.environ["OPSDESK_LOG_LEVEL"] = args.log_level
    if args.backup_every_hours is not None:
        os.environ["OPSDESK_BACKUP_EVERY_HOURS"] = str(args.backup_every_hours)
    if args.backup_also:
        os.environ["OPSDESK_BACKUP_ALSO"] = os.pathsep.join(str(Path(p).absolute()) for p in args.backup_also)

    from backend.ops import json_logs
    from backend.settings import Settings, SettingsFileError
    try:
        settings = Settings()
    except SettingsFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # The server's log is JSON lines (or as the settings say); a command's is for a person to read.
    json_logs.configure(settings.log_level, settings.log_format if args.command is None else "text")

    if args.command == "create-user":
        return _create_user(settings.database_url, args)
    if args.command == "seed-messages":
        return _seed_messages(settings.database_url, args.count)
    if args.command == "verify-audit":
        key_file, checkpoint_file = settings.audit_paths()
        return _verify_audit(settings.database_url, Path(args.checkpoints or checkpoint_file),
                             Path(args.public_key or key_file))
    if args.command == "checkpoint-audit":
        return _checkpoint_audit(settings)
    if args.command == "export-offline-grant-key":
        return _export_offline_grant_key(settings, Path(args.file))
    if args.command == "export-audit-checkpoints":
        return _export_audit_checkpoints(settings, Path(args.folder))
    if args.command in ("backup", "backups", "restore"):
        from backend.ops import backup_commands
        return backup_commands.run(settings, args)
    return _serve(settings, args)


def _create_user(url: str, args) -> int:
    from backend.auth.bootstrap import create_user, sync_roles
    from backend.db.engine import make_single_use_engine
    from backend.db.migrate import upgrade

    password = os.environ.get("OPSDESK_NEW_PASSWORD") or getpass.getpass("Password: ")
    upgrade(url)
    engine = make_single_use_engine(url)
    try:
        with Session(engine) as session:
            sync_roles(session)
            create_user(session, args.username, password, args.display_name,
                        tuple(r.strip() for r in args.roles.split(",") if r.strip()))
            session.commit()
    except ValueError as refused:  # nothing was committed
        print(f"error: {refused}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"created user {args.username}")
    return 0


def _seed_messages(url: str, count: int) -> int:
    import time

    from backend.db.engine import make_single_use_engine
    from backend.db.migrate import upgrade
    from backend.demo import messages_data

    upgrade(url)
    engine = make_single_use_engine(url)
    started = time.perf_counter()
    with engine.begin() as conn:
        messages_data.seed(conn, count)
    engine.dispose()
    print(f"added {count:,} message records in {time.perf_counter() - started:.1f}s")
    return 0


def _verify_audit(url: str, checkpoint_file: Path, key_file: Path) -> int:
    """Read-only: never migrates. Exit 0 when the chain is intact and every checkpoint matches,
    1 at the first broken link or checkpoint."""
    from backend.audit.anchor import CheckpointFileError, read_checkpoints
    from backend.audit.verify import describe_ids, verify
    from backend.db.engine import make_single_use_engine
    from backend.kit.signing_keys import load_public_key

    try:
        checkpoints = read_checkpoints(checkpoint_file)
    except CheckpointFileError as exc:
        print(f"audit checkpoints broken at line {exc.line} of {checkpoint_file}: {exc}")
        return 1
    public_key = None
    if checkpoints:
        try:
            public_key = load_public_key(key_file)
        except (OSError, ValueError) as exc:
            print(f"audit checkpoints unchecked: no public key in {key_file} ({exc})")
            return 1
    engine = make_single_use_engine(url)
    try:
        with Session(engine) as session:
            report = verify(session, checkpoints=checkpoints, public_key=public_key)
    finally:
        engine.dispose()
    if not report.intact:
        if report.broken_id is None:
            print(f"audit checkpoints broken at line {report.broken_checkpoint} of {checkpoint_file}: "
                  f"{report.reason}")
        else:
            print(f"audit chain broken at event {report.broken_id}: {report.reason}")
        return 1
    print(f"audit chain intact: {report.count} events")
    last = report.last_checkpoint
    if last is None:
        print(f"anchored: none (no checkpoint in {checkpoint_file})")
    else:
        print(f"anchored: {report.checkpoints} checkpoints match, the last at event {last.last_event_id} "
              f"(event {last.size} of the chain, signed {last.at} by key {last.key_id})")
    if report.unanchored:
        after = "after the last checkpoint" if last else "no checkpoint covers them"
        print(f"unanchored: {report.unanchored} events ({after}): "
              f"{describe_ids(report.unanchored_ids, report.unanchored)}")
    else:
        print("unanchored: none")
    return 0


def _checkpoint_audit(settings) -> int:
    from backend.audit.anchor import checkpoint_if_due
    from backend.db.engine import make_single_use_engine
    from backend.db.session import Database
    from backend.kit.signing_keys import load_or_create_key

    key_file, checkpoint_file = settings.audit_paths()
    engine = make_single_use_engine(settings.database_url)
    try:
        checkpoint = checkpoint_if_due(Database(engine), load_or_create_key(key_file), checkpoint_file,
                                       every_events=0, every_minutes=0, force=True)
    finally:
        engine.dispose()
    if checkpoint is None:
        print(f"no new checkpoint: the chain is empty or its head is checkpointed in {checkpoint_file}")
    else:
        print(f"checkpoint at event {checkpoint.last_event_id} (event {checkpoint.size} of the chain) "
              f"appended to {checkpoint_file}")
    return 0


def _export_audit_checkpoints(settings, folder: Path) -> int:
    """The checkpoint file as it stands and the public key (never the signing key)."""
    from backend.audit.anchor import read_checkpoints
    from backend.kit.signing_keys import load_public_key, public_pem

    key_file, checkpoint_file = settings.audit_paths()
    checkpoints = read_checkpoints(checkpoint_file)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "audit-public-key.pem").write_bytes(public_pem(load_public_key(key_file)))
    (folder / "audit-checkpoints.jsonl").write_text("".join(c.to_line() for c in checkpoints),
                                                    encoding="utf-8")
    print(f"exported {len(checkpoints)} checkpoints and the public key to {folder}")
    return 0


def _export_offline_grant_key(settings, target: Path) -> int:
    from backend.auth.grant_key import signing_key
    from backend.kit.signing_keys import public_pem

    target.write_bytes(public_pem(signing_key(settings)))
    print(f"wrote the offline grant public key to {target}")
    return 0


def _serve(settings, args) -> int:
    from backend.startup import DEFAULT_DEMO_ACCOUNTS, DEFAULT_DEMO_MESSAGES, prepare_database

    # The command line wins over the settings.
    args.host = args.host or settings.host
    args.port = settings.port if args.port is None else args.port
    args.workers = args.workers or settings.workers
    args.ssl_certfile = args.ssl_certfile or settings.ssl_certfile
    args.ssl_keyfile = args.ssl_keyfile or settings.ssl_keyfile
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("error: a TLS certificate and its key go together (ssl_certfile, ssl_keyfile)", file=sys.stderr)
        return 2
    if args.workers > 1 and make_url(settings.database_url).get_backend_name() == "sqlite":
        print("error: several workers need PostgreSQL; SQLite serves one worker", file=sys.stderr)
        return 2
    from backend.auth.demo_guard import demo_start_refusal
    if refusal := demo_start_refusal(settings):
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    from backend.kit.signing_keys import database_file
    from backend.ops.database_lock import DatabaseInUse, holding
    held = ExitStack()  # what the process holds while it serves, let go of in reverse when it stops
    if (database := database_file(settings.database_url)) is not None:
        try:  # SQLite serves one backend process, and a restore writes under none
            held.enter_context(holding(database.absolute()))
        except DatabaseInUse as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        prepare_database(settings.database_url, demo=settings.demo,
                         demo_accounts=args.demo_accounts or DEFAULT_DEMO_ACCOUNTS,
                         demo_messages=DEFAULT_DEMO_MESSAGES if args.demo_messages is None else args.demo_messages,
                         progress=_announce_step if args.announce_progress else None)
        if args.local_delivery:
            held.callback(_start_local_delivery(args.local_delivery).stop)
        return _listen_and_run(settings, args)
    finally:
        held.close()


def _announce_step(step: PrepareStep) -> None:
    print(progress_line(step), flush=True)


def _start_local_delivery(folder: str):
    from backend.local_delivery.servers import start_local_delivery

    delivery = start_local_delivery(Path(folder))
    # The app (and every worker process) reads these settings from the environment.
    os.environ["OPSDESK_SMTP_HOST"] = delivery.smtp_host
    os.environ["OPSDESK_SMTP_PORT"] = str(delivery.smtp_port)
    os.environ["OPSDESK_SMS_GATEWAY_URL"] = delivery.sms_url
    return delivery


KEEP_ALIVE_SECONDS = 30


def _listen_and_run(settings, args) -> int:
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it a keep-alive answer written in two parts
    # waits for the client's delayed ACK, about 40 ms per request (measured in bench/).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((args.host, args.port))
    # Listening before uvicorn runs: a client that connects right after the announcement
    # waits in the backlog for a few milliseconds instead of being refused.
    sock.listen(2048)
    host, port = sock.getsockname()[:2]
    scheme = "https" if args.ssl_certfile else "http"
    url = f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}"

    config = uvicorn.Config("backend.app:create_app", factory=True, workers=args.workers,
                            log_level=settings.log_level.lower(), access_log=False,
                            timeout_graceful_shutdown=5,
                            # Longer than a client keeps an idle connection (httpx: 5 s), so the
                            # client always closes first: at uvicorn's default of 5 s both sides
                            # raced, and a request sent on a connection the server was closing
                            # failed with a reset under load.
                            timeout_keep_alive=KEEP_ALIVE_SECONDS,
                            ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile,
                            # uvicorn's own lines go through the app's handler: JSON like the rest.
                            log_config=None)
    server = uvicorn.Server(config) if args.workers == 1 else None
    if args.exit_with_parent:
        _exit_when_stdin_closes(server)
    if args.announce:
        print(f"{READY_LINE} {url}", flush=True)
    logging.getLogger(__name__).info("serving on %s with %d worker(s)", url, args.workers)
    from backend.ops.metrics_folder import multiprocess_folder
    with multiprocess_folder(args.workers):  # before any worker starts: they read it as they import
        if server is None:
            from uvicorn.supervisors import Multiprocess
            Multiprocess(config, sockets=[sock]).run()
        else:
            server.run(sockets=[sock])
    return 0


def _exit_when_stdin_closes(server: uvicorn.Server | None) -> None:
    """The parent closed our stdin (or died): shut down gracefully. One server is asked to
    stop, so this process ends with 0 after its own clean-up (the local delivery servers); a
    SIGTERM would be re-raised by uvicorn once it has shut down, ending the process before it."""
    def watch():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        if server is not None:
            server.should_exit = True
        else:
            os.kill(os.getpid(), signal.SIGTERM)  # the supervisor stops its workers on SIGTERM

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


if __name__ == "__main__":
    code = main()
    # Done: what remains is the interpreter's last garbage collection over every object the app
    # made, which freed nothing the process's end does not, and took seconds on a busy machine
    # (each backend stopped, each command run). Frozen objects are left to the operating system.
    gc.freeze()
    sys.exit(code)
