"""One audit event in full below the list: who did what to which entity and when, its place in
the chain, and its before and after field by field."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from services.audit_changes import FieldChange
from services.contract.audit import AuditEventDetail, ChainCheckOut
from ui.audit import labels
from ui.audit.event_changes_model import EventChangesModel
from ui.common.detail_stack import DetailStack
from ui.common.table_view import CopyableTableView

CONTEXT = "AuditLog"
translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

CHOOSE_AN_EVENT = QT_TRANSLATE_NOOP("AuditLog", "Select an event to see what it changed.")
LOADING = QT_TRANSLATE_NOOP("AuditLog", "Loading event #{id}…")
LOAD_FAILED = QT_TRANSLATE_NOOP("AuditLog", "Event #{id} could not be loaded: {reason}")
_MUTED = "#627d98"
CHANGE_WIDTHS_CHARS = (13, 22, 30)  # the After column takes the rest


class AuditEventPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditEventDetail")
        self._event: AuditEventDetail | None = None
        self._broken: ChainCheckOut | None = None  # the check that found the chain broken at this event

        content = QWidget(self)
        self.title = QLabel(content)
        self.title.setObjectName("detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(content)
        self.facts.setObjectName("detailFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.breaks_chain = QLabel(content)
        self.breaks_chain.setObjectName("eventBreaksChain")
        self.breaks_chain.setWordWrap(True)
        self.breaks_chain.setStyleSheet("color: #9b1c1c; font-weight: 600;")
        self.breaks_chain.hide()
        self.changes_caption = QLabel(content)
        self.changes_caption.setObjectName("detailCaption")
        self.changes_model = EventChangesModel(self)
        self.changes = CopyableTableView(content)
        self.changes.setObjectName("auditChanges")
        self.changes.setModel(self.changes_model)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.nothing_recorded = QLabel(content)
        self.nothing_recorded.setObjectName("auditNoChanges")
        self.nothing_recorded.setStyleSheet(f"color: {_MUTED};")

        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 4, 0, 0)
        inner.setSpacing(4)
        inner.addWidget(self.title)
        inner.addWidget(self.facts)
        inner.addWidget(self.breaks_chain)
        inner.addSpacing(2)
        inner.addWidget(self.changes_caption)
        inner.addWidget(self.changes, 1)
        inner.addWidget(self.nothing_recorded)
        inner.addStretch(0)

        self.stack = DetailStack(CONTEXT, content, self)
        self.placeholder = self.stack.placeholder
        self.stack.show_message(CHOOSE_AN_EVENT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()

    @property
    def shown_event(self) -> AuditEventDetail | None:
        """The event on screen; None while a placeholder or a loading message shows."""
        return self._event

    def show_loading(self, event_id: int) -> None:
        self._event = None
        self.stack.show_message(LOADING, id=str(event_id))

    def show_failed(self, event_id: int, reason: str) -> None:
        self._event = None
        self.stack.show_message(LOAD_FAILED, id=str(event_id), reason=reason)

    def show_event(self, event: AuditEventDetail, changes: list[FieldChange],
                   broken: ChainCheckOut | None = None) -> None:
        """``broken``: the check that found the chain broken at this event, said above its changes."""
        self._event, self._broken = event, broken
        self.changes_model.set_changes(changes)
        self._render()
        self.stack.show_content()

    def _render(self) -> None:
        event = self._event
        if event is None:
            return
        entity = labels.entity_name(event.entity_type)
        about = f"{entity} {event.entity_id}" if event.entity_id else entity
        self.title.setText(f"#{event.id}  ·  {labels.action_name(event.action)}  ·  {about}")
        facts = [
            (translate("AuditLog", "Time (HKT)"), html.escape(labels.event_time(event.at))),
            (translate("AuditLog", "Actor"), html.escape(labels.actor_detail(event))),
            (translate("AuditLog", "Action Code"), html.escape(event.action)),
            (translate("AuditLog", "Entity Type"), html.escape(event.entity_type)),
            (translate("AuditLog", "Hash"), f'<span style="font-family:monospace">{event.hash[:16]}…</span>'),
        ]
        self.facts.setText("&nbsp;&nbsp;·&nbsp; ".join(  # lines break between facts, never inside one
            f'<span style="white-space:nowrap"><span style="color:{_MUTED}">{html.escape(name)}</span>'
            f"&nbsp;<b>{value}</b></span>" for name, value in facts))
        self.facts.setToolTip(translate("AuditLog", "Hash {hash}\nPrevious {previous}").format(
            hash=event.hash, previous=event.prev_hash))
        broken = self._broken
        self.breaks_chain.setVisible(broken is not None)
        if broken is not None:
            self.breaks_chain.setText(translate("AuditLog", "This event breaks the chain: {problem}").format(
                problem=labels.problem_text(broken.problem, broken.broken_event_id, broken.broken_checkpoint_line)))
        recorded = self.changes_model.rowCount() > 0
        self.changes.setVisible(recorded)
        self.changes_caption.setVisible(recorded)
        self.nothing_recorded.setVisible(not recorded)

    def _size_columns(self) -> None:
        digit = self.changes.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate(CHANGE_WIDTHS_CHARS):
            self.changes.setColumnWidth(column, chars * digit + 16)

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.changes_caption.setText(translate("AuditLog", "Before and After"))
        self.nothing_recorded.setText(translate("AuditLog", "This event records no before or after."))
        self.changes_model.retranslate()
        self._size_columns()
        self.stack.retranslate()
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
