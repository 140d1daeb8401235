"""One message record in full: its header fields, the content as sent, and every delivery attempt.

The content is shown as plain text in a read-only browser that follows no links and loads
nothing: a message body is customer-facing text, never something to fetch or render.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import DeliveryAttemptOut, MessageRecordDetail, channel_resendable
from ui.common.detail_stack import DetailStack
from ui.common.formatting import hk_datetime
from ui.messages import labels

CONTEXT = "MessageRecordDetail"
translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

CHOOSE_A_RECORD = QT_TRANSLATE_NOOP("MessageRecordDetail", "Select a message to see its content and delivery attempts.")
LOADING = QT_TRANSLATE_NOOP("MessageRecordDetail", "Loading message #{id}…")
LOAD_FAILED = QT_TRANSLATE_NOOP("MessageRecordDetail", "Message #{id} could not be loaded: {reason}")

TIMELINE_HEADERS = (
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Time (HKT)"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Kind"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Status"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "By"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Reason"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Tries"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Error"),
    QT_TRANSLATE_NOOP("MessageRecordDetail", "Provider Message ID"),
)
# Who and why before the delivery details: what an operator checks first. The last column stretches.
TIMELINE_WIDTHS_CHARS = (16, 9, 10, 8, 26, 4, 22)
STATUS_COLUMN, REQUESTED_COLUMN, REASON_COLUMN, ERROR_COLUMN, PROVIDER_COLUMN = 2, 3, 4, 6, 7
_MUTED = "#627d98"


def badge(status) -> str:
    """A status as the app shows one: its colour, bold, no icon (rich text)."""
    color = labels.status_color(status) or "#334e68"
    return f'<span style="color:{color}; font-weight:600">{html.escape(labels.status_text(status))}</span>'


class MessageRecordDetailPanel(QWidget):
    def __init__(self, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageRecordDetail")
        self._language = language
        self._record: MessageRecordDetail | None = None

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

        # Left: the content as sent.
        message_side = QWidget(content)
        self.content_caption = QLabel(message_side)
        self.content_caption.setObjectName("detailCaption")
        self.sender_label, self.sender = QLabel(message_side), self._value_label(message_side)
        self.recipient_label, self.recipient = QLabel(message_side), self._value_label(message_side)
        self.subject_label, self.subject = QLabel(message_side), self._value_label(message_side)
        self.subject.setObjectName("messageSubject")
        self.subject.setStyleSheet("font-weight: 600;")
        self.body = QTextBrowser(message_side)
        self.body.setObjectName("messageBody")
        self.body.setOpenLinks(False)  # plain text, and nothing it says is ever followed or fetched
        self.body.setOpenExternalLinks(False)
        self.body.setReadOnly(True)
        self.body.setTabChangesFocus(True)
        side = QVBoxLayout(message_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(4)
        side.addWidget(self.content_caption)
        self.envelope = QFormLayout()
        side.addLayout(self.envelope)
        self.envelope.setContentsMargins(0, 0, 0, 0)
        self.envelope.setHorizontalSpacing(8)
        self.envelope.setVerticalSpacing(2)
        self.envelope.addRow(self.sender_label, self.sender)
        self.envelope.addRow(self.recipient_label, self.recipient)
        self.envelope.addRow(self.subject_label, self.subject)
        side.addWidget(self.body, 1)

        # Right: every attempt, oldest first.
        timeline_side = QWidget(content)
        self.timeline_caption = QLabel(timeline_side)
        self.timeline_caption.setObjectName("detailCaption")
        self.timeline = QTreeWidget(timeline_side)
        self.timeline.setObjectName("attemptTimeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setColumnCount(len(TIMELINE_HEADERS))
        header = self.timeline.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        side = QVBoxLayout(timeline_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(4)
        side.addWidget(self.timeline_caption)
        side.addWidget(self.timeline, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, content)
        self.splitter.setObjectName("messageDetailSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(message_side)
        self.splitter.addWidget(timeline_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 7)
        self.splitter.setSizes([300, 700])  # the timeline has more to show; most bodies are a few lines

        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 4, 0, 0)
        inner.setSpacing(4)
        inner.addWidget(self.title)
        inner.addWidget(self.facts)
        inner.addSpacing(2)
        inner.addWidget(self.splitter, 1)

        self.stack = DetailStack(CONTEXT, content, self)
        self.placeholder = self.stack.placeholder
        self.stack.show_message(CHOOSE_A_RECORD)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()

    @staticmethod
    def _value_label(parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    # --- state --------------------------------------------------------------------------------

    @property
    def record(self) -> MessageRecordDetail | None:
        """The record on screen; None while a placeholder or a loading message shows."""
        return self._record

    def show_message(self, source: str, **args: str) -> None:
        """A placeholder sentence instead of a record (source text, re-translated on a switch)."""
        self._record = None
        self.stack.show_message(source, **args)

    def show_placeholder(self) -> None:
        self.show_message(CHOOSE_A_RECORD)

    def show_loading(self, record_id: int) -> None:
        self.show_message(LOADING, id=str(record_id))

    def show_failed(self, record_id: int, reason: str) -> None:
        self.show_message(LOAD_FAILED, id=str(record_id), reason=reason)

    def show_record(self, record: MessageRecordDetail) -> None:
        self._record = record
        self._render()
        self.stack.show_content()

    def focus_content(self) -> None:
        """Enter on a row: the reader goes to the message itself."""
        if self._record is not None:
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- rendering ----------------------------------------------------------------------------

    def template_name(self, record: MessageRecordDetail) -> str:
        """The backend's own name of the template in the UI language."""
        return record.template_name_zh if self._language() == "zh_Hant" else record.template_name

    def _render(self) -> None:
        record = self._record
        if record is None:
            return
        self.title.setText(f"#{record.id}  ·  {self.template_name(record)}  ·  {record.subject}")
        facts = [
            (translate("MessageRecordDetail", "Account No."), html.escape(record.account_no or "—")),
            (translate("MessageRecordDetail", "Channel"), html.escape(labels.channel_text(record.channel))),
            (translate("MessageRecordDetail", "Status"), badge(record.status)),
            (translate("MessageRecordDetail", "Attempts"), str(record.attempts)),
            (translate("MessageRecordDetail", "Created"), hk_datetime(record.created_at)),
            (translate("MessageRecordDetail", "Updated"), hk_datetime(record.updated_at)),
        ]
        if not channel_resendable(record.channel):
            never = translate("MessageRecordDetail", "SMS and Email only")
            facts.append((translate("MessageRecordDetail", "Resend"),
                          f'<span style="color:#8a5a00">{html.escape(never)}</span>'))
        elif not record.resendable:
            never = translate("MessageRecordDetail", "never (one-time code)")
            facts.append((translate("MessageRecordDetail", "Resend"),
                          f'<span style="color:#8a5a00">{html.escape(never)}</span>'))
        text = "&nbsp;&nbsp;·&nbsp; ".join(  # lines break between facts, never inside one
            f'<span style="white-space:nowrap"><span style="color:{_MUTED}">{html.escape(name)}</span>'
            f"&nbsp;<b>{value}</b></span>" for name, value in facts)
        if record.error:
            error = translate("MessageRecordDetail", "Error")
            text += (f'<br><span style="color:{_MUTED}">{html.escape(error)}</span>&nbsp;'
                     f'<span style="color:#b42318">{html.escape(record.error)}</span>')
        self.facts.setText(text)

        self.sender.setText(record.sender or "")
        self.sender_label.setVisible(bool(record.sender))
        self.sender.setVisible(bool(record.sender))
        self.recipient.setText(record.recipient)
        self.subject.setText(record.subject)
        self.body.setPlainText(record.body)
        self._render_timeline(record.timeline)

    def _render_timeline(self, attempts: list[DeliveryAttemptOut]) -> None:
        self.timeline.clear()
        items = []
        for a in attempts:
            item = QTreeWidgetItem([
                hk_datetime(a.created_at), labels.attempt_kind_text(a.kind), labels.status_text(a.status),
                a.requested_by_name or a.requested_by or "", a.reason or "", str(a.tries), a.error or "",
                a.provider_message_id or "",
            ])
            color = labels.status_color(a.status)
            if color:
                item.setForeground(STATUS_COLUMN, QBrush(QColor(color)))
            if a.error:
                item.setForeground(ERROR_COLUMN, QBrush(QColor("#b42318")))
            when = [translate("MessageRecordDetail", "Created {time}").format(time=hk_datetime(a.created_at))]
            if a.finished_at is not None:
                when.append(translate("MessageRecordDetail", "Finished {time}").format(time=hk_datetime(a.finished_at)))
            elif a.next_attempt_at is not None:
                when.append(translate("MessageRecordDetail", "Next try {time}").format(time=hk_datetime(a.next_attempt_at)))
            item.setToolTip(0, "\n".join(when))
            item.setToolTip(REQUESTED_COLUMN, a.requested_by or "")  # the name is shown, the username its tooltip
            for column in (REASON_COLUMN, ERROR_COLUMN, PROVIDER_COLUMN):
                item.setToolTip(column, item.text(column))
            item.setData(0, Qt.ItemDataRole.UserRole, a.id)
            items.append(item)
        self.timeline.addTopLevelItems(items)
        self.timeline_caption.setText(translate("MessageRecordDetail", "Delivery Attempts ({count})").format(count=len(attempts)))

    def _size_timeline_columns(self) -> None:
        """Declared widths, never narrower than the (bold) header in the current language."""
        digit = self.timeline.fontMetrics().horizontalAdvance("0")
        bold = self.timeline.font()
        bold.setBold(True)
        header = QFontMetrics(bold)
        for column, chars in enumerate(TIMELINE_WIDTHS_CHARS):
            title = self.timeline.headerItem().text(column)
            self.timeline.setColumnWidth(column, max(chars * digit, header.horizontalAdvance(title)) + 16)

    def timeline_rows(self) -> list[list[str]]:
        """The timeline's cells as shown (for tests and copying)."""
        return [[self.timeline.topLevelItem(r).text(c) for c in range(self.timeline.columnCount())]
                for r in range(self.timeline.topLevelItemCount())]

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.content_caption.setText(translate("MessageRecordDetail", "Content"))
        self.sender_label.setText(translate("MessageRecordDetail", "From"))
        self.recipient_label.setText(translate("MessageRecordDetail", "To"))
        self.subject_label.setText(translate("MessageRecordDetail", "Subject"))
        self.timeline.setHeaderLabels([translate(CONTEXT, h) for h in TIMELINE_HEADERS])
        self._size_timeline_columns()
        self.timeline_caption.setText(translate("MessageRecordDetail", "Delivery Attempts"))
        self.stack.retranslate()
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
