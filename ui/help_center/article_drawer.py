"""Writing a new article or editing one in a side drawer: the Markdown source beside its preview.

Each field is judged as the user types, with the reason under it; the preview follows the source
after a short pause. Submitting makes a ``help_center.article.update`` work order (a new article
has no ``article_id`` and is created hidden when approved) under a fresh idempotency key, kept
across retries of the same proposal so a lost answer never makes a second order.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.help_center import HelpCenterClient, new_key
from services.contract.help_center import (
    BODY_MAX,
    TITLE_MAX,
    ArticleDetail,
    ArticleEditPayload,
    ArticleLanguage,
    HelpCategoryOut,
)
from services.contract.schemas import WorkOrderOut
from ui.common.change_texts import flow_name
from ui.common.op_runner import OpRunner, wait_all_idle
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.common.side_drawer import SideDrawer
from ui.help_center import labels
from ui.help_center.markdown_editor import MarkdownSourceEdit, has_data_uri, images_by_reference
from ui.help_center.markdown_view import MarkdownPreview

translate = QCoreApplication.translate  # the name lupdate recognises

PREVIEW_DELAY_MS = 200
WIDTH_SHARE = 0.8  # of the page: the source and its preview side by side need the room
WIDTH_MIN = 720
FIELDS = ("category_id", "language", "title", "body")


@dataclass(frozen=True)
class Note:
    tone: str  # "error", "warning" or "hint" (the style sheet's colours)
    text: str


LOAD, SEND = "load", "send"  # the drawer's kinds of background work


class ArticleDrawer(SideDrawer):
    submitted = Signal(object)  # the WorkOrderOut
    loaded = Signal()  # an article to edit has been read and filled in

    def __init__(self, page: QWidget, ctx: PageContext, transport=None, client: HelpCenterClient | None = None):
        self._initial: dict | None = None  # the values the editing started from
        self._ready = False
        super().__init__(page, is_dirty=self.is_dirty)
        self.ctx = ctx
        self.client = client or HelpCenterClient(ctx.api)
        self.article: ArticleDetail | None = None  # the live article being edited; None: a new one
        self._key: str | None = None
        self.ops = OpRunner(self, ctx.report_error)
        self.ops.runningChanged.connect(self._update_primary)  # no Submit while loading or sending
        self._paste_note: str | None = None  # a refused paste, shown until the next edit
        self.server_errors: dict[str, str] = {}

        self.category = QComboBox(self.body)
        self.category.setObjectName("articleCategory")
        self.language = QComboBox(self.body)
        self.language.setObjectName("articleLanguage")
        for language in ArticleLanguage:
            self.language.addItem("", language.value)
        self.title_edit = QLineEdit(self.body)
        self.title_edit.setObjectName("articleTitle")
        self.title_edit.setClearButtonEnabled(True)
        self.source = MarkdownSourceEdit(self.body)
        self.preview = MarkdownPreview(self.body, transport=transport)
        self.labels = {name: QLabel(self.body) for name in FIELDS}
        self.notes: dict[str, QLabel] = {}
        for name in FIELDS:
            note = QLabel(self.body)
            note.setObjectName("fieldNote")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            self.notes[name] = note
        self.labels["category_id"].setBuddy(self.category)
        self.labels["language"].setBuddy(self.language)
        self.labels["title"].setBuddy(self.title_edit)
        self.labels["body"].setBuddy(self.source)

        self.image_button = QToolButton(self.body)
        self.image_button.setObjectName("insertImage")
        self.image_button.clicked.connect(self.source.insert_image_reference)
        self.link_button = QToolButton(self.body)
        self.link_button.setObjectName("insertLink")
        self.link_button.clicked.connect(self.source.insert_link)
        self.preview_caption = QLabel(self.body)
        self.preview_caption.setObjectName("hint")

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.labels["category_id"], 0, 0)
        grid.addWidget(self.category, 0, 1)
        grid.addWidget(self.labels["language"], 0, 2)
        grid.addWidget(self.language, 0, 3)
        grid.addWidget(self.notes["category_id"], 1, 1)
        grid.addWidget(self.notes["language"], 1, 3)
        grid.addWidget(self.labels["title"], 2, 0)
        grid.addWidget(self.title_edit, 2, 1, 1, 3)
        grid.addWidget(self.notes["title"], 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        # The source with its tools on the left, the preview with its caption on the right.
        source_pane = QWidget(self.body)
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.labels["body"])
        tools.addWidget(self.image_button)
        tools.addWidget(self.link_button)
        tools.addStretch(1)
        source_box = QVBoxLayout(source_pane)
        source_box.setContentsMargins(0, 0, 0, 0)
        source_box.setSpacing(3)
        source_box.addLayout(tools)
        source_box.addWidget(self.source, 1)
        preview_pane = QWidget(self.body)
        caption = QHBoxLayout()
        caption.setContentsMargins(0, 0, 0, 0)
        caption.addWidget(self.preview_caption)
        caption.addStretch(1)
        preview_box = QVBoxLayout(preview_pane)
        preview_box.setContentsMargins(0, 0, 0, 0)
        preview_box.setSpacing(3)
        preview_box.addLayout(caption)
        preview_box.addWidget(self.preview, 1)
        # Both headers as tall as the tool buttons, so the two panes start level.
        self.preview_caption.setMinimumHeight(self.image_button.sizeHint().height())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.body)
        self.splitter.setObjectName("articleEditorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(source_pane)
        self.splitter.addWidget(preview_pane)
        self.splitter.setSizes([1, 1])

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.notes["body"])

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self.category.currentIndexChanged.connect(self._changed)
        self.language.currentIndexChanged.connect(self._changed)
        self.title_edit.textChanged.connect(self._changed)
        self.source.textChanged.connect(self._body_changed)
        self.source.pasteRefused.connect(self._paste_refused)
        self.primary.clicked.connect(self.submit)
        local_shortcut("Ctrl+Shift+I", self, self.source.insert_image_reference)
        local_shortcut("Ctrl+K", self, self.source.insert_link)
        self._ready = True
        self.retranslate_drawer()

    # --- geometry -------------------------------------------------------------------------------

    def _open_rect(self) -> QRect:
        page = self._page
        width = min(page.width(), max(WIDTH_MIN, int(page.width() * WIDTH_SHARE)))
        return QRect(page.width() - width, 0, width, page.height())

    # --- categories -----------------------------------------------------------------------------

    def set_categories(self, categories: list[HelpCategoryOut]) -> None:
        """The category choices (the backend's), keeping the one chosen."""
        chosen = self.category.currentData()
        blocked = self.category.blockSignals(True)
        self.category.clear()
        for category in categories:
            self.category.addItem(labels.category_name(category.id, self.ctx.language()), category.id)
        self.category.setCurrentIndex(self.category.findData(chosen) if chosen is not None else -1)
        self.category.blockSignals(blocked)

    # --- opening --------------------------------------------------------------------------------

    def open_new(self, category_id: int | None = None, language: str | None = None) -> None:
        """A new article (created hidden when its work order is approved)."""
        self._cancel_load()
        self.article = None
        self._fill(category_id, language or ArticleLanguage.ZH_HANT.value, "", "")
        self.open()
        self.title_edit.setFocus()

    def open_edit(self, article_id: int) -> asyncio.Task:
        """Reads the live article (the list holds no bodies) and fills the drawer with it."""
        self._cancel_load()
        self.article = None
        self._fill(None, None, "", "")
        self._set_editable(False)
        self.message.setText(translate("ArticleDrawer", "Loading article #{id}…").format(id=article_id))
        self.title.setText(translate("ArticleDrawer", "Edit Article #{id}").format(id=article_id))
        self.open()
        return self.ops.run(self.client.article(article_id), key=LOAD, on_success=self._loaded, on_failure=self._say_failure)

    def _cancel_load(self) -> None:
        self.ops.cancel(LOAD)

    def _say_failure(self, exc: BaseException) -> bool:
        """Said in the drawer; the shell hears of sessions (and of anything but the server's answers)."""
        self.message.setText(self.ctx.describe(exc))
        return isinstance(exc, ApiError) and not exc.is_auth

    def _loaded(self, article: ArticleDetail) -> None:
        if article.pending_work_order_id is not None:
            self.message.setText(translate("ArticleDrawer", "This article awaits approval in work order #{id} "
                                                            "({flow}); edit it once that is decided.").format(
                id=article.pending_work_order_id, flow=flow_name(article.pending_flow or "", self.ctx.language())))
            return
        self.article = article
        self._fill(article.category_id, article.language.value, article.title, article.body)
        self._set_editable(True)
        self.title_edit.setFocus()
        self.loaded.emit()

    def _fill(self, category_id: int | None, language: str | None, title: str, body: str) -> None:
        self._initial = None  # filling is not editing
        self._key = None
        self._paste_note = None
        self.server_errors.clear()
        self.message.clear()
        self.category.setCurrentIndex(self.category.findData(category_id) if category_id is not None else -1)
        self.language.setCurrentIndex(self.language.findData(language) if language is not None else -1)
        self.title_edit.setText(title)
        self.source.setPlainText(body)
        self.preview.reset()
        self.preview.set_markdown(body)
        self._initial = self.values()
        self._set_editable(True)
        self.retranslate_drawer()
        self.refresh_notes()

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.category, self.language, self.title_edit, self.source, self.image_button,
                       self.link_button):
            widget.setEnabled(editable)
        self._update_primary()

    # --- values and checks ----------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self.ops.running(LOAD)

    @property
    def sending(self) -> bool:
        return self.ops.running(SEND)

    def values(self) -> dict:
        return {"category_id": self.category.currentData(), "language": self.language.currentData(),
                "title": self.title_edit.text(), "body": self.source.toPlainText()}

    def is_dirty(self) -> bool:
        return self._initial is not None and self.values() != self._initial

    def check(self) -> dict[str, Note]:
        """What to say under each field now; an "error" note blocks submitting."""
        values = self.values()
        notes: dict[str, Note] = {}
        if values["category_id"] is None:
            notes["category_id"] = Note("error", translate("ArticleDrawer", "Choose a category."))
        if values["language"] is None:
            notes["language"] = Note("error", translate("ArticleDrawer", "Choose a language."))
        title = values["title"].strip()
        if not title:
            notes["title"] = Note("error", translate("ArticleDrawer", "Enter a title."))
        elif len(title) > TITLE_MAX:
            notes["title"] = Note("error", translate("ArticleDrawer", "At most {max} characters; this is {count}.")
                                  .format(max=TITLE_MAX, count=f"{len(title):,}"))
        else:
            notes["title"] = Note("hint", f"{len(title)} / {TITLE_MAX}")
        body = values["body"]
        if len(body) > BODY_MAX:
            notes["body"] = Note("error", translate("ArticleDrawer", "At most {max} characters; this is {count}.")
                                 .format(max=f"{BODY_MAX:,}", count=f"{len(body):,}"))
        elif has_data_uri(body):
            notes["body"] = Note("error", images_by_reference())
        elif self._paste_note:
            notes["body"] = Note("warning", self._paste_note)
        else:
            notes["body"] = Note("hint", translate("ArticleDrawer", "{count} / {max} characters of Markdown").format(
                count=f"{len(body):,}", max=f"{BODY_MAX:,}"))
        for name, text in self.server_errors.items():
            notes[name] = Note("error", text)
        return notes

    def payload(self) -> ArticleEditPayload | None:
        """The work order's payload, when every field holds."""
        if any(note.tone == "error" for note in self.check().values()):
            return None
        values = self.values()
        article = self.article
        try:
            return ArticleEditPayload(article_id=article.id if article else None,
                                      version=article.version if article else None,
                                      category_id=values["category_id"], language=values["language"],
                                      title=values["title"], body=values["body"])
        except ValidationError:
            return None

    def refresh_notes(self) -> None:
        notes = self.check()
        for name, label in self.notes.items():
            note = notes.get(name)
            label.setText(note.text if note else "")
            label.setProperty("tone", note.tone if note else "hint")
            label.style().unpolish(label)
            label.style().polish(label)
        self._update_primary()

    def _update_primary(self, *_args: object) -> None:
        """Submit needs every field to hold and, for an edit, a change."""
        if not self._ready:
            return
        self.primary.setEnabled(not self.loading and not self.sending and self._initial is not None
                                and (self.article is None or self.is_dirty())
                                and not any(n.tone == "error" for n in self.check().values()))

    # --- as the user types ----------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._initial is None:
            return  # being filled
        self._key = None  # another proposal: a new submission
        self.server_errors.clear()
        self.message.clear()
        self.refresh_notes()

    def _body_changed(self) -> None:
        if self._initial is None:
            return
        self._paste_note = None
        self._preview_timer.start()
        self._changed()

    def _update_preview(self) -> None:
        self.preview.set_markdown(self.source.toPlainText())

    def _paste_refused(self, reason: str) -> None:
        self._paste_note = reason
        self.refresh_notes()

    # --- submitting -----------------------------------------------------------------------------

    def submit(self) -> asyncio.Task | None:
        self.refresh_notes()
        payload = self.payload()
        if payload is None or not self.primary.isEnabled():
            return None
        self._key = self._key or new_key()
        self.primary.setEnabled(False)
        self.message.setText(translate("ArticleDrawer", "Submitting…"))
        return self.ops.run(self.client.submit_edit(payload, self._key), key=SEND, on_success=self._sent,
                            on_failure=self._not_sent)

    def _not_sent(self, exc: BaseException) -> bool:
        """The fields the backend refused say why, beside themselves."""
        for error in getattr(exc, "errors", []):
            name = str(error.get("field") or "").split(".")[-1]
            if name in self.notes:
                self.server_errors[name] = str(error.get("reason") or "")
        self.refresh_notes()
        return self._say_failure(exc)

    def _sent(self, order: WorkOrderOut) -> None:
        self._initial = self.values()  # submitted: nothing to lose by closing
        self.force_close()
        self.submitted.emit(order)

    async def wait_idle(self) -> None:
        await wait_all_idle(self.ops, self.preview.ops)

    # --- language -------------------------------------------------------------------------------

    def retranslate_drawer(self) -> None:
        if not self._ready:
            return
        language = self.ctx.language()
        if self.article is not None:
            self.title.setText(translate("ArticleDrawer", "Edit Article #{id}").format(id=self.article.id))
        elif not self.loading:
            self.title.setText(translate("ArticleDrawer", "New Article"))
        self.labels["category_id"].setText(translate("ArticleDrawer", "Category"))
        self.labels["language"].setText(translate("ArticleDrawer", "Language"))
        self.labels["title"].setText(translate("ArticleDrawer", "Title"))
        self.labels["body"].setText(translate("ArticleDrawer", "Markdown"))
        for i in range(self.language.count()):
            self.language.setItemText(i, labels.language_text(self.language.itemData(i)))
        for i in range(self.category.count()):
            self.category.setItemText(i, labels.category_name(self.category.itemData(i), language))
        self.image_button.setText(translate("ArticleDrawer", "Image"))
        self.image_button.setToolTip(translate("ArticleDrawer", "Insert an image reference: ![description]"
                                                                "(https://…) (Ctrl+Shift+I)"))
        self.link_button.setText(translate("ArticleDrawer", "Link"))
        self.link_button.setToolTip(translate("ArticleDrawer", "Insert a link: [text](https://…) (Ctrl+K)"))
        self.preview_caption.setText(translate("ArticleDrawer", "Preview"))
        self.title_edit.setPlaceholderText(translate("ArticleDrawer", "What customers see in the list"))
        self.source.setPlaceholderText(translate("ArticleDrawer", "Write in Markdown: # headings, - lists, "
                                                                  "| tables |, [links](https://…)"))
        self.primary.setText(translate("ArticleDrawer", "Submit for approval"))
        self.primary.setToolTip(translate("ArticleDrawer", "Creates a work order for another person to approve "
                                                           "(Ctrl+Enter)"))
        self.secondary.setText(translate("ArticleDrawer", "Cancel"))
        self.refresh_notes()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self._ready:
            self.retranslate_drawer()
