"""Excel export of one batch's reconciliation: both sides' lines, in the language the user reads."""

import tempfile
from typing import IO

from sqlalchemy.orm import Session

from backend.funds.reconciliation import BatchView, batch_detail
from services.contract.fund_clearing import LineOut
from services.contract.queries import ExportLanguage
from services.excel.writer import DATETIME, bilingual_columns, write_table

# (English, Traditional Chinese, width, number format) per column, in sheet order.
COLUMNS = (
    ("Side", "類別", 12, None),
    ("Order Ref", "委託編號", 20, None),
    ("Account No.", "賬戶號碼", 12, None),
    ("Amount", "金額", 16, None),
    ("Units", "單位", 16, None),
    ("Fee", "費用", 12, None),
    ("NAV", "單位資產淨值", 12, None),
    ("Expected Units", "預期單位", 16, None),
    ("Confirmed Units", "確認單位", 16, None),
    ("Expected Amount", "預期金額", 16, None),
    ("Confirmed Amount", "確認金額", 16, None),
    ("Difference", "差額", 14, None),
    ("Status", "狀態", 14, None),
    ("Explanation", "說明", 40, None),
    ("Explained By", "說明人", 12, None),
    ("Explained At (HKT)", "說明時間 (香港)", 18, DATETIME),
)
_WORDS = {
    ExportLanguage.EN: {"subscription": "Subscription", "redemption": "Redemption", "matched": "Matched",
                        "mismatched": "Mismatched", "missing_ours": "Missing on our side",
                        "missing_theirs": "Missing in confirmation"},
    ExportLanguage.ZH_HANT: {"subscription": "認購", "redemption": "贖回", "matched": "相符", "mismatched": "不符",
                             "missing_ours": "我方缺失", "missing_theirs": "確認缺失"},
}


def _values(line: LineOut, words: dict[str, str]) -> list:
    # Decimals are written as numbers by their exact text, never through float arithmetic here.
    note = line.explanation
    return [words[line.side], line.order_ref, line.account_no, line.amount, line.units, line.fee, line.nav,
            line.expected_units, line.confirmed_units, line.expected_amount, line.confirmed_amount,
            line.difference, words[line.status], note.note if note else None,
            note.explained_by if note else None, note.explained_at if note else None]


def write_export(session: Session, view: BatchView, lang: ExportLanguage) -> IO[bytes]:
    detail = batch_detail(session, view)
    columns = bilingual_columns(COLUMNS, lang == ExportLanguage.ZH_HANT)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    lines = detail.subscription_lines + detail.redemption_lines
    write_table(spool, f"{detail.fund_code} {detail.trade_date:%Y-%m-%d}", columns,
                (_values(line, _WORDS[lang]) for line in lines))
    spool.seek(0)
    return spool
