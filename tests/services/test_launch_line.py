"""The lines the backend prints for whoever started it: where it listens (the desktop, tests and
benchmarks wait for it) and, before that, each step of its preparation (the sign-in dialog shows it)."""

from services.contract.launch import (
    PREPARE_STEPS,
    PROGRESS_LINE,
    READY_LINE,
    PrepareStep,
    progress_line,
    progress_step,
    ready_url,
)


def test_only_the_ready_line_yields_a_url():
    assert ready_url(f"{READY_LINE} http://127.0.0.1:5123 \n") == "http://127.0.0.1:5123"
    assert ready_url(f"{READY_LINE}") is None
    assert ready_url(f"{READY_LINE}X http://127.0.0.1:5123") is None
    assert ready_url("INFO: Started server process") is None


def test_a_progress_line_names_a_known_step_only():
    assert progress_step(progress_line(PrepareStep.DEMO_ACCOUNTS) + "\n") is PrepareStep.DEMO_ACCOUNTS
    assert progress_step(f"{PROGRESS_LINE} a_step_of_a_newer_backend") is None  # shown as "starting"
    assert progress_step(f"{READY_LINE} http://127.0.0.1:5123") is None
    assert ready_url(progress_line(PrepareStep.SCHEMA)) is None
    assert PREPARE_STEPS[0] is PrepareStep.SCHEMA and len(PREPARE_STEPS) == len(set(PREPARE_STEPS))
