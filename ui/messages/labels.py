"""Display texts of the message center: channels, statuses and their colours, attempt kinds.

Templates are not listed here: the backend's msg_templates table names them in both languages and
the page reads them from GET /messages/templates.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.schemas import MessageChannel, MessageStatus, MessageTemplateOut
from services.message_resend import FINAL_STATUSES

CONTEXT = "MessageLabels"

CHANNEL_TEXTS: dict[str, str] = {
    MessageChannel.SMS: QT_TRANSLATE_NOOP("MessageLabels", "SMS"),
    MessageChannel.EMAIL: QT_TRANSLATE_NOOP("MessageLabels", "Email"),
    MessageChannel.PUSH: QT_TRANSLATE_NOOP("MessageLabels", "Push"),
}

STATUS_TEXTS: dict[str, str] = {
    MessageStatus.QUEUED: QT_TRANSLATE_NOOP("MessageLabels", "Queued"),
    MessageStatus.SENDING: QT_TRANSLATE_NOOP("MessageLabels", "Sending"),
    MessageStatus.SENT: QT_TRANSLATE_NOOP("MessageLabels", "Sent"),
    MessageStatus.DELIVERED: QT_TRANSLATE_NOOP("MessageLabels", "Delivered"),
    MessageStatus.FAILED: QT_TRANSLATE_NOOP("MessageLabels", "Failed"),
    MessageStatus.BOUNCED: QT_TRANSLATE_NOOP("MessageLabels", "Bounced"),
}

# Text colours of statuses, the app's palette: waiting grey-blue, in flight blue, done green,
# handed to the provider teal, refused or lost red, bounced amber.
STATUS_COLORS: dict[str, str] = {
    MessageStatus.QUEUED: "#486581",
    MessageStatus.SENDING: "#1d4ed8",
    MessageStatus.SENT: "#0f766e",
    MessageStatus.DELIVERED: "#1e7b34",
    MessageStatus.FAILED: "#b42318",
    MessageStatus.BOUNCED: "#8a5a00",
}

ATTEMPT_KINDS: dict[str, str] = {
    "original": QT_TRANSLATE_NOOP("MessageLabels", "Original"),
    "resend": QT_TRANSLATE_NOOP("MessageLabels", "Resend"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def channel_text(channel: MessageChannel | str | None) -> str:
    if channel is None:
        return ""
    source = CHANNEL_TEXTS.get(channel)
    return tr(source) if source else str(channel)


def status_text(status: MessageStatus | str | None) -> str:
    if status is None:
        return ""
    source = STATUS_TEXTS.get(status)
    return tr(source) if source else str(status)


def status_color(status: MessageStatus | str | None) -> str | None:
    return STATUS_COLORS.get(status) if status is not None else None


def is_final(status: MessageStatus | str | None) -> bool:
    return status in FINAL_STATUSES


def template_name(templates: Mapping[str, MessageTemplateOut], code: str | None, language: str) -> str:
    """The template's name in ``language`` ("zh_Hant" or "en"); one the server did not list shows its code."""
    template = templates.get(code) if code else None
    if template is None:
        return code or ""
    return template.name_zh if language == "zh_Hant" else template.name


def attempt_kind_text(kind: str | None) -> str:
    if kind is None:
        return ""
    source = ATTEMPT_KINDS.get(kind)
    return tr(source) if source else kind
