"""Each role starts on the first page it can act on (services/contract/menu.py ``landing_page``),
computed from the seeded roles' permissions, not from the menu's order alone."""

import pytest

from backend.auth.roles import DEMO_USERS, ROLES
from services.contract.menu import MENU, landing_page, visible_leaves

BUILT = {leaf.page for leaf in MENU}
PERMISSIONS = {role.code: set(role.permissions) for role in ROLES}


@pytest.mark.parametrize(("username", "page"), [
    ("maker", "risk.credit.long_stock_margin"),  # submits margin changes; the margin-call queries only read
    ("checker", "approvals.inbox"),  # decides; the risk tables only read
    ("publisher", "approvals.inbox"),
    ("service", "messages.records"),  # resends; the auto-convert query only reads
    ("editor", "help_center.articles"),
    ("funds", "funds.clearing"),
    ("admin", "risk.credit.long_stock_margin"),  # may act everywhere: the first page
])
def test_each_demo_user_starts_where_they_can_act(username, page):
    [user] = [u for u in DEMO_USERS if u.username == username]
    permissions = set().union(*(PERMISSIONS[role] for role in user.roles))
    assert landing_page(permissions, BUILT) == page
    assert page in [leaf.page for leaf in visible_leaves(permissions, BUILT)]


def test_a_reader_starts_on_the_first_page_they_see_and_nobody_without_pages_has_one():
    assert landing_page({"margin_call.auto_convert_query", "message.record.view"}, BUILT) == \
        "margin_call.auto_convert_query"
    assert landing_page(set(), BUILT) is None
    assert landing_page(PERMISSIONS["risk_checker"], BUILT - {"approvals.inbox"}) == "margin_call.borrowing_accounts"
