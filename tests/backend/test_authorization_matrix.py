"""The authorization matrix: every operation of the backend's own OpenAPI document, called with
no token, an expired token, a revoked token and as one user of each role.

Nothing here says by hand who may call what. Each operation carries ``x-authorization`` (written
by backend/auth/route_rules.py from its dependencies): a permission code, or a rule its handler
enforces. The expected answer of every cell comes from the roles table (which grants the codes of
the menu table and the flow catalogue), the flow catalogue (submit permissions), the approval
chains the system starts with (who decides each flow) and the maker-checker rule. An operation that declares nothing, a public one not listed below, an unknown
code or a rule without a test fails the first test.

Each test runs on a database of its own (SQLite and PostgreSQL): it submits, decides and withdraws
orders of every flow.
"""

import re
import uuid
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from backend.approval_chains.seed import seeded_chain
from backend.auth.roles import DEMO_USERS, ROLES
from backend.auth.route_rules import EXTENSION, Rule
from backend.risk.models import IntradayMarginRow, ShortMarginRow
from backend.settings import Settings
from backend.work_orders.catalogue import CATALOGUE
from services.contract.events import EVENTS_STREAM_PATH
from services.contract.flows import ALL_FLOWS, MARGIN_FLOW_IDS
from services.contract.identity import APPROVAL_CHAIN_FLOW, ROLE_UPDATE_FLOW, USER_UPDATE_FLOW
from services.contract.menu import MENU
from services.contract.permissions import Perm, decide_permission
from services.contract.queries import AUTO_CONVERT_EXPORT_PATH, BORROWING_EXPORT_PATH, WorkOrderView
from tests.backend.margin_steps import intraday, row, short, symbols
from tests.backend.work_order_steps import window
from tests.fixtures.app_backend import AppBackend, app_for

# The only operations anyone may call signed out: the health probes, signing in, and the embedded
# demo's list of its users (404 unless the backend runs with --demo). (/metrics is no operation of
# the API: backend/ops/routes.py answers only its networks or its token.)
PUBLIC = {("get", "/health"), ("get", "/health/live"), ("get", "/health/ready"), ("post", "/auth/login"),
          ("get", "/auth/demo-users")}
KNOWN_CODES = ({leaf.permission for leaf in MENU} | {p.value for p in Perm} | set(ALL_FLOWS)
               | {decide_permission(f) for f in ALL_FLOWS})
ABSENT_ID = 2_000_000_000  # no row has it: a permitted caller gets past the check and finds nothing
ROLE_USER = {role.code: next(u.username for u in DEMO_USERS if role.code in u.roles) for role in ROLES}
PERMISSIONS = {role.code: frozenset(role.permissions) for role in ROLES}
MAKER_ROLE = "admin"  # holds every permission, so only the four-eyes rule can stop it deciding
MAKER = ROLE_USER[MAKER_ROLE]
# Identity's flows are the administrators' alone: the second administrator decides what the first asks.
SECOND_ADMIN = next(u.username for u in DEMO_USERS if MAKER_ROLE in u.roles and u.username != MAKER)
DENIED = (403, "permission_denied")
# Who may call an operation never depends on its filters: a narrow one spares writing every demo
# message (about 9 s a call here), enrolment or borrowing account into a workbook.
NARROWED = {"/messages/records/export.xlsx": {"account": "nobody"}, AUTO_CONVERT_EXPORT_PATH: {"account": "nobody"},
            BORROWING_EXPORT_PATH: {"account": "nobody"}}
CELLS: Counter = Counter()  # requests made per database, printed at the end (run with -s)
# Operations that answer an endless stream: a permitted call is judged by its answer's start.
STREAMED = {("get", EVENTS_STREAM_PATH)}


@pytest.fixture(scope="module")
def operations() -> list[tuple[str, str, dict]]:
    """(method, path template, x-authorization) of every operation the backend serves."""
    app = app_for("sqlite://")  # the document needs no database
    document = app.openapi()
    app.state.database.engine.dispose()
    streamed = {(method, path) for path, ops in document["paths"].items() for method, op in ops.items()
                if "text/event-stream" in op["responses"].get("200", {}).get("content", {})}
    assert streamed == STREAMED, "a streamed operation the calls below would wait on forever"
    return [(method, path, op.get(EXTENSION)) for path, ops in document["paths"].items()
            for method, op in ops.items()]


@pytest.fixture
def backend(api) -> AppBackend:
    return api


@pytest.fixture(scope="module", autouse=True)
def _requests_made() -> Iterator[None]:
    yield
    print(f"\nauthorization matrix: requests per database {dict(CELLS)}")


def _codes(declared: dict) -> list[str]:
    """The permission codes an operation names: one, any of several, or none (a bare rule)."""
    return declared.get("any_of") or ([declared["permission"]] if "permission" in declared else [])


def _with_rule(operations, rule: Rule) -> list[tuple[str, str]]:
    return [(m, p) for m, p, a in operations if a and a.get("rule") == rule.value]


def _concrete(path: str, value: int = ABSENT_ID) -> str:
    return re.sub(r"\{[^}]+\}", str(value), path)


def _call(backend: AppBackend, method: str, path: str, token: str | None, *, json=None,
          params=None) -> httpx.Response:
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    if json is None and method in ("post", "put", "patch"):
        json = {}
    CELLS[backend.dialect] += 1
    with backend.client(token=token) as client:
        if (method, path) in STREAMED:
            with client.stream(method.upper(), path, headers=headers, params=params) as response:
                if response.status_code >= 400:
                    response.read()
                return response  # a stream let through: its first lines are not who may read it
        return client.request(method.upper(), path, headers=headers, json=json, params=params)


def _answer(response: httpx.Response) -> tuple[int, str | None]:
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), response.text
        return response.status_code, response.json()["code"]
    return response.status_code, None


def _let_through(response: httpx.Response, cell: str) -> None:
    """A permitted caller is past the check: whatever the answer, it is not about who they are."""
    status, code = _answer(response)
    assert status not in (401, 403) and status < 500, f"{cell}: {status} {code} {response.text[:300]}"


# --- the document --------------------------------------------------------------------------------


def test_every_operation_declares_who_may_call_it(operations):
    public, undeclared, unknown, rules = set(), [], [], set()
    for method, path, declared in operations:
        if declared is None or declared.get("undeclared"):
            undeclared.append((method, path))
            continue
        if declared.get("public"):
            public.add((method, path))
        if "rule" in declared:
            rules.add(declared["rule"])
        unknown += [c for c in _codes(declared) if c not in KNOWN_CODES]
    assert undeclared == [], "operations that sign the user in but never say who may call them"
    assert public <= PUBLIC, f"new public operations: {public - PUBLIC}"
    assert unknown == [], "permission codes neither the menu table nor the flow catalogue knows"
    assert rules <= set(RULE_TESTS) and set(Rule) <= set(RULE_TESTS), "a rule without its test"
    required = {c for _, _, d in operations if d for c in _codes(d)}
    assert {leaf.permission for leaf in MENU} <= required, "a menu page no operation serves"


def test_without_a_valid_token_every_other_operation_answers_401(backend, operations):
    expired, revoked = backend.session_token("service"), backend.session_token("service")
    assert _call(backend, "post", "/auth/logout", revoked).status_code == 204
    backend.clock.advance(minutes=Settings().token_ttl_minutes)
    cells = 0
    for method, path, _ in operations:
        if (method, path) in PUBLIC:
            continue
        for token, code in ((None, "not_authenticated"), (expired, "token_expired"), (revoked, "token_revoked")):
            response = _call(backend, method, _concrete(path), token)
            assert _answer(response) == (401, code), (method, path, response.text)
            cells += 1
    assert cells == 3 * (len(operations) - len(PUBLIC))


def test_each_role_gets_exactly_the_operations_its_permissions_allow(backend, operations):
    tokens = {role: backend.token(user) for role, user in ROLE_USER.items()}
    cells = Counter()
    for method, path, declared in operations:
        if not declared or not (needed := set(_codes(declared))):
            continue
        for role, token in tokens.items():
            response = _call(backend, method, _concrete(path), token, params=NARROWED.get(path))
            cell = f"{role} {method.upper()} {path}"
            if needed & PERMISSIONS[role]:
                _let_through(response, cell)
                cells["allowed"] += 1
            else:
                assert _answer(response) == DENIED, cell
                cells["denied"] += 1
    assert cells["allowed"] and cells["denied"]


# --- operations whose handler checks a rule ------------------------------------------------------


def check_signed_in(backend, operations):
    for method, path in _with_rule(operations, Rule.SIGNED_IN):
        for role, user in ROLE_USER.items():
            # Logging out or changing a password ends the session used: those get a fresh one.
            token = backend.session_token(user) if method == "post" else backend.token(user)
            _let_through(_call(backend, method, _concrete(path), token), f"{role} {path}")


def check_work_order_list(backend, operations):
    """Every view of the list and of its export needs the operation's own code (the Approvals
    pages'); ``all`` also view_all."""
    listed = _with_rule(operations, Rule.WORK_ORDER_LIST)
    assert {p for _m, p in listed} == {"/work-orders", "/work-orders/export"}
    for method, path in listed:
        needed = set(_codes(next(d for m, p, d in operations if (m, p) == (method, path))))
        for role, user in ROLE_USER.items():
            for view in WorkOrderView:
                response = _call(backend, method, path, backend.token(user), params={"view": view.value})
                allowed = needed <= PERMISSIONS[role] and (
                    view != WorkOrderView.ALL or Perm.APPROVAL_VIEW_ALL in PERMISSIONS[role])
                if allowed:
                    assert response.status_code == 200, (role, view, path, response.text)
                else:
                    assert _answer(response) == DENIED, (role, view, path)


def check_flow_submit(backend, operations):
    """Every flow of the catalogue, as every role: its submit permission decides. A permitted
    caller's unreadable payload is refused after the check, so nothing is created."""
    (method, path), = _with_rule(operations, Rule.FLOW_SUBMIT)
    for flow in CATALOGUE:
        for role, user in ROLE_USER.items():
            response = _call(backend, method, path, backend.token(user),
                             json={"flow": flow, "payload": {"not_a_field": True}})
            if CATALOGUE[flow].submit_permission in PERMISSIONS[role]:
                assert _answer(response) == (422, "validation_error"), (role, flow, response.text)
            else:
                assert _answer(response) == DENIED, (role, flow)


class _Payloads:
    """A valid payload of each flow, on targets no other order holds."""

    def __init__(self, backend: AppBackend):
        self.backend = backend
        self.editor = backend.client("editor")
        self.articles = self.editor.get("/help-center/articles", params={"limit": 200}).json()["items"]

    def _article(self, *, visible: bool) -> dict:
        article = next(a for a in self.articles if a["visible"] == visible and not a.get("pending_flow"))
        self.articles.remove(article)
        return self.editor.get(f"/help-center/articles/{article['id']}").json()

    def _hidden_article(self) -> dict:
        if any(a["visible"] is False for a in self.articles):
            return self._article(visible=False)
        source = self._article(visible=True)
        copy = self.editor.post(f"/help-center/articles/{source['id']}/copy", json={})
        assert copy.status_code == 201, copy.text
        return copy.json()

    def __call__(self, flow: str) -> dict:
        b = self.backend
        for kind, table in (("long", None), ("short", ShortMarginRow), ("intraday", IntradayMarginRow)):
            action = next((a for a, f in MARGIN_FLOW_IDS[kind].items() if f == flow), None)
            if action is None:
                continue
            extra = {"table": table} if table else {}
            symbol, = symbols(b, "HK", 1, with_row=action not in ("create", "upload"), **extra)
            values = {"long": row, "short": short, "intraday": intraday}[kind](symbol)
            return {"create": values, "update": {"rows": [values]} if kind == "short" else values,
                    "delete": {"symbol": symbol}, "batch_delete": {"symbols": [symbol]},
                    "upload": {"mode": "upsert", "rows": [values]}}[action]
        if flow == "risk.credit.set_day_trade_time_config":
            return window("US")
        if flow == APPROVAL_CHAIN_FLOW:  # the default chain: every flow here has one of its own
            return {"flow": None, "chain": {"levels": [{"approvers": {"roles": ["admin"]}}]}}
        if flow == USER_UPDATE_FLOW:  # a user neither administrator is: nobody grants themselves
            return {"username": ROLE_USER["fund_ops"], "roles": ["customer_service", "fund_ops"]}
        if flow == ROLE_UPDATE_FLOW:
            return {"code": "customer_service", "name_en": "Customer service (matrix)", "name_zh": "客戶服務（矩陣）",
                    "permissions": sorted(PERMISSIONS["customer_service"])}
        action = flow.rsplit(".", 1)[1]
        # Show and delete need a hidden article (only a hidden one may be deleted), hide a shown one.
        article = self._hidden_article() if action in ("show", "delete") else self._article(visible=True)
        target = {"article_id": article["id"], "version": article["version"]}
        if action == "update":
            return {**target, "category_id": article["category_id"], "language": article["language"],
                    "title": f"{article['title']} (matrix)", "body": article["body"]}
        return target


def _approvers(flow: str) -> list[str]:
    """The demo users the flow's starting chain names on its first level, the maker excepted."""
    roles = set(seeded_chain(flow).levels[0].approvers.roles)
    return [u.username for u in DEMO_USERS if roles & set(u.roles) and u.username != MAKER]


def check_work_order_lifecycle(backend, operations):
    """Every flow: the admin (who holds every permission) submits; each role reads, decides,
    withdraws and resubmits it. The four-eyes rule stops the admin deciding their own order; only
    the people its approval chain names decide it (a second administrator for identity flows)."""
    routes = {rule: _with_rule(operations, rule)[0] for rule in
              (Rule.FLOW_SUBMIT, Rule.WORK_ORDER_READ, Rule.FLOW_DECIDE, Rule.MAKER_WITHDRAW, Rule.MAKER_RESUBMIT)}
    payloads = _Payloads(backend)
    others = {role: user for role, user in ROLE_USER.items() if role != MAKER_ROLE}

    def call(rule: Rule, user: str, order_id: int | None = None, **kwargs) -> httpx.Response:
        method, path = routes[rule]
        return _call(backend, method, _concrete(path, order_id) if order_id else path, backend.token(user), **kwargs)

    def submitted(flow: str, payload: dict) -> int:
        response = call(Rule.FLOW_SUBMIT, MAKER, json={"flow": flow, "payload": payload})
        assert response.status_code == 201, (flow, response.text)
        return response.json()["id"]

    for flow in CATALOGUE:
        payload = payloads(flow)
        deciders = _approvers(flow)
        assert deciders, f"nobody but its maker could decide {flow}"
        first = submitted(flow, payload)
        for role, user in ROLE_USER.items():
            may_see = role == MAKER_ROLE or user in deciders or Perm.APPROVAL_VIEW_ALL in PERMISSIONS[role]
            assert call(Rule.WORK_ORDER_READ, user, first).status_code == (200 if may_see else 404), (flow, role)
        for decision in ("approve", "reject"):
            response = call(Rule.FLOW_DECIDE, MAKER, first, json={"level": 1, "decision": decision, "comment": "mine"})
            assert _answer(response) == (403, "maker_cannot_decide"), (flow, decision)
        for role, user in [*others.items(), ("admin", deciders[-1])]:
            if user in deciders:  # past the check, a rejection without a comment changes nothing
                response = call(Rule.FLOW_DECIDE, user, first, json={"level": 1, "decision": "reject"})
                assert _answer(response) == (422, "comment_required"), (flow, role)
                continue
            refusal = DENIED if Perm.APPROVAL_INBOX not in PERMISSIONS[role] else (403, "not_an_approver")
            for decision in ("approve", "reject"):
                response = call(Rule.FLOW_DECIDE, user, first, json={"level": 1, "decision": decision, "comment": "not mine"})
                assert _answer(response) == refusal, (flow, role, decision)
        for role, user in others.items():
            response = call(Rule.MAKER_WITHDRAW, user, first)
            assert _answer(response) == (403, "only_maker_withdraws"), (flow, role)
        rejected = call(Rule.FLOW_DECIDE, deciders[0], first,
                        json={"level": 1, "decision": "reject", "comment": "authorization matrix"})
        assert rejected.json()["status"] == "rejected", rejected.text
        for role, user in others.items():
            assert _answer(call(Rule.MAKER_RESUBMIT, user, first)) == DENIED, (flow, role)
        second = call(Rule.MAKER_RESUBMIT, MAKER, first)
        assert second.status_code == 201, (flow, second.text)
        assert call(Rule.MAKER_WITHDRAW, MAKER, second.json()["id"]).json()["status"] == "withdrawn"
        third = submitted(flow, payload)
        approved = call(Rule.FLOW_DECIDE, deciders[0], third, json={"level": 1, "decision": "approve"})
        assert approved.status_code == 200, (flow, approved.text)
        assert approved.json()["status"] in ("applied", "pending"), (flow, approved.text)
        if approved.json()["status"] == "pending":
            call(Rule.MAKER_WITHDRAW, MAKER, third)


def _pending_window_order(backend) -> tuple[int, list[str]]:
    """A pending order of the day-trade window flow the administrator made, and its deciders."""
    with backend.client(MAKER) as client:
        response = client.post("/work-orders", json={"flow": "risk.credit.set_day_trade_time_config",
                                                     "payload": window("HK", force_close="15:12")},
                               headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    return response.json()["id"], _approvers("risk.credit.set_day_trade_time_config")


def check_level_approver(backend, operations):
    """Transfer and its candidates: only an approver of the current level gets past the check (a
    transfer to nobody is then refused, changing nothing); the maker and others are refused."""
    order_id, deciders = _pending_window_order(backend)
    for method, path in _with_rule(operations, Rule.LEVEL_APPROVER):
        for role, user in ROLE_USER.items():
            for who in ([user, *deciders] if role == MAKER_ROLE else [user]):
                response = _call(backend, method, _concrete(path, order_id), backend.token(who),
                                 json={"to": "nobody-at-all", "note": "matrix"} if method == "post" else None)
                cell = f"{who} {method.upper()} {path}"
                if Perm.APPROVAL_INBOX not in PERMISSIONS[role]:
                    assert _answer(response) == DENIED, cell
                elif who in deciders:
                    assert _answer(response) in ((200, None), (422, "transfer_target_not_eligible")), cell
                else:
                    assert _answer(response) == (403, "not_an_approver"), cell


def check_order_party(backend, operations):
    """CC: the maker and the order's approvers get past the check (an unknown person is then
    refused, changing nothing); anyone else is refused."""
    order_id, deciders = _pending_window_order(backend)
    (method, path), = _with_rule(operations, Rule.ORDER_PARTY)
    for role, user in ROLE_USER.items():
        response = _call(backend, method, _concrete(path, order_id), backend.token(user), json={"users": ["nobody"]})
        if Perm.APPROVAL_INBOX not in PERMISSIONS[role]:
            assert _answer(response) == DENIED, role
        elif user == MAKER or user in deciders:
            assert _answer(response) == (422, "rule_violation"), role
        else:
            assert _answer(response) == DENIED, role


# Every rule a route may name, and the check that derives its cells; a new rule needs one here.
RULE_TESTS = {
    Rule.SIGNED_IN: check_signed_in,
    Rule.WORK_ORDER_LIST: check_work_order_list,
    Rule.FLOW_SUBMIT: check_flow_submit,
    Rule.WORK_ORDER_READ: check_work_order_lifecycle,
    Rule.FLOW_DECIDE: check_work_order_lifecycle,
    Rule.MAKER_WITHDRAW: check_work_order_lifecycle,
    Rule.MAKER_RESUBMIT: check_work_order_lifecycle,
    Rule.LEVEL_APPROVER: check_level_approver,
    Rule.ORDER_PARTY: check_order_party,
}


@pytest.mark.parametrize("check", sorted(set(RULE_TESTS.values()), key=lambda f: f.__name__),
                         ids=lambda f: f.__name__.removeprefix("check_"))
def test_rule_routes_answer_each_role_as_their_rule_says(backend, operations, check):
    check(backend, operations)
