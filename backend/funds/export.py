"""Excel export of one batch's reconciliation: a sheet per side (申購, 贖回; the file's name says
the fund and trade date), each with the NAV of its own NAV date, in the language the user reads."""

import tempfile
from typing import IO

from sqlalchemy.orm import Session

from backend.funds.reconciliation import BatchView, batch_detail
from services.contract.fund_clearing import BatchDetail, LineOut, Side
from services.contract.queries import ExportLanguage
from services.excel.writer import DATE, DATETIME, bilingual_columns, write_sheets

# (English, Traditional Chinese, width, number format) per column, in sheet order; the figure our
# order holds is an amount for subscriptions, units for redemptions.
_HEAD = (
    ("Order Ref", "委託編號", 20, None),
    ("Account No.", "賬戶號碼", 12, None),
)
_ORDERED = {
    Side.SUBSCRIPTION: ("Subscription Amount", "申購金額", 16, None),
    Side.REDEMPTION: ("Redemption Units", "贖回份額", 16, None),
}
_TAIL = (
    ("Fee", "費用", 12, None),
    ("NAV Date", "淨值日期", 12, DATE),
    ("NAV", "基金淨值", 12, None),
    ("Expected Units", "預期份額", 16, None),
    ("Confirmed Units", "確認份額", 16, None),
    ("Expected Amount", "預期金額", 16, None),
    ("Confirmed Amount", "確認金額", 16, None),
    ("Difference", "差額", 14, None),
    ("Status", "狀態", 22, None),
    ("Explanation", "說明", 40, None),
    ("Explained By", "說明人", 12, None),
    ("Explained At (HKT)", "說明時間 (香港)", 18, DATETIME),
)
COLUMNS = {side: (*_HEAD, _ORDERED[side], *_TAIL) for side in Side}
SHEETS = {
    ExportLanguage.EN: {Side.SUBSCRIPTION: "Subscriptions", Side.REDEMPTION: "Redemptions"},
    ExportLanguage.ZH_HANT: {Side.SUBSCRIPTION: "申購", Side.REDEMPTION: "贖回"},
}
_WORDS = {
    ExportLanguage.EN: {"matched": "Matched", "mismatched": "Mismatched", "missing_ours": "Missing on our side",
                        "missing_theirs": "Missing in confirmation", "beyond_limit": "{status}, beyond the limit"},
    ExportLanguage.ZH_HANT: {"matched": "相符", "mismatched": "不符", "missing_ours": "我方缺失",
                             "missing_theirs": "確認缺失", "beyond_limit": "{status}（超出差值上限）"},
}


def _values(line: LineOut, words: dict[str, str]) -> list:
    # Decimals are written as numbers by their exact text, never through float arithmetic here.
    note = line.explanation
    status = words[line.status]
    if line.beyond_limit:
        status = words["beyond_limit"].format(status=status)
    ordered = line.amount if line.side is Side.SUBSCRIPTION else line.units
    return [line.order_ref, line.account_no, ordered, line.fee, line.nav_date, line.nav,
            line.expected_units, line.confirmed_units, line.expected_amount, line.confirmed_amount,
            line.difference, status, note.note if note else None,
            note.explained_by if note else None, note.explained_at if note else None]


def _lines(detail: BatchDetail, side: Side) -> list[LineOut]:
    return detail.subscription_lines if side is Side.SUBSCRIPTION else detail.redemption_lines


def write_export(session: Session, view: BatchView, lang: ExportLanguage) -> IO[bytes]:
    detail = batch_detail(session, view)
    chinese = lang == ExportLanguage.ZH_HANT
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    write_sheets(spool, [(SHEETS[lang][side], bilingual_columns(COLUMNS[side], chinese),
                          (_values(line, _WORDS[lang]) for line in _lines(detail, side))) for side in Side])
    spool.seek(0)
    return spool
