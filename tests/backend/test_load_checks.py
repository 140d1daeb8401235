"""The checks ``make load`` runs after its day (load/checks.py): they pass on orders submitted,
approved, rejected and left pending through the API, and each names what broke: an audit event
edited, an order whose state its decisions do not explain, a message received twice or received
without an attempt recording it, two attempts holding one provider message id."""

import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from backend.local_delivery.sms_gateway import LOG_NAME
from backend.messages.models import DeliveryAttempt, MessageRecord
from load import checks
from services.contract.launch import LOCAL_SMS_FOLDER
from tests.backend import margin_steps as steps
from tests.backend.audit_steps import tamper


def _found(api, delivery=None) -> dict[str, list[str]]:
    engine = api.engine()
    try:
        with Session(engine) as session:
            return {"chain": checks.chain_problems(session), "orders": checks.work_order_problems(session),
                    "messages": checks.message_problems(session, delivery)}
    finally:
        engine.dispose()


def _day(api) -> list[int]:
    """Three margin changes: the first approved (applied), the second rejected, the third pending."""
    symbols = steps.symbols(api, "HK", 3, with_row=True, financeable=True)
    orders = []
    for symbol in symbols:
        answer = steps.submit(api, steps.UPDATE, steps.row(symbol, im="0.55", mcm="0.5", mm="0.45", fm="0.4"))
        assert answer.status_code == 201, answer.text
        orders.append(answer.json()["id"])
    with api.client("checker") as client:
        assert client.post(f"/work-orders/{orders[0]}/decisions",
                           json={"decision": "approve", "level": 1}).json()["status"] == "applied"
        assert client.post(f"/work-orders/{orders[1]}/decisions",
                           json={"decision": "reject", "level": 1, "comment": "too low"}).json()["status"] == "rejected"
    return orders


def _sms_sent(api) -> tuple[int, str]:
    """A sent SMS attempt of the demo data: (its id, its provider message id)."""
    engine = api.engine()
    with Session(engine) as session:
        row = session.execute(select(DeliveryAttempt.id, DeliveryAttempt.provider_message_id)
                              .join(MessageRecord, MessageRecord.id == DeliveryAttempt.record_id)
                              .where(MessageRecord.channel == "sms", DeliveryAttempt.provider_message_id.is_not(None))
                              .order_by(DeliveryAttempt.id).limit(1)).one()
    engine.dispose()
    return row.id, row.provider_message_id


def _received(folder, *message_ids: str):
    (folder / LOCAL_SMS_FOLDER).mkdir(parents=True, exist_ok=True)
    with (folder / LOCAL_SMS_FOLDER / LOG_NAME).open("a", encoding="utf-8") as log:
        for message_id in message_ids:
            log.write(json.dumps({"message_id": message_id, "to": "+85291234567", "text": "x"}) + "\n")


def test_a_consistent_day_passes(api, tmp_path):
    _day(api)
    _, provider_id = _sms_sent(api)
    _received(tmp_path, provider_id)  # received once, recorded once
    assert _found(api, tmp_path) == {"chain": [], "orders": [], "messages": []}


def test_an_edited_audit_event_breaks_the_chain(api):
    _day(api)
    tamper(api.database_url, "UPDATE audit_events SET after = '{\"status\": \"approved\"}' "
                             "WHERE id = (SELECT max(id) FROM audit_events WHERE action = 'work_order.reject')")
    [problem] = _found(api)["chain"]
    assert problem.startswith("audit chain broken at event")


def test_states_their_decisions_do_not_explain_are_named(api):
    applied, rejected, pending = _day(api)
    engine = api.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE work_orders SET status = 'applied', approvals = 1 WHERE id = :id"), {"id": pending})
        conn.execute(text("UPDATE work_orders SET status = 'pending' WHERE id = :id"), {"id": rejected})
        conn.execute(text("UPDATE work_orders SET approvals = 0 WHERE id = :id"), {"id": applied})
    engine.dispose()
    assert sorted(_found(api)["orders"]) == sorted([
        f"work order {applied}: says 0 levels approved, its decisions 1",
        f"work order {rejected}: pending, yet rejected",
        f"work order {pending}: applied with 0 of 1 levels approved and 0 rejections",
    ])


def test_a_message_sent_twice_is_named(api, tmp_path):
    attempt_id, provider_id = _sms_sent(api)
    _received(tmp_path, provider_id, provider_id, "local-999999")
    assert _found(api, tmp_path)["messages"] == [
        f"sms message {provider_id} was received 2 times",
        "sms message local-999999 was received but no attempt records it (sent again, or sent without being recorded)",
    ]
    engine = api.engine()
    with engine.begin() as conn:  # a second attempt claims the same delivery
        other = conn.execute(select(DeliveryAttempt.id).where(DeliveryAttempt.id != attempt_id,
                                                              DeliveryAttempt.provider_message_id.is_not(None))
                             .limit(1)).scalar_one()
        conn.execute(text("UPDATE msg_attempts SET provider_message_id = :p WHERE id = :id"),
                     {"p": provider_id, "id": other})
    engine.dispose()
    assert f"provider message {provider_id} is the outcome of 2 attempts" in _found(api)["messages"]
