"""What a flow is: its handler (rules, targets, snapshot, apply). Who approves it, and in how many
levels, is its approval chain (backend/approval_chains), data rather than code.

Areas define their flows with these; backend/work_orders/catalogue.py collects them. Kept apart
from the catalogue so an area's module never imports the table that imports it.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel
from sqlalchemy.orm import Session

from services.contract.flows import FLOWS_BY_ID
from services.contract.summaries import Summary
from services.rules.violations import Violation


class PayloadReader(Protocol):
    """Reads an order's payload: a pydantic model class, or a class choosing among several."""

    def model_validate(self, obj: Any, /) -> BaseModel: ...


class FlowHandler(Protocol):
    @property
    def payload_model(self) -> PayloadReader: ...  # read-only, so a handler may name its own model

    @property
    def diff_key(self) -> str: ...  # the row field the before/after table matches on

    def check(self, session: Session, payload: Any) -> list[Violation]:
        """The shared rules of services/rules, and the live data they need (which symbols exist,
        which rows an update names); any violation refuses the submission."""

    def targets(self, session: Session, payload: Any) -> dict[str, int | None]:
        """Target key → its current version (None: it does not exist yet)."""

    def snapshot(self, session: Session, payload: Any) -> dict:
        """The live rows the order replaces, for the before/after diff."""

    def proposed(self, payload: Any, snapshot: dict) -> dict:
        """{"rows": the rows after the change, "deleted": keys it removes}: the diff's "after"."""

    def summary(self, payload: Any) -> Summary:
        """One line for lists: what the order changes (services/contract/summaries.py)."""

    def apply(self, session: Session, payload: Any, actor_id: int, order_id: int) -> dict:
        """Writes the change (bumping versions) and returns what it wrote, for the audit."""

    # A handler whose rules also warn adds ``warnings(payload) -> list[Violation]``: what the maker
    # and the checker see on the order (WorkOrderOut.warnings) without it refusing anything.
    # A handler of a flow that grants rights adds ``check_maker(session, payload, maker_id)`` and
    # ``check_decider(session, payload, decider_id) -> list[Violation]``: any violation refuses the
    # submission, or the decision, with 403 self_grant (nobody grants themselves anything).


@dataclass(frozen=True)
class FlowDef:
    id: str
    handler: FlowHandler

    @property
    def name_en(self) -> str:
        """The flow's English name (services/contract/flows.py); only the desktop translates it."""
        return FLOWS_BY_ID[self.id].name_en

    @property
    def submit_permission(self) -> str:
        return self.id
