"""The menu table: the single source of the sidebar, its paths and who may see each leaf.

Labels are English source strings translated through Qt (context ``menu``); the Traditional
Chinese text lives in resources/translations/opsdesk_zh_Hant.ts. ``page`` is the key the desktop
uses to find the page class; a leaf whose page is not built yet is simply not shown.
"""

from dataclasses import dataclass

from services.contract.flows import FLOWS, HELP_CENTER_FLOWS, USER_AND_ROLE_FLOWS, MarginKind
from services.contract.identity import APPROVAL_CHAIN_FLOW
from services.contract.permissions import DECIDE_PREFIX, Perm


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name recognised by lupdate
    """Marks ``text`` for extraction by pyside6-lupdate without importing Qt here."""
    return text


@dataclass(frozen=True)
class MenuLeaf:
    path: tuple[str, ...]  # English source labels, root first
    page: str
    permission: str
    # The permissions that let a user act on the page (submit, decide, confirm...), not only read
    # it; one ending in ":" is a prefix. A user starts on the first leaf they can act on.
    acts: tuple[str, ...] = ()


def _margin_flows(kind: MarginKind) -> tuple[str, ...]:
    return tuple(f.id for f in FLOWS if f.margin_kind == kind)


# The day-trade window is set from the intraday page (a flow without a margin table).
_DAY_TRADE_WINDOW_FLOWS = tuple(f.id for f in FLOWS if f.area == "risk.credit" and f.margin_kind is None)


MENU: tuple[MenuLeaf, ...] = (
    MenuLeaf(
        (QT_TRANSLATE_NOOP("menu", "Risk"), QT_TRANSLATE_NOOP("menu", "Margin Call"),
         QT_TRANSLATE_NOOP("menu", "Borrowing Accounts")),
        "margin_call.borrowing_accounts", Perm.MARGIN_CALL_QUERY,
    ),
    MenuLeaf(
        ("Risk", "Margin Call", QT_TRANSLATE_NOOP("menu", "Auto-Convert Query")),
        "margin_call.auto_convert_query", Perm.MARGIN_CALL_AUTO_CONVERT_QUERY,
    ),
    # 風控管理 › 保證金 › 股票保證金, as the broker's manual names it. The day-trade window is set
    # from the intraday page's 規則設置 (Rule Settings), not a leaf of its own.
    MenuLeaf(
        ("Risk", QT_TRANSLATE_NOOP("menu", "Margin"), QT_TRANSLATE_NOOP("menu", "Stock Margin"),
         QT_TRANSLATE_NOOP("menu", "Long Stock Margin")),
        "risk.credit.long_stock_margin", Perm.STOCK_MARGIN_VIEW, _margin_flows(MarginKind.LONG),
    ),
    MenuLeaf(
        ("Risk", "Margin", "Stock Margin", QT_TRANSLATE_NOOP("menu", "Short-Sell Margin")),
        "risk.credit.short_sell_margin", Perm.SHORT_SELL_MARGIN_VIEW, _margin_flows(MarginKind.SHORT),
    ),
    MenuLeaf(
        ("Risk", "Margin", "Stock Margin", QT_TRANSLATE_NOOP("menu", "Intraday Real-Time Margin")),
        "risk.credit.intraday_margin", Perm.INTRADAY_MARGIN_VIEW, (*_margin_flows(MarginKind.INTRADAY), *_DAY_TRADE_WINDOW_FLOWS),
    ),
    MenuLeaf(
        ("Risk", "Margin", "Stock Margin", QT_TRANSLATE_NOOP("menu", "Setting Records")),
        "risk.credit.setting_records", Perm.MARGIN_SETTING_VIEW, (Perm.MARGIN_SETTING_APPLY, Perm.MARGIN_SETTING_REVOKE),
    ),
    MenuLeaf(
        ("Risk", "Margin", "Stock Margin", QT_TRANSLATE_NOOP("menu", "Draft Batches")),
        "risk.credit.draft_batches", Perm.CREDIT_DRAFT, (Perm.CREDIT_DRAFT,),
    ),
    # 工單審批: 待辦, 已發起, 已辦, 抄送我的, as the broker's manual names the work-order centre's tabs.
    MenuLeaf(
        (QT_TRANSLATE_NOOP("menu", "Approvals"), QT_TRANSLATE_NOOP("menu", "Inbox")),
        "approvals.inbox", Perm.APPROVAL_INBOX, (DECIDE_PREFIX,),
    ),
    MenuLeaf(
        ("Approvals", QT_TRANSLATE_NOOP("menu", "My Requests")),
        "approvals.my_requests", Perm.APPROVAL_INBOX,
    ),
    MenuLeaf(
        ("Approvals", QT_TRANSLATE_NOOP("menu", "History")),
        "approvals.history", Perm.APPROVAL_INBOX,
    ),
    # Orders an approval chain copied me on (抄送我的), read only.
    MenuLeaf(
        ("Approvals", QT_TRANSLATE_NOOP("menu", "CC'd to Me")),
        "approvals.cc_me", Perm.APPROVAL_INBOX,
    ),
    MenuLeaf(
        (QT_TRANSLATE_NOOP("menu", "Message Center"), QT_TRANSLATE_NOOP("menu", "Message Records")),
        "messages.records", Perm.MESSAGE_RECORD_VIEW, (Perm.MESSAGE_RECORD_RESEND,),
    ),
    MenuLeaf(
        (QT_TRANSLATE_NOOP("menu", "Help Center"), QT_TRANSLATE_NOOP("menu", "Articles")),
        "help_center.articles", Perm.HELP_ARTICLE_VIEW, (*HELP_CENTER_FLOWS, Perm.HELP_ARTICLE_COPY),
    ),
    MenuLeaf(
        ("Help Center", QT_TRANSLATE_NOOP("menu", "Article Categories")),
        "help_center.categories", Perm.HELP_CATEGORY_MANAGE, (Perm.HELP_CATEGORY_MANAGE,),
    ),
    MenuLeaf(
        (QT_TRANSLATE_NOOP("menu", "Funds"), QT_TRANSLATE_NOOP("menu", "Public Funds"),
         QT_TRANSLATE_NOOP("menu", "Fund Clearing")),
        "funds.clearing", Perm.FUND_CLEARING_VIEW, (Perm.FUND_CLEARING_IMPORT, Perm.FUND_CLEARING_EXPLAIN, Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION,
                           Perm.FUND_CLEARING_CONFIRM_REDEMPTION),
    ),
    # 身份管理: users and roles, administered under four eyes (roles and grants are work orders).
    MenuLeaf(
        (QT_TRANSLATE_NOOP("menu", "Identity"), QT_TRANSLATE_NOOP("menu", "Users")),
        "identity.users", Perm.USER_ADMIN, USER_AND_ROLE_FLOWS,
    ),
    MenuLeaf(
        ("Identity", QT_TRANSLATE_NOOP("menu", "Roles")),
        "identity.roles", Perm.USER_ADMIN, USER_AND_ROLE_FLOWS,
    ),
    # 身份管理 › 審計日誌
    MenuLeaf(
        ("Identity", QT_TRANSLATE_NOOP("menu", "Audit Log")),
        "identity.audit_log", Perm.AUDIT_LOG_VIEW,
    ),
    # 身份管理 › 審批流程配置: who approves each work-order flow
    MenuLeaf(
        ("Identity", QT_TRANSLATE_NOOP("menu", "Approval Flow Settings")),
        "identity.approval_chains", Perm.APPROVAL_CHAIN_VIEW, (APPROVAL_CHAIN_FLOW,),
    ),
)


def visible_leaves(permissions: set[str] | frozenset[str], built_pages: set[str]) -> list[MenuLeaf]:
    """The leaves a user with ``permissions`` sees, among pages that exist, in menu order."""
    return [leaf for leaf in MENU if leaf.permission in permissions and leaf.page in built_pages]


def can_act(leaf: MenuLeaf, permissions: set[str] | frozenset[str]) -> bool:
    return any(code in permissions if not code.endswith(":") else any(p.startswith(code) for p in permissions)
               for code in leaf.acts)


def landing_page(permissions: set[str] | frozenset[str], built_pages: set[str]) -> str | None:
    """The page a user starts on: the first they can act on (a checker's Inbox, a maker's margin
    table), else the first they see; None when they see none."""
    leaves = visible_leaves(permissions, built_pages)
    first = next((leaf for leaf in leaves if can_act(leaf, permissions)), leaves[0] if leaves else None)
    return first.page if first is not None else None
