"""My Requests' Resubmit… of an article edit (ui/common/resubmission.py ``Reopen``): the Articles
page's drawer opens prefilled with the order's proposal (article_resubmit.py).

A new order of a list (a reorder) has nothing to correct: False, and My Requests resubmits it with
a note; so do the delete, hide and show orders, which register no editor. An existing article is
read by the drawer first: one deleted since is said there ("not found"), as is one awaiting
another change, where the correction would have been made.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from services.contract.schemas import WorkOrderOut
from ui.help_center.article_resubmit import proposal_of
from ui.help_center.articles_page import ArticlesPage

translate = QCoreApplication.translate  # the name lupdate recognises


def reopen(page: QWidget, order: WorkOrderOut) -> bool:
    if not isinstance(page, ArticlesPage):
        return False
    proposal = proposal_of(order)
    if proposal is None or "update" not in page.controller.flows:
        return False
    drawer = page.drawer
    if drawer.isVisible() and drawer.editor.is_dirty(drawer.form.values()):
        # Never over an article being written: the maker submits or cancels it first.
        drawer.message.setText(translate("ArticleDrawer", "Submit or cancel this article first, then resubmit "
                                                          "work order #{id} from My Requests.").format(id=order.id))
        return True
    if page.controller.model.arranged:  # a new order of the list on screen, which a submission would drop
        page.controller.actions.show_outcome(translate(
            "ArticlesPage", "Submit or undo the new order of the list first, then resubmit work order #{id} "
                            "from My Requests.").format(id=order.id), failed=True)
        return True
    drawer.open_resubmit(order, proposal)
    return True
