"""The audit log's controller without a widget, against the real backend: the list's pages read
through it (and whether the search's count passed its cap), the event in the detail with its
changes field by field (the latest choice wins, a failure said where it was asked), and the chain's
check, intact and then broken at the event a test tampered with.

The list is a PagedTableModel (a Qt model, no view), its pages read by the controller.
"""

import pytest

from backend.audit import listing
from desktop.error_messages import message_for
from services.clients.session import SessionClient
from services.contract.audit import AuditEventOut, ChainProblem
from services.work_orders.diff import Change
from tests.backend.audit_steps import record, tamper
from tests.qt_fixtures import next_emission
from ui.audit.audit_log_controller import AuditLogController
from ui.common.page_context import PageContext
from ui.common.paged_table_model import PagedTableModel


class Emitted:
    """What each of the controller's signals carried, in order."""

    def __init__(self, controller: AuditLogController):
        self.loading: list[int] = []
        self.shown: list[int] = []
        self.failed: list[tuple[int, str]] = []
        self.checks: list[object] = []
        self.check_failures: list[str] = []
        controller.detailLoading.connect(self.loading.append)
        controller.detailShown.connect(lambda event: self.shown.append(event.id))
        controller.detailFailed.connect(lambda event_id, why: self.failed.append((event_id, why)))
        controller.checkFinished.connect(self.checks.append)
        controller.checkFailed.connect(self.check_failures.append)


@pytest.fixture
def trail(backend) -> dict[str, int]:
    """Events of the test's own: name → id."""
    ids = record(
        backend.app.state.database,
        {"actor": "maker", "action": "work_order.submit", "entity_type": "work_order", "entity_id": "77",
         "after": {"status": "pending"}},
        {"actor": "checker", "action": "work_order.approve", "entity_type": "work_order", "entity_id": "77",
         "before": {"status": "pending"}, "after": {"status": "approved", "comment": "ok"}},
        {"actor": "checker", "action": "margin_setting.apply", "entity_type": "stock_margin", "entity_id": "5",
         "before": {"symbol": "00700.HK", "values": {"im": "0.5000", "mm": "0.3000"}},
         "after": {"symbol": "00700.HK", "values": {"im": "0.6000", "mm": "0.3000"}}},
    )
    return dict(zip(("submit", "approve", "apply"), ids, strict=True))


@pytest.fixture
def controller(aio, backend, errors):
    """A controller signed in as the administrator, its list model attached (the unfiltered list
    read); afterwards nothing is left in flight."""
    api = backend.api_client()
    session = SessionClient(api)
    aio(session.login("admin", "admin-demo"))
    ctx = PageContext(api, aio(session.me()), errors.append, ui_language=lambda: "en", error_text=message_for)
    made = AuditLogController(ctx)
    made.model = PagedTableModel(api, None, AuditEventOut, (), "AuditLog", page_size=2, parent=made,
                                 report_error=errors.append, fetch=made.fetch_page)
    yield made
    aio(made.wait_idle())
    aio(made.model.wait_idle())
    aio(api.aclose())
    made.deleteLater()


async def search(controller: AuditLogController, **params: str) -> None:
    loaded = next_emission(controller.model.loadingChanged, lambda loading: not loading)
    controller.model.reload(params)
    await loaded


def test_pages_come_newest_first_and_a_search_narrows_them(aio, controller, trail, errors):
    aio(search(controller, entity_id="77"))
    model = controller.model
    assert [e.id for e in model.rows()] == [trail["approve"], trail["submit"]]
    assert (model.total, controller.capped) == (2, False)
    aio(search(controller, action="work_order.", actor="checker"))
    assert [e.id for e in model.rows()] == [trail["approve"]]
    aio(search(controller))
    aio(model.fetch_all())
    assert [e.id for e in model.rows()][:3] == [trail["apply"], trail["approve"], trail["submit"]]
    assert errors == []


def test_a_search_past_the_count_cap_is_said_to_be_capped(aio, controller, trail, monkeypatch):
    monkeypatch.setattr(listing, "AUDIT_TOTAL_CAP", 2)  # the backend runs in this process
    aio(search(controller))
    assert controller.capped and controller.model.total == 2 and controller.model.has_more()
    aio(search(controller, entity_id="77"))
    assert not controller.capped


def test_the_latest_event_chosen_is_shown_with_its_changes(aio, controller, trail, errors):
    emitted = Emitted(controller)
    shown = next_emission(controller.detailShown)
    controller.open_event(trail["approve"])
    controller.open_event(trail["apply"])  # chosen before the first came: the first never shows
    aio(shown)
    aio(controller.wait_idle())
    assert emitted.loading == [trail["approve"], trail["apply"]] and emitted.shown == [trail["apply"]]
    assert controller.shown.actor_username == "checker"
    assert [(c.path, c.before, c.after, c.change) for c in controller.changes()] == [
        (("symbol",), "00700.HK", "00700.HK", Change.UNCHANGED),
        (("values", "im"), "0.5000", "0.6000", Change.CHANGED),
        (("values", "mm"), "0.3000", "0.3000", Change.UNCHANGED),
    ]
    assert controller.open_event(trail["apply"]) is None  # already shown: nothing asked
    aio(controller.open_event(trail["apply"], force=True))  # asked again, as it is now
    assert emitted.shown == [trail["apply"]] * 2 and errors == []


def test_an_event_that_cannot_be_read_is_said_in_the_detail(aio, controller, trail, errors):
    emitted = Emitted(controller)
    aio(controller.open_event(trail["apply"] + 1000))
    assert emitted.failed == [(trail["apply"] + 1000, emitted.failed[0][1])] and emitted.failed[0][1]
    assert controller.shown is None and controller.changes() == []
    assert errors == []  # said where it was asked, not once more by the shell


def test_the_check_is_intact_then_names_the_event_tampered_with(aio, backend, controller, trail, errors):
    emitted = Emitted(controller)
    aio(controller.verify_chain())
    intact = controller.check
    assert intact.intact and intact.events >= 3 and not controller.checking
    assert controller.breaks_chain(trail["approve"]) is None
    tamper(backend.database_url, f"""UPDATE audit_events SET after = '{{"status": "rejected"}}'
                                     WHERE id = {trail['approve']}""")
    started = controller.verify_chain()
    assert controller.verify_chain() is None and controller.check is None  # one check at a time
    aio(started)
    broken = controller.check
    assert (broken.intact, broken.broken_event_id, broken.problem) == (False, trail["approve"],
                                                                       ChainProblem.EVENT_CHANGED)
    assert controller.breaks_chain(trail["approve"]) is broken and controller.breaks_chain(trail["apply"]) is None
    assert emitted.checks == [intact, broken] and emitted.check_failures == [] and errors == []
