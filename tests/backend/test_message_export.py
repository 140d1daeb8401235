"""Export of the filtered message records: the same rows as the list, masked, in the reader's
language; a filter matching too many rows is refused before anything is written."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from backend.kit.errors import AppError
from backend.messages.export import write_export
from services.contract.queries import MessageExport

PATH = "/messages/records"


def _all_ids(client, **params) -> list[int]:
    ids, cursor = [], None
    while True:
        page = client.get(PATH, params={"limit": 500, **params, **({"cursor": cursor} if cursor else {})}).json()
        ids += [r["id"] for r in page["items"]]
        if not (cursor := page["next_cursor"]):
            return ids


@pytest.mark.parametrize(("lang", "header", "status"), [("en", "Created At (HKT)", "Failed"),
                                                        ("zh_Hant", "建立時間 (香港)", "失敗")])
def test_the_export_holds_the_filtered_list_in_its_order(api, lang, header, status):
    params = {"channel": "sms", "status": "failed"}
    with api.client("service") as client:
        expected = _all_ids(client, **params)
        response = client.get(f"{PATH}/export.xlsx", params={**params, "lang": lang})
    assert response.status_code == 200, response.text
    assert 'filename="message-records-' in response.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.values)
    assert rows[0][0] == header and len(rows) - 1 == len(expected) > 0
    assert [r[-1] for r in rows[1:]] == expected  # the record id, last column
    assert {r[6] for r in rows[1:]} == {status}
    assert all("****" in r[4] for r in rows[1:])  # recipients masked as on screen


def test_too_many_rows_are_refused_with_a_clear_code(api):
    engine = api.engine()
    with Session(engine) as session:
        with pytest.raises(AppError) as refused:
            write_export(session, MessageExport(channel="email"), max_rows=100)
        assert write_export(session, MessageExport(account="no-such-account"), max_rows=100).read(2) == b"PK"
    engine.dispose()
    assert (refused.value.status, refused.value.code) == (422, "export_too_large")
    with api.client("maker") as client:
        assert client.get(f"{PATH}/export.xlsx").status_code == 403
