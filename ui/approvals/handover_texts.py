"""The reasons the backend gives for a refused transfer, CC or delegation (the ``code`` of the field
it names), in the user's language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.api_client import ApiError

_REASONS = {
    "unknown": QT_TRANSLATE_NOOP("HandoverTexts", "There is no such user."),
    "inactive": QT_TRANSLATE_NOOP("HandoverTexts", "This person's account is disabled."),
    "maker": QT_TRANSLATE_NOOP("HandoverTexts", "This person submitted the work order and can never decide it."),
    "already_approver": QT_TRANSLATE_NOOP("HandoverTexts", "This person is already an approver of this level."),
    "decided_other_level": QT_TRANSLATE_NOOP("HandoverTexts",
                                             "This person decided another level; one person decides one level."),
    "cannot_approve": QT_TRANSLATE_NOOP("HandoverTexts", "This person has no approvals inbox."),
    "self": QT_TRANSLATE_NOOP("HandoverTexts", "You cannot delegate to yourself."),
    "not_after_start": QT_TRANSLATE_NOOP("HandoverTexts", "The delegation must end after it starts."),
    "too_long": QT_TRANSLATE_NOOP("HandoverTexts", "A delegation lasts at most 90 days."),
    "in_the_past": QT_TRANSLATE_NOOP("HandoverTexts", "The delegation must end in the future."),
    "unknown_flow": QT_TRANSLATE_NOOP("HandoverTexts", "A chosen flow is unknown to the server."),
    "not_copyable": QT_TRANSLATE_NOOP("HandoverTexts", "Unknown, disabled, or the maker: {who}"),
}


def refusal_text(exc: BaseException, describe: Callable[[BaseException], str]) -> str:
    """``describe``'s sentence, followed by the reason of each field the backend refused."""
    text = describe(exc)
    if not isinstance(exc, ApiError):
        return text
    reasons = []
    for error in exc.errors:
        source = _REASONS.get(str(error.get("code")))
        if source is not None:
            who = str(error.get("reason", "")).split(":", 1)[0]
            reasons.append(QCoreApplication.translate("HandoverTexts", source).format(who=who))
    return " ".join([text, *reasons])
