"""The approval chains migration (SQLite and PostgreSQL): it starts every flow with the chain of the
roles that decided it, and orders submitted before keep who could decide them, level by level,
their maker left out and whoever decided a level kept; going back down removes it all."""

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text

from backend.db.engine import make_single_use_engine
from backend.db.migrate import alembic_config, upgrade
from services.contract.flows import ALL_FLOWS
from tests.conftest import fresh_postgres_database

BEFORE = "0016"  # the revision this migration follows
WINDOW = "risk.credit.set_day_trade_time_config"
AT = datetime(2031, 3, 15, 3, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'approval-chains.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


def _insert(conn, sql: str, **values) -> int:
    return conn.execute(text(sql + " RETURNING id"), values).scalar_one()


def _people_and_orders(conn) -> dict[str, int]:
    """Under the previous schema: a checker role deciding the window flow, its two holders, a maker,
    someone who decided once and no longer holds the role; a two-level order with level 1 decided,
    and a decided one-level order."""
    ids = {name: _insert(conn, "INSERT INTO users (username, display_name, password_hash, active, created_at) "
                               "VALUES (:u, :u, 'x', :active, :at)", u=name, active=True, at=AT)
           for name in ("maker", "checker", "checker2", "former")}
    role = _insert(conn, "INSERT INTO roles (code, name_en, name_zh) VALUES ('risk_checker', 'Risk checker', '風控覆核')")
    conn.execute(text("INSERT INTO role_permissions (role_id, permission) VALUES (:r, :p)"),
                 {"r": role, "p": f"approval.decide:{WINDOW}"})
    for name in ("checker", "checker2"):
        conn.execute(text("INSERT INTO user_roles (user_id, role_id) VALUES (:u, :r)"), {"u": ids[name], "r": role})

    def order(key: str, levels: int, approvals: int, status: str) -> int:
        return _insert(conn, "INSERT INTO work_orders (flow, maker_id, status, levels, approvals, summary, payload, "
                             "snapshot, idempotency_key, request_hash, submitted_at, updated_at, row_version) "
                             "VALUES (:flow, :maker, :status, :levels, :approvals, 's', '{}', '{}', :key, 'h', :at, :at, 1)",
                       flow=WINDOW, maker=ids["maker"], status=status, levels=levels, approvals=approvals, key=key, at=AT)

    ids["two_levels"] = order("k1", 2, 1, "pending")
    ids["decided"] = order("k2", 1, 1, "applied")
    for order_id, decider in ((ids["two_levels"], "checker"), (ids["decided"], "former")):
        _insert(conn, "INSERT INTO work_order_decisions (work_order_id, level, decider_id, decision, decided_at) "
                      "VALUES (:o, 1, :d, 'approve', :at)", o=order_id, d=ids[decider], at=AT)
    return ids


def test_orders_keep_who_could_decide_them_and_every_flow_starts_with_its_chain(database):
    config = alembic_config(database)
    command.upgrade(config, BEFORE)
    engine = make_single_use_engine(database)
    with engine.begin() as conn:
        ids = _people_and_orders(conn)
    upgrade(database)
    user = {ids[u]: u for u in ("maker", "checker", "checker2", "former")}
    order = {ids[o]: o for o in ("two_levels", "decided")}
    with engine.connect() as conn:
        levels = conn.execute(text("SELECT work_order_id, level, mode FROM work_order_levels "
                                   "ORDER BY work_order_id, level")).all()
        assert [tuple(r) for r in levels] == [(ids["two_levels"], 1, "any"), (ids["two_levels"], 2, "any"),
                                              (ids["decided"], 1, "any")]
        approvers = conn.execute(text("SELECT work_order_id, level, user_id, via FROM work_order_level_approvers")).all()
        by_level: dict = {}
        for order_id, level, user_id, via in approvers:
            by_level.setdefault((order[order_id], level), {})[user[user_id]] = via
        assert by_level == {
            ("two_levels", 1): {"checker": "role:risk_checker", "checker2": "role:risk_checker"},
            ("two_levels", 2): {"checker": "role:risk_checker", "checker2": "role:risk_checker"},
            ("decided", 1): {"checker": "role:risk_checker", "checker2": "role:risk_checker", "former": "user"},
        }
        chains = conn.execute(text("SELECT flow, version, work_order_id FROM approval_chains")).all()
        assert sorted(r.flow for r in chains) == sorted(ALL_FLOWS)  # no default chain
        assert {(r.version, r.work_order_id) for r in chains} == {(1, None)}
        assert conn.execute(text("SELECT chain_id FROM work_orders")).scalars().all() == [None, None]
        # nothing of the orders themselves is lost on the way (SQLite rebuilds altered tables)
        assert conn.execute(text("SELECT count(*) FROM work_order_decisions")).scalar_one() == 2
    command.downgrade(config, BEFORE)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM work_order_decisions")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM work_orders")).scalar_one() == 2
    engine.dispose()
    command.upgrade(config, "head")  # and up again
