"""Stable error codes carried in problem+json bodies (RFC 9457 plus ``code``).

The client maps each code to a translated message; never rename a code, add new ones.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    VALIDATION_ERROR = "validation_error"
    NOT_AUTHENTICATED = "not_authenticated"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_REVOKED = "token_revoked"
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_DISABLED = "account_disabled"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INVALID_CURSOR = "invalid_cursor"
    CONFLICT = "conflict"
    DATABASE_UNAVAILABLE = "database_unavailable"
    SCHEMA_NOT_CURRENT = "schema_not_current"  # the database is not at this version's migration (/health/ready)
    REQUEST_TOO_LARGE = "request_too_large"
    # work orders
    MAKER_CANNOT_DECIDE = "maker_cannot_decide"
    ALREADY_DECIDED = "already_decided"
    DECISION_LEVEL_MOVED = "decision_level_moved"
    NOT_PENDING = "work_order_not_pending"
    SETTING_NOT_PENDING = "setting_not_pending"
    NOT_RESUBMITTABLE = "work_order_not_resubmittable"
    COMMENT_REQUIRED = "comment_required"
    ONLY_MAKER_WITHDRAWS = "only_maker_withdraws"
    NOT_AN_APPROVER = "not_an_approver"  # not among the approvers of the level decided
    NO_APPROVER = "no_approver"  # a level of the approval chain names nobody who could decide it
    # 轉交 to someone who may not take the seat; ``errors`` names the reason (TransferRefusal)
    TRANSFER_TARGET_NOT_ELIGIBLE = "transfer_target_not_eligible"
    DELEGATION_NOT_ACTIVE = "delegation_not_active"  # revoking one already revoked or ended
    UNKNOWN_FLOW = "unknown_flow"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    TARGET_LOCKED = "target_locked"
    TARGET_CHANGED = "target_changed"
    NOT_RESENDABLE = "not_resendable"
    CHANNEL_NOT_RESENDABLE = "channel_not_resendable"
    RESEND_LIMIT = "resend_limit_reached"
    EXPORT_TOO_LARGE = "export_too_large"
    RULE_VIOLATION = "rule_violation"
    INTERNAL_ERROR = "internal_error"
    # fund clearing
    FUND_CONFIRMATION_INVALID = "fund_confirmation_invalid"
    FUND_NO_CONFIRMATION = "fund_no_confirmation"
    FUND_UNEXPLAINED_LINES = "fund_unexplained_lines"
    FUND_SIDE_CONFIRMED = "fund_side_confirmed"
    FUND_LINE_MATCHED = "fund_line_matched"
    FUND_BEYOND_LIMIT = "fund_beyond_limit"
    FUND_SETTLEMENT_OUT_OF_ORDER = "fund_settlement_out_of_order"
    # identity administration
    PASSWORD_CHANGE_REQUIRED = "password_change_required"  # a one-time password: change it first
    USERNAME_TAKEN = "username_taken"
    OWN_ACCOUNT = "own_account"  # an administrator's own account is not theirs to disable or reset
    LAST_ADMINISTRATOR = "last_administrator"  # the last active administrator keeps the role and stays
    SELF_GRANT = "self_grant"  # nobody grants themselves rights, as maker or as decider
