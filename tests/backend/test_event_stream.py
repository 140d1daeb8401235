"""The event stream over the app in process (SQLite, and PostgreSQL through LISTEN/NOTIFY): who
hears what when work orders move, what a reconnecting stream gets, and what is never sent.

Each user's stream is read as the desktop reads it (services/events/sse.py). A stream keeps its
events in order, so "user X did not hear E" is shown by X hearing the next event meant for them.
"""

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from backend.db.engine import ADMITTED_REQUESTS
from backend.events.postgres import CHANNEL
from backend.work_orders.announce import approval_chain_changed
from backend.work_orders.audience import audience
from backend.work_orders.models import WorkOrder
from services.contract.events import EVENTS_STREAM_PATH, EventType
from services.contract.flows import HELP_CENTER_FLOWS
from tests.backend.chain_steps import WINDOW, change_chain, level, new_user
from tests.backend.event_steps import WAIT, EventReader
from tests.backend.handover_steps import delegate, transfer
from tests.backend.margin_steps import UPLOAD, row, submit, symbols
from tests.backend.work_order_steps import FLOW, decide, fresh_order, post, window
from tests.fixtures.app_backend import AppBackend

SUBMITTED, ADVANCED, DECIDED, LEFT, CHAIN, RESYNC = (
    EventType.WORK_ORDER_SUBMITTED, EventType.WORK_ORDER_LEVEL_ADVANCED, EventType.WORK_ORDER_DECIDED,
    EventType.WORK_ORDER_LEFT_INBOX, EventType.APPROVAL_CHAIN_CHANGED, EventType.RESYNC)
HIDE = HELP_CENTER_FLOWS[2]
MARGIN_TASK = "risk.credit.create_stock_margin_task"


def stream(api: AppBackend, user: str, last_event_id: str | None = None) -> EventReader:
    """``user``'s stream, past the resync it starts with when it does not resume."""
    reader = EventReader(api.client(user), last_event_id)
    assert reader.response.status_code == 200, reader.response.read()
    assert reader.response.headers["content-type"].startswith("text/event-stream")
    if last_event_id is None:
        reader.next_of(RESYNC)
    return reader


def hide_order(api: AppBackend) -> dict:
    """An order only Help Center approvers (and administrators) may decide: hiding an article."""
    with api.client("editor") as editor:
        article = next(a for a in editor.get("/help-center/articles", params={"limit": 200}).json()["items"]
                       if a["visible"] and not a.get("pending_flow"))
        response = post(editor, {"flow": HIDE, "payload": {"article_id": article["id"], "version": article["version"]}},
                        str(uuid.uuid4()))
    assert response.status_code == 201, response.text
    return response.json()


def test_a_submitted_order_reaches_whoever_may_decide_it_and_nobody_else(api):
    with stream(api, "checker") as checker, stream(api, "publisher") as publisher, stream(api, "maker") as maker:
        order = fresh_order(api, "HK", force_close="15:41")
        heard = checker.next_of(SUBMITTED)
        assert heard.json() == {"order_id": order["id"], "flow": FLOW, "status": "pending", "level": 1, "comment": None}
        assert heard.id  # a reconnect may resume after it
        # The content approver may not decide margin flows: the next event they hear is one they may.
        hidden = hide_order(api)
        assert publisher.next_of(SUBMITTED).json()["order_id"] == hidden["id"]
        # The maker is not told of their own order: the next thing they hear is its decision.
        assert decide(api, "checker", order["id"]).status_code == 200
        decided = maker.next_of(DECIDED).json()
        assert (decided["order_id"], decided["status"]) == (order["id"], "applied")


def test_a_rejection_reaches_the_maker_with_its_reason_and_leaves_every_inbox(api):
    order = fresh_order(api, "US", force_close="15:42")
    with stream(api, "maker") as maker, stream(api, "checker2") as other_checker:
        reason = "Force-close 15:42 leaves too little time before the US close; 15:45 please."
        assert decide(api, "checker", order["id"], "reject", reason).status_code == 200
        assert maker.next_of(DECIDED).json() == {"order_id": order["id"], "flow": FLOW, "status": "rejected",
                                                 "level": None, "comment": reason}
        # Another approver's count drops at once: the order no longer awaits them.
        assert other_checker.next_of(LEFT).json()["order_id"] == order["id"]


def test_a_transferred_seat_reaches_its_new_holder_and_leaves_the_one_who_gave_it(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    order = fresh_order(api, "HK", force_close="15:39")
    with stream(api, "checker") as giver, stream(api, "checker2") as taker:
        assert transfer(api, "checker", order["id"], "checker2").status_code == 200
        heard = taker.next_of(SUBMITTED).json()  # a new order in their inbox
        assert (heard["order_id"], heard["status"], heard["level"]) == (order["id"], "pending", 1)
        assert giver.next_of(LEFT).json()["order_id"] == order["id"]


def test_an_approved_level_moves_the_order_to_the_next_levels_approvers(api):
    targets = symbols(api, "US", 1_001, with_row=True)  # more than 1,000 rows: two levels
    response = submit(api, UPLOAD, {"mode": "upsert", "rows": [row(s, im="0.7", mcm="0.6", mm="0.5", fm="0.4")
                                                              for s in targets]})
    assert response.status_code == 201, response.text
    order_id = response.json()["id"]
    with stream(api, "checker") as first, stream(api, "checker2") as second, stream(api, "maker") as maker:
        assert decide(api, "checker", order_id, level=1).status_code == 200
        advanced = second.next_of(ADVANCED).json()
        assert (advanced["order_id"], advanced["status"], advanced["level"]) == (order_id, "pending", 2)
        assert first.next_of(LEFT).json()["order_id"] == order_id  # one approver decides one level only
        with api.client("maker") as client:
            assert client.post(f"/work-orders/{order_id}/withdraw").status_code == 200
        assert second.next_of(LEFT).json()["order_id"] == order_id
        # Withdrawn by the maker themselves: nothing comes back to them.
        mine = fresh_order(api, "HK", force_close="15:43")
        assert decide(api, "checker", mine["id"]).status_code == 200
        assert maker.next_of(DECIDED).json()["order_id"] == mine["id"]


def test_an_order_found_expired_tells_its_maker_and_leaves_the_inbox(api):
    expires = (api.clock.now() + timedelta(minutes=5)).isoformat()
    with api.client("maker") as client:
        created = post(client, {"flow": FLOW, "payload": window("HK", force_close="15:37"), "expires_at": expires},
                       str(uuid.uuid4()))
    assert created.status_code == 201, created.text
    order_id = created.json()["id"]
    with stream(api, "maker") as maker, stream(api, "checker2") as other_checker:
        api.clock.advance(minutes=5, seconds=1)
        assert decide(api, "checker", order_id).json()["code"] == "work_order_not_pending"
        assert maker.next_of(DECIDED).json() == {"order_id": order_id, "flow": FLOW, "status": "expired",
                                                 "level": None, "comment": None}
        assert other_checker.next_of(LEFT).json()["order_id"] == order_id


def test_nothing_is_sent_for_a_change_that_did_not_commit(api):
    """The order's transaction fails at its commit: no approver hears of an order that does not exist."""
    def refuse(session: Session) -> None:
        if session.info.get("opsdesk.staged_events"):
            raise RuntimeError("the database refused the commit")

    with stream(api, "checker") as checker:
        event.listen(Session, "before_commit", refuse)
        try:
            with api.client("maker") as client:
                failed = post(client, {"flow": FLOW, "payload": window("HK", force_close="15:36")}, str(uuid.uuid4()))
        finally:
            event.remove(Session, "before_commit", refuse)
        assert failed.status_code == 500
        with Session(api.engine()) as session:
            assert session.scalar(select(func.count()).select_from(WorkOrder)) == 0
        order = fresh_order(api, "US", force_close="15:36")
        assert checker.next_of(SUBMITTED).json()["order_id"] == order["id"]


def test_a_stream_that_reconnects_gets_what_it_missed_or_else_a_resync(api):
    with stream(api, "checker") as checker:
        first = fresh_order(api, "HK", force_close="15:44")
        last_seen = checker.next_of(SUBMITTED).id
    missed = fresh_order(api, "US", force_close="15:44")  # while the checker was away
    with stream(api, "checker", last_event_id=last_seen) as resumed:
        replayed = resumed.next_of(SUBMITTED)
        assert replayed.json()["order_id"] == missed["id"] != first["id"]
    # An id this backend does not hold (another backend's, or one from before a restart): refresh.
    with stream(api, "checker", last_event_id=uuid.uuid4().hex) as unknown:
        unknown.next_of(RESYNC)


def test_the_listener_reconnects_and_its_streams_resync(api):
    if api.dialect != "postgresql":
        pytest.skip("on SQLite the one process hears its own events: nothing listens")
    with stream(api, "checker") as checker:
        engine = api.engine()
        try:
            with engine.connect() as conn:  # what a restarted or failed-over database does to it
                killed = conn.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND query = :listen"), {"listen": f"LISTEN {CHANNEL}"}).all()
        finally:
            engine.dispose()
        assert killed == [(True,)]
        checker.next_of(RESYNC)  # events may have gone by unheard: refresh
        order = fresh_order(api, "HK", force_close="15:49")
        assert checker.next_of(SUBMITTED).json()["order_id"] == order["id"]
    assert api.app.state.events.reconnects == 1


def test_a_stream_beats_while_idle_and_ends_with_its_session(api):
    api.app.state.settings.events_heartbeat_seconds = 0.05
    token = api.fresh_token("checker")
    with EventReader(api.client(token=token)) as reader:
        reader.next_of(RESYNC)
        assert reader.heartbeat.wait(30), "no heartbeat on an idle stream"
        with api.client(token=token) as client:
            assert client.post("/auth/logout").status_code == 204
        assert reader.ended.wait(30), "the stream outlived its signed-out session"
    expiring = api.fresh_token("checker")
    with EventReader(api.client(token=expiring)) as reader:
        reader.next_of(RESYNC)
        api.clock.advance(hours=9)  # past the token's whole life
        assert reader.ended.wait(30), "the stream outlived its expired session"


def test_a_chain_change_reaches_the_administrators_only(api):
    with stream(api, "admin") as admin, stream(api, "checker") as checker:
        database = api.app.state.database
        with database.write_session() as session:  # as the chain's route will do
            approval_chain_changed(session, FLOW)
            session.commit()
            api.app.state.events.publish_staged(session)
        assert admin.next_of(CHAIN).json() == {"flow": FLOW}
        order = fresh_order(api, "HK", force_close="15:46")
        assert checker.next_of(SUBMITTED).json()["order_id"] == order["id"]


def test_the_audience_is_exactly_who_has_the_order_in_their_inbox(api):
    order = fresh_order(api, "HK", force_close="15:47")
    assert decide(api, "checker", order["id"], "approve").status_code == 200  # one level: applied, out
    pending = fresh_order(api, "US", force_close="15:47")
    inboxes = {}
    for user in ("maker", "checker", "checker2", "publisher", "editor", "admin", "admin2"):
        with api.client(user) as client:
            awaiting = client.get("/work-orders", params={"view": "awaiting_me"}).json()["items"]
            inboxes[user] = {o["id"] for o in awaiting}
            user_id = client.get("/me").json()["id"]
        inboxes[user_id] = inboxes.pop(user)
    with Session(api.engine()) as session:
        for order_id in (order["id"], pending["id"]):
            expected = {user for user, ids in inboxes.items() if order_id in ids}
            assert audience(session, session.get(WorkOrder, order_id)) == expected
    assert len({u for u, ids in inboxes.items() if pending["id"] in ids}) == 4  # both checkers, both admins


def _status(api: AppBackend, user: str, order_id: int) -> int:
    with api.client(user) as client:
        return client.get(f"/work-orders/{order_id}").status_code


def test_a_delegate_in_force_hears_of_a_new_order_they_may_decide_and_no_other_delegate_does(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    in_force, ended, other_flows, scheduled = (new_user(api, "risk_checker") for _ in range(4))
    assert delegate(api, "checker", ended, minutes=5).status_code == 201
    api.clock.advance(minutes=6)
    assert delegate(api, "checker", in_force).status_code == 201
    assert delegate(api, "checker", other_flows, flows=[MARGIN_TASK]).status_code == 201
    assert delegate(api, "checker", scheduled, start_in=30).status_code == 201
    not_reached = (ended, other_flows, scheduled)
    with stream(api, in_force) as delegate_stream, stream(api, "checker") as checker:
        readers = {user: stream(api, user) for user in not_reached}
        try:
            order = fresh_order(api, "HK", force_close="15:38")
            assert delegate_stream.next_of(SUBMITTED).json() == {
                "order_id": order["id"], "flow": FLOW, "status": "pending", "level": 1, "comment": None}
            assert checker.next_of(SUBMITTED).json()["order_id"] == order["id"]
            # Only what they may see: the delegate in force reads the order, the others may not.
            assert _status(api, in_force, order["id"]) == 200
            assert {user: _status(api, user, order["id"]) for user in not_reached} == dict.fromkeys(not_reached, 404)
            # Once a delegation for this flow is in force for them too, the next order is the first they hear.
            for user in not_reached:
                assert delegate(api, "checker", user, flows=[WINDOW]).status_code == 201
            second = fresh_order(api, "US", force_close="15:38")
            for user, reader in readers.items():
                assert reader.next_of(SUBMITTED).json()["order_id"] == second["id"], user
        finally:
            for reader in readers.values():
                reader.close()


def test_a_delegate_hears_a_level_move_on_to_them_and_the_order_leave_when_another_decides_it(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker2",)), level(users=("checker",))]})
    stand_in = new_user(api, "risk_checker")
    assert delegate(api, "checker", stand_in).status_code == 201
    first, second = fresh_order(api, "HK", force_close="15:34"), fresh_order(api, "US", force_close="15:34")
    with stream(api, stand_in) as delegate_stream, stream(api, "checker") as checker, stream(api, "maker") as maker:
        assert decide(api, "checker2", first["id"]).status_code == 200
        advanced = delegate_stream.next_of(ADVANCED).json()
        assert (advanced["order_id"], advanced["level"]) == (first["id"], 2)
        assert checker.next_of(ADVANCED).json()["order_id"] == first["id"]
        assert decide(api, "checker", first["id"]).json()["status"] == "applied"
        assert delegate_stream.next_of(LEFT).json()["order_id"] == first["id"]  # decided by the approver
        assert checker.next_of(LEFT).json()["order_id"] == first["id"]
        assert maker.next_of(DECIDED).json()["order_id"] == first["id"]
        # The other way round: the delegate decides in the approver's seat, and it leaves the approver.
        assert decide(api, "checker2", second["id"]).status_code == 200
        assert delegate_stream.next_of(ADVANCED).json()["order_id"] == second["id"]
        assert checker.next_of(ADVANCED).json()["order_id"] == second["id"]
        assert decide(api, stand_in, second["id"]).json()["status"] == "applied"
        assert checker.next_of(LEFT).json()["order_id"] == second["id"]
        assert delegate_stream.next_of(LEFT).json()["order_id"] == second["id"]
        assert maker.next_of(DECIDED).json()["order_id"] == second["id"]


def test_a_delegation_counts_as_it_stands_at_each_event_and_its_start_or_end_tells_nobody(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    leaving, arriving = new_user(api, "risk_checker"), new_user(api, "risk_checker")
    assert delegate(api, "checker", leaving, minutes=10).status_code == 201
    assert delegate(api, "checker", arriving, start_in=10, minutes=60).status_code == 201
    order = fresh_order(api, "HK", force_close="15:33")
    with stream(api, leaving) as left_stream, stream(api, arriving) as arrived_stream:
        api.clock.advance(minutes=11)  # one ended, the other began: neither hears of it
        assert decide(api, "checker", order["id"]).json()["status"] == "applied"
        assert arrived_stream.next_of(LEFT).json()["order_id"] == order["id"]  # in their inbox until then
        assert delegate(api, "checker", leaving, flows=[WINDOW]).status_code == 201
        again = fresh_order(api, "US", force_close="15:33")
        assert left_stream.next_of(SUBMITTED).json()["order_id"] == again["id"]  # nothing of the first
        assert arrived_stream.next_of(SUBMITTED).json()["order_id"] == again["id"]


def test_the_audience_with_delegations_is_exactly_who_has_the_order_in_their_inbox(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    in_force, ended, other_flows, disabled_from = (new_user(api, "risk_checker") for _ in range(4))
    assert delegate(api, "checker", ended, minutes=5).status_code == 201
    api.clock.advance(minutes=6)
    assert delegate(api, "checker", in_force).status_code == 201
    assert delegate(api, "checker", other_flows, flows=[MARGIN_TASK]).status_code == 201
    assert delegate(api, "checker2", disabled_from).status_code == 201  # checker2 sits on no level here
    assert delegate(api, "checker", "maker").status_code == 201  # the maker never awaits their own order
    order = fresh_order(api, "HK", force_close="15:32")
    ids, awaiting = {}, set()
    for user in ("maker", "checker", "checker2", in_force, ended, other_flows, disabled_from):
        with api.client(user) as client:
            ids[user] = client.get("/me").json()["id"]
            if order["id"] in {o["id"] for o in client.get("/work-orders", params={"view": "awaiting_me"}).json()["items"]}:
                awaiting.add(ids[user])
    assert awaiting == {ids["checker"], ids[in_force]}
    with Session(api.engine()) as session:
        assert audience(session, session.get(WorkOrder, order["id"])) == awaiting


def test_open_streams_leave_room_for_every_other_request(api):
    """Streams wait for events holding no thread or connection: more of them than the app admits
    requests at once still let a request in."""
    readers = [stream(api, "checker") for _ in range(ADMITTED_REQUESTS + 1)]
    answers: list[int] = []
    try:
        with api.client("checker") as client:
            asking = threading.Thread(target=lambda: answers.append(client.get("/work-orders/counts").status_code))
            asking.start()
            asking.join(WAIT)
    finally:
        for reader in readers:
            reader.close()
    assert answers == [200], "a request waited behind open streams"


def test_a_stream_needs_a_session_and_a_readable_last_event_id(api):
    with api.client() as anonymous:
        response = anonymous.get(EVENTS_STREAM_PATH)
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
    with api.client("checker") as client:
        response = client.get(EVENTS_STREAM_PATH, headers={"Last-Event-ID": "x" * 65})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].lower().endswith("last-event-id")
