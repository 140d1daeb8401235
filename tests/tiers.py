"""The suite's tiers, counted and timed at the end of every run (a plugin of tests/conftest.py).

1. pure: rules, readers, lifecycles, controllers (tests/services and the like);
2. api: the backend in process on a database built by Alembic (tests/backend);
3. ui: pytest-qt against the in-process backend (tests/ui, fixture ``backend``);
4. process: what needs a real process and real ports (marked ``process``, tests/conftest.py, or
   ``e2e``: the desktop driven end to end); ``-m "not process and not e2e"`` runs the other three.

A UI test that needs a backend process (a slow line through a proxy, the embedded server) counts
as ui all the same.
"""

from collections import Counter, defaultdict
from pathlib import Path

import pytest

TIERS = ("pure", "api", "ui", "process")
_BY_FOLDER = {"backend": "api", "ui": "ui", "e2e": "process", "offline": "process"}
_TESTS = Path(__file__).resolve().parent


def tier_of(item: pytest.Item) -> str:
    try:
        folder = item.path.resolve().relative_to(_TESTS).parts[0]
    except ValueError:
        folder = ""
    if item.get_closest_marker("e2e") is not None or folder in ("e2e", "offline"):
        return "process"
    if folder == "ui":
        return "ui"
    if item.get_closest_marker("process") is not None:
        return "process"
    return _BY_FOLDER.get(folder, "pure")


_seconds: defaultdict[str, float] = defaultdict(float)
_outcomes: defaultdict[str, Counter] = defaultdict(Counter)


@pytest.hookimpl(trylast=True)  # after tests/conftest.py has marked the process tier
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Carried by every report, so the count is right under pytest-xdist too (workers collect).
    for item in items:
        item.user_properties.append(("tier", tier_of(item)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    tier = dict(report.user_properties).get("tier")
    if tier is None:
        return
    _seconds[tier] += report.duration
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _outcomes[tier][report.outcome] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _outcomes:
        return
    terminalreporter.section("tiers")
    workers = getattr(terminalreporter.config.option, "numprocesses", None)
    # Under pytest-xdist the seconds of the workers add up: more than the run's wall time.
    _summed = f" (summed over {workers} workers)" if workers else ""
    for tier in TIERS:
        if tier in _outcomes:
            counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(_outcomes[tier].items()))
            terminalreporter.write_line(f"{tier:>8}: {counts}; {_seconds[tier]:.1f} s in tests{_summed}")
