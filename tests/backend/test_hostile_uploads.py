"""Hostile confirmation files posted to the backend (SQLite and PostgreSQL): each is answered
with a 4xx problem+json that has a code, a message and the errors, the batch and its audit trail
stay as they were, no external entity is fetched, and the backend stays healthy.

The files are those of tests/fixtures/hostile_workbooks.py; the readers' own answers to every
one of them are in tests/services/test_hostile_files.py (margin workbooks are read on the
desktop and are tested there).
"""

import pytest

from tests.backend.test_fund_clearing import XLSX, Batch
from tests.fixtures import hostile_workbooks as hostile
from tests.fixtures.hostile_workbooks import FUND

PROBLEM_JSON = "application/problem+json"
# A representative subset: zip bombs, external entities, formulas, macros, not a workbook at all,
# huge sheets, wrong types, and what a CSV can do. A file over the 5 MB upload limit is refused
# by its size alone (413): bomb_styles, 9 MB.
SUBSET = ["bomb_sheet", "bomb_sheet_lying", "bomb_sheet_under_cap", "bomb_styles", "shared_string_amplified",
          "xxe_file", "xxe_http", "billion_laughs_sheet", "formulas", "macro_xlsm", "excel4_macro_sheet", "not_a_zip",
          "empty_file", "truncated_zip", "huge_rows", "far_apart_cells", "far_down_row", "fund_wrong_types_xlsx",
          "fund_wrong_types_csv", "csv_nul_byte_late", "csv_enormous_line", "csv_formulas", "csv_big5"]
ENTRIES = {entry.name: entry for entry in hostile.corpus()}


@pytest.fixture(scope="module")
def files(tmp_path_factory, canary):
    folder = tmp_path_factory.mktemp("hostile-uploads")
    return {entry.name: entry.write(folder, FUND) for entry in hostile.corpus(canary.url) if entry.name in SUBSET}


@pytest.mark.parametrize("name", SUBSET)
def test_a_hostile_confirmation_is_refused_and_changes_nothing(api, files, canary, name):
    batch = Batch(api)
    assert batch.upload(hostile.confirmations.xlsx_bytes(batch.rows())).status_code == 201
    before, audit_before = batch.detail(), len(batch.audit())
    path = files[name]
    with api.client("funds") as client:
        response = client.post(f"{batch.path}/confirmation", params={"file_name": path.name},
                               content=path.read_bytes(),
                               headers={"Content-Type": "text/csv" if path.suffix == ".csv" else XLSX})
        health = client.get("/health")
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body = response.json()
    assert body["code"] == "fund_confirmation_invalid" and body["title"] and body.get("detail")
    assert body["errors"] and all(e["code"] and e["reason"] and e["field"] for e in body["errors"])
    assert not any(word in response.text for word in (*hostile.SECRET_WORDS, "CANARY")), response.text[:500]
    expect = ENTRIES[name].fund
    if response.status_code == 413:
        assert [e["code"] for e in body["errors"]] == ["too_large"]
    elif expect.per_row:
        found = {(e["row"], e["field"]) for e in body["errors"]}
        assert expect.cells <= found, (sorted(expect.cells - found), body["errors"][:5])
        assert all(e["row"] for e in body["errors"])
    else:
        assert [e["code"] for e in body["errors"]][:1] in ([code] for code in expect.codes), body["errors"]
    assert batch.detail() == before
    assert len(batch.audit()) == audit_before
    assert health.status_code == 200, health.text
    assert canary.requests == []
