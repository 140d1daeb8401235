"""Page key (from services.contract.menu) → page factory. A menu leaf shows only if its page is here.

Each area registers its own pages (ui/<area>/registration.py), and with them what it puts into the
shared registries of ui/common (the approvals detail's change views).
"""

from ui.approval_chains import registration as approval_chains
from ui.approvals import registration as approvals
from ui.audit import registration as audit
from ui.common.page_registry import Ahead, PageFactory, PageRegistry
from ui.funds import registration as funds
from ui.help_center import registration as help_center
from ui.identity import registration as identity
from ui.margin_call import registration as margin_call
from ui.messages import registration as messages
from ui.risk import registration as risk

__all__ = ["AHEAD", "AREAS", "PAGES", "Ahead", "PageFactory", "build_registry"]

AREAS = (margin_call, approvals, risk, messages, help_center, funds, identity, audit, approval_chains)


def build_registry() -> PageRegistry:
    """Every area's pages (called once: areas also fill the shared registries of ui/common)."""
    registry = PageRegistry()
    for area in AREAS:
        area.register(registry)
    return registry


_REGISTRY = build_registry()
PAGES: dict[str, PageFactory] = _REGISTRY.pages
AHEAD: dict[str, Ahead] = _REGISTRY.ahead  # page key → what its first opening would wait for, done ahead
