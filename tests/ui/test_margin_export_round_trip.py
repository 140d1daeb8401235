"""An export of each margin table uploads back unedited: the page's export written to a workbook,
read by the upload's reader against the master and the live rows, has no error (a short row keeps
the status the system set), every row is unchanged so none is sent, and the backend, given them
anyway, writes nothing."""

import pytest

from services.clients.risk import MARGIN_QUERIES, RiskClient
from services.clients.session import SessionClient
from services.contract.schemas import UploadMode
from services.work_orders.diff import Change
from tests.backend.margin_steps import live_rows
from tests.backend.work_order_steps import decide
from ui.risk.upload_controller import UploadController

SENT_BACK = 300  # rows of each table the backend is given back (one approval level)


@pytest.fixture
def backend(half_securities_backend):
    """The app in process on half the demo's securities: every table still has several hundred
    rows (the long and short ones several pages), each exported, read and previewed whole."""
    return half_securities_backend


@pytest.mark.parametrize("kind", ["long", "short", "intraday"])
def test_an_unedited_export_uploads_back_without_errors_and_changes_nothing(qapp, aio, backend, tmp_path, kind):
    from backend.risk.models import IntradayMarginRow, LongMarginRow, ShortMarginRow

    table = {"long": LongMarginRow, "short": ShortMarginRow, "intraday": IntradayMarginRow}[kind]
    api = backend.api_client()
    aio(SessionClient(api).login("maker", "maker-demo"))
    client = RiskClient(api)
    path = tmp_path / f"{kind}-export.xlsx"
    aio(client.export_margins(kind, MARGIN_QUERIES[kind](), path), timeout=120)

    upload = UploadController(client, kind)
    upload.start(path)
    result = aio(upload.read(path, lambda *_: None), timeout=120)
    assert result.errors == []
    live = aio(client.live_rows(kind), timeout=120)
    assert len(result.rows) == len(live) > SENT_BACK
    if kind == "short":
        assert any(r.status == "system_forbidden" for r in result.rows)  # carried as the system set it
    diffs, _fields = aio(upload.preview(result, UploadMode.UPSERT), timeout=120)
    assert {d.change for d in diffs} == {Change.UNCHANGED}
    assert upload.to_submit(UploadMode.UPSERT) == [] and not upload.ready()  # nothing left to send

    # Given the rows anyway, the backend writes none of them.
    sent = result.rows[:: len(result.rows) // SENT_BACK][:SENT_BACK]
    if kind == "short":
        sent += [r for r in result.rows if r.status == "system_forbidden" and r not in sent][:5]
    symbols = [r.symbol for r in sent]
    before = {s: r.version for s, r in live_rows(backend, symbols, table).items()}
    order = aio(client.upload_margins(kind, sent, UploadMode.UPSERT, f"round-trip-{kind}"))
    assert order.levels == 1
    decided = decide(backend, "checker", order.id)
    assert decided.json()["status"] == "applied", decided.text
    assert {s: r.version for s, r in live_rows(backend, symbols, table).items()} == before
    upload.close()
    aio(api.aclose())
    upload.deleteLater()
