"""The audit log's page, under its menu key (services/contract/menu.py)."""

from ui.audit.audit_log_page import AuditLogPage
from ui.common.page_registry import PageRegistry


def register(pages: PageRegistry) -> None:
    pages.add("identity.audit_log", AuditLogPage)
