"""The audit trail over HTTP: its events as the audit log lists them (身份管理 › 審計日誌), the
check of its hash chain, and the chain's signed checkpoints with what an auditor copies to check
the trail elsewhere (``python -m backend verify-audit --checkpoints FILE --public-key PEM``).

A checkpoint signs (size, last_event_id, head_hash, at, key_id) with Ed25519: the bytes signed are
``b"opsdesk audit checkpoint v1\\n"`` followed by the canonical JSON of those five fields (keys
sorted, no spaces). ``after`` and ``more`` page through them by size.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from services.contract.queries import ExportParams, PageParams, _DateRange
from services.contract.schemas import ApiModel, Page

AUDIT_CHECKPOINTS_PATH = "/audit/checkpoints"
CHECKPOINTS_PAGE_MAX = 1000


class AuditCheckpointOut(ApiModel):
    size: int
    last_event_id: int
    head_hash: str
    at: datetime
    at_signed: str  # ``at`` exactly as signed
    key_id: str
    signature: str  # base64


class AuditCheckpointsOut(ApiModel):
    public_key_pem: str | None  # None: this backend has no signing key yet
    key_id: str | None
    checkpoints: list[AuditCheckpointOut]
    more: bool  # more checkpoints follow the last one: ask again with after=its size


# --- the audit log (身份管理 › 審計日誌) --------------------------------------------------------

def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name recognised by lupdate
    """Marks ``text`` for extraction by pyside6-lupdate without importing Qt here."""
    return text


AUDIT_EVENTS_PATH = "/audit/events"  # GET AuditEventQuery → AuditEventPage
AUDIT_EVENT_PATH = "/audit/events/{event_id}"  # GET → AuditEventDetail
AUDIT_EVENTS_EXPORT_PATH = "/audit/events/export"  # GET AuditEventExport → .xlsx
AUDIT_VERIFY_PATH = "/audit/verify"  # POST → ChainCheckOut

# The first page of a search counts its events no further than this: ``total_capped`` then means
# "more than AUDIT_TOTAL_CAP".
AUDIT_TOTAL_CAP = 10_000
AUDIT_EXPORT_MAX_ROWS = 100_000  # a filter matching more is refused (export_too_large): narrow it
MAX_AUDIT_EVENT_ID = 2**53 - 1  # a BIGINT on PostgreSQL; bounded where JSON numbers stay exact
ACTION_KIND_END = "."  # an action filter ending so is a prefix: "work_order." is every work-order action


class AuditEventFilter(_DateRange):
    """Filters of the audit log; the days are of the event's time, Hong Kong calendar."""

    actor: str | None = Field(None, max_length=64, description="the actor's username")
    entity_type: str | None = Field(None, max_length=64)
    entity_id: str | None = Field(None, max_length=128)
    action: str | None = Field(None, max_length=64, pattern=r"^[a-z0-9_.:-]+$", description=(
        "an action (work_order.approve), or the start of actions ending in '.' (work_order.)"))


class AuditEventQuery(AuditEventFilter, PageParams):
    """Audit events, newest first."""


class AuditEventExport(AuditEventFilter, ExportParams):
    pass


class AuditEventOut(ApiModel):
    id: int
    at: datetime
    actor_id: int | None  # None: the system (a dated change coming due, a side without orders)
    actor_username: str | None
    actor_name: str | None
    action: str
    entity_type: str
    entity_id: str | None


class AuditEventDetail(AuditEventOut):
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str


class AuditEventPage(Page[AuditEventOut]):
    """A keyset page; the first page of a search carries ``total`` (exact up to AUDIT_TOTAL_CAP,
    past it the cap and ``total_capped``), later pages None."""

    total_capped: bool = False


class ChainProblem(StrEnum):
    """What the first broken link of the chain is (backend/audit/verify.py)."""

    EVENT_CHANGED = "event_changed"  # the event's stored hash is not its fields' hash: it was edited
    LINK_BROKEN = "link_broken"  # it does not follow the event before it: events missing or inserted
    CHECKPOINT_MISMATCH = "checkpoint_mismatch"  # a signed checkpoint saw another chain up to it
    CHECKPOINT_EVENT_MISSING = "checkpoint_event_missing"  # a checkpointed event is no longer there
    TAIL_MISSING = "tail_missing"  # events at the end are gone
    APPENDED_AFTER_HEAD = "appended_after_head"  # events added behind the chain head's back
    HEAD_MISSING = "head_missing"  # the chain head row is gone
    CHECKPOINT_INVALID = "checkpoint_invalid"  # a checkpoint is forged, goes back or cannot be read


class ChainCheckOut(ApiModel):
    intact: bool
    events: int  # events checked: all of them, or up to and including the broken one
    broken_event_id: int | None = None
    problem: ChainProblem | None = None
    reason: str | None = None  # the verifier's own words, with the hashes (English)
    broken_checkpoint_line: int | None = None  # the checkpoint file's line that failed, if one did
    checkpoints: int = 0  # signed checkpoints that matched
    last_checkpoint_event_id: int | None = None
    last_checkpoint_at: datetime | None = None
    unanchored: int = 0  # events after the last matched checkpoint: the chain alone vouches for them
    checked_at: datetime


# --- readable names of actions, for the log and its export -------------------------------------

ACTIONS_CONTEXT = "audit_actions"  # the Qt translation context of ``name_en``


@dataclass(frozen=True)
class ActionName:
    """An action (or a kind of them, its code ending in ACTION_KIND_END) as people read it: the
    desktop translates ``name_en`` through Qt (context ACTIONS_CONTEXT), the export uses both."""

    code: str
    name_en: str
    name_zh: str


ACTION_KINDS: tuple[ActionName, ...] = (
    ActionName("auth.", QT_TRANSLATE_NOOP("audit_actions", "Sign-in and passwords"), "登入及密碼"),
    ActionName("work_order.", QT_TRANSLATE_NOOP("audit_actions", "Work orders"), "工單"),
    ActionName("margin_setting.", QT_TRANSLATE_NOOP("audit_actions", "Dated margin settings"), "保證金設置記錄"),
    ActionName("message.", QT_TRANSLATE_NOOP("audit_actions", "Messages"), "消息"),
    ActionName("help_article.", QT_TRANSLATE_NOOP("audit_actions", "Help articles"), "幫助中心文章"),
    ActionName("help_category.", QT_TRANSLATE_NOOP("audit_actions", "Article categories"), "文章分類"),
    ActionName("fund.clearing.", QT_TRANSLATE_NOOP("audit_actions", "Fund clearing"), "基金清算"),
    ActionName("identity.", QT_TRANSLATE_NOOP("audit_actions", "Users"), "用戶管理"),
    ActionName("approval_delegation.", QT_TRANSLATE_NOOP("audit_actions", "Approval delegations"), "審批委託"),
)

ACTIONS: tuple[ActionName, ...] = (
    ActionName("auth.login", QT_TRANSLATE_NOOP("audit_actions", "Signed in"), "登入"),
    ActionName("auth.login_failed", QT_TRANSLATE_NOOP("audit_actions", "Sign-in failed"), "登入失敗"),
    ActionName("auth.locked_out", QT_TRANSLATE_NOOP("audit_actions", "Sign-in locked"), "登入已鎖定"),
    ActionName("auth.logout", QT_TRANSLATE_NOOP("audit_actions", "Signed out"), "登出"),
    ActionName("auth.password_changed", QT_TRANSLATE_NOOP("audit_actions", "Password changed"), "已更改密碼"),
    ActionName("auth.password_change_failed", QT_TRANSLATE_NOOP("audit_actions", "Password change failed"),
               "更改密碼失敗"),
    ActionName("auth.offline_granted", QT_TRANSLATE_NOOP("audit_actions", "Offline drafting granted"),
               "已授權離線草擬"),
    ActionName("work_order.submit", QT_TRANSLATE_NOOP("audit_actions", "Work order submitted"), "提交工單"),
    ActionName("work_order.approve", QT_TRANSLATE_NOOP("audit_actions", "Work order approved"), "批准工單"),
    ActionName("work_order.reject", QT_TRANSLATE_NOOP("audit_actions", "Work order rejected"), "駁回工單"),
    ActionName("work_order.withdraw", QT_TRANSLATE_NOOP("audit_actions", "Work order withdrawn"), "撤回工單"),
    ActionName("work_order.expire", QT_TRANSLATE_NOOP("audit_actions", "Work order expired"), "工單已過期"),
    ActionName("work_order.apply", QT_TRANSLATE_NOOP("audit_actions", "Change applied"), "變更已生效"),
    ActionName("work_order.transfer", QT_TRANSLATE_NOOP("audit_actions", "Approval transferred"), "轉交審批"),
    ActionName("work_order.cc", QT_TRANSLATE_NOOP("audit_actions", "Work order copied to"), "抄送工單"),
    ActionName("identity.user_created", QT_TRANSLATE_NOOP("audit_actions", "User created"), "新增用戶"),
    ActionName("identity.user_disabled", QT_TRANSLATE_NOOP("audit_actions", "User disabled"), "停用用戶"),
    ActionName("identity.user_enabled", QT_TRANSLATE_NOOP("audit_actions", "User enabled"), "啟用用戶"),
    ActionName("identity.password_reset", QT_TRANSLATE_NOOP("audit_actions", "Password reset"), "重設密碼"),
    ActionName("approval_delegation.create", QT_TRANSLATE_NOOP("audit_actions", "Approvals delegated"), "委託審批"),
    ActionName("approval_delegation.revoke", QT_TRANSLATE_NOOP("audit_actions", "Delegation revoked"), "撤銷委託"),
    ActionName("margin_setting.apply", QT_TRANSLATE_NOOP("audit_actions", "Dated setting applied"), "設置已生效"),
    ActionName("margin_setting.already_live", QT_TRANSLATE_NOOP("audit_actions", "Dated setting already live"),
               "設置已是現行數值"),
    ActionName("margin_setting.revoke", QT_TRANSLATE_NOOP("audit_actions", "Dated setting cancelled"),
               "已取消同步"),
    ActionName("message.resend", QT_TRANSLATE_NOOP("audit_actions", "Message resent"), "重發消息"),
    ActionName("help_article.copy", QT_TRANSLATE_NOOP("audit_actions", "Article copied"), "複製文章"),
    ActionName("help_category.create", QT_TRANSLATE_NOOP("audit_actions", "Category created"), "新增分類"),
    ActionName("help_category.rename", QT_TRANSLATE_NOOP("audit_actions", "Category renamed"), "重新命名分類"),
    ActionName("help_category.move", QT_TRANSLATE_NOOP("audit_actions", "Category moved"), "移動分類"),
    ActionName("help_category.hide", QT_TRANSLATE_NOOP("audit_actions", "Category hidden"), "隱藏分類"),
    ActionName("help_category.show", QT_TRANSLATE_NOOP("audit_actions", "Category shown"), "顯示分類"),
    ActionName("help_category.reorder", QT_TRANSLATE_NOOP("audit_actions", "Categories reordered"), "調整分類次序"),
    ActionName("help_category.delete", QT_TRANSLATE_NOOP("audit_actions", "Category deleted"), "刪除分類"),
    ActionName("fund.clearing.import", QT_TRANSLATE_NOOP("audit_actions", "Confirmation imported"), "匯入確認單"),
    ActionName("fund.clearing.explain", QT_TRANSLATE_NOOP("audit_actions", "Difference explained"), "說明差異"),
    ActionName("fund.clearing.confirm_subscription", QT_TRANSLATE_NOOP("audit_actions", "Subscriptions confirmed"),
               "申購核對確認"),
    ActionName("fund.clearing.confirm_redemption", QT_TRANSLATE_NOOP("audit_actions", "Redemptions confirmed"),
               "贖回核對確認"),
    ActionName("fund.clearing.subscription_delivery", QT_TRANSLATE_NOOP("audit_actions", "Subscription delivery"),
               "申購交割"),
    ActionName("fund.clearing.redemption_units_delivery",
               QT_TRANSLATE_NOOP("audit_actions", "Redemption units delivery"), "贖回貨交割"),
    ActionName("fund.clearing.redemption_cash_delivery",
               QT_TRANSLATE_NOOP("audit_actions", "Redemption cash delivery"), "贖回錢交割"),
    ActionName("fund.clearing.set_difference_limit", QT_TRANSLATE_NOOP("audit_actions", "Difference limit set"),
               "設定差值上限"),
)

# What an event is about (its entity_type); an apply's entity is its flow, named by the flow table.
ENTITIES: tuple[ActionName, ...] = (
    ActionName("user", QT_TRANSLATE_NOOP("audit_actions", "User"), "用戶"),
    ActionName("work_order", QT_TRANSLATE_NOOP("audit_actions", "Work order"), "工單"),
    ActionName("stock_margin", QT_TRANSLATE_NOOP("audit_actions", "Long stock margin"), "多頭股票保證金"),
    ActionName("short_margin", QT_TRANSLATE_NOOP("audit_actions", "Short-sell margin"), "空頭保證金"),
    ActionName("intraday_margin", QT_TRANSLATE_NOOP("audit_actions", "Intraday margin"), "日內交易實時保證金"),
    ActionName("message_record", QT_TRANSLATE_NOOP("audit_actions", "Message record"), "消息記錄"),
    ActionName("help_article", QT_TRANSLATE_NOOP("audit_actions", "Help article"), "幫助中心文章"),
    ActionName("help_category", QT_TRANSLATE_NOOP("audit_actions", "Article category"), "文章分類"),
    ActionName("fund_clearing_batch", QT_TRANSLATE_NOOP("audit_actions", "Fund clearing batch"), "基金清算批次"),
    ActionName("public_fund", QT_TRANSLATE_NOOP("audit_actions", "Public fund"), "公募基金"),
    ActionName("approval_delegation", QT_TRANSLATE_NOOP("audit_actions", "Approval delegation"), "審批委託"),
)
