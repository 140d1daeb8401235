"""身份管理 (identity administration): approval chains, users and roles, as the HTTP shapes and the
work-order payloads of its three flows.

Who approves a flow is data (審批流程配置, the broker manual's 15.1): per flow, one or more levels,
each naming approvers as roles and/or people, decided by one of them (或簽, ``any``) or by all of
them (會簽, ``all``); CC people or roles (抄送人) who see the order but do not decide; and stricter
chains chosen by a condition on the payload. A default chain (``flow`` None) applies where a flow has
none; with no chain at all, orders go to the administrators. Every change of a chain, of a user's
roles, or of a role's permissions is a work order decided by a second administrator; creating,
disabling, enabling a user and resetting a password are direct actions, audited.
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

APPROVAL_CHAIN_FLOW = "identity.approval_chain.update"
USER_UPDATE_FLOW = "identity.user.update"
ROLE_UPDATE_FLOW = "identity.role.update"

# The role every order goes to when no chain applies (the manual's 超級管理員); never editable.
ADMIN_ROLE = "admin"

# The default chain's key where a flow id would stand: its work-order target
# (``approval_chain:*default*``) and its versions' path.
DEFAULT_CHAIN_KEY = "*default*"

APPROVAL_CHAINS_PATH = "/approval-chains"  # GET → ApprovalChainsOut
APPROVAL_CHAIN_VERSIONS_PATH = APPROVAL_CHAINS_PATH + "/{flow}/versions"  # GET → list[ApprovalChainVersionOut]
APPROVAL_CHAIN_PEOPLE_PATH = APPROVAL_CHAINS_PATH + "/people"  # GET → ChainPeopleOut

NOTE_MAX = 500  # a maker's note to the deciding administrator

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]

# --- users and roles over HTTP (backend/identity/routes.py), all under ``admin.users`` -----------
# Users: GET → list[IdentityUserOut]; POST UserCreateIn → OneTimePasswordOut (201). Roles come by
# a work order of USER_UPDATE_FLOW only, never with the user.
IDENTITY_USERS_PATH = "/identity/users"
# POST → IdentityUserOut: disabling ends every session of the user at once.
USER_DISABLE_PATH = "/identity/users/{username}/disable"
USER_ENABLE_PATH = "/identity/users/{username}/enable"
# POST → OneTimePasswordOut: every session of the user ends; the next sign-in must change it.
USER_RESET_PASSWORD_PATH = "/identity/users/{username}/reset-password"
IDENTITY_ROLES_PATH = "/identity/roles"  # GET → list[RoleOut]
IDENTITY_PERMISSIONS_PATH = "/identity/permissions"  # GET → list[PermissionAreaOut], for the role editor

# What a username may be: lower case letters and digits, then also ".", "_" or "-" (3 to 64).
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,63}$"
DISPLAY_NAME_MAX = 128
NOTE_MAX = 500  # a work order's note to the deciding administrator


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApprovalMode(StrEnum):
    ANY = "any"  # 或簽: one approver of the level decides it
    ALL = "all"  # 會簽: every approver of the level must approve


class Approvers(_Payload):
    """People (usernames) and roles (codes); a person in both counts once."""

    roles: list[Code] = Field(default_factory=list, max_length=50)
    users: list[Code] = Field(default_factory=list, max_length=200)


class ChainLevel(_Payload):
    approvers: Approvers
    mode: ApprovalMode = ApprovalMode.ANY


class ConditionKind(StrEnum):
    # The payload names more than ``value`` rows (an upload's rows, a batch delete's symbols).
    ROWS_ABOVE = "rows_above"
    # Some row's initial margin (IM) goes down by more than ``value`` percentage points against
    # the live row the order replaces (the order's snapshot).
    IM_LOWERED_BY_MORE_THAN = "im_lowered_by_more_than"


class ChainCondition(_Payload):
    kind: ConditionKind
    value: Decimal = Field(ge=0, max_digits=12, decimal_places=4)


class StricterChain(_Payload):
    """Levels that replace the chain's own when ``condition`` holds; the first that holds wins."""

    condition: ChainCondition
    levels: list[ChainLevel] = Field(min_length=1, max_length=10)


class ChainSpec(_Payload):
    levels: list[ChainLevel] = Field(min_length=1, max_length=10)
    cc: Approvers = Field(default_factory=Approvers)
    stricter: list[StricterChain] = Field(default_factory=list, max_length=10)


class ApprovalChainPayload(_Payload):
    """The work order of ``identity.approval_chain.update``: ``flow`` None is the default chain;
    ``chain`` None removes a flow's own chain (the default applies again)."""

    flow: Code | None = None
    chain: ChainSpec | None
    # Why the chain changes, for the administrator who decides it; the chain itself ignores it.
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=NOTE_MAX)] | None = None


class UserUpdatePayload(_Payload):
    """The work order of ``identity.user.update``: a user's roles (the whole new set)."""

    username: Code
    roles: list[Code] = Field(max_length=50)
    note: str | None = Field(None, max_length=NOTE_MAX)  # why, for the deciding administrator


class RoleUpdatePayload(_Payload):
    """The work order of ``identity.role.update``: a role created or changed (the whole new set of
    permission codes, and its names in both languages)."""

    code: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{1,63}$")]
    name_en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
    name_zh: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
    permissions: list[Code] = Field(max_length=500)
    note: str | None = Field(None, max_length=NOTE_MAX)  # why, for the deciding administrator


class _Http(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class IdentityUserOut(_Http):
    username: str
    display_name: str
    active: bool
    roles: list[str]  # role codes, sorted
    created_at: datetime
    last_sign_in_at: datetime | None
    must_change_password: bool  # a one-time password is still unchanged
    version: int  # the work-order target ``user:<username>`` is at this version
    pending_work_order_id: int | None = None  # a roles work order awaiting its decision


class UserCreateIn(_Http):
    """A new user; the rules of the fields (USERNAME_PATTERN, a display name that is not blank)
    are the backend's, refused 422 rule_violation naming the field."""

    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=200)
    display_name: str = Field(max_length=500)


class OneTimePasswordOut(_Http):
    """Shown once: the backend keeps only its hash. The user must change it at the first sign-in."""

    user: IdentityUserOut
    one_time_password: str


class RoleOut(_Http):
    code: str
    name_en: str
    name_zh: str
    permissions: list[str]  # in the order of services.contract.permission_areas.all_permission_codes
    user_count: int  # active and disabled users holding it
    built_in: bool  # the administrator role: every permission, never edited
    version: int  # the work-order target ``role:<code>`` is at this version
    pending_work_order_id: int | None = None  # a change of the role awaiting its decision


class PermissionAreaOut(_Http):
    area: str  # a menu root's English label (translated in context "menu"), or "System"
    permissions: list[str]


def user_target(username: str) -> str:
    """The work-order target of a user's roles."""
    return f"user:{username}"


def role_target(code: str) -> str:
    """The work-order target of a role's names and permissions."""
    return f"role:{code}"


def chain_key(flow: str | None) -> str:
    """The key of a flow's chain, or of the default chain (``flow`` None)."""
    return DEFAULT_CHAIN_KEY if flow is None else flow


def chain_flow(key: str) -> str | None:
    """The flow of a chain key; None for the default chain."""
    return None if key == DEFAULT_CHAIN_KEY else key


class ApprovalChainOut(BaseModel):
    """A flow's chain as it stands (``flow`` None: the default chain). ``version`` None: never
    configured; ``chain`` None: none of its own, so the default chain (or the administrators)
    decide its orders."""

    flow: str | None
    area: str | None  # the flow id without its last part ("risk.credit"), as 審批流程配置 groups them
    name_en: str | None  # the flow's English name (services/contract/flows.py), translated by the desktop
    version: int | None
    chain: ChainSpec | None
    # The work order changing this chain now, if any: a chain has one pending change at a time.
    pending_order_id: int | None = None


class ApprovalChainsOut(BaseModel):
    default: ApprovalChainOut
    flows: list[ApprovalChainOut]


class ApprovalChainVersionOut(BaseModel):
    """One version of a chain; ``chain`` None: the version that removed it."""

    version: int
    chain: ChainSpec | None
    created_at: datetime
    work_order_id: int | None  # the order that made it; None for the chain the system started with
    maker_name: str | None = None  # who asked for it (the order's maker)
    approver_names: list[str] = Field(default_factory=list)  # who approved that order, level by level


class ChainPersonOut(BaseModel):
    """An active user, as the chain editor's people picker offers them."""

    username: str
    display_name: str
    roles: list[str]


class ChainRoleOut(BaseModel):
    code: str
    name_en: str
    name_zh: str


class ChainPeopleOut(BaseModel):
    """Who a chain may name: the active users and every role, with its names in both languages."""

    users: list[ChainPersonOut]
    roles: list[ChainRoleOut]


# --- transfer (轉交) and delegation while away (委託審批) -------------------------------------------

APPROVAL_DELEGATIONS_PATH = "/approval-delegations"  # GET → list[ApprovalDelegationOut]; POST ApprovalDelegationIn
APPROVAL_DELEGATION_REVOKE_PATH = APPROVAL_DELEGATIONS_PATH + "/{delegation_id}/revoke"  # POST → ApprovalDelegationOut
DELEGATION_MAX_DAYS = 90
DELEGATION_MAX_LEAD_DAYS = 365  # a delegation starts within a year


class TransferRefusal(StrEnum):
    """Why a person may not take an approver's seat (the ``code`` of the 422's error on ``to``)."""

    UNKNOWN = "unknown"
    INACTIVE = "inactive"
    MAKER = "maker"
    ALREADY_APPROVER = "already_approver"  # already on this level (or handed it on before)
    DECIDED_OTHER_LEVEL = "decided_other_level"  # one person decides at most one level of an order
    CANNOT_APPROVE = "cannot_approve"  # holds no approvals inbox (approval.inbox)


class ApprovalDelegationIn(BaseModel):
    """A delegation from me to ``to`` for [starts_at, ends_at), at most DELEGATION_MAX_DAYS long;
    ``flows`` None: every flow."""

    model_config = ConfigDict(extra="forbid")

    to: str = Field(min_length=1, max_length=64, description="the username of the delegate")
    starts_at: AwareDatetime  # with its UTC offset: a wall time without one is ambiguous
    ends_at: AwareDatetime
    flows: list[Annotated[str, Field(min_length=1, max_length=80)]] | None = Field(default=None, min_length=1,
                                                                                 max_length=200)


class DelegationState(StrEnum):
    SCHEDULED = "scheduled"  # starts later
    ACTIVE = "active"
    ENDED = "ended"
    REVOKED = "revoked"


class ApprovalDelegationOut(BaseModel):
    id: int
    from_id: int
    from_username: str
    from_name: str
    to_id: int
    to_username: str
    to_name: str
    starts_at: datetime
    ends_at: datetime
    flows: list[str] | None
    created_at: datetime
    revoked_at: datetime | None
    state: DelegationState  # by the backend's clock when read
