"""Names on the approval flow settings: flows (the ``flows`` context the approvals pages use) and
their business areas in the menu's words and order (services/contract/menu.py), and where a flow's
approvers come from."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.flows import TRANSLATION_CONTEXT, flow
from services.contract.identity import APPROVAL_CHAIN_FLOW, ApprovalChainOut
from services.contract.menu import MENU

translate = QCoreApplication.translate  # the name lupdate recognises


OWN, DEFAULT, ADMINISTRATORS = "own", "default", "administrators"
SOURCES = {
    OWN: QT_TRANSLATE_NOOP("ApprovalChains", "Own chain"),
    DEFAULT: QT_TRANSLATE_NOOP("ApprovalChains", "Default chain"),
    ADMINISTRATORS: QT_TRANSLATE_NOOP("ApprovalChains", "Super administrator"),
}
DEFAULT_CHAIN_NAME = QT_TRANSLATE_NOOP("ApprovalChains", "Default approval flow")


def area_root(area: str | None) -> str:
    """The English menu root a flow's area sits under: "risk.credit" → "Risk", as the menu's page
    keys start with the area's first part; an area the menu does not show names itself."""
    first = (area or "").split(".", 1)[0]
    for leaf in MENU:
        if leaf.page.split(".", 1)[0] == first:
            return leaf.path[0]
    return area or ""


def root_order() -> list[str]:
    """The menu's roots in its order."""
    return list(dict.fromkeys(leaf.path[0] for leaf in MENU))


def area_name(root: str) -> str:
    return translate("menu", root)


def flow_name(chain: ApprovalChainOut) -> str:
    if chain.flow is None:
        return translate("ApprovalChains", DEFAULT_CHAIN_NAME)
    known = flow(chain.flow)
    return translate(TRANSLATION_CONTEXT, known.name_en) if known else chain.flow


def source_text(source: str) -> str:
    return translate("ApprovalChains", SOURCES[source])

# Changing a chain is submitting its flow's work order: the flow id is the permission.
CHANGE_PERMISSION = APPROVAL_CHAIN_FLOW
