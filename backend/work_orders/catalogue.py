"""The flow catalogue: flow id → the handler that reads and applies its orders.

One table in code. Names come from services/contract, the submit permission is the flow id; who
decides is the flow's approval chain (backend/approval_chains). Areas register their handlers
here, nothing else changes.
"""

from backend.approval_chains.flows import APPROVAL_CHAIN_FLOW_DEF
from backend.help_center.flows import HELP_CENTER_FLOW_DEFS
from backend.identity.flows import IDENTITY_FLOW_DEFS
from backend.risk.day_trade_window_flow import DAY_TRADE_WINDOW_FLOW
from backend.risk.margin_flows import MARGIN_FLOWS
from backend.work_orders.flow_def import FlowDef
from services.contract.flows import ALL_FLOWS

CATALOGUE: dict[str, FlowDef] = {}


def register(flow: FlowDef) -> None:
    if flow.id not in ALL_FLOWS:
        raise ValueError(f"{flow.id} is not a flow of services/contract/flows.py")
    CATALOGUE[flow.id] = flow


for _flow in (DAY_TRADE_WINDOW_FLOW, *MARGIN_FLOWS, *HELP_CENTER_FLOW_DEFS, APPROVAL_CHAIN_FLOW_DEF,
              *IDENTITY_FLOW_DEFS):
    register(_flow)
