"""Permission code → words for people, translated through Qt (context ``permissions``).

A code of ``Perm`` names its page and what it allows; a flow's submit permission (its id) reads
"Request: <flow>", its decide permission "Approve: <flow>", with the flow's translated name. An
area (a menu root, or "System") is translated in context ``menu``, as the sidebar shows it. A code
this build does not know shows as itself rather than not at all.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.flows import flow
from services.contract.permissions import DECIDE_PREFIX, Perm
from ui.common.change_texts import flow_name

CONTEXT = "permissions"

_LABELS: dict[str, str] = {
    Perm.MARGIN_CALL_QUERY: QT_TRANSLATE_NOOP("permissions", "Borrowing Accounts: view"),
    Perm.MARGIN_CALL_AUTO_CONVERT_QUERY: QT_TRANSLATE_NOOP("permissions", "Auto-Convert Query: view"),
    Perm.STOCK_MARGIN_VIEW: QT_TRANSLATE_NOOP("permissions", "Long Stock Margin: view"),
    Perm.SHORT_SELL_MARGIN_VIEW: QT_TRANSLATE_NOOP("permissions", "Short-Sell Margin: view"),
    Perm.INTRADAY_MARGIN_VIEW: QT_TRANSLATE_NOOP("permissions", "Intraday Real-Time Margin: view"),
    Perm.DAY_TRADE_TIME_VIEW: QT_TRANSLATE_NOOP("permissions", "Day-trade window: view"),
    Perm.CREDIT_DRAFT: QT_TRANSLATE_NOOP("permissions", "Draft Batches: draft, also offline"),
    Perm.MARGIN_SETTING_VIEW: QT_TRANSLATE_NOOP("permissions", "Setting Records: view"),
    Perm.MARGIN_SETTING_APPLY: QT_TRANSLATE_NOOP("permissions", "Setting Records: sync now"),
    Perm.MARGIN_SETTING_REVOKE: QT_TRANSLATE_NOOP("permissions", "Setting Records: cancel sync"),
    Perm.APPROVAL_INBOX: QT_TRANSLATE_NOOP("permissions", "Approvals: inbox, my requests and history"),
    Perm.APPROVAL_VIEW_ALL: QT_TRANSLATE_NOOP("permissions", "Approvals: see every work order"),
    Perm.MESSAGE_RECORD_VIEW: QT_TRANSLATE_NOOP("permissions", "Message Records: view"),
    Perm.MESSAGE_RECORD_RESEND: QT_TRANSLATE_NOOP("permissions", "Message Records: resend"),
    Perm.HELP_ARTICLE_VIEW: QT_TRANSLATE_NOOP("permissions", "Articles: view"),
    Perm.HELP_ARTICLE_COPY: QT_TRANSLATE_NOOP("permissions", "Articles: copy"),
    Perm.HELP_CATEGORY_MANAGE: QT_TRANSLATE_NOOP("permissions", "Article Categories: manage"),
    Perm.FUND_CLEARING_VIEW: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: view"),
    Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: confirm subscriptions"),
    Perm.FUND_CLEARING_CONFIRM_REDEMPTION: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: confirm redemptions"),
    Perm.FUND_CLEARING_EXPLAIN: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: explain differences"),
    Perm.FUND_CLEARING_IMPORT: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: import confirmations"),
    Perm.FUND_CLEARING_SUBSCRIPTION_DELIVERY: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: subscription delivery"),
    Perm.FUND_CLEARING_REDEMPTION_UNITS_DELIVERY: QT_TRANSLATE_NOOP(
        "permissions", "Fund Clearing: redemption units delivery"),
    Perm.FUND_CLEARING_REDEMPTION_CASH_DELIVERY: QT_TRANSLATE_NOOP(
        "permissions", "Fund Clearing: redemption cash delivery"),
    Perm.FUND_CLEARING_SET_DIFFERENCE_LIMIT: QT_TRANSLATE_NOOP("permissions", "Fund Clearing: set the difference limit"),
    Perm.USER_ADMIN: QT_TRANSLATE_NOOP("permissions", "Users and Roles: administer"),
    Perm.AUDIT_CHECKPOINTS_VIEW: QT_TRANSLATE_NOOP("permissions", "Audit checkpoints: view"),
    Perm.APPROVAL_CHAIN_VIEW: QT_TRANSLATE_NOOP("permissions", "Approval Flow Settings: view"),
    Perm.AUDIT_LOG_VIEW: QT_TRANSLATE_NOOP("permissions", "Audit Log: view, verify and export"),
}
_REQUEST = QT_TRANSLATE_NOOP("permissions", "Request: {flow}")
_APPROVE = QT_TRANSLATE_NOOP("permissions", "Approve: {flow}")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def permission_label(code: str) -> str:
    """The code in words, in the UI language."""
    if code.startswith(DECIDE_PREFIX) and flow(code.removeprefix(DECIDE_PREFIX)) is not None:
        return _tr(_APPROVE).format(flow=flow_name(code.removeprefix(DECIDE_PREFIX)))
    if flow(code) is not None:
        return _tr(_REQUEST).format(flow=flow_name(code))
    source = _LABELS.get(code)
    return _tr(source) if source else code


def area_label(area: str) -> str:
    """A permission area (a menu root's English label, or "System") as the sidebar says it."""
    return QCoreApplication.translate("menu", area)


def known_codes() -> frozenset[str]:
    """The codes with words of their own (flows' permissions are worded from the flow's name)."""
    return frozenset(_LABELS)
