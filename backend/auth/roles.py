"""The roles of DOMAIN.md and the permission codes each grants: the seed of the roles table.

A role of ROLES that the database lacks is inserted at start with these permissions; an existing
one keeps what administrators made of it (Identity › Roles, under four eyes). Only the built-in
administrator role (ADMIN_ROLE) follows the code at every start: every permission code there is.

A role's ``approval.decide:<flow>`` codes put it on the first level of the flow's starting approval
chain (backend/approval_chains/seed.py); afterwards the chain, not the code, says who decides.
"""

from dataclasses import dataclass

from services.contract.flows import HELP_CENTER_FLOWS, RISK_CREDIT_FLOWS
from services.contract.identity import ADMIN_ROLE
from services.contract.permission_areas import all_permission_codes
from services.contract.permissions import Perm, decide_permission

_RISK_VIEWS = (
    Perm.STOCK_MARGIN_VIEW, Perm.SHORT_SELL_MARGIN_VIEW, Perm.INTRADAY_MARGIN_VIEW,
    Perm.DAY_TRADE_TIME_VIEW, Perm.MARGIN_SETTING_VIEW,
)
_MARGIN_CALL = (Perm.MARGIN_CALL_QUERY, Perm.MARGIN_CALL_AUTO_CONVERT_QUERY)
# Whoever sets margins syncs or cancels their dated settings (the manual's 設置記錄); checkers read them.
_SETTING_ACTIONS = (Perm.MARGIN_SETTING_APPLY, Perm.MARGIN_SETTING_REVOKE)


@dataclass(frozen=True)
class RoleDef:
    code: str
    name_en: str
    name_zh: str
    permissions: tuple[str, ...]


ROLES: tuple[RoleDef, ...] = (
    RoleDef("ops_maker", "Operations maker", "營運經辦",
            (*_MARGIN_CALL, *_RISK_VIEWS, *_SETTING_ACTIONS, Perm.CREDIT_DRAFT, Perm.APPROVAL_INBOX,
             *RISK_CREDIT_FLOWS)),
    RoleDef("risk_checker", "Risk checker", "風控覆核",
            (*_MARGIN_CALL, *_RISK_VIEWS, Perm.APPROVAL_INBOX,
             *(decide_permission(f) for f in RISK_CREDIT_FLOWS))),
    RoleDef("customer_service", "Customer service", "客戶服務",
            (Perm.MARGIN_CALL_AUTO_CONVERT_QUERY, Perm.MESSAGE_RECORD_VIEW, Perm.MESSAGE_RECORD_RESEND)),
    RoleDef("content_editor", "Content editor", "內容編輯",
            (Perm.HELP_ARTICLE_VIEW, Perm.HELP_ARTICLE_COPY, Perm.HELP_CATEGORY_MANAGE, Perm.APPROVAL_INBOX,
             *HELP_CENTER_FLOWS)),
    RoleDef("content_approver", "Content approver", "內容審批",
            (Perm.HELP_ARTICLE_VIEW, Perm.APPROVAL_INBOX,
             *(decide_permission(f) for f in HELP_CENTER_FLOWS))),
    RoleDef("fund_ops", "Fund operations", "基金營運",
            (Perm.FUND_CLEARING_VIEW, Perm.FUND_CLEARING_IMPORT, Perm.FUND_CLEARING_EXPLAIN,
             Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION, Perm.FUND_CLEARING_CONFIRM_REDEMPTION,
             Perm.FUND_CLEARING_SUBSCRIPTION_DELIVERY, Perm.FUND_CLEARING_REDEMPTION_UNITS_DELIVERY,
             Perm.FUND_CLEARING_REDEMPTION_CASH_DELIVERY)),
    # Every code: each Perm, each flow's submit and decide permission (identity's included).
    RoleDef(ADMIN_ROLE, "Administrator", "系統管理員", all_permission_codes()),
)


@dataclass(frozen=True)
class DemoUserDef:
    username: str
    password: str
    display_name: str
    roles: tuple[str, ...]


# Documented demo passwords; created only by the embedded default's demo data.
DEMO_USERS: tuple[DemoUserDef, ...] = (
    DemoUserDef("maker", "maker-demo", "Carmen Chan 陳嘉敏", ("ops_maker",)),
    DemoUserDef("checker", "checker-demo", "Kelvin Wong 黃家豪", ("risk_checker",)),
    DemoUserDef("checker2", "checker2-demo", "Grace Lam 林詠詩", ("risk_checker",)),
    DemoUserDef("service", "service-demo", "Peter Ho 何志明", ("customer_service",)),
    DemoUserDef("editor", "editor-demo", "Mandy Leung 梁美玲", ("content_editor",)),
    DemoUserDef("publisher", "publisher-demo", "Jason Yip 葉俊傑", ("content_approver",)),
    DemoUserDef("funds", "funds-demo", "Vivian Tsang 曾曉彤", ("fund_ops",)),
    DemoUserDef("admin", "admin-demo", "Admin 系統管理員", ("admin",)),
    # A second administrator: identity changes (roles, users, approval chains) need four eyes too.
    DemoUserDef("admin2", "admin2-demo", "Sandy Chow 周珊珊", ("admin",)),
)
