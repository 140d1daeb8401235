"""The audit log's API (身份管理 › 審計日誌) on SQLite and PostgreSQL: events newest first by keyset,
filtered by actor, entity, action (exact or a kind's prefix) and Hong Kong days, the first page
counted up to a cap; one event in full; the chain's check naming the first broken link after a
row is tampered with; the Excel export of the filtered list; only the administrator may call them.
"""

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from backend.audit import anchor, listing
from backend.audit.export import write_export
from backend.kit import clock, signing_keys
from backend.kit.errors import AppError
from services.contract.audit import AuditEventExport
from tests.backend.audit_steps import record, tamper

EVENTS, VERIFY = "/audit/events", "/audit/verify"


def _ids(client, **params) -> list[int]:
    """Every event id the filter lists, page after page."""
    ids, cursor = [], None
    while True:
        page = client.get(EVENTS, params={"limit": 1000, **params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        ids += [e["id"] for e in body["items"]]
        if not (cursor := body["next_cursor"]):
            return ids


def _events(api) -> dict[str, int]:
    """A small trail of known events (on top of whatever the demo left): name → id."""
    database = api.app.state.database
    names = ["submit", "approve", "apply", "lookalike", "login", "system", "category"]
    ids = record(
        database,
        {"actor": "maker", "action": "work_order.submit", "entity_type": "work_order", "entity_id": "901",
         "after": {"status": "pending"}},
        {"actor": "checker", "action": "work_order.approve", "entity_type": "work_order", "entity_id": "901",
         "before": {"status": "pending"}, "after": {"status": "approved"}},
        {"actor": "checker", "action": "work_order.apply", "entity_type": "risk.credit.update_stock_margin_task",
         "entity_id": "901", "before": {"rows": [{"symbol": "00700.HK", "im": "0.5"}]},
         "after": {"rows": [{"symbol": "00700.HK", "im": "0.6"}]}},
        # "_" is a LIKE wildcard: the kind "work_order." must not take this one.
        {"actor": "maker", "action": "workxorder.submit", "entity_type": "thing", "entity_id": "901"},
        {"actor": "funds", "action": "auth.login", "entity_type": "user", "entity_id": "7"},
        {"actor": None, "action": "fund.clearing.confirm_subscription", "entity_type": "fund_clearing_batch",
         "entity_id": "3", "after": {"confirmed_by": "system"}},
        {"actor": "editor", "action": "help_category.rename", "entity_type": "help_category", "entity_id": "12",
         "before": {"name": "開戶", "order": 1}, "after": {"name": "開戶指南", "order": 1}},
    )
    return dict(zip(names, ids, strict=True))


def test_the_filters_find_what_they_name(api):
    made = _events(api)
    with api.client("admin") as admin:
        assert _ids(admin, actor="checker") == [made["apply"], made["approve"]]
        assert _ids(admin, action="work_order.approve") == [made["approve"]]
        assert _ids(admin, action="work_order.") == [made["apply"], made["approve"], made["submit"]]
        assert _ids(admin, entity_type="work_order", entity_id="901") == [made["approve"], made["submit"]]
        assert _ids(admin, entity_id="901", actor="maker") == [made["lookalike"], made["submit"]]
        assert _ids(admin, actor="nobody") == []
        page = admin.get(EVENTS, params={"entity_type": "fund_clearing_batch", "entity_id": "3"}).json()
    assert page["items"] == [{
        "id": made["system"], "at": page["items"][0]["at"], "actor_id": None, "actor_username": None,
        "actor_name": None, "action": "fund.clearing.confirm_subscription", "entity_type": "fund_clearing_batch",
        "entity_id": "3"}]
    assert (page["total"], page["total_capped"], page["next_cursor"]) == (1, False, None)


def test_the_date_range_is_of_hong_kong_days(api):
    database = api.app.state.database
    late = record(database, {"actor": "admin", "action": "test.late", "entity_type": "day"},
                  at=datetime(2025, 3, 1, 15, 59, tzinfo=UTC))[0]  # 23:59 on 1 March in Hong Kong
    early = record(database, {"actor": "admin", "action": "test.early", "entity_type": "day"},
                   at=datetime(2025, 3, 1, 16, 0, tzinfo=UTC))[0]  # 00:00 on 2 March in Hong Kong
    with api.client("admin") as admin:
        assert _ids(admin, entity_type="day", date_from="2025-03-01", date_to="2025-03-01") == [late]
        assert _ids(admin, entity_type="day", date_from="2025-03-02") == [early]
        assert _ids(admin, entity_type="day", date_to="2025-03-02") == [early, late]
        backwards = admin.get(EVENTS, params={"date_from": "2025-03-02", "date_to": "2025-03-01"})
        not_a_day = admin.get(EVENTS, params={"date_from": "20250301"})
    assert (backwards.status_code, backwards.json()["code"]) == (422, "validation_error")
    assert "date_from must not be after date_to" in backwards.json()["detail"]
    assert [e["field"] for e in not_a_day.json()["errors"]] == ["date_from"]


def test_pages_walk_newest_first_without_gaps_and_the_first_is_counted(api):
    ids = record(api.app.state.database,
                 *({"actor": "maker", "action": "test.page", "entity_type": "paged", "entity_id": str(i)}
                   for i in range(250)))
    seen, totals, cursor = [], [], None
    with api.client("admin") as admin:
        while True:
            body = admin.get(EVENTS, params={"entity_type": "paged", "limit": 100,
                                             **({"cursor": cursor} if cursor else {})}).json()
            seen += [e["id"] for e in body["items"]]
            totals.append((len(body["items"]), body["total"]))
            if not (cursor := body["next_cursor"]):
                break
        bad_cursor = admin.get(EVENTS, params={"cursor": "not-a-cursor"})
    assert seen == sorted(ids, reverse=True)
    assert totals == [(100, 250), (100, None), (50, None)]  # deeper pages never count again
    assert (bad_cursor.status_code, bad_cursor.json()["code"]) == (400, "invalid_cursor")


def test_a_count_past_the_cap_says_more(api, monkeypatch):
    record(api.app.state.database,
           *({"actor": "maker", "action": "test.cap", "entity_type": "capped"} for _ in range(12)))
    monkeypatch.setattr(listing, "AUDIT_TOTAL_CAP", 10)
    with api.client("admin") as admin:
        first = admin.get(EVENTS, params={"entity_type": "capped", "limit": 5}).json()
        exact = admin.get(EVENTS, params={"entity_type": "capped", "action": "test.cap", "limit": 20}).json()
    assert (len(first["items"]), first["total"], first["total_capped"]) == (5, 10, True)
    assert (len(exact["items"]), exact["total"], exact["total_capped"]) == (12, 10, True)
    monkeypatch.setattr(listing, "AUDIT_TOTAL_CAP", 12)
    with api.client("admin") as admin:
        assert admin.get(EVENTS, params={"entity_type": "capped", "limit": 5}).json()["total"] == 12


def test_an_action_filter_is_an_action_or_a_kind(api):
    with api.client("admin") as admin:
        shouted = admin.get(EVENTS, params={"action": "WORK_ORDER.%"})
    assert (shouted.status_code, shouted.json()["code"]) == (422, "validation_error")
    assert [e["field"] for e in shouted.json()["errors"]] == ["action"]


def test_one_event_in_full(api):
    made = _events(api)
    with api.client("admin") as admin:
        event = admin.get(f"{EVENTS}/{made['category']}").json()
        missing = admin.get(f"{EVENTS}/{made['category'] + 1000}")
        too_big = admin.get(f"{EVENTS}/{2**63}")
    assert {k: event[k] for k in ("actor_username", "actor_name", "action", "entity_type", "entity_id",
                                  "before", "after")} == {
        "actor_username": "editor", "actor_name": event["actor_name"], "action": "help_category.rename",
        "entity_type": "help_category", "entity_id": "12", "before": {"name": "開戶", "order": 1},
        "after": {"name": "開戶指南", "order": 1}}
    assert event["actor_name"] and len(event["hash"]) == len(event["prev_hash"]) == 64
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert too_big.status_code == 422


def test_only_the_administrator_reads_the_log(api):
    made = _events(api)
    calls = [("GET", EVENTS), ("GET", f"{EVENTS}/{made['submit']}"), ("GET", f"{EVENTS}/export"),
             ("POST", VERIFY)]
    for user in ("maker", "checker", "service", "funds"):
        with api.client(user) as client:
            for method, path in calls:
                response = client.request(method, path)
                assert (response.status_code, response.json()["code"]) == (403, "permission_denied"), (user, path)
    with api.client() as anonymous:
        assert {anonymous.request(method, path).status_code for method, path in calls} == {401}
    with api.client("admin") as admin:
        assert {admin.request(method, path).status_code for method, path in calls} == {200}


def test_verify_reports_intact_then_the_first_broken_link(api, tmp_path):
    api.app.state.settings = api.app.state.settings.model_copy(update={
        "audit_key_file": str(tmp_path / "key.pem"), "audit_checkpoint_file": str(tmp_path / "cp.jsonl")})
    made = _events(api)
    with api.client("admin") as admin:
        intact = admin.post(VERIFY).json()
    assert (intact["intact"], intact["problem"], intact["broken_event_id"]) == (True, None, None)
    assert intact["events"] >= len(made) and intact["unanchored"] == intact["events"]  # no checkpoint yet
    tamper(api.database_url, f"""UPDATE audit_events SET after = '{{"status": "rejected"}}'
                                 WHERE id = {made['approve']}""")
    tamper(api.database_url, f"DELETE FROM audit_events WHERE id = {made['login']}")
    with api.client("admin") as admin:
        broken = admin.post(VERIFY).json()
    assert (broken["intact"], broken["broken_event_id"], broken["problem"]) == (
        False, made["approve"], "event_changed")  # the first of the two breaks
    assert "recomputed" in broken["reason"]
    tamper(api.database_url, f"DELETE FROM audit_events WHERE id = {made['approve']}")
    with api.client("admin") as admin:
        gap = admin.post(VERIFY).json()
    assert (gap["intact"], gap["broken_event_id"], gap["problem"]) == (False, made["apply"], "link_broken")


def test_verify_checks_the_signed_checkpoints(api, tmp_path):
    key_file, path = tmp_path / "key.pem", tmp_path / "cp.jsonl"
    api.app.state.settings = api.app.state.settings.model_copy(update={
        "audit_key_file": str(key_file), "audit_checkpoint_file": str(path)})
    made = _events(api)
    key = signing_keys.load_or_create_key(key_file)
    with clock.using(api.clock):
        checkpoint = anchor.checkpoint_if_due(api.app.state.database, key, path, every_events=100,
                                              every_minutes=10, force=True)
    later = record(api.app.state.database, {"actor": "admin", "action": "test.after", "entity_type": "thing"})
    with api.client("admin") as admin:
        anchored = admin.post(VERIFY).json()
    assert (anchored["intact"], anchored["checkpoints"], anchored["last_checkpoint_event_id"],
            anchored["unanchored"]) == (True, 1, checkpoint.last_event_id, len(later))
    with path.open("a", encoding="utf-8") as lines:
        lines.write("{not a checkpoint\n")
    with api.client("admin") as admin:
        unreadable = admin.post(VERIFY).json()
    assert (unreadable["intact"], unreadable["problem"], unreadable["broken_checkpoint_line"]) == (
        False, "checkpoint_invalid", 2)
    assert made  # the checked trail held them


@pytest.mark.parametrize(("lang", "header", "approved", "order", "flow", "system"), [
    ("en", "Time (HKT)", "Work order approved", "Work order", "Edit long stock margin", "System"),
    ("zh_Hant", "時間 (香港)", "批准工單", "工單", "修改多頭股票保證金", "系統")])
def test_the_export_holds_the_filtered_list_in_its_order(api, lang, header, approved, order, flow, system):
    made = _events(api)
    with api.client("admin") as admin:
        expected = _ids(admin, entity_id="901")
        response = admin.get(f"{EVENTS}/export", params={"entity_id": "901", "lang": lang})
        everyone = admin.get(f"{EVENTS}/export", params={"entity_type": "fund_clearing_batch", "lang": lang})
    assert response.status_code == 200, response.text
    assert 'filename="audit-log-' in response.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.values)
    assert rows[0][0] == header
    assert [r[-1] for r in rows[1:]] == expected == [made["lookalike"], made["apply"], made["approve"], made["submit"]]
    by_id = {r[-1]: r for r in rows[1:]}
    checker = by_id[made["approve"]]
    assert checker[1] == "checker" and checker[2]  # the username and the display name
    assert checker[3:9] == (approved, "work_order.approve", order, "901", '{"status": "pending"}',
                            '{"status": "approved"}')
    assert by_id[made["apply"]][5] == flow  # a change applied names its flow, as the desktop does
    assert by_id[made["lookalike"]][3] == "workxorder.submit"  # a code the table does not know, as such
    system_row = list(load_workbook(io.BytesIO(everyone.content), read_only=True).active.values)[1]
    assert system_row[1] == system and system_row[-1] == made["system"]


def test_an_export_of_too_many_events_is_refused(api):
    record(api.app.state.database, *({"actor": "maker", "action": "test.many", "entity_type": "many"}
                                     for _ in range(4)))
    engine = api.engine()
    with Session(engine) as session:
        with pytest.raises(AppError) as refused:
            write_export(session, AuditEventExport(entity_type="many"), max_rows=3)
        assert write_export(session, AuditEventExport(entity_type="many"), max_rows=4).read(2) == b"PK"
    engine.dispose()
    assert (refused.value.status, refused.value.code) == (422, "export_too_large")
