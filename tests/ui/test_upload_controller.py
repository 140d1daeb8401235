"""The margin upload's controller without a widget, against the real backend: a workbook read in a
child process and judged against the master, a correction written into a copy and read again, the
preview against the live rows, one work order whose retry is the same order, a refusal's rows
numbered as the workbook's, and the copies removed at the end."""

from services.api_client import ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.risk import RiskClient
from services.clients.session import SessionClient
from services.contract.schemas import UploadMode
from services.work_orders.diff import Change
from tests.backend.margin_steps import symbols
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from ui.risk.upload_controller import UploadController


def test_read_correct_preview_and_submit_once(qapp, aio, backend, tmp_path):
    changed = symbols(backend, "HK", 1, with_row=True, financeable=True)
    [new] = symbols(backend, "HK", 1, with_row=False)
    path = write_sheet(tmp_path / "upload.xlsx", [LONG_HEADER, long_row(changed[0], im=0.85, mcm=0.8, mm=0.7, fm=0.6),
                                                  long_row(new, im="45%", mcm="40%", mm="50%", fm="30%")])
    api = backend.api_client()
    aio(SessionClient(api).login("maker", "maker-demo"))
    upload = UploadController(RiskClient(api), "long")
    seen: list[tuple[int, int]] = []
    upload.source = path
    upload.start(path)
    first = aio(upload.read(path, lambda done, total: seen.append((done, total))), timeout=120)
    assert not first.ok and not upload.ready() and seen
    assert [(v.row, v.field) for v in first.errors] == [(3, "mm")]

    copy = aio(upload.corrected_copy({(3, "mm"): "35%"}))
    upload.start(copy)
    result = aio(upload.read(copy, lambda *_: None), timeout=120)
    assert result.ok and not upload.ready() and upload.path == copy != path  # not before its preview
    diffs, fields = aio(upload.preview(result, UploadMode.UPSERT))
    assert sorted(d.change for d in diffs) == sorted([Change.CHANGED, Change.NEW]) and "im" in fields
    assert upload.ready()

    order = aio(upload.submit(UploadMode.UPSERT))
    again = aio(upload.submit(UploadMode.UPSERT))  # a retry of the same proposal: the same order
    assert again.id == order.id and order.flow == upload.flow == "risk.credit.upload_stock_margin_ratio"
    assert [r["symbol"] for r in order.payload["rows"]] == [changed[0], new]

    refusal = ApiError(422, "validation_failed", "Invalid", errors=[{"row": 2, "field": "im", "code": "x",
                                                                      "reason": "No."}])
    [refused] = upload.refused_rows(refusal)
    assert (refused.row, refused.field) == (3, "im")  # the payload's second row is the workbook's third
    upload.close()
    assert not copy.parent.exists() and upload.cancel.is_set()
    aio(ApprovalsClient(api).withdraw(order.id))
    aio(api.aclose())
    upload.deleteLater()
