"""Imports every table so Alembic and the metadata see the whole schema."""

from backend.approval_chains.models import ApprovalChain  # noqa: F401
from backend.approval_delegations.models import ApprovalDelegation  # noqa: F401
from backend.audit.models import AuditEvent  # noqa: F401
from backend.auth.models import AuthToken, Role, RolePermission, ServerSecret, User, UserRole  # noqa: F401
from backend.db.base import Base  # noqa: F401
from backend.funds.models import (  # noqa: F401
    ClearingBatch,
    ConfirmationImport,
    ConfirmationLine,
    LineExplanation,
    PublicFund,
    RedemptionOrder,
    SideConfirmation,
    SubscriptionOrder,
)
from backend.help_center.models import ArticleRevision, HelpArticle, HelpCategory  # noqa: F401
from backend.margin_call.models import (  # noqa: F401
    Account,
    AutoConvertCurrency,
    AutoConvertEnrolment,
    Balance,
    BorrowRate,
)
from backend.messages.models import DeliveryAttempt, MessageRecord, MessageTemplate  # noqa: F401
from backend.risk.models import DayTradeWindowRow  # noqa: F401
from backend.work_orders.models import (  # noqa: F401
    ReturnedSeen,
    WorkOrder,
    WorkOrderCc,
    WorkOrderDecision,
    WorkOrderLevel,
    WorkOrderLevelApprover,
    WorkOrderLock,
    WorkOrderTarget,
    WorkOrderTransfer,
)
