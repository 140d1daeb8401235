"""Demo message records over the last six months: SMS, Email and push, every status.

Fast enough for a first start with tens of thousands of records (executemany in chunks); the
full million is a command: ``python -m backend --database-url ... seed-messages --count 1000000``.
"""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, func, insert, select

from backend.margin_call.models import Account
from backend.messages.models import DeliveryAttempt, MessageRecord

DEFAULT_SEED = 20240923
DAYS = 183
CHUNK = 5_000
# (template, channel, resendable, subject, weight)
TEMPLATES = (
    ("otp_login", "sms", False, "Your OpsDesk sign-in code", 30),
    ("verify_email", "email", False, "Verify your email address", 4),
    ("margin_call", "sms", True, "Margin call: please top up your account", 6),
    ("margin_call_email", "email", True, "Margin call notice", 4),
    ("trade_confirmation", "email", True, "Trade confirmation", 30),
    ("monthly_statement", "email", True, "Your monthly statement is ready", 6),
    ("deposit_received", "push", True, "Deposit received", 12),
    ("ipo_allotment", "push", True, "IPO allotment result", 8),
)
_FINAL = {"sms": (("delivered", 86), ("sent", 6), ("failed", 8)),
          "email": (("delivered", 84), ("sent", 6), ("failed", 4), ("bounced", 6)),
          "push": (("delivered", 90), ("sent", 6), ("failed", 4))}
_ERRORS = {"failed": "Provider rejected the message: invalid number", "bounced": "550 5.1.1 Mailbox does not exist"}


def generate(count: int, *, accounts: list[str], now: datetime, seed: int = DEFAULT_SEED,
             first_id: int = 1, offset: int = 0, total: int | None = None):
    """(records, attempts) as dicts for executemany, ids from ``first_id``: records ``offset`` to
    ``offset + count`` of ``total`` spread evenly over the last DAYS days, oldest first."""
    rng = random.Random(seed + first_id)
    weights = [t[4] for t in TEMPLATES]
    start = now - timedelta(days=DAYS)
    step = (now - start) / max(total or count, 1)
    records, attempts = [], []
    for n in range(count):
        template, channel, resendable, subject, _w = rng.choices(TEMPLATES, weights)[0]
        account = rng.choice(accounts) if accounts else f"{rng.randrange(10**7, 10**8)}"
        at = start + step * (offset + n) + timedelta(seconds=rng.random())
        recent = now - at < timedelta(minutes=2)
        status = "queued" if recent else rng.choices(*zip(*_FINAL[channel], strict=True))[0]
        recipient = (f"+852{rng.choice('5679')}{rng.randrange(10**6, 10**7)}" if channel == "sms"
                     else f"client{account}@example.com" if channel == "email" else f"device:{account}")
        record_id = first_id + n
        records.append({"id": record_id, "account_no": account, "channel": channel, "template": template,
                        "recipient": recipient, "subject": f"{subject} ({account})", "body": f"{subject}.",
                        "status": status, "provider_message_id": None if status == "queued" else f"pm-{record_id}",
                        "error": _ERRORS.get(status), "attempts": 1, "resendable": resendable,
                        "created_at": at, "updated_at": at})
        attempts.append({"record_id": record_id, "kind": "original", "status": status, "tries": 0,
                         "next_attempt_at": None, "provider_message_id": records[-1]["provider_message_id"],
                         "error": _ERRORS.get(status), "created_at": at,
                         "finished_at": None if status == "queued" else at})
    return records, attempts


def seed(conn: Connection, count: int, *, now: datetime | None = None) -> int:
    """Adds ``count`` records after any already there; returns how many."""
    now = now or datetime.now(UTC)
    accounts = list(conn.scalars(select(Account.account_no).limit(5_000)))
    first = (conn.scalar(select(func.max(MessageRecord.id))) or 0) + 1
    for start in range(0, count, CHUNK):
        records, attempts = generate(min(CHUNK, count - start), accounts=accounts, now=now, first_id=first + start,
                                     offset=start, total=count)
        conn.execute(insert(MessageRecord), records)
        conn.execute(insert(DeliveryAttempt), attempts)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('msg_records', 'id'), "
                             "(SELECT max(id) FROM msg_records))")
    return count
