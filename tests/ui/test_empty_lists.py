"""Every list says why it is empty, against the real backend: a list page with nothing in it yet,
one whose filter lets nothing through (the filter named, in the user's language), the users'
list filtered, Fund Clearing's batches out of range, a help center without categories."""

from datetime import date

from sqlalchemy import text

from desktop import i18n
from tests.qt_fixtures import until
from tests.ui.margin_page_steps import open_margin_page
from tests.ui.page_steps import open_page

LONG = "risk.credit.long_stock_margin"


def _note(aio, page, note) -> str:
    aio(until(lambda: note.isVisible(), message="the empty list's note"))
    return note.text()


def _search(aio, page, **values) -> None:
    page.filter_bar.set_values(**values)
    page.filter_bar.search()
    aio(until(lambda: not page.model.loading and page.model.total is not None, message="the filtered list"))


def test_a_list_with_nothing_yet_says_so_and_a_filtered_one_names_its_filter(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, "risk.credit.setting_records", "maker")
    assert _note(aio, page, page.empty_note) == ("No setting record yet: an approved change effective later waits "
                                                 "here until its time.")
    _search(aio, page, symbol="00700")
    assert _note(aio, page, page.empty_note) == "No setting record matches the filter (Symbol: 00700)."
    aio(page.wait_idle())
    aio(api.aclose())


def test_a_filter_that_lets_nothing_through_is_named_and_rows_hide_the_note(qtbot, aio, backend, errors):
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    assert not page.empty_note.isVisible()
    _search(aio, page, symbol="99999", market="US")
    assert _note(aio, page, page.empty_note) == "No row matches the filter (Symbol: 99999; Market: US)."
    i18n.set_language("zh_Hant")
    try:
        chinese = "沒有符合篩選條件（股票代號：99999；市場：US）的記錄。"
        aio(until(lambda: page.empty_note.text() == chinese, message="the note in Chinese"))
    finally:
        i18n.set_language("en")
    _search(aio, page, symbol=None, market=None)
    assert page.model.rowCount() > 0 and not page.empty_note.isVisible()
    aio(page.wait_idle())
    aio(api.aclose())


def test_the_users_list_names_the_filter_that_hides_everyone(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, "identity.users", "admin")
    assert not page.empty_note.isVisible()
    page.filter.setText("nobody at all")
    assert _note(aio, page, page.empty_note) == "No user matches the filter (“nobody at all”)."
    aio(page.wait_idle())
    aio(api.aclose())


def test_fund_clearing_says_no_batch_is_in_the_range_asked(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, "funds.clearing", "funds")
    page.filter_bar.set_values(date_from=date(2001, 1, 1), date_to=date(2001, 1, 31))
    page.filter_bar.search()
    aio(until(page.is_ready, message="the filtered batches"))
    assert _note(aio, page, page.empty_note) == "No batch matches the filter (From: 2001-01-01; To: 2001-01-31)."
    aio(page.wait_idle())
    aio(api.aclose())


def test_a_help_center_without_categories_says_where_they_are_made(qtbot, aio, backend, errors):
    engine = backend.engine()
    with engine.begin() as connection:  # a help center as a new installation has it
        for table in ("help_article_revisions", "help_articles", "help_categories"):
            connection.execute(text(f"DELETE FROM {table}"))
    engine.dispose()
    page, api = open_page(qtbot, aio, backend, errors, "help_center.categories", "editor")
    assert _note(aio, page, page.empty_note).startswith("No category yet")
    aio(page.wait_idle())
    aio(api.aclose())
