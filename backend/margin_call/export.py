"""Excel exports of the margin-call queries: the columns, in the language the user reads."""

import tempfile
from collections.abc import Iterable
from typing import IO

from services.contract.queries import ExportLanguage
from services.contract.schemas import AutoConvertRow, BorrowingRow
from services.excel.writer import DATE, DATETIME, MONEY, PERCENT, bilingual_columns, write_table

# (English, Traditional Chinese, width, number format) per column, in sheet order.
AUTO_CONVERT_COLUMNS = (
    ("Account No.", "賬戶號碼", 12, None),
    ("Customer Name", "客戶名稱", 26, None),
    ("Chinese Name", "中文名稱", 12, None),
    ("Account Type", "賬戶類型", 10, None),
    ("Base Currency", "基礎貨幣", 9, None),
    ("Enrolled", "已開通", 8, None),
    ("First Enabled At (HKT)", "首次開通時間 (香港)", 18, DATETIME),
    ("Last Enabled At (HKT)", "最近開通時間 (香港)", 18, DATETIME),
    ("Disabled At (HKT)", "關閉時間 (香港)", 18, DATETIME),
    ("Channel", "渠道", 8, None),
    ("Currencies Covered", "適用貨幣", 14, None),
    ("Last Conversion At (HKT)", "最近換匯時間 (香港)", 18, DATETIME),
    ("Last Conversion Amount", "最近換匯金額", 16, MONEY),
    ("Last Conversion Currency", "最近換匯貨幣", 9, None),
    ("Borrowed Balances", "借幣餘額", 28, None),
)

BORROWING_COLUMNS = (
    ("Account No.", "賬戶號碼", 12, None),
    ("Customer Name", "客戶名稱", 26, None),
    ("Chinese Name", "中文名稱", 12, None),
    ("Account Type", "賬戶類型", 10, None),
    ("Currency", "貨幣", 8, None),
    ("Borrowed Amount", "借幣金額", 16, MONEY),
    ("Borrowed Since", "借幣起始日", 12, DATE),
    ("Days Outstanding", "欠款日數", 10, None),
    ("Annual Rate", "年利率", 9, PERCENT),
    ("Accrued Interest", "應計利息", 14, MONEY),
    ("Auto-Convert", "自動還款", 9, None),
)

_WORDS = {
    ExportLanguage.EN: {True: "Yes", False: "No", "cash": "Cash", "margin": "Margin",
                        "app": "App", "web": "Web", "ops": "Ops"},
    ExportLanguage.ZH_HANT: {True: "是", False: "否", "cash": "現金", "margin": "保證金",
                             "app": "App", "web": "網頁", "ops": "營運"},
}
SHEET_TITLES = {
    "auto_convert": {ExportLanguage.EN: "Auto-Convert", ExportLanguage.ZH_HANT: "自動還款開通"},
    "borrowing": {ExportLanguage.EN: "Borrowing Accounts", ExportLanguage.ZH_HANT: "借幣客戶"},
}


def auto_convert_values(row: AutoConvertRow, lang: ExportLanguage) -> list:
    words = _WORDS[lang]
    return [
        row.account_no, row.customer_name, row.customer_name_zh, words[row.account_type.value],
        row.base_currency, words[row.enrolled], row.first_enabled_at, row.last_enabled_at,
        row.disabled_at, words[row.channel.value], ", ".join(row.currencies), row.last_conversion_at,
        row.last_conversion_amount, row.last_conversion_currency,
        "; ".join(f"{b.currency} {b.amount:,.2f}" for b in row.borrowed) or None,
    ]


def borrowing_values(row: BorrowingRow, lang: ExportLanguage) -> list:
    words = _WORDS[lang]
    return [
        row.account_no, row.customer_name, row.customer_name_zh, words[row.account_type.value],
        row.currency, row.amount, row.borrowed_since, row.days_outstanding, row.interest_rate,
        row.accrued_interest, words[row.auto_convert],
    ]


def write_export(kind: str, rows: Iterable, lang: ExportLanguage) -> IO[bytes]:
    """Writes the workbook to a temporary file (spilled to disk when large) and rewinds it."""
    spec, values = ((AUTO_CONVERT_COLUMNS, auto_convert_values) if kind == "auto_convert"
                    else (BORROWING_COLUMNS, borrowing_values))
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    write_table(spool, SHEET_TITLES[kind][lang], bilingual_columns(spec, lang == ExportLanguage.ZH_HANT),
                (values(row, lang) for row in rows))
    spool.seek(0)
    return spool
