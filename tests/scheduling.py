"""The order in which pytest-xdist's workers take the modules: the longest first.

With ``--dist loadscope`` a module (or a class) runs whole on one worker, and each worker takes the
next module when it is nearly done. Taken in pytest-xdist's own order (the most tests first), a
long module with few tests came last and ended the run alone: the screenshot command's (three
tests, most of a minute) while the other workers waited. So the workers take the modules in the
order collected (as ``--no-loadscope-reorder`` would have them), and this plugin collects them
longest first: the greedy order that leaves the shortest modules for the end.

A module's length is its MODULE_SECONDS if listed (measured with ``--durations=0`` on CI's
machine, each of its tests' lines summed; rough is enough, only the order matters), otherwise
SECONDS_PER_TEST for each of its tests. Only pytest-xdist's workers reorder: one process runs the
tests in pytest's own order.

A module whose tests run on both databases is two scopes, its SQLite tests and its PostgreSQL
tests (``scope_of``, this plugin's scheduler): the two halves run on two workers at once, and a long
module (the API fuzz, the kill tests) no longer holds one worker for the length of both. Its
module fixtures parametrized by database are made once either way; one that is not is made by
each of the two workers.
"""

import os
import re
from collections import Counter, defaultdict

import pytest

# Modules that take far longer than their count of tests says.
MODULE_SECONDS = {
    "tests/ui/test_screenshots.py": 150,
    "tests/backend/test_api_fuzz.py": 120,
    "tests/ui/test_sign_in_start.py": 60,
    "tests/services/test_hostile_files.py": 45,
    "tests/backend/test_faults.py": 45,
    "tests/backend/test_balanced_instances.py": 30,
    "tests/backend/test_authorization_matrix.py": 25,
    "tests/offline/test_crashes.py": 20,
    "tests/backend/test_message_search.py": 20,
    "tests/backend/test_concurrency.py": 20,
    "tests/services/test_sync_engine.py": 20,
    "tests/backend/test_audit_chain.py": 20,
    "tests/e2e/test_self_check.py": 20,
    "tests/ui/test_draft_batches.py": 16,
    "tests/e2e/test_auto_convert_e2e.py": 16,
    "tests/backend/test_background_work_once.py": 15,
    "tests/backend/test_cli.py": 12,
    "tests/ui/test_message_records_page.py": 14,
    "tests/backend/test_event_stream_processes.py": 10,
    "tests/ui/test_live_restart.py": 10,
    "tests/ui/test_margin_upload.py": 10,
    "tests/ui/test_embedded_backend.py": 8,
    "tests/ui/test_margin_export_round_trip.py": 7,
}
SECONDS_PER_TEST = 0.3


_DATABASES = frozenset({"sqlite", "postgresql"})
_PARAMETERS = re.compile(r"\[([^\]]*)\]")


def database_of(nodeid: str) -> str | None:
    """The database a test runs on, when it is one of its parameters ("sqlite" or "postgresql")."""
    for brackets in _PARAMETERS.findall(nodeid.rsplit("::", 1)[-1]):
        for parameter in brackets.split("-"):
            if parameter in _DATABASES:
                return parameter
    return None


def scope_of(nodeid: str) -> str:
    """What runs on one worker: the module (or the class of a method), and its database if any."""
    scope = nodeid.rsplit("::", 1)[0]
    database = database_of(nodeid)
    return f"{scope}[{database}]" if database else scope


def _module(scope: str) -> str:
    return scope.split("::", 1)[0].split("[", 1)[0]


def _seconds(scope: str, tests: int, module_tests: int) -> float:
    """A listed module's seconds shared among its scopes by their count of tests."""
    listed = MODULE_SECONDS.get(_module(scope))
    return SECONDS_PER_TEST * tests if listed is None else listed * tests / module_tests


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "loadscopereorder"):  # pytest-xdist's run's controller and workers
        config.option.loadscopereorder = False


@pytest.hookimpl(trylast=True)  # after pytest has grouped the tests by their fixtures' parameters
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    scopes: defaultdict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:  # each scope's tests keep their order
        scopes[scope_of(item.nodeid)].append(item)
    per_module: Counter[str] = Counter()
    for scope, scoped in scopes.items():
        per_module[_module(scope)] += len(scoped)
    ordered = sorted(scopes.items(),  # stable
                     key=lambda scope: -_seconds(scope[0], len(scope[1]), per_module[_module(scope[0])]))
    items[:] = [item for _scope, scoped in ordered for item in scoped]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadscope`` with this module's scopes: a module on both databases is two."""
    from xdist.scheduler import LoadScopeScheduling

    if config.getvalue("dist") != "loadscope":
        return None

    class ByModuleAndDatabase(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return ByModuleAndDatabase(config, log)
