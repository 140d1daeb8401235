"""Opening a registered page as the shell would, for the page tests."""

from services.clients.session import SessionClient
from tests.qt_fixtures import until
from ui.common.page_context import PageContext
from ui.pages import PAGES


def open_page(qtbot, aio, backend, errors: list, page_key: str, username: str = "admin",
              language: str = "en", factory=None):
    """Signs in ``username`` on ``backend`` (the ``backend`` or ``backend`` fixture) and shows the page (``factory`` or the registered one of
    ``page_key``), errors collected in ``errors``.

    Qt events are processed only inside ``aio`` (never qtbot.wait*), so the page's coroutines
    always run on the running qasync loop, as they do in the app. A test that closes the client
    awaits the page's ``wait_idle`` first: what its last step started (a reload after a
    submission) still uses the client.
    """
    api = backend.api_client()
    api.set_token(backend.token(username))  # a demo user's token, without paying for a sign-in
    ctx = PageContext(api, aio(SessionClient(api).me()), errors.append, ui_language=lambda: language)
    page = (factory or PAGES[page_key])(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    # Until its first page is in (or failed): the loop must not stop while the page's first
    # request is still to be stepped, or that step runs outside it (qasync) and fails.
    ready = getattr(page, "is_ready", lambda: True)
    aio(until(lambda: page.isVisible() and ready(), message="the page's first rows"))
    return page, api
