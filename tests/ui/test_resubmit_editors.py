"""Every flow is either corrected in an editor of the page its change is made on, or is a change
with nothing to correct (a delete, hiding or showing an article), resubmitted with a note only.
A new flow must choose: this test names both sets, computed from the registry the areas fill."""

from services.contract.flows import FLOWS, MarginAction
from services.contract.menu import MENU
from ui.common import resubmission
from ui.pages import PAGES

NOTHING_TO_CORRECT = {f.id for f in FLOWS if f.margin_action in (MarginAction.DELETE, MarginAction.BATCH_DELETE)} | {
    "help_center.article.delete", "help_center.article.hide", "help_center.article.show"}


def test_every_flow_with_something_to_correct_has_an_editor_on_a_page_of_the_menu():
    assert PAGES  # the areas registered their pages, and with them their editors
    menu_pages = {leaf.page for leaf in MENU}
    editors = {f.id: resubmission.editor_for(f.id) for f in FLOWS}
    assert {flow for flow, editor in editors.items() if editor is None} == NOTHING_TO_CORRECT
    for flow, editor in editors.items():
        if editor is not None:
            assert editor.page_key in menu_pages and editor.page_key in PAGES, flow
