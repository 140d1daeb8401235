"""The article drawer correcting a refused order: the order's proposal (its title, body, category,
language, link and scenes, not the live article's) in the fields, under a ResubmitBanner
(ui/common/resubmission.py) whose note goes with the resubmission. Opened by article_reopen.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtWidgets import QBoxLayout

from services.clients.resubmission import Resubmission
from services.contract.help_center import ArticleEditPayload
from services.contract.schemas import WorkOrderOut
from ui.common.resubmission import ResubmitBanner

if TYPE_CHECKING:
    from ui.help_center.article_drawer import ArticleDrawer


def proposal_of(order: WorkOrderOut) -> ArticleEditPayload | None:
    """The order's edit of an article (or new article); None for a new order of a list."""
    try:
        return ArticleEditPayload.model_validate(order.payload)
    except ValidationError:
        return None


class DrawerResubmission:
    """The drawer's state while it corrects a refused order: the banner at its top and the
    proposal its fields start from. Cleared whenever the drawer opens for anything else."""

    def __init__(self, drawer: ArticleDrawer):
        self._drawer = drawer
        self.banner: ResubmitBanner | None = None
        self.proposal: ArticleEditPayload | None = None

    def start(self, order: WorkOrderOut, proposal: ArticleEditPayload) -> None:
        self.clear()
        self.proposal = proposal
        self.banner = ResubmitBanner(order, self._drawer)
        # Under the drawer's title, above the fields: which order, why it came back, the note.
        self._layout().insertWidget(1, self.banner)

    def clear(self) -> None:
        if self.banner is not None:
            self._layout().removeWidget(self.banner)
            self.banner.hide()
            self.banner.deleteLater()
        self.banner, self.proposal = None, None

    def _layout(self) -> QBoxLayout:
        layout = self._drawer.layout()
        assert isinstance(layout, QBoxLayout)  # the side drawer's column: title, fields, buttons
        return layout

    def resubmission(self) -> Resubmission | None:
        """What Submit resubmits now (the note as typed); None when the drawer is not correcting one."""
        return self.banner.resubmission() if self.banner is not None else None

    def retranslate(self) -> None:
        if self.banner is not None:
            self.banner.retranslate()
