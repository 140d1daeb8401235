"""Writing a new article or editing one in a side drawer: the Markdown source beside its preview.

Each field is judged as the user types, with the reason under it; the preview follows the source
after a short pause. Submitting makes a ``help_center.article.update`` work order (a new article
has no ``article_id`` and is created hidden when approved, or shown if "Show once approved" is
ticked) under a fresh idempotency key, kept across retries of the same proposal so a lost answer
never makes a second order.

Opened from My Requests to correct a refused order (``open_resubmit``), the fields start from the
order's proposal under a banner, and Submit resubmits that order (article_resubmit.py).

A view: what it loads, keeps and decides is the ArticleEditorController
(article_editor_controller.py); the fields are the ArticleForm (article_form.py).
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QRect, QTimer, Signal
from PySide6.QtWidgets import QWidget

from services.clients.help_center import HelpCenterClient
from services.contract.help_center import (
    ALL_SCENES,
    ArticleDetail,
    ArticleEditPayload,
    ArticleLanguage,
    HelpCategoryOut,
)
from services.contract.schemas import WorkOrderOut
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.common.side_drawer import SideDrawer
from ui.help_center.article_editor_controller import ArticleEditorController
from ui.help_center.article_form import ArticleForm
from ui.help_center.article_resubmit import DrawerResubmission

translate = QCoreApplication.translate  # the name lupdate recognises

PREVIEW_DELAY_MS = 200
# A new article: no link, every scene, hidden until a Show order unless ticked.
NEW_PUBLISHING: tuple[str | None, list[str], bool, bool] = (None, [s.value for s in ALL_SCENES], False, True)
WIDTH_SHARE = 0.8  # of the page: the source and its preview side by side need the room
WIDTH_MIN = 720


class ArticleDrawer(SideDrawer):
    submitted = Signal(object)  # the WorkOrderOut
    loaded = Signal()  # an article to edit has been read and filled in

    def __init__(self, page: QWidget, ctx: PageContext, transport=None, client: HelpCenterClient | None = None):
        self._ready = False
        self.editor = ArticleEditorController(ctx, client)
        super().__init__(page, is_dirty=lambda: self.editor.is_dirty(self.form.values()))
        self.ctx = ctx
        self.editor.setParent(self)
        self.ops = self.editor.ops
        self.form = form = ArticleForm(self.body, transport)
        self.resubmit = DrawerResubmission(self)  # set while correcting a refused order

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(lambda: form.preview.set_markdown(form.source.toPlainText()))
        form.category.currentIndexChanged.connect(self._changed)
        form.language.currentIndexChanged.connect(self._changed)
        form.title_edit.textChanged.connect(self._changed)
        form.publishing.link.textChanged.connect(self._changed)
        for box in (*form.publishing.scenes.values(), form.publishing.visible):
            box.toggled.connect(self._changed)
        form.source.textChanged.connect(self._body_changed)
        form.source.pasteRefused.connect(self._paste_refused)
        self.primary.clicked.connect(self.submit)
        self.editor.stateChanged.connect(self._update_primary)  # no Submit while loading or sending
        self.editor.loaded.connect(self._loaded)
        self.editor.said.connect(self._say)
        self.editor.submitted.connect(self._sent)
        local_shortcut("Ctrl+Shift+I", self, form.source.insert_image_reference)
        local_shortcut("Ctrl+K", self, form.source.insert_link)
        self._ready = True
        self.retranslate_drawer()

    def _open_rect(self) -> QRect:
        page = self._page
        width = min(page.width(), max(WIDTH_MIN, int(page.width() * WIDTH_SHARE)))
        return QRect(page.width() - width, 0, width, page.height())

    def set_categories(self, categories: list[HelpCategoryOut]) -> None:
        """The category choices (the backend's), keeping the one chosen (or the one the fields were
        filled with before the choices came: where the editing starts, not an edit)."""
        untouched = not self.editor.filling and not self.editor.is_dirty(self.form.values())
        self.form.set_categories(categories, self.ctx.language())
        if untouched:
            self.editor.filled(self.form.values())
        self.refresh_notes()

    # --- opening --------------------------------------------------------------------------------

    def open_new(self, category_id: int | None = None, language: str | None = None) -> None:
        """A new article (created hidden when its work order is approved)."""
        self.resubmit.clear()
        self.editor.start_new()
        self._fill(category_id, language or ArticleLanguage.ZH_HANT.value, "", "", NEW_PUBLISHING)
        self.open()
        self.form.title_edit.setFocus()

    def open_edit(self, article_id: int) -> asyncio.Task:
        """Reads the live article (the list holds no bodies) and fills the drawer with it."""
        self.resubmit.clear()
        self.editor.start_new()
        self._fill(None, None, "", "", NEW_PUBLISHING)
        self._set_editable(False)
        self.message.setText(translate("ArticleDrawer", "Loading article #{id}…").format(id=article_id))
        self.title.setText(translate("ArticleDrawer", "Edit Article #{id}").format(id=article_id))
        self.open()
        return self.editor.start_edit(article_id)

    def open_resubmit(self, order: WorkOrderOut, proposal: ArticleEditPayload) -> asyncio.Task | None:
        """Corrects the refused ``order``: its proposal in the fields, under the banner. An existing
        article is read first, so the correction starts from its version now."""
        if proposal.article_id is not None:
            task = self.open_edit(proposal.article_id)
            self.resubmit.start(order, proposal)  # the read fills the fields with the proposal
            return task
        self.editor.start_new()
        self.resubmit.start(order, proposal)
        self._fill(proposal.category_id, proposal.language.value, proposal.title, proposal.body,
                   (proposal.external_link, list(proposal.publish_scenes), bool(proposal.visible), True))
        self.open()
        self.form.title_edit.setFocus()
        return None

    def _loaded(self, article: ArticleDetail) -> None:
        proposal = self.resubmit.proposal  # a correction shows what the order proposed, on today's version
        if proposal is not None:
            self._fill(proposal.category_id, proposal.language.value, proposal.title, proposal.body,
                       (proposal.external_link, list(proposal.publish_scenes), article.visible, False))
        else:
            self._fill(article.category_id, article.language.value, article.title, article.body,
                       (article.external_link, [s.value for s in article.publish_scenes], article.visible, False))
        self._set_editable(True)
        self.form.title_edit.setFocus()
        self.loaded.emit()

    def _fill(self, category_id: int | None, language: str | None, title: str, body: str,
              publishing: tuple[str | None, list[str], bool, bool]) -> None:
        self.editor.begin_fill()
        self.message.clear()
        self.form.fill(category_id, language, title, body, publishing)
        self.editor.filled(self.form.values())
        self._set_editable(True)
        self.retranslate_drawer()
        self.refresh_notes()

    def _set_editable(self, editable: bool) -> None:
        self.form.set_editable(editable)
        self._update_primary()

    def refresh_notes(self) -> None:
        self.form.show_notes(self.editor.check(self.form.values()))
        self._update_primary()

    def _update_primary(self, *_args: object) -> None:
        """Submit needs every field to hold and, for an edit, a change."""
        if self._ready:
            self.primary.setEnabled(self.editor.can_submit(self.form.values()))

    # --- as the user types ----------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self.editor.filling:
            return
        self.editor.edited()  # another proposal: a new submission
        self.message.clear()
        self.refresh_notes()

    def _body_changed(self) -> None:
        if self.editor.filling:
            return
        self.editor.body_edited()
        self._preview_timer.start()
        self._changed()

    def _paste_refused(self, reason: str) -> None:
        self.editor.paste_refused(reason)
        self.refresh_notes()

    # --- submitting -----------------------------------------------------------------------------

    def submit(self) -> asyncio.Task | None:
        self.refresh_notes()
        task = self.editor.submit(self.form.values(), self.resubmit.resubmission())
        if task is not None:
            self.primary.setEnabled(False)
            self.message.setText(translate("ArticleDrawer", "Submitting…"))
        return task

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.refresh_notes()  # the fields the backend refused say why, beside themselves

    def _sent(self, order: object) -> None:
        self.force_close()
        self.submitted.emit(order)

    async def wait_idle(self) -> None:
        await wait_all_idle(self.ops, self.form.preview.ops)

    # --- language -------------------------------------------------------------------------------

    def retranslate_drawer(self) -> None:
        if not self._ready:
            return
        article = self.editor.article
        if article is not None:
            self.title.setText(translate("ArticleDrawer", "Edit Article #{id}").format(id=article.id))
        elif not self.editor.loading:
            self.title.setText(translate("ArticleDrawer", "New Article"))
        self.form.retranslate(self.ctx.language())
        self.resubmit.retranslate()
        self.primary.setText(translate("ArticleDrawer", "Submit for approval"))
        self.primary.setToolTip(translate("ArticleDrawer", "Creates a work order for another person to approve "
                                                           "(Ctrl+Enter)"))
        self.secondary.setText(translate("ArticleDrawer", "Cancel"))
        self.refresh_notes()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self._ready:
            self.retranslate_drawer()
