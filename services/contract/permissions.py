"""Permission codes: the one list of what a user may be allowed to do.

Menu leaves name their view permission in ``menu.py``; actions name theirs here.
Decide permissions for work-order flows are ``approval.decide:<flow id>``: the roles holding one
make the first approval chain of the flow (backend/approval_chains/seed.py); from then on the
chain, not the permission, says who decides.
"""

from enum import StrEnum


class Perm(StrEnum):
    MARGIN_CALL_QUERY = "margin_call.query"
    MARGIN_CALL_AUTO_CONVERT_QUERY = "margin_call.auto_convert_query"
    STOCK_MARGIN_VIEW = "risk.credit.stock_margin.view"
    SHORT_SELL_MARGIN_VIEW = "risk.credit.short_sell_margin.view"
    INTRADAY_MARGIN_VIEW = "risk.credit.intraday_margin.view"
    DAY_TRADE_TIME_VIEW = "risk.credit.day_trade_time.view"
    CREDIT_DRAFT = "risk.credit.draft"
    # Setting records (設置記錄): the page, and its two actions, 同步 (apply now) and 取消同步 (revoke).
    MARGIN_SETTING_VIEW = "risk.credit.margin_setting.view"
    MARGIN_SETTING_APPLY = "risk.credit.margin_setting.apply"
    MARGIN_SETTING_REVOKE = "risk.credit.margin_setting.revoke"
    APPROVAL_INBOX = "approval.inbox"
    APPROVAL_VIEW_ALL = "approval.view_all"
    MESSAGE_RECORD_VIEW = "message.record.view"
    MESSAGE_RECORD_RESEND = "message.record.resend"
    HELP_ARTICLE_VIEW = "help_center.article.view"
    HELP_ARTICLE_COPY = "help_center.article.copy"
    HELP_CATEGORY_MANAGE = "help_center.category.manage"  # Article Categories: the page and its changes
    FUND_CLEARING_VIEW = "fund.clearing.view"
    FUND_CLEARING_CONFIRM_SUBSCRIPTION = "fund.clearing.confirm_subscription"
    FUND_CLEARING_CONFIRM_REDEMPTION = "fund.clearing.confirm_redemption"
    FUND_CLEARING_EXPLAIN = "fund.clearing.explain"
    FUND_CLEARING_IMPORT = "fund.clearing.import"
    FUND_CLEARING_SUBSCRIPTION_DELIVERY = "fund.clearing.subscription_delivery"  # 申購交割
    FUND_CLEARING_REDEMPTION_UNITS_DELIVERY = "fund.clearing.redemption_units_delivery"  # 贖回貨交割
    FUND_CLEARING_REDEMPTION_CASH_DELIVERY = "fund.clearing.redemption_cash_delivery"  # 贖回錢交割
    FUND_CLEARING_SET_DIFFERENCE_LIMIT = "fund.clearing.set_difference_limit"
    USER_ADMIN = "admin.users"
    APPROVAL_CHAIN_VIEW = "identity.approval_chain.view"  # 審批流程配置: read every chain and its versions
    AUDIT_CHECKPOINTS_VIEW = "audit.checkpoints.view"
    AUDIT_LOG_VIEW = "audit.log.view"  # 身份管理 › 審計日誌: the events, their export and the chain check


DECIDE_PREFIX = "approval.decide:"


def decide_permission(flow_id: str) -> str:
    """The role grant that seeds ``flow_id``'s first approval chain with the role (and hints the
    desktop which flows a role usually decides)."""
    return f"{DECIDE_PREFIX}{flow_id}"
