"""The work-order flows: one row per flow, its id spelled exactly as in the 2024-09-23 changelog.

The backend's flow catalogue (apply handlers) and approval chains build on these ids; the submit
permission of a flow is its id; ``approval.decide:<id>`` seeds its first approval chain. A row's
English name is the source text people read, translated through Qt (context ``flows``: the
desktop shows ``QCoreApplication.translate("flows", row.name_en)``); the Traditional Chinese
words, the changelog's own, live in resources/translations/opsdesk_zh_Hant.ts (the backend reads
them there: services/contract/flow_names.py). Every other table of flows here (ALL_FLOWS,
RISK_CREDIT_FLOWS, HELP_CENTER_FLOWS, IDENTITY_FLOWS, MARGIN_FLOW_IDS, MARGIN_TARGET_PREFIX) is
derived from FLOWS.
"""

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from services.contract.help_center import ArticleEditPayload, ArticleReorderPayload, ArticleTargetPayload
from services.contract.identity import (
    APPROVAL_CHAIN_FLOW,
    ROLE_UPDATE_FLOW,
    USER_UPDATE_FLOW,
    ApprovalChainPayload,
    RoleUpdatePayload,
    UserUpdatePayload,
)
from services.contract.schemas import (
    DayTradeWindowIn,
    IntradayMarginIn,
    IntradayMarginUpload,
    LongMarginIn,
    LongMarginUpload,
    ShortMarginEdits,
    ShortMarginUpload,
    SymbolIn,
    SymbolsIn,
)

TRANSLATION_CONTEXT = "flows"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name recognised by lupdate
    """Marks ``text`` for extraction by pyside6-lupdate without importing Qt here."""
    return text


class MarginKind(StrEnum):
    """The three margin tables of Risk › Credit."""

    LONG = "long"
    SHORT = "short"
    INTRADAY = "intraday"

    @property
    def target_prefix(self) -> str:
        """The work-order target of a margin row is "<prefix>:<symbol>", one prefix per table."""
        return _TARGET_PREFIXES[self]


_TARGET_PREFIXES = {MarginKind.LONG: "stock_margin", MarginKind.SHORT: "short_margin",
                    MarginKind.INTRADAY: "intraday_margin"}


class MarginAction(StrEnum):
    """What a margin flow does to its table; declared in the order the pages offer them."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    BATCH_DELETE = "batch_delete"
    UPLOAD = "upload"


@dataclass(frozen=True)
class Flow:
    id: str
    name_en: str  # Qt's source text (context "flows"); the backend's name where it needs one
    # The pydantic models its payload is one of (help_center.article.update: an edit or a reorder).
    payload_models: tuple[type[BaseModel], ...]
    margin_kind: MarginKind | None = None  # the margin table it changes, with ``margin_action``
    margin_action: MarginAction | None = None

    @property
    def area(self) -> str:
        """The id without its last part: "risk.credit" or "help_center.article"."""
        return self.id.rsplit(".", 1)[0]


def _margin(flow_id: str, name_en: str, payload: type[BaseModel], kind: MarginKind, action: MarginAction) -> Flow:
    return Flow(flow_id, name_en, (payload,), kind, action)


_LONG, _SHORT, _INTRADAY = MarginKind.LONG, MarginKind.SHORT, MarginKind.INTRADAY
_A = MarginAction

# In the changelog's order: the 13 risk flows, then the four help-center ones; then identity
# administration's (身份管理), decided by a second administrator.
FLOWS: tuple[Flow, ...] = (
    _margin("risk.credit.upload_stock_margin_ratio", QT_TRANSLATE_NOOP("flows", "Upload long stock margin"),
            LongMarginUpload, _LONG, _A.UPLOAD),
    _margin("risk.credit.update_stock_margin_task", QT_TRANSLATE_NOOP("flows", "Edit long stock margin"),
            LongMarginIn, _LONG, _A.UPDATE),
    _margin("risk.credit.create_stock_margin_task", QT_TRANSLATE_NOOP("flows", "Create long stock margin"),
            LongMarginIn, _LONG, _A.CREATE),
    _margin("risk.credit.batch_delete_stock_margin_ratio",
            QT_TRANSLATE_NOOP("flows", "Batch delete long stock margin"), SymbolsIn, _LONG, _A.BATCH_DELETE),
    _margin("risk.credit.delete_stock_margin_ratio", QT_TRANSLATE_NOOP("flows", "Delete long stock margin"),
            SymbolIn, _LONG, _A.DELETE),
    _margin("risk.credit.upload_short_sell_stock_margin_ratio",
            QT_TRANSLATE_NOOP("flows", "Upload short-sell stock margin"), ShortMarginUpload, _SHORT, _A.UPLOAD),
    _margin("risk.credit.update_short_sell_stock_margin_ratios",
            QT_TRANSLATE_NOOP("flows", "Edit short-sell stock margin"), ShortMarginEdits, _SHORT, _A.UPDATE),
    Flow("risk.credit.set_day_trade_time_config", QT_TRANSLATE_NOOP("flows", "Set day-trade window"),
         (DayTradeWindowIn,)),
    _margin("risk.credit.upload_intraday_stock_margin_ratio", QT_TRANSLATE_NOOP("flows", "Upload intraday margin"),
            IntradayMarginUpload, _INTRADAY, _A.UPLOAD),
    _margin("risk.credit.create_intraday_stock_margin_task", QT_TRANSLATE_NOOP("flows", "Create intraday margin"),
            IntradayMarginIn, _INTRADAY, _A.CREATE),
    _margin("risk.credit.batch_delete_intraday_stock_margin_ratio",
            QT_TRANSLATE_NOOP("flows", "Batch delete intraday margin"), SymbolsIn, _INTRADAY, _A.BATCH_DELETE),
    _margin("risk.credit.delete_intraday_stock_margin_ratio", QT_TRANSLATE_NOOP("flows", "Delete intraday margin"),
            SymbolIn, _INTRADAY, _A.DELETE),
    _margin("risk.credit.update_intraday_stock_margin_task", QT_TRANSLATE_NOOP("flows", "Edit intraday margin"),
            IntradayMarginIn, _INTRADAY, _A.UPDATE),
    Flow("help_center.article.update", QT_TRANSLATE_NOOP("flows", "Edit article"),
         (ArticleEditPayload, ArticleReorderPayload)),
    Flow("help_center.article.delete", QT_TRANSLATE_NOOP("flows", "Delete article"), (ArticleTargetPayload,)),
    Flow("help_center.article.hide", QT_TRANSLATE_NOOP("flows", "Hide article"), (ArticleTargetPayload,)),
    Flow("help_center.article.show", QT_TRANSLATE_NOOP("flows", "Show article"), (ArticleTargetPayload,)),
    Flow(APPROVAL_CHAIN_FLOW, QT_TRANSLATE_NOOP("flows", "Change approval chain"), (ApprovalChainPayload,)),
    Flow(USER_UPDATE_FLOW, QT_TRANSLATE_NOOP("flows", "Change user roles"), (UserUpdatePayload,)),
    Flow(ROLE_UPDATE_FLOW, QT_TRANSLATE_NOOP("flows", "Change role"), (RoleUpdatePayload,)),
)

FLOWS_BY_ID: dict[str, Flow] = {flow.id: flow for flow in FLOWS}

ALL_FLOWS: tuple[str, ...] = tuple(FLOWS_BY_ID)
RISK_CREDIT_FLOWS: tuple[str, ...] = tuple(f.id for f in FLOWS if f.area == "risk.credit")
HELP_CENTER_FLOWS: tuple[str, ...] = tuple(f.id for f in FLOWS if f.area == "help_center.article")
# Identity administration's (身份管理): approval chains, users' roles and roles' permissions.
IDENTITY_FLOWS: tuple[str, ...] = tuple(f.id for f in FLOWS if f.id.startswith("identity."))
# Of those, the changes of users and roles (Identity › Users and Roles show and diff them).
USER_AND_ROLE_FLOWS: tuple[str, ...] = (USER_UPDATE_FLOW, ROLE_UPDATE_FLOW)

# The flow of each action on each margin table, actions in MarginAction's order; an action a table
# lacks has no flow (the seed has only upload and update for short-sell rows).
MARGIN_FLOW_IDS: dict[str, dict[str, str]] = {
    kind.value: {action.value: f.id for action in MarginAction for f in FLOWS
                 if f.margin_kind == kind and f.margin_action == action}
    for kind in MarginKind
}

# The work-order target of a margin row is "<prefix>:<symbol>", one prefix per table.
MARGIN_TARGET_PREFIX: dict[str, str] = {f.margin_kind.value: f.margin_kind.target_prefix for f in FLOWS
                                         if f.margin_kind is not None}


def flow(flow_id: str) -> Flow | None:
    """The row of ``flow_id``; None for an id this build does not know."""
    return FLOWS_BY_ID.get(flow_id)
