"""Demo message records over the last six months: SMS, Email and push, every status.

Fast enough for a first start with tens of thousands of records (executemany in chunks); the
full million is a command: ``python -m backend --database-url ... seed-messages --count 1000000``.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, select, text

from backend.kit.clock import utcnow
from backend.margin_call.models import Account
from backend.messages.models import SEARCH_OBJECTS, DeliveryAttempt, MessageRecord

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
# Bodies as customers read them, English then Traditional Chinese; {code} is a one-time code.
_SIGNATURE = "\n\nOpsDesk Securities Limited · 8/F, 1 Connaught Place, Central, Hong Kong"
BODIES = {
    "otp_login": "Your OpsDesk sign-in code is {code}. It expires in 5 minutes; never share it with anyone.\n"
                 "您的 OpsDesk 登入驗證碼為 {code}，5 分鐘內有效，切勿告知任何人。",
    "verify_email": "Dear customer,\n\nYour email verification code is {code}. Enter it in the app within 10 minutes."
                    "\n\n親愛的客戶：\n您的電郵驗證碼為 {code}，請於 10 分鐘內在應用程式輸入。" + _SIGNATURE,
    "margin_call": "[OpsDesk] Account {account}: margin ratio below maintenance. Deposit funds or reduce positions "
                   "by 16:00 HKT today.\n賬戶 {account} 保證金比率低於維持水平，請於今日 16:00 前存入資金或減倉。",
    "margin_call_email": "Dear customer,\n\nThe equity of margin account {account} has fallen below the maintenance "
                         "margin requirement. Please deposit funds or reduce positions before 16:00 HKT today; "
                         "otherwise positions may be liquidated without further notice.\n\n親愛的客戶：\n"
                         "您的保證金賬戶 {account} 權益已低於維持保證金要求。請於今日香港時間 16:00 前存入資金或減倉，"
                         "否則持倉或會被強制平倉而不另行通知。" + _SIGNATURE,
    "trade_confirmation": "Dear customer,\n\nAn order of account {account} was executed today. The contract note is "
                          "in the app under Statements.\n\n親愛的客戶：\n您賬戶 {account} 的訂單已於今日成交，"
                          "成交單據可於應用程式「結單」查閱。" + _SIGNATURE,
    "monthly_statement": "Dear customer,\n\nThe monthly statement of account {account} is ready in the app under "
                         "Statements. Please check it and tell us within 7 days of anything wrong.\n\n親愛的客戶：\n"
                         "您賬戶 {account} 的月結單已備妥，請於應用程式「結單」查閱，如有錯漏請於 7 日內通知我們。"
                         + _SIGNATURE,
    "deposit_received": "Deposit received for account {account}; the funds are available for trading.\n"
                        "賬戶 {account} 的存款已收妥，資金可即時用於交易。",
    "ipo_allotment": "The IPO allotment result for account {account} is out; see it in the app.\n"
                     "賬戶 {account} 的新股配發結果已公佈，請於應用程式查閱。",
}
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
                        "recipient": recipient, "subject": f"{subject} ({account})",
                        "body": BODIES[template].format(account=account, code=f"{record_id * 7919 % 10**6:06d}"),
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
    now = now or utcnow()
    accounts = list(conn.scalars(select(Account.account_no).limit(5_000)))
    first = (conn.scalar(select(func.max(MessageRecord.id))) or 0) + 1
    with _subject_index_filled_after(conn, first):
        for start in range(0, count, CHUNK):
            records, attempts = generate(min(CHUNK, count - start), accounts=accounts, now=now,
                                         first_id=first + start, offset=start, total=count)
            conn.execute(insert(MessageRecord), records)
            conn.execute(insert(DeliveryAttempt), attempts)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('msg_records', 'id'), "
                             "(SELECT max(id) FROM msg_records))")
        # Statistics now rather than when autovacuum comes by: planned for an empty table, the
        # first pages of a million records would sort a subject's every match.
        conn.exec_driver_sql("ANALYZE msg_records, msg_attempts")
    return count


@contextmanager
def _subject_index_filled_after(conn: Connection, first_id: int) -> Iterator[None]:
    """On SQLite, the subject search table's insert trigger costs ~40 µs a record (40 s a
    million); filling the table in one statement after the load takes ~5 s. The trigger is back
    before the transaction commits, so no other writer ever goes without it."""
    table = SEARCH_OBJECTS["table"][0]
    trigger = f"{table}_insert"
    create = None
    if conn.dialect.name == "sqlite":
        create = conn.scalar(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                             {"name": trigger})
    if create is None:
        yield
        return
    conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
    yield
    conn.exec_driver_sql(f"INSERT INTO {table}(rowid, subject) SELECT id, subject FROM msg_records WHERE id >= ?",
                         (first_id,))
    conn.exec_driver_sql(create)
