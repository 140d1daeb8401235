"""Identity's pages under their menu keys (services/contract/menu.py), and the view that shows its
flows' changes in the approvals detail."""

from services.contract.flows import USER_AND_ROLE_FLOWS
from ui.common import change_views
from ui.common.page_registry import PageRegistry
from ui.identity import labels
from ui.identity.change_view import IdentityChangeView
from ui.identity.roles_page import RolesPage
from ui.identity.users_page import UsersPage


def register(pages: PageRegistry) -> None:
    pages.add("identity.users", UsersPage)
    pages.add("identity.roles", RolesPage)
    # The approvals detail names a user's roles even before the Users or Roles page was opened.
    change_views.register(USER_AND_ROLE_FLOWS, IdentityChangeView, prepare=labels.ensure_roles)
