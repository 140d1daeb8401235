"""How a work order's change is shown, by flow: a registry that each UI area fills for its flows.

Like the backend's flow catalogue names each flow's apply handler, an area names here the view
that shows its flows' changes (the Help Center: a text diff with a preview), when its pages are
registered (ui/pages.py). The approvals detail looks a flow up and shows its before/after table
for a flow that has no view of its own; it never imports another area.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from services.api_client import ApiClient
from services.contract.schemas import WorkOrderOut


class ChangeView(QWidget):
    """A widget that shows one work order's change; made once per detail panel."""

    def show_order(self, order: WorkOrderOut) -> None:
        raise NotImplementedError


ChangeViewFactory = Callable[[Callable[[], str], QWidget | None], ChangeView]  # (UI language, parent)
Prepare = Callable[[ApiClient], Awaitable[None]]


@dataclass(frozen=True)
class ChangeViewEntry:
    factory: ChangeViewFactory
    prepare: Prepare | None = None  # what the view needs read before it shows an order (names, ...)


_VIEWS: dict[str, ChangeViewEntry] = {}


def register(flows: Iterable[str], factory: ChangeViewFactory, prepare: Prepare | None = None) -> None:
    """``factory`` shows the changes of ``flows``; registering the same again changes nothing."""
    entry = ChangeViewEntry(factory, prepare)
    for flow in flows:
        known = _VIEWS.setdefault(flow, entry)
        if known != entry:
            raise ValueError(f"flow {flow!r} already has a change view: {known.factory!r}")


def view_for(flow: str) -> ChangeViewEntry | None:
    """The view registered for ``flow``; None for the before/after table."""
    return _VIEWS.get(flow)
