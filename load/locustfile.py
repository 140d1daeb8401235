"""A broker's back-office day against one backend, for ``make load`` (load/run.py drives it).

Who does what (each user signs in once as one of the load accounts the driver created):
- makers list and filter the long margin table, open a row's history, list their requests and
  open one, submit single margin changes and uploads of a few rows (symbols of their own, so no
  two pending orders want the same row);
- checkers read their inbox, open an order, then approve several in a row, rejecting about one in
  five with a reason (each checker decides the orders whose id falls in its share, so two checkers
  never race for one order: a race would be a 409 and count as an error here);
- customer service filters message records, opens one and resends one to three of its own share;
- fund operations list the clearing batches, open one and import its fund house confirmation.

The phases of the run choose classes by name: the mixed day (MakerUser CheckerUser ServiceUser
FundsUser), decisions only (DeciderUser, no pause), and the non-audited write of the same shape
(ReturnedSeenUser, no pause). The plan (LOAD_PLAN, JSON) names the accounts and each user's share.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import random
import uuid
from decimal import Decimal
from urllib.parse import urlencode

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

PLAN: dict = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read()) if os.environ.get("LOAD_PLAN") else {}
PASSWORD = PLAN.get("password", "")
UPDATE = "risk.credit.update_stock_margin_task"
UPLOAD = "risk.credit.upload_stock_margin_ratio"
LOW = {"im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}
HIGH = {"im": "0.6", "mcm": "0.55", "mm": "0.5", "fm": "0.45"}
_counters: dict[str, itertools.count] = {}


def _next_index(role: str) -> int:
    return next(_counters.setdefault(role, itertools.count()))


def proposal(row: dict) -> dict:
    """The row with its four ratios moved to the other of two valid sets (always a change)."""
    ratios = LOW if Decimal(str(row["im"])) != Decimal(LOW["im"]) else HIGH
    row.update(ratios)
    return {"symbol": row["symbol"], "market": row["market"], **ratios, "financeable": True}


class _Staff(FastHttpUser):
    abstract = True
    role = ""
    accounts_key = ""

    def on_start(self) -> None:
        self.index = _next_index(self.role)
        accounts = PLAN[self.accounts_key]
        self.username = accounts[self.index % len(accounts)]
        token = PLAN.get("tokens", {}).get(self.username)  # signed in for the day before the clock starts
        if token is None:
            answer = self.client.post("/auth/login", json={"username": self.username, "password": PASSWORD},
                                      name="sign in")
            token = answer.json()["access_token"]
        self.auth = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, name: str, **params) -> dict:
        """The answer's JSON ({} when it failed: locust counted the failure)."""
        answer = self.client.get(f"{path}?{urlencode(params)}" if params else path, headers=self.auth, name=name)
        return answer.json() if answer.status_code == 200 else {}

    def post(self, path: str, name: str, body=None, **extra):
        headers = {**self.auth, **extra.pop("headers", {})}
        return self.client.post(path, json=body, headers=headers, name=name, **extra)


class MakerUser(_Staff):
    role = "maker"
    accounts_key = "makers"
    fixed_count = int(os.environ.get("LOAD_MAKERS", "0"))
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        super().on_start()
        pools = PLAN["maker_pools"]
        self.pool = list(pools[self.index % len(pools)])
        random.Random(self.index).shuffle(self.pool)
        self.rows = itertools.cycle(self.pool)

    @task(4)
    def list_margins(self) -> None:
        market = random.choice(["HK", "US"])
        self.get("/risk/stock-margins", "list long margins (filtered)", market=market, limit=100,
                 im_min="0.3", financeable="true")

    @task(2)
    def margin_history(self) -> None:
        row = random.choice(self.pool)
        self.get(f"/risk/stock-margins/{row['symbol']}/history", "open a margin's history")

    @task(2)
    def my_requests(self) -> None:
        page = self.get("/work-orders", "list my requests", view="mine", limit=50)
        if page.get("items"):
            order = random.choice(page["items"])
            self.get(f"/work-orders/{order['id']}", "open an order")

    @task(3)
    def submit_change(self) -> None:
        row = next(self.rows)
        self.post("/work-orders", "submit a margin change", {"flow": UPDATE, "payload": proposal(row)},
                  headers={"Idempotency-Key": str(uuid.uuid4())})

    @task(1)
    def upload(self) -> None:
        rows = [proposal(next(self.rows)) for _ in range(5)]
        self.post("/work-orders", "submit an upload (5 rows)", {"flow": UPLOAD, "payload": {"mode": "upsert", "rows": rows}},
                  headers={"Idempotency-Key": str(uuid.uuid4())})


class _Decider(_Staff):
    abstract = True
    role = "checker"
    accounts_key = "checkers"
    share_key = "checker_shares"

    def on_start(self) -> None:
        super().on_start()
        self.shares = int(PLAN[self.share_key])

    def mine(self, limit: int = 100) -> list[dict]:
        page = self.get("/work-orders", "inbox (awaiting me)", view="awaiting_me", limit=limit)
        return [o for o in page.get("items", []) if o["id"] % self.shares == self.index % self.shares]

    def decide(self, order: dict, reject: bool) -> None:
        body = {"decision": "reject", "comment": "Ratios out of line with the house policy", "level": order["approvals"] + 1} \
            if reject else {"decision": "approve", "level": order["approvals"] + 1}
        self.post(f"/work-orders/{order['id']}/decisions", "decide (approve or reject)", body)


class CheckerUser(_Decider):
    fixed_count = int(os.environ.get("LOAD_CHECKERS", "0"))
    wait_time = between(1, 3)

    @task
    def work_the_inbox(self) -> None:
        orders = self.mine()
        self.get("/work-orders/counts", "status bar counts")
        if not orders:
            return
        self.get(f"/work-orders/{orders[0]['id']}", "open an order")
        for order in orders[:10]:  # approve several (Ctrl+Enter), one in five rejected
            self.decide(order, reject=random.random() < 0.2)

    @task
    def history(self) -> None:
        self.get("/work-orders", "list decided (history)", view="decided", limit=50)


class DeciderUser(_Decider):
    """Decisions only, no pause: the decisions-per-second ceiling. Each decides its share of the
    orders the driver submitted ahead (plan ``decide_orders``), then its share of the inbox."""

    fixed_count = int(os.environ.get("LOAD_DECIDERS", "0"))
    share_key = "decider_shares"
    wait_time = constant(0)

    def on_start(self) -> None:
        super().on_start()
        self.queue = [o for o in PLAN.get("decide_orders", []) if o % self.shares == self.index % self.shares]

    @task
    def approve_mine(self) -> None:
        if self.queue:
            self.decide({"id": self.queue.pop(), "approvals": 0}, reject=False)
            return
        for order in self.mine(limit=50):
            self.decide(order, reject=False)


class ReturnedSeenUser(_Staff):
    """The non-audited write of the same shape as a decision (signed in, one write transaction,
    then the counts read back), no pause: what the stack does without the audit chain."""

    role = "seen"
    accounts_key = "makers"
    fixed_count = int(os.environ.get("LOAD_SEEN", "0"))
    wait_time = constant(0)

    @task
    def mark_seen(self) -> None:
        self.post("/work-orders/returned/seen", "mark returned seen (non-audited write)")


class ServiceUser(_Staff):
    role = "service"
    accounts_key = "service"
    fixed_count = int(os.environ.get("LOAD_SERVICE", "0"))
    wait_time = between(1, 3)

    def on_start(self) -> None:
        super().on_start()
        shares = PLAN["message_shares"]
        self.records = list(shares[self.index % len(shares)])

    @task(4)
    def list_records(self) -> None:
        channel = random.choice(["sms", "email"])
        page = self.get("/messages/records", "list message records (filtered)", channel=channel, limit=100)
        if page.get("items"):
            self.get(f"/messages/records/{random.choice(page['items'])['id']}", "open a message record")

    @task(2)
    def resend(self) -> None:
        count = min(len(self.records), random.choice([1, 1, 2, 3]))
        if not count:
            return
        ids = [self.records.pop() for _ in range(count)]
        key = {"Idempotency-Key": str(uuid.uuid4())}
        if count == 1:
            self.post(f"/messages/records/{ids[0]}/resend", "resend one message", {"reason": "Customer asked again"},
                      headers=key)
        else:
            self.post("/messages/records/resend", "resend several messages",
                      {"record_ids": ids, "reason": "Customer asked again"}, headers=key)


def confirmation_csv(detail: dict) -> bytes | None:
    """The fund house's file as it would confirm the batch's orders at their expected figures; None
    when no side has a NAV yet to confirm at."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Order Ref", "Type", "NAV", "Confirmed Units", "Confirmed Amount"])
    rows = 0
    for side, lines in (("Subscription", detail["subscription_lines"]), ("Redemption", detail["redemption_lines"])):
        for line in lines:
            if line.get("nav") is None or line.get("status") == "missing_ours":
                continue
            units = line.get("expected_units") or line.get("units") or ""
            amount = line.get("expected_amount") or line.get("amount") or ""
            writer.writerow([line["order_ref"], side, line["nav"], units, amount])
            rows += 1
    return out.getvalue().encode("utf-8-sig") if rows else None


class FundsUser(_Staff):
    role = "funds"
    accounts_key = "funds"
    fixed_count = int(os.environ.get("LOAD_FUNDS", "0"))
    wait_time = between(1, 3)

    def on_start(self) -> None:
        super().on_start()
        shares = PLAN["batch_shares"]
        self.batches = list(shares[self.index % len(shares)])

    @task(3)
    def list_batches(self) -> None:
        self.get("/funds/batches", "list fund clearing batches")

    @task(2)
    def import_confirmation(self) -> None:
        if not self.batches:
            return
        batch_id = random.choice(self.batches)
        detail = self.get(f"/funds/batches/{batch_id}", "open a clearing batch")
        content = confirmation_csv(detail) if detail else None
        if content is None:
            self.batches.remove(batch_id)
            return
        self.client.post(f"/funds/batches/{batch_id}/confirmation?{urlencode({'file_name': f'confirmation-{batch_id}.csv'})}",
                         data=content.decode("utf-8"), name="import a fund confirmation", headers={**self.auth, "Content-Type": "text/csv"})
