"""Every Qt test here runs in the app as desktop.app sets it up (see tests/qt_fixtures.py)."""

import pytest


@pytest.fixture(autouse=True)
def _as_the_desktop_app(shell_app):
    return shell_app


@pytest.fixture
def errors() -> list[BaseException]:
    """What a page reported through ``PageContext.report_error``."""
    return []
