"""審批流程配置's page under its menu key (services/contract/menu.py), the view that shows a
chain change in the approvals detail, and where a refused chain change is corrected."""

from services.contract.identity import APPROVAL_CHAIN_FLOW
from ui.approval_chains.chain_change_view import ChainChangeView
from ui.approval_chains.chains_page import ChainsPage
from ui.approval_chains.directory import ensure_directory
from ui.approval_chains.reopen import reopen_chain
from ui.common import change_views, resubmission
from ui.common.page_registry import PageRegistry

CHAINS_PAGE = "identity.approval_chains"


def register(pages: PageRegistry) -> None:
    pages.add(CHAINS_PAGE, ChainsPage)
    # The approvals detail names the people and roles of a chain before the page was opened.
    change_views.register([APPROVAL_CHAIN_FLOW], ChainChangeView, prepare=ensure_directory)
    resubmission.register([APPROVAL_CHAIN_FLOW], CHAINS_PAGE, reopen_chain)
