"""Error code (services/contract/errors.py, plus the client's own) → message for people.

Source texts are English and go through Qt's translation system (context ``errors``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.api_errors import ApiError
from services.contract.errors import ErrorCode

_MESSAGES: dict[str, str] = {
    ErrorCode.VALIDATION_ERROR: QT_TRANSLATE_NOOP("errors", "Some values are not valid. Please check the highlighted fields."),
    ErrorCode.NOT_AUTHENTICATED: QT_TRANSLATE_NOOP("errors", "You are not signed in. Please sign in again."),
    ErrorCode.TOKEN_EXPIRED: QT_TRANSLATE_NOOP("errors", "Your session has expired. Please sign in again."),
    ErrorCode.TOKEN_REVOKED: QT_TRANSLATE_NOOP("errors", "Your session has ended. Please sign in again."),
    ErrorCode.INVALID_CREDENTIALS: QT_TRANSLATE_NOOP("errors", "The username or password is incorrect."),
    ErrorCode.ACCOUNT_DISABLED: QT_TRANSLATE_NOOP("errors", "This account is disabled. Please contact your administrator."),
    ErrorCode.TOO_MANY_ATTEMPTS: QT_TRANSLATE_NOOP("errors", "Too many failed sign-ins. Please wait a few minutes and try again."),
    ErrorCode.PERMISSION_DENIED: QT_TRANSLATE_NOOP("errors", "You do not have permission to do this."),
    ErrorCode.NOT_FOUND: QT_TRANSLATE_NOOP("errors", "The requested item was not found. It may have been removed."),
    ErrorCode.METHOD_NOT_ALLOWED: QT_TRANSLATE_NOOP("errors", "The server does not support this action."),
    ErrorCode.INVALID_CURSOR: QT_TRANSLATE_NOOP("errors", "The list changed while it was being read. Please refresh."),
    ErrorCode.CONFLICT: QT_TRANSLATE_NOOP("errors", "Someone else changed this item first. Please refresh and try again."),
    ErrorCode.REQUEST_TOO_LARGE: QT_TRANSLATE_NOOP("errors", "This is more than the server accepts in one request."),
    ErrorCode.DATABASE_UNAVAILABLE: QT_TRANSLATE_NOOP("errors", "The server's database is unavailable. Please try again later."),
    ErrorCode.SCHEMA_NOT_CURRENT: QT_TRANSLATE_NOOP("errors", "The server's database has not been upgraded to this version yet. Please ask your administrator."),
    ErrorCode.INTERNAL_ERROR: QT_TRANSLATE_NOOP("errors", "The server hit an unexpected error. Please try again later."),
    ErrorCode.MAKER_CANNOT_DECIDE: QT_TRANSLATE_NOOP("errors", "You submitted this work order; another person must approve or reject it."),
    ErrorCode.ALREADY_DECIDED: QT_TRANSLATE_NOOP("errors", "You already decided a level of this work order; another approver must decide this one."),
    ErrorCode.DECISION_LEVEL_MOVED: QT_TRANSLATE_NOOP("errors", "Someone else decided this level of the work order first. Please refresh to see the level it awaits now."),
    ErrorCode.NOT_PENDING: QT_TRANSLATE_NOOP("errors", "This work order is no longer pending. Please refresh."),
    ErrorCode.SETTING_NOT_PENDING: QT_TRANSLATE_NOOP("errors", "This setting record has already taken effect or been revoked. Please refresh."),
    ErrorCode.NOT_RESUBMITTABLE: QT_TRANSLATE_NOOP("errors", "Only a rejected or stale work order can be resubmitted."),
    ErrorCode.COMMENT_REQUIRED: QT_TRANSLATE_NOOP("errors", "Please give a reason for the rejection."),
    ErrorCode.UNKNOWN_FLOW: QT_TRANSLATE_NOOP("errors", "The server does not know this approval flow."),
    ErrorCode.IDEMPOTENCY_KEY_REQUIRED: QT_TRANSLATE_NOOP("errors", "The request was sent without its retry key; please try again."),
    ErrorCode.IDEMPOTENCY_KEY_REUSED: QT_TRANSLATE_NOOP("errors", "This submission clashes with an earlier, different one. Please submit it again."),
    ErrorCode.TARGET_LOCKED: QT_TRANSLATE_NOOP("errors", "This item is already awaiting approval in another work order."),
    ErrorCode.NOT_RESENDABLE: QT_TRANSLATE_NOOP("errors", "This message holds a one-time code and is never sent twice."),
    ErrorCode.CHANNEL_NOT_RESENDABLE: QT_TRANSLATE_NOOP("errors", "Only SMS and Email messages can be resent; this one went by another channel."),
    ErrorCode.RESEND_LIMIT: QT_TRANSLATE_NOOP("errors", "This message was resent too often recently. Please wait before trying again."),
    ErrorCode.EXPORT_TOO_LARGE: QT_TRANSLATE_NOOP("errors", "Too many rows to export at once. Narrow the filter, for example by date, and export again."),
    ErrorCode.TARGET_CHANGED: QT_TRANSLATE_NOOP("errors", "An item changed after this was drafted. Compare and choose before submitting again."),
    ErrorCode.RULE_VIOLATION: QT_TRANSLATE_NOOP("errors", "The change breaks a rule; see the highlighted fields."),
    ErrorCode.ONLY_MAKER_WITHDRAWS: QT_TRANSLATE_NOOP("errors", "Only the person who submitted a work order can withdraw it."),
    ErrorCode.NOT_AN_APPROVER: QT_TRANSLATE_NOOP("errors", "You are not an approver of this level of the work order; its approval chain names who decides it."),
    ErrorCode.TRANSFER_TARGET_NOT_ELIGIBLE: QT_TRANSLATE_NOOP("errors", "This person cannot take your place on this work order. Please choose someone from the list."),
    ErrorCode.DELEGATION_NOT_ACTIVE: QT_TRANSLATE_NOOP("errors", "This delegation has already ended or been revoked. Please refresh."),
    ErrorCode.NO_APPROVER: QT_TRANSLATE_NOOP("errors", "Nobody but you could approve this: a level of its approval chain names no other active person. Ask an administrator to change the chain."),
    ErrorCode.FUND_CONFIRMATION_INVALID: QT_TRANSLATE_NOOP("errors", "The confirmation file has errors; nothing was imported. See the rows listed."),
    ErrorCode.FUND_NO_CONFIRMATION: QT_TRANSLATE_NOOP("errors", "No confirmation from the fund house has been imported for this batch yet."),
    ErrorCode.FUND_UNEXPLAINED_LINES: QT_TRANSLATE_NOOP("errors", "Some lines of this side differ and are not explained yet. Explain each one before confirming."),
    ErrorCode.FUND_SIDE_CONFIRMED: QT_TRANSLATE_NOOP("errors", "This side of the batch is already confirmed and can no longer change."),
    ErrorCode.FUND_LINE_MATCHED: QT_TRANSLATE_NOOP("errors", "This line matches the confirmation; it needs no explanation."),
    ErrorCode.FUND_BEYOND_LIMIT: QT_TRANSLATE_NOOP("errors", "Some lines differ by the fund's difference limit or more; no explanation lets them through. Import a corrected confirmation."),
    ErrorCode.FUND_SETTLEMENT_OUT_OF_ORDER: QT_TRANSLATE_NOOP("errors", "This settlement step is out of order."),
    ErrorCode.PASSWORD_CHANGE_REQUIRED: QT_TRANSLATE_NOOP("errors", "Choose your own password first: you signed in with a one-time password."),
    ErrorCode.USERNAME_TAKEN: QT_TRANSLATE_NOOP("errors", "This username is taken, perhaps by a disabled user. Choose another."),
    ErrorCode.OWN_ACCOUNT: QT_TRANSLATE_NOOP("errors", "Another administrator must do this for your own account."),
    ErrorCode.LAST_ADMINISTRATOR: QT_TRANSLATE_NOOP("errors", "This is the last active administrator: make another administrator first."),
    ErrorCode.SELF_GRANT: QT_TRANSLATE_NOOP("errors", "Nobody grants themselves rights: another administrator must request or decide this."),
    # Raised by the client itself (ApiClient), never sent by the backend.
    "network": QT_TRANSLATE_NOOP("errors", "Cannot reach the server. Check the network connection and the server address."),
    "timeout": QT_TRANSLATE_NOOP("errors", "The server did not answer in time. Please try again."),
    "tls": QT_TRANSLATE_NOOP("errors", "The server's certificate could not be verified. Check the server address, or ask your administrator for the server's CA certificate (--ca-file)."),
}

_UNEXPECTED = QT_TRANSLATE_NOOP("errors", "An unexpected error occurred.")
_UNKNOWN_CODE = QT_TRANSLATE_NOOP("errors", "The server reported an error (%1).")

# Codes after which the only way forward is to sign in again.
SESSION_ENDED_CODES = frozenset({ErrorCode.NOT_AUTHENTICATED, ErrorCode.TOKEN_EXPIRED,
                                 ErrorCode.TOKEN_REVOKED})


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def message_for(exc: BaseException) -> str:
    """A translated sentence for ``exc``; unknown codes still name the code for support."""
    if isinstance(exc, ApiError):
        text = _MESSAGES.get(exc.code)
        if text is not None:
            return _tr(text)
        return _tr(_UNKNOWN_CODE).replace("%1", exc.code)
    return _tr(_UNEXPECTED)


def ends_session(exc: BaseException) -> bool:
    return isinstance(exc, ApiError) and exc.code in SESSION_ENDED_CODES
