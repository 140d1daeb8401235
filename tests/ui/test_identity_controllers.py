"""Identity's controllers (ui/identity/users_controller.py, roles_controller.py) without a widget,
against the real backend: what they load, the filter, what may be done to the current user or role
and why not, the actions and the outcome each leaves, and refusals said in the user's words."""

import pytest

from desktop.error_messages import message_for
from services.clients.session import SessionClient
from services.contract.identity import IdentityUserOut, PermissionAreaOut
from services.contract.permissions import Perm
from tests.qt_fixtures import next_emission, until
from ui.common.page_context import PageContext
from ui.identity.roles_controller import RolesController, grouped
from ui.identity.users_controller import ACTIVE, ALL, DISABLED, UsersController, matches


@pytest.fixture
def controller_for(aio, backend, errors):
    """A loaded controller of ``kind`` for a demo user, signed in with their template token."""
    made = []

    def make(kind, username: str = "admin"):
        api = backend.api_client()
        api.set_token(backend.token(username))
        ctx = PageContext(api, aio(SessionClient(api).me()), errors.append, ui_language=lambda: "en",
                          error_text=message_for)
        controller = kind(ctx)
        made.append((controller, api))
        aio(controller.load())
        return controller

    yield make
    for controller, api in made:
        aio(controller.ops.wait_idle())
        controller.deleteLater()
        aio(api.aclose())


def _user(username: str, name: str, roles: list[str], active: bool = True) -> IdentityUserOut:
    return IdentityUserOut(username=username, display_name=name, active=active, roles=roles,
                           created_at="2026-12-01T00:00:00Z", last_sign_in_at=None, must_change_password=False,
                           version=1)


def test_the_filter_matches_every_word_in_the_username_name_or_roles_and_the_status():
    carmen = _user("maker", "Carmen Chan 陳嘉敏", ["ops_maker"])
    names = {"ops_maker": "營運經辦"}
    assert matches(carmen, "", ALL, names) and matches(carmen, "chan maker", ALL, names)
    assert matches(carmen, "營運", ACTIVE, names) and matches(carmen, "OPS_MAKER", ALL, names)
    assert not matches(carmen, "chan checker", ALL, names) and not matches(carmen, "", DISABLED, names)
    assert matches(_user("x", "X", [], active=False), "", DISABLED, names)


def test_permissions_are_grouped_by_the_areas_given_and_an_unlisted_code_goes_last():
    areas = [PermissionAreaOut(area="Risk", permissions=["margin_call.query", "risk.credit.draft"]),
             PermissionAreaOut(area="Funds", permissions=["fund.clearing.view"])]
    assert grouped(["fund.clearing.view", "margin_call.query", "retired.code"], areas) == [
        ("Risk", ["margin_call.query"]), ("Funds", ["fund.clearing.view"]), ("System", ["retired.code"])]


def test_users_load_filter_and_say_why_an_action_is_not_offered(controller_for):
    users = controller_for(UsersController)
    assert {u.username for u in users.shown} >= {"admin", "admin2", "maker", "checker"}
    users.set_filter("risk checker")
    assert [u.username for u in users.shown] == ["checker", "checker2"]
    assert users.blocker("roles") == "Choose a user first." and users.blocker("new") is None
    users.set_filter("")
    users.select("admin")
    assert users.blocker("roles") == "Your own roles are changed by another administrator."
    assert users.blocker("toggle").startswith("Another administrator does this for your own account")
    users.select("checker")
    assert all(users.blocker(action) is None for action in ("roles", "toggle", "reset"))
    assert users.role_name("risk_checker") == "Risk checker"


def test_a_new_user_is_created_and_its_one_time_password_given_once(aio, controller_for, backend):
    users = controller_for(UsersController)
    issued = next_emission(users.passwordIssued)
    users.create(" ops.yip ", "Yip Ka Wai")
    (given,) = aio(issued)
    aio(until(lambda: users.settled and not users.acting, message="the list read again"))
    assert given.user.username == "ops.yip"
    assert backend.login("ops.yip", given.one_time_password).json()["password_change_required"] is True
    assert users.current.username == "ops.yip" and users.current.must_change_password
    assert users.outcome == ("Created ops.yip. Give them the one-time password in person; roles come by a "
                             "change of roles.", False)


def test_disable_then_enable_answer_at_once(aio, controller_for, backend):
    users = controller_for(UsersController)
    users.select("service")
    aio(users.toggle_active())
    aio(until(lambda: users.settled, message="read again"))
    assert users.current.active is False and users.outcome[0] == "Disabled service: their sessions have ended."
    assert backend.login("service").json()["code"] == "account_disabled"
    aio(users.toggle_active())
    aio(until(lambda: users.settled, message="read again"))
    assert users.current.active is True


def test_a_change_of_roles_waits_for_another_administrator_and_blocks_a_second(aio, controller_for):
    users = controller_for(UsersController)
    users.select("funds")
    aio(users.change_roles(["customer_service", "fund_ops"], "Covers the message desk this month"))
    aio(until(lambda: users.settled and users.current.pending_work_order_id is not None, message="pending shown"))
    order = users.current.pending_work_order_id
    assert users.outcome == (f"Submitted work order #{order} for funds's roles: another administrator decides it.",
                             False)
    assert users.blocker("roles") == f"A change of this user's roles awaits approval (work order #{order})."
    assert users.change_roles(["fund_ops"], "") is None  # nothing is sent


def test_a_refused_change_says_the_shells_sentence_and_reads_the_list_again(aio, controller_for, backend):
    users = controller_for(UsersController)
    users.select("funds")
    with backend.client("admin2") as other:  # another administrator was first
        other.post("/work-orders", json={"flow": "identity.user.update",
                                         "payload": {"username": "funds", "roles": ["fund_ops", "customer_service"]}},
                   headers={"Idempotency-Key": "first"}).raise_for_status()
    aio(users.change_roles(["fund_ops", "content_editor"], ""))
    aio(until(lambda: users.settled and not users.acting, message="read again"))
    text, failed = users.outcome
    assert failed and text.startswith("This item is already awaiting approval in another work order.")
    assert users.current.pending_work_order_id is not None


def test_roles_load_with_their_areas_and_the_administrator_role_is_not_edited(controller_for):
    roles = controller_for(RolesController)
    assert roles.current_code == roles.roles[0].code
    roles.select("admin")
    assert roles.blocker("edit") == "The administrator role holds every permission and cannot be edited."
    roles.select("customer_service")
    assert roles.blocker("edit") is None and roles.name(roles.current) == "Customer service"
    assert roles.groups(roles.current) == [("Risk", [Perm.MARGIN_CALL_AUTO_CONVERT_QUERY.value]),
                                           ("Message Center", [Perm.MESSAGE_RECORD_VIEW.value,
                                                               Perm.MESSAGE_RECORD_RESEND.value])]


def test_a_new_role_is_submitted_and_refusals_are_said_in_words(aio, controller_for, backend):
    roles = controller_for(RolesController)
    aio(roles.submit("desk_viewer", "Desk viewer", "交易台查閱", [Perm.MARGIN_CALL_QUERY.value], "For the desk"))
    aio(until(lambda: roles.settled and not roles.acting, message="read again"))
    text, failed = roles.outcome
    assert text.startswith("Submitted work order #") and not failed
    aio(roles.submit("admin", "Administrator", "系統管理員", [], ""))
    aio(until(lambda: not roles.acting, message="refused"))
    assert roles.outcome == ("The change breaks a rule; see the highlighted fields. The administrator role holds "
                             "every permission and cannot be edited.", True)

    engine = backend.engine()  # admin2 also holds a role of their own
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO roles (code, name_en, name_zh, version) VALUES ('auditor', 'Auditor', "
                             "'稽核', 1)")
        conn.exec_driver_sql("INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
                             "WHERE u.username = 'admin2' AND r.code = 'auditor'")
    engine.dispose()
    mine = controller_for(RolesController, "admin2")
    aio(mine.submit("auditor", "Auditor", "稽核", [Perm.APPROVAL_VIEW_ALL.value], ""))
    aio(until(lambda: not mine.acting, message="refused"))
    text, failed = mine.outcome
    assert failed and text.startswith("Nobody grants themselves rights")
