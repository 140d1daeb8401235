"""What a trader types as a symbol is read alike wherever it is typed: a workbook cell, the long
margin drawer, the offline draft grid and the API each turn it into the one stored symbol, or
each refuse it with the same code, saying what was expected."""

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.risk.models import Security
from services.excel.margin_reader import read_margin_workbook
from services.offline import drafts
from services.offline.conflicts import save_rows
from services.offline.models import RefSecurity
from services.offline.store import open_store
from tests.backend.margin_steps import UPLOAD, submit
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from tests.ui.margin_page_steps import open_margin_page, type_into

# (typed, the symbol stored; None: refused as malformed_symbol)
CASES = [
    (" 700.hk", "00700.HK"),
    ("00700.HK", "00700.HK"),
    ("0700.HK", "00700.HK"),
    ("aapl.us", "AAPL.US"),
    ("AAPL.US ", "AAPL.US"),
    ("７００.HK", "00700.HK"),  # full-width digits, as a Chinese input method types them
    ("ＡＡＰＬ。ＵＳ", "AAPL.US"),  # full-width letters and the ideographic full stop
    ("AAPL", None),  # no market suffix
    ("700", None),
    ("٧٠٠.HK", None),  # Arabic-Indic digits are digits to Python, not to a symbol
    ("000700.HK", None),  # six digits: no Hong Kong code
    ("00700 .HK", None),
    ("700.XX", None),
    ("00700.US", None),
]
RATIOS = {"im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}

Outcome = tuple[str, str]  # ("stored", symbol) or ("refused", code)


def _expected(stored: str | None) -> Outcome:
    return ("stored", stored) if stored else ("refused", "malformed_symbol")


def _symbol_refusal(errors) -> Outcome:
    """The refusal of the symbol, when it is the only thing refused."""
    assert {(e.field if hasattr(e, "field") else e["field"]) for e in errors} == {"symbol"}, errors
    first = errors[0]
    return "refused", first.code if hasattr(first, "code") else first["code"]


def _reader(tmp_path, typed: str, master: dict[str, str]) -> Outcome:
    path = write_sheet(tmp_path / f"{uuid.uuid4()}.xlsx", [LONG_HEADER, long_row(typed, **{
        k: float(v) for k, v in RATIOS.items()})])
    result = read_margin_workbook(path, "long", known=master)
    return ("stored", result.rows[0].symbol) if result.ok else _symbol_refusal(result.errors)


def _drawer(page, typed: str) -> Outcome:
    page.drawer.open_create()
    for field, value in {"symbol": typed, **RATIOS}.items():
        type_into(page, field, value)
    result = page.drawer.form.result()
    if result.row is not None:
        return "stored", result.row.symbol
    return _symbol_refusal([v for found in result.errors.values() for v in found])


def _draft(store, typed: str) -> Outcome:
    batch_id = drafts.new_batch(store, "maker", "long", "upload")
    save_rows(store, batch_id, "long", [({"symbol": typed, **RATIOS, "financeable": "TRUE"}, None)])
    judgement = drafts.judge(store, batch_id)
    return ("stored", judgement.rows[0].symbol) if not judgement.errors else _symbol_refusal(judgement.errors)


def _api(api, typed: str, stored: str | None) -> Outcome:
    market = (stored or "00700.HK").rpartition(".")[2].lower()  # a market is read as typed too: "hk" is HK
    answer = submit(api, UPLOAD, {"mode": "upsert", "rows": [{"symbol": typed, "market": market, **RATIOS,
                                                               "financeable": True}]})
    if answer.status_code == 422:
        return _symbol_refusal(answer.json()["errors"])
    assert answer.status_code == 201, answer.text
    order = answer.json()
    with api.client("maker") as maker:  # free the symbol for the next case
        assert maker.post(f"/work-orders/{order['id']}/withdraw").status_code == 200
    return "stored", order["payload"]["rows"][0]["symbol"]


@pytest.fixture
def master(api) -> dict[str, str]:
    engine = api.engine()
    with Session(engine) as session:
        known = dict(session.execute(select(Security.symbol, Security.market)).all())
    engine.dispose()
    return known


@pytest.fixture
def draft_store(tmp_path, master):
    """The workstation's database with the securities master cached, as a sync leaves it."""
    store = open_store(tmp_path / "workstation.db")
    with store.session() as session, session.begin():
        session.add_all([RefSecurity(symbol=s, market=m, name=s) for s, m in master.items()])
    yield store
    store.close()


def test_every_door_reads_a_typed_symbol_alike(qtbot, aio, api, errors, tmp_path, master, draft_store):
    page, client = open_margin_page(qtbot, aio, api, errors, "risk.credit.long_stock_margin")
    seen = {}
    for typed, stored in CASES:
        seen[typed] = {"workbook": _reader(tmp_path, typed, master), "drawer": _drawer(page, typed),
                       "draft grid": _draft(draft_store, typed), "API": _api(api, typed, stored)}
    expected = {typed: dict.fromkeys(("workbook", "drawer", "draft grid", "API"), _expected(stored))
                for typed, stored in CASES}
    assert seen == expected
    page.drawer.force_close()
    aio(page.wait_idle())
    aio(client.aclose())
    assert errors == []
