"""Identity's pages under their menu keys (services/contract/menu.py), the view that shows its
flows' changes in the approvals detail, and where a refused change of a user's roles or of a role
is corrected."""

from services.contract.flows import USER_AND_ROLE_FLOWS
from services.contract.identity import ROLE_UPDATE_FLOW, USER_UPDATE_FLOW
from ui.common import change_views, resubmission
from ui.common.page_registry import PageRegistry
from ui.identity import labels
from ui.identity.change_view import IdentityChangeView
from ui.identity.reopen import reopen_role, reopen_user_roles
from ui.identity.roles_page import RolesPage
from ui.identity.users_page import UsersPage

USERS_PAGE, ROLES_PAGE = "identity.users", "identity.roles"


def register(pages: PageRegistry) -> None:
    pages.add(USERS_PAGE, UsersPage)
    pages.add(ROLES_PAGE, RolesPage)
    # The approvals detail names a user's roles even before the Users or Roles page was opened.
    change_views.register(USER_AND_ROLE_FLOWS, IdentityChangeView, prepare=labels.ensure_roles)
    resubmission.register([USER_UPDATE_FLOW], USERS_PAGE, reopen_user_roles)
    resubmission.register([ROLE_UPDATE_FLOW], ROLES_PAGE, reopen_role)
