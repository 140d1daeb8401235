"""Message Center (消息中心): message records and their delivery attempts.

A record is what was sent to a customer; each delivery (the first, and every resend) is an
attempt that the dispatcher claims from the attempts table as from an outbox. Records keep the
recipient's full address because a resend goes to the recorded address; the API masks it.
"""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import UtcDateTime
from backend.kit.clock import utcnow


class MessageTemplate(Base):
    __tablename__ = "msg_templates"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))  # sms | email | push
    name: Mapped[str] = mapped_column(String(80))
    name_zh: Mapped[str] = mapped_column(String(40))
    # One-time passwords and verification codes must never be sent twice (DOMAIN.md).
    resendable: Mapped[bool] = mapped_column(Boolean, default=True)


# The subject search differs per database, so migration 0009 creates it outside the metadata: an
# FTS5 trigram table (with its shadow tables) on SQLite, a pg_trgm GIN index on PostgreSQL.
SEARCH_OBJECTS = {"table": ("msg_records_fts",), "index": ("ix_msg_records_subject_trgm",)}


def is_modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's ``include_name``: False for the search objects, which comparing the database
    with the models must skip."""
    return not (name and any(name == known or (type_ == "table" and name.startswith(known + "_"))
                             for known in SEARCH_OBJECTS.get(type_, ())))


class MessageRecord(Base):
    __tablename__ = "msg_records"
    # Keyset order is (created_at, id) descending; each equality filter leads one index into that
    # order (backend.messages.repository picks which one a page walks).
    __table_args__ = (
        Index("ix_msg_records_created", "created_at", "id"),
        Index("ix_msg_records_account", "account_no", "created_at", "id"),
        Index("ix_msg_records_recipient", "recipient", "created_at", "id"),
        Index("ix_msg_records_channel_status", "channel", "status", "created_at", "id"),
        Index("ix_msg_records_status", "status", "created_at", "id"),
        Index("ix_msg_records_channel", "channel", "created_at", "id"),
        Index("ix_msg_records_template", "template", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    account_no: Mapped[str | None] = mapped_column(String(16), nullable=True)
    channel: Mapped[str] = mapped_column(String(8))
    template: Mapped[str] = mapped_column(ForeignKey("msg_templates.code"))
    recipient: Mapped[str] = mapped_column(String(254))  # phone (+852...) or email, as sent
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # of the latest attempt
    provider_message_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    resendable: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class DeliveryAttempt(Base):
    """One delivery of a record; a resend is an attempt with who asked, why and its idempotency key."""

    __tablename__ = "msg_attempts"
    __table_args__ = (
        Index("ix_msg_attempts_record", "record_id", "id"),
        # What the dispatcher claims: queued attempts that are due, oldest first.
        Index("ix_msg_attempts_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("msg_records.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # original | resend
    status: Mapped[str] = mapped_column(String(10))
    tries: Mapped[int] = mapped_column(Integer, default=0)  # transient failures retried so far
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    provider_message_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(80), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
