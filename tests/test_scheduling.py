"""The suite's scopes for pytest-xdist (tests/scheduling.py): a module on both databases is two."""

from tests.scheduling import database_of, scope_of


def test_a_module_on_both_databases_is_a_scope_per_database():
    assert scope_of("tests/backend/test_api_fuzz.py::test_api_fuzz[GET /health][sqlite]") == (
        "tests/backend/test_api_fuzz.py[sqlite]")
    assert scope_of("tests/backend/test_x.py::test_y[postgresql-work_order_lifecycle]") == (
        "tests/backend/test_x.py[postgresql]")
    assert scope_of("tests/backend/test_x.py::Checks::test_y[maker-sqlite]") == "tests/backend/test_x.py::Checks[sqlite]"


def test_other_parameters_leave_the_module_whole():
    assert scope_of("tests/ui/test_x.py::test_y[zh_Hant-1366x768]") == "tests/ui/test_x.py"
    assert scope_of("tests/ui/test_x.py::test_y") == "tests/ui/test_x.py"
    # A parameter that only contains a database's name is not one.
    assert database_of("tests/backend/test_x.py::test_y[sqlite_file_damaged]") is None
    assert database_of("tests/backend/test_x.py::test_y[GET /postgresql]") is None
