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
"""

import os
from collections import defaultdict

import pytest

# Modules that take far longer than their count of tests says.
MODULE_SECONDS = {
    "tests/backend/test_api_fuzz.py": 120,
    "tests/backend/test_faults.py": 85,
    "tests/offline/test_crashes.py": 60,
    "tests/ui/test_screenshots.py": 60,
    "tests/services/test_hostile_files.py": 45,
    "tests/backend/test_authorization_matrix.py": 35,
    "tests/backend/test_message_search.py": 30,
    "tests/backend/test_concurrency.py": 30,
    "tests/services/test_sync_engine.py": 28,
    "tests/backend/test_audit_chain.py": 25,
    "tests/ui/test_draft_batches.py": 22,
    "tests/e2e/test_auto_convert_e2e.py": 16,
    "tests/ui/test_margin_export_round_trip.py": 14,
    "tests/ui/test_message_records_page.py": 14,
    "tests/backend/test_cli.py": 12,
    "tests/backend/test_event_stream_processes.py": 10,
    "tests/ui/test_live_restart.py": 10,
    "tests/ui/test_margin_upload.py": 10,
    "tests/ui/test_embedded_backend.py": 10,
}
SECONDS_PER_TEST = 0.3


def scope_of(nodeid: str) -> str:
    """What pytest-xdist's loadscope runs on one worker: the module, or the class of a method."""
    return nodeid.rsplit("::", 1)[0]


def _seconds(scope: str, tests: int) -> float:
    return MODULE_SECONDS.get(scope.split("::", 1)[0], SECONDS_PER_TEST * tests)


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
    ordered = sorted(scopes.items(), key=lambda scope: -_seconds(scope[0], len(scope[1])))  # stable
    items[:] = [item for _scope, scoped in ordered for item in scoped]
