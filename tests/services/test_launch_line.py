"""The ready line the backend prints and the desktop, tests and benchmarks wait for."""

from services.contract.launch import READY_LINE, ready_url


def test_only_the_ready_line_yields_a_url():
    assert ready_url(f"{READY_LINE} http://127.0.0.1:5123 \n") == "http://127.0.0.1:5123"
    assert ready_url(f"{READY_LINE}") is None
    assert ready_url(f"{READY_LINE}X http://127.0.0.1:5123") is None
    assert ready_url("INFO: Started server process") is None
