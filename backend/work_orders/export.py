"""Excel export of a work-order list as filtered (the inbox, my requests, history, copied to me, or
every order), newest first, in the language the user reads.

Bounded like the other exports: a filter matching more than EXPORT_MAX_ROWS orders is refused with a
clear code before anything is written. Each flow is named as the desktop names it in that language
(services/contract/flow_names.py).
"""

import tempfile
from typing import IO

from sqlalchemy import Row
from sqlalchemy.orm import Session

from backend.auth import repository as auth_repo
from backend.auth.service import Principal
from backend.kit.errors import AppError
from backend.work_orders import repository as repo
from backend.work_orders.views import list_conditions, list_view_allowed
from services.contract.errors import ErrorCode
from services.contract.flow_names import flow_name, summary_text
from services.contract.queries import EXPORT_MAX_ROWS, ExportLanguage, WorkOrderExport
from services.contract.schemas import WorkOrderStatus
from services.excel.writer import DATETIME, bilingual_columns, write_table

CHUNK = 1_000

# (English, Traditional Chinese, width, number format) per column, in sheet order: the list's columns.
COLUMNS = (
    ("No.", "編號", 8, None),
    ("Flow", "流程", 32, None),
    ("Maker", "發起人", 20, None),
    ("Submitted At (HKT)", "提交時間 (香港)", 18, DATETIME),
    ("Target", "變更內容", 44, None),  # the words of the desktop's list (context ApprovalsPage)
    ("Level", "級別", 8, None),
    ("Status", "狀態", 10, None),
    ("Blocked", "受阻", 8, None),
    ("Expires At (HKT)", "到期時間 (香港)", 18, DATETIME),
)
_STATUS = {
    ExportLanguage.EN: {WorkOrderStatus.PENDING: "Pending", WorkOrderStatus.APPROVED: "Approved",
                        WorkOrderStatus.APPLIED: "Applied", WorkOrderStatus.REJECTED: "Rejected",
                        WorkOrderStatus.WITHDRAWN: "Withdrawn", WorkOrderStatus.EXPIRED: "Expired",
                        WorkOrderStatus.STALE: "Stale"},
    ExportLanguage.ZH_HANT: {WorkOrderStatus.PENDING: "待審批", WorkOrderStatus.APPROVED: "已批准",
                             WorkOrderStatus.APPLIED: "已生效", WorkOrderStatus.REJECTED: "已駁回",
                             WorkOrderStatus.WITHDRAWN: "已撤回", WorkOrderStatus.EXPIRED: "已過期",
                             WorkOrderStatus.STALE: "已失效"},
}
_BLOCKED = {ExportLanguage.EN: "Blocked", ExportLanguage.ZH_HANT: "受阻"}
SHEET_TITLE = {ExportLanguage.EN: "Work Orders", ExportLanguage.ZH_HANT: "工單"}


def _level(row: Row) -> str:
    """As the list shows it: the level awaiting a decision while pending, else how many approved."""
    if row.status == WorkOrderStatus.PENDING.value:
        return f"{min(row.approvals + 1, row.levels)}/{row.levels}"
    return f"{row.approvals}/{row.levels}"


def _values(row: Row, lang: ExportLanguage, role_names: dict[str, tuple[str, str]]) -> list:
    return [row.id, flow_name(row.flow, lang), row.display_name, row.submitted_at,
            summary_text(row.summary_key, row.summary_args, lang, row.summary, role_names), _level(row),
            _STATUS[lang][WorkOrderStatus(row.status)], _BLOCKED[lang] if row.blocked else None, row.expires_at]


def write_export(session: Session, principal: Principal, query: WorkOrderExport,
                 max_rows: int = EXPORT_MAX_ROWS) -> IO[bytes]:
    """The workbook of the orders ``principal`` sees in ``query``'s list, in a temporary file
    (spilled to disk when large), rewound."""
    list_view_allowed(principal, query)
    conditions = list_conditions(session, principal, query)
    if repo.count_capped(session, conditions, max_rows) > max_rows:
        raise AppError(422, ErrorCode.EXPORT_TOO_LARGE, "Too many rows to export.",
                       f"More than {max_rows:,} work orders match; narrow the filter (a date range) and export again.")
    lang = query.lang
    columns = bilingual_columns(COLUMNS, lang == ExportLanguage.ZH_HANT)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    role_names = {code: (role.name_en, role.name_zh) for code, role in auth_repo.roles_by_code(session).items()}
    write_table(spool, SHEET_TITLE[lang], columns,
                (_values(r, lang, role_names) for r in repo.iter_rows(session, conditions, CHUNK)))
    spool.seek(0)
    return spool
