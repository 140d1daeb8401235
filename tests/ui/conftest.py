"""Every Qt test here runs in the app as desktop.app sets it up (see tests/qt_fixtures.py), and
fails if what it built left Python holding a layout item that Qt made (ui/common/layout_items.py)."""

import pytest

from ui.common.layout_items import refuse_held_layout_items


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    refuse_held_layout_items()  # while the test's widgets are still alive
    return result


@pytest.fixture(autouse=True)
def _as_the_desktop_app(shell_app):
    return shell_app


@pytest.fixture
def errors() -> list[BaseException]:
    """What a page reported through ``PageContext.report_error``."""
    return []


@pytest.fixture
def styled(qapp):
    """The app's own look (desktop/style.py: fonts, style sheet), which decides what fits where;
    the suite's plain one again afterwards."""
    from desktop.style import apply_style

    style, sheet, font = qapp.style().name(), qapp.styleSheet(), qapp.font()
    apply_style(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setFont(font)
