"""The error box names the failed request as the backend logged it, so support can find it."""

import logging

import pytest

from desktop.error_box import ErrorBox, support_details
from desktop.error_messages import message_for
from services.api_client import ApiClient, ApiError


@pytest.fixture
def api(backend, aio):
    client = backend.api_client()
    client.set_token(backend.token("checker"))
    yield client
    aio(client.aclose())


def test_the_error_details_show_the_request_id_the_backend_logged(qtbot, aio, api, caplog):
    caplog.set_level(logging.INFO, logger="backend.access")
    with pytest.raises(ApiError) as info:
        aio(api.request("GET", "/work-orders/2000000000"))
    failure = info.value
    assert failure.code == "not_found" and failure.request_id
    logged = [r for r in caplog.records if r.name == "backend.access" and r.request_id == failure.request_id]
    assert [(r.path, r.status) for r in logged] == [("/work-orders/2000000000", 404)]

    box = ErrorBox(None)
    qtbot.addWidget(box)
    box.show_error(message_for(failure), failure)
    assert box.isVisible()
    assert box.text() == "The requested item was not found. It may have been removed."
    assert f"Request ID: {failure.request_id}" in box.detailedText()
    assert "not_found (HTTP 404)" in box.detailedText()


def test_each_request_sends_an_id_of_its_own_which_the_backend_keeps(aio, api):
    ids = set()
    for _ in range(3):
        with pytest.raises(ApiError) as info:
            aio(api.request("GET", "/work-orders/2000000000"))
        ids.add(info.value.request_id)
    assert len(ids) == 3
    with pytest.raises(ApiError) as info:  # an id the caller chose comes back as it went
        aio(api.request("GET", "/work-orders/2000000000", headers={"X-Request-ID": "desk-7"}))
    assert info.value.request_id == "desk-7"


def test_a_failure_without_a_request_shows_no_details(aio):
    assert support_details(RuntimeError("a bug")) == ""
    unreachable = ApiClient("http://127.0.0.1:9")  # discard port: nothing listens
    try:
        with pytest.raises(ApiError) as info:
            aio(unreachable.request("GET", "/health"))
    finally:
        aio(unreachable.aclose())
    assert info.value.code == "network" and info.value.request_id  # the id it went out with
