"""Resubmitting a refused Identity order from My Requests in the real main window: a change of a
user's roles, of a role and of an approval chain each reopens in its page's editor with what the
order proposed (not what is live), its note in the editor's one note field, under the banner; the
corrected change is resubmitted as a new order naming the refused one. A user whose roles await
another change says so on the Users page instead."""

import pytest

from services.api_client import ApiClient
from services.clients.approval_chains import ApprovalChainsClient
from services.clients.approvals import ApprovalsClient
from services.clients.identity import IdentityClient
from services.contract.identity import Approvers, ChainLevel, ChainSpec
from services.contract.permissions import Perm
from services.contract.schemas import Decision, WorkOrderOut, WorkOrderStatus
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_window, open_window
from ui.approval_chains.chain_dialog import ChainDialog
from ui.identity.role_editor import RoleEditorDialog
from ui.identity.user_dialogs import UserRolesDialog

MY_REQUESTS = "approvals.my_requests"
WINDOW_FLOW = "risk.credit.set_day_trade_time_config"
ADMIN2 = "Sandy Chow 周珊珊"


@pytest.fixture
def admin2(aio, backend):
    """The second administrator, who decides the first one's orders."""
    api = backend.api_client()
    api.set_token(backend.token("admin2"))
    yield api
    aio(api.aclose())


@pytest.fixture
def admin_window(qtbot, aio, backend, settings):
    window, api = open_window(qtbot, aio, backend, settings, "admin")
    yield window, api
    for key in ("identity.users", "identity.roles", "identity.approval_chains"):
        page = window.page(key)
        if page is not None:
            if page.dialog is not None:
                page.dialog.close()
            aio(page.wait_idle())
    close_window(aio, window, api)


def rejected(aio, admin2: ApiClient, order: WorkOrderOut, reason: str) -> WorkOrderOut:
    decided = aio(ApprovalsClient(admin2).decide(order.id, Decision.REJECT, reason, level=1))
    assert decided.status == WorkOrderStatus.REJECTED
    return decided


def resubmit(aio, window, order_id: int, page_key: str, kind):
    """Resubmit… on My Requests; the page the change was made on, once its editor is open."""
    window.open_page(MY_REQUESTS)
    mine = window.page(MY_REQUESTS)
    aio(mine.model.fetch_all())
    choose(aio, mine, order_id)
    mine.resubmit_button.click()
    assert window.current_page_key() == page_key
    page = window.page(page_key)
    aio(until(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), message=f"the {kind.__name__}"))
    return page, page.dialog


def banner_of(dialog, order: WorkOrderOut, flow_name: str, reason: str) -> None:
    banner = dialog.banner
    assert banner is not None and banner.isVisible()
    assert banner.title.text() == f"Correcting work order #{order.id} ({flow_name})"
    assert banner.reason.text() == f"Rejected by {ADMIN2}: {reason}"
    assert banner.note_edit.isHidden()  # one note: the editor's own, which the order carries


def new_order(aio, api: ApiClient, old: WorkOrderOut, page) -> WorkOrderOut:
    aio(until(lambda: page.controller.outcome is not None and not page.controller.ops.busy, message="resubmitted"))
    text = page.controller.outcome[0]
    assert text.startswith(f"Work order #{old.id} resubmitted as #"), text
    new = aio(ApprovalsClient(api).work_order(int(text.split("#")[2].split()[0].rstrip(":"))))
    assert new.resubmitted_from_id == old.id and new.status == WorkOrderStatus.PENDING
    assert new.maker_note is None  # the note travels in the order's own payload
    return new


def test_a_change_of_roles_reopens_with_the_roles_proposed_and_is_resubmitted(aio, admin_window, admin2, errors):
    window, api = admin_window
    reason = "Not the content editor role"
    old = rejected(aio, admin2, aio(IdentityClient(api).submit_user_roles(
        "funds", ["customer_service", "content_editor", "fund_ops"], "Covers the message desk in December")), reason)

    page, dialog = resubmit(aio, window, old.id, "identity.users", UserRolesDialog)
    assert page.controller.current.username == "funds" and page.controller.current.roles == ["fund_ops"]
    assert dialog.chosen_roles() == ["content_editor", "customer_service", "fund_ops"]  # as proposed
    assert dialog.note.toPlainText() == "Covers the message desk in December"
    assert dialog.summary.text() == "Adds 2, removes 0."  # counted from the roles now
    banner_of(dialog, old, "Change user roles", reason)

    dialog.set_role("content_editor", False)
    dialog.note.setPlainText("Covers the message desk in December; content editing dropped")
    dialog.accept_button.click()
    new = new_order(aio, api, old, page)
    assert new.payload == {"username": "funds", "roles": ["customer_service", "fund_ops"],
                           "note": "Covers the message desk in December; content editing dropped"}
    assert page.controller.current.pending_work_order_id == new.id
    assert errors == []


def test_a_user_whose_roles_await_another_change_says_so_instead(aio, admin_window, admin2, errors):
    window, api = admin_window
    old = rejected(aio, admin2, aio(IdentityClient(api).submit_user_roles("funds", ["customer_service"])), "No")
    other = aio(IdentityClient(admin2).submit_user_roles("funds", ["fund_ops", "customer_service"]))

    window.open_page(MY_REQUESTS)
    mine = window.page(MY_REQUESTS)
    aio(mine.model.fetch_all())
    choose(aio, mine, old.id)
    mine.resubmit_button.click()
    page = window.page("identity.users")
    aio(until(lambda: page.controller.outcome is not None, message="why not"))
    assert page.dialog is None and mine.dialog is None
    assert page.outcome.text() == f"A change of this user's roles awaits approval (work order #{other.id})."
    assert page.outcome.property("failed") is True
    aio(ApprovalsClient(admin2).withdraw(other.id))
    assert errors == []


def test_a_role_change_reopens_with_the_names_and_permissions_proposed_and_is_resubmitted(
        aio, admin_window, admin2, errors):
    window, api = admin_window
    roles = {r.code: r for r in aio(IdentityClient(api).roles())}
    live = roles["content_editor"]
    proposed = sorted({*live.permissions, Perm.MESSAGE_RECORD_RESEND.value} - {Perm.HELP_ARTICLE_COPY.value})
    reason = "Resends stay with the service desk"
    old = rejected(aio, admin2, aio(IdentityClient(api).submit_role(
        "content_editor", "Content writer", "內容撰寫", proposed, "Copies go to the approvers")), reason)

    page, dialog = resubmit(aio, window, old.id, "identity.roles", RoleEditorDialog)
    assert dialog.role is not None and dialog.role.code == "content_editor" and not dialog.code.isEnabled()
    assert (dialog.name_en.text(), dialog.name_zh.text()) == ("Content writer", "內容撰寫")
    assert dialog.permissions() == proposed and dialog.note.toPlainText() == "Copies go to the approvers"
    banner_of(dialog, old, "Change role", reason)

    dialog.set_permission(Perm.MESSAGE_RECORD_RESEND.value, False)
    dialog.note.setPlainText("Copies go to the approvers; resends stay with the service desk")
    dialog.accept_button.click()
    new = new_order(aio, api, old, page)
    assert new.payload["permissions"] == sorted(set(live.permissions) - {Perm.HELP_ARTICLE_COPY.value})
    assert (new.payload["name_en"], new.payload["name_zh"]) == ("Content writer", "內容撰寫")
    assert new.payload["note"] == "Copies go to the approvers; resends stay with the service desk"
    assert errors == []


def test_a_refused_new_role_reopens_as_a_new_role_with_its_code(aio, admin_window, admin2, errors):
    window, api = admin_window
    old = rejected(aio, admin2, aio(IdentityClient(api).submit_role(
        "desk_lead", "Desk lead", "組長", [Perm.HELP_ARTICLE_VIEW.value])), "Call it desk_head")

    page, dialog = resubmit(aio, window, old.id, "identity.roles", RoleEditorDialog)
    assert dialog.role is None and dialog.code.isEnabled() and dialog.code.text() == "desk_lead"
    assert dialog.permissions() == [Perm.HELP_ARTICLE_VIEW.value] and dialog.accept_button.isEnabled()
    dialog.code.setText("desk_head")
    dialog.accept_button.click()
    new = new_order(aio, api, old, page)
    assert new.payload["code"] == "desk_head" and new.payload["note"] is None
    assert errors == []


def test_a_chain_change_reopens_with_its_levels_as_proposed_and_is_resubmitted(aio, admin_window, admin2, errors):
    window, api = admin_window
    proposed = ChainSpec(levels=[ChainLevel(approvers=Approvers(users=["checker"]))])
    reason = "Keep a second level"
    old = rejected(aio, admin2, aio(ApprovalChainsClient(api).submit_change(
        WINDOW_FLOW, proposed, "One checker is enough")), reason)

    page, dialog = resubmit(aio, window, old.id, "identity.approval_chains", ChainDialog)
    assert page.current_flow() == WINDOW_FLOW and dialog.chain.flow == WINDOW_FLOW
    assert [(lv.users, lv.roles) for lv in dialog.draft.levels] == [(["checker"], [])]  # as proposed
    assert dialog.note.toPlainText() == "One checker is enough" and not dialog.use_default.isChecked()
    banner_of(dialog, old, "Change approval chain", reason)

    dialog.outline.buttons["add_level"].click()
    dialog.draft.levels[1].users.append("checker2")
    dialog.pane.changed.emit()
    dialog.note.setPlainText("Two checkers, one after the other")
    assert dialog.save_button.isEnabled()
    dialog.save()
    aio(until(lambda: page.dialog is None, message="the editor closed on submission"))
    new = new_order(aio, api, old, page)
    assert [lv["approvers"]["users"] for lv in new.payload["chain"]["levels"]] == [["checker"], ["checker2"]]
    assert new.payload["flow"] == WINDOW_FLOW and new.payload["note"] == "Two checkers, one after the other"
    assert errors == []
