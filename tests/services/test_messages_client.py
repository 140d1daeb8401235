"""The Message Center's typed client against the real backend: keyset pages and their count, a
record in full, the templates, the export, and resend of one and of many (a one-time code refused,
a repeat of the same action answered with what it queued) with the attempts it follows.

Resends are made by ``admin`` on trade confirmations, so the page's tests, which resend as
``service``, keep their operator's hourly budget.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

import openpyxl
import pytest

from services.api_client import ApiError
from services.clients.messages import MessagesClient
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.queries import MESSAGE_TOTAL_CAP, MessageExport, MessageFilter, MessageQuery
from services.contract.schemas import MessageRecordOut, MessageStatus
from services.message_resend import FINAL_STATUSES, ResendAction

T = TypeVar("T")
REASON = "Customer asked for the confirmation again"


@pytest.fixture
def signed_in(aio, backend) -> Callable[..., T]:
    """Runs ``scenario(client)`` on the session's loop with a client signed in as ``username``
    (closed afterwards)."""

    def run(scenario: Callable[[MessagesClient], Awaitable[T]], username: str = "service") -> T:
        async def main() -> T:
            api = backend.api_client()
            try:
                await SessionClient(api).login(username, f"{username}-demo")
                return await scenario(MessagesClient(api))
            finally:
                await api.aclose()

        return aio(main())

    return run


async def all_records(client: MessagesClient, filter_: MessageFilter) -> list[MessageRecordOut]:
    return [row async for page in client.iter_records(filter_, page_size=200) for row in page.items]


async def never_resent(client: MessagesClient, count: int) -> list[MessageRecordOut]:
    page = await client.records(MessageQuery(template="trade_confirmation", status=MessageStatus.DELIVERED,
                                             limit=1000))
    rows = [r for r in page.items if r.attempts == 1]
    assert len(rows) >= count
    return rows[-count:]  # the oldest of the page: the page's tests take the newest


def test_pages_follow_their_cursor_newest_first_and_the_count_is_capped(signed_in):
    async def scenario(client: MessagesClient):
        first = await client.records(MessageQuery(limit=50))
        second = await client.records(MessageQuery(limit=50, cursor=first.next_cursor))
        return first, second, await client.count(MessageFilter())

    first, second, count = signed_in(scenario)
    assert len(first.items) == len(second.items) == 50 and first.total is None
    keys = [(r.created_at, r.id) for r in first.items + second.items]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 100
    assert count.capped and count.total == MESSAGE_TOTAL_CAP


def test_a_filters_count_is_the_number_of_its_rows(signed_in):
    filter_ = MessageFilter(channel="sms", status="failed")

    async def scenario(client: MessagesClient):
        return await all_records(client, filter_), await client.count(filter_)

    rows, count = signed_in(scenario)
    assert rows and not count.capped and count.total == len(rows)
    assert all(r.channel == "sms" and r.status == "failed" and r.error for r in rows)


def test_a_record_in_full_and_the_templates(signed_in):
    async def scenario(client: MessagesClient):
        row = (await client.records(MessageQuery(template="otp_login", limit=1))).items[0]
        return row, await client.record(row.id), await client.templates()

    row, detail, templates = signed_in(scenario)
    assert MessageRecordOut.model_validate(detail.model_dump(include=set(MessageRecordOut.model_fields))) == row
    assert detail.body and [a.kind for a in detail.timeline] == ["original"]
    by_code = {t.code: t for t in templates}
    assert detail.template_name == by_code["otp_login"].name and not by_code["otp_login"].resendable
    assert by_code["deposit_received"].name_zh == "入金到賬" and by_code["deposit_received"].resendable


def test_the_export_holds_the_filters_rows(signed_in, tmp_path):
    filter_ = MessageFilter(channel="email", status="bounced", template="monthly_statement")
    target = tmp_path / "messages.xlsx"

    async def scenario(client: MessagesClient):
        written = await client.export(MessageExport(**filter_.model_dump(), lang="en"), target)
        return written, await all_records(client, filter_)

    written, rows = signed_in(scenario)
    assert written == target.stat().st_size > 0
    header, *data = openpyxl.load_workbook(target, read_only=True).active.iter_rows(values_only=True)
    assert [cells[header.index("Record ID")] for cells in data] == [r.id for r in rows]


def test_resending_one_then_many_answers_each_record_and_a_repeat_sends_nothing(signed_in):
    async def scenario(client: MessagesClient):
        one, *many = await never_resent(client, 3)
        otp = (await client.records(MessageQuery(template="otp_login", limit=1))).items[0]
        action = ResendAction((one.id,), REASON)
        [queued] = await client.resend(action)
        again = await client.resend(action)  # a retry of the same action: the same key
        bulk = await client.resend(ResendAction((otp.id, *(r.id for r in many)), REASON))
        [refused] = await client.resend(ResendAction((otp.id,), REASON))
        attempt_ids = [r.attempt_id for r in (queued, *bulk) if r.attempt_id is not None]
        attempts = await client.attempts(attempt_ids)
        fresh = await client.records_now([one.id, otp.id, one.id])
        return one, many, otp, queued, again, bulk, refused, attempts, fresh

    one, many, otp, queued, again, bulk, refused, attempts, fresh = signed_in(scenario, "admin")
    assert queued.record_id == one.id and queued.attempt_id is not None and again == [queued]
    assert [r.record_id for r in bulk] == [otp.id, *(r.id for r in many)]
    assert bulk[0].attempt_id is None and bulk[0].code == ErrorCode.NOT_RESENDABLE
    assert all(r.attempt_id is not None and r.code is None for r in bulk[1:])
    assert refused.attempt_id is None and refused.code == ErrorCode.NOT_RESENDABLE and refused.detail
    assert sorted(a.id for a in attempts) == sorted(r.attempt_id for r in (queued, *bulk[1:]))
    assert all(a.kind == "resend" and a.requested_by == "admin" and a.reason == REASON for a in attempts)
    assert set(fresh) == {one.id, otp.id} and fresh[one.id].timeline[-1].id == queued.attempt_id
    assert len(fresh[otp.id].timeline) == 1


def test_following_reports_changes_until_the_time_limit(signed_in):
    async def scenario(client: MessagesClient):
        [record] = await never_resent(client, 1)
        [queued] = await client.resend(ResendAction((record.id,), REASON))
        seen: list[int] = []
        latest = await client.follow([queued.attempt_id], lambda changed: seen.extend(a.id for a in changed),
                                     interval=0.05, limit=0.3)
        return queued, seen, latest

    queued, seen, latest = signed_in(scenario, "admin")
    # This backend delivers nothing (no --local-delivery): the attempt is seen once, then unchanged.
    assert seen == [queued.attempt_id] and latest[queued.attempt_id].status not in FINAL_STATUSES


def test_a_record_that_cannot_be_read_is_left_out_and_a_lost_session_raises(signed_in, aio, backend):
    async def scenario(client: MessagesClient):
        with pytest.raises(ApiError) as missing:
            await client.record(2**40)
        return missing.value, await client.records_now([2**40])

    missing, fresh = signed_in(scenario)
    assert missing.status == 404 and fresh == {}

    async def signed_out() -> ApiError:
        api = backend.api_client()
        try:
            with pytest.raises(ApiError) as refused:
                await MessagesClient(api).records_now([1])
            return refused.value
        finally:
            await api.aclose()

    assert aio(signed_out()).is_auth
