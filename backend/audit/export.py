"""Excel export of the filtered audit log, newest first, in the language the user reads: the list's
columns with the actions and entities named, and each event's before and after as JSON.

Bounded like the other exports: a filter matching more than AUDIT_EXPORT_MAX_ROWS events is refused
with a clear code before anything is written.
"""

import json
import tempfile
from typing import IO, Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from backend.audit import repository as repo
from backend.kit.errors import AppError
from services.contract.audit import ACTIONS, AUDIT_EXPORT_MAX_ROWS, ENTITIES, AuditEventExport
from services.contract.errors import ErrorCode
from services.contract.flow_names import flow_name
from services.contract.flows import flow
from services.contract.queries import ExportLanguage
from services.excel.writer import bilingual_columns, write_table

CHUNK = 1_000
CELL_MAX = 32_767  # Excel's limit on the text of one cell
TRUNCATED = "…"

# (English, Traditional Chinese, width, number format) per column, in sheet order.
COLUMNS = (
    ("Time (HKT)", "時間 (香港)", 19, "yyyy-mm-dd hh:mm:ss"),
    ("Actor", "操作人", 14, None),
    ("Actor Name", "操作人姓名", 20, None),
    ("Action", "操作", 22, None),
    ("Action Code", "操作代碼", 26, None),
    ("Entity", "對象", 20, None),
    ("Entity ID", "對象編號", 14, None),
    ("Before", "變更前", 50, None),
    ("After", "變更後", 50, None),
    ("Event ID", "事件編號", 10, None),
)
SHEET_TITLE = {ExportLanguage.EN: "Audit Log", ExportLanguage.ZH_HANT: "審計日誌"}
SYSTEM = {ExportLanguage.EN: "System", ExportLanguage.ZH_HANT: "系統"}
_ACTIONS = {a.code: a for a in ACTIONS}
_ENTITIES = {e.code: e for e in ENTITIES}


def _name(code: str, names: dict, lang: ExportLanguage) -> str:
    """The readable name; a code the table does not know yet (or a flow's id) as such."""
    known = names.get(code)
    if known is not None:
        return known.name_zh if lang == ExportLanguage.ZH_HANT else known.name_en
    return code


def _entity(code: str, lang: ExportLanguage) -> str:
    # A change applied names its flow as the entity: the flow's name in the reader's language.
    if flow(code) is not None:
        return flow_name(code, lang)
    return _name(code, _ENTITIES, lang)


def _json(value: Any) -> str | None:
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= CELL_MAX else text[:CELL_MAX - len(TRUNCATED)] + TRUNCATED


def _values(row: Row, lang: ExportLanguage) -> list:
    return [row.at, row.actor_username or SYSTEM[lang], row.actor_name, _name(row.action, _ACTIONS, lang),
            row.action, _entity(row.entity_type, lang), row.entity_id, _json(row.before), _json(row.after), row.id]


def write_export(session: Session, query: AuditEventExport, max_rows: int = AUDIT_EXPORT_MAX_ROWS) -> IO[bytes]:
    """The workbook in a temporary file (spilled to disk when large), rewound."""
    if repo.count_capped(session, query, max_rows) > max_rows:
        raise AppError(422, ErrorCode.EXPORT_TOO_LARGE, "Too many rows to export.",
                       f"More than {max_rows:,} audit events match; narrow the filter (a date range) and export again.")
    lang = query.lang
    columns = bilingual_columns(COLUMNS, lang == ExportLanguage.ZH_HANT)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    write_table(spool, SHEET_TITLE[lang], columns, (_values(r, lang) for r in repo.iter_events(session, query, CHUNK)))
    spool.seek(0)
    return spool
