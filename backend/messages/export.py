"""Excel export of the filtered message records, in the language the user reads.

Bounded: a spreadsheet of millions of rows helps nobody and ties up a worker for minutes, so a
filter matching more than EXPORT_MAX_ROWS is refused with a clear code before anything is written.
"""

import tempfile
from typing import IO

from sqlalchemy.orm import Session

from backend.kit.errors import AppError
from backend.messages import repository as repo
from backend.messages.listing import iter_records
from backend.messages.masking import mask_recipient
from backend.messages.models import MessageRecord
from services.contract.errors import ErrorCode
from services.contract.queries import EXPORT_MAX_ROWS, ExportLanguage, MessageExport
from services.excel.writer import DATETIME, bilingual_columns, write_table

# (English, Traditional Chinese, width, number format) per column, in sheet order.
COLUMNS = (
    ("Created At (HKT)", "建立時間 (香港)", 18, DATETIME),
    ("Account No.", "賬戶號碼", 12, None),
    ("Channel", "渠道", 8, None),
    ("Template", "模板", 20, None),
    ("Recipient", "收件人", 24, None),
    ("Subject", "主題", 40, None),
    ("Status", "狀態", 10, None),
    ("Attempts", "嘗試次數", 9, None),
    ("Provider Message ID", "供應商消息編號", 30, None),
    ("Error", "錯誤", 40, None),
    ("Record ID", "記錄編號", 10, None),
)
_WORDS = {
    ExportLanguage.EN: {"sms": "SMS", "email": "Email", "push": "Push", "queued": "Queued",
                        "sending": "Sending", "sent": "Sent", "delivered": "Delivered", "failed": "Failed",
                        "bounced": "Bounced"},
    ExportLanguage.ZH_HANT: {"sms": "短訊", "email": "電郵", "push": "推送", "queued": "排隊中",
                             "sending": "發送中", "sent": "已發送", "delivered": "已送達", "failed": "失敗",
                             "bounced": "被退回"},
}
SHEET_TITLE = {ExportLanguage.EN: "Message Records", ExportLanguage.ZH_HANT: "消息記錄"}


def _values(record: MessageRecord, words: dict[str, str]) -> list:
    return [record.created_at, record.account_no, words[record.channel], record.template,
            mask_recipient(record.recipient), record.subject, words[record.status], record.attempts,
            record.provider_message_id, record.error, record.id]


def write_export(session: Session, query: MessageExport, max_rows: int = EXPORT_MAX_ROWS) -> IO[bytes]:
    """The workbook in a temporary file (spilled to disk when large), rewound."""
    if repo.count_capped(session, query, max_rows) > max_rows:
        raise AppError(422, ErrorCode.EXPORT_TOO_LARGE, "Too many rows to export.",
                       f"More than {max_rows:,} records match; narrow the filter (a date range) and export again.")
    lang = query.lang
    columns = bilingual_columns(COLUMNS, lang == ExportLanguage.ZH_HANT)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    write_table(spool, SHEET_TITLE[lang], columns, (_values(r, _WORDS[lang]) for r in iter_records(session, query)))
    spool.seek(0)
    return spool
