"""What the article drawer loads, keeps and decides, without a widget: the live article being
edited (None: a new one), the values the editing started from, what to say under each field, the
work order's payload, and its submission under one idempotency key kept across retries of the same
proposal, so a lost answer never makes a second order. Opened to correct a refused order, the same
submission resubmits that order (``submit``'s ``resubmission``).

The drawer (article_drawer.py) holds the fields: it hands their ``values`` to these methods and
shows what the signals say.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.clients.help_center import HelpCenterClient, new_key
from services.clients.resubmission import Resubmission
from services.contract.help_center import ALL_SCENES, BODY_MAX, TITLE_MAX, ArticleDetail, ArticleEditPayload
from services.contract.schemas import WorkOrderOut
from services.rules.help_center import check_external_link, check_publish_scenes
from ui.common.change_texts import flow_name
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import error_entry_text, rule_text
from ui.help_center.markdown_editor import has_data_uri, images_by_reference

translate = QCoreApplication.translate  # the name lupdate recognises

FIELDS = ("category_id", "language", "title", "body", "external_link", "publish_scenes", "visible")
LOAD, SEND = "load", "send"  # the kinds of background work
Values = dict[str, Any]  # the fields' values by name (FIELDS)


def _content(p: ArticleEditPayload) -> tuple:
    """What an edit changes of an article (the backend's "no change" compares the same)."""
    return p.category_id, p.language, p.title, p.body, p.external_link, sorted(p.publish_scenes)


def _live_content(article: ArticleDetail) -> tuple:
    return _content(ArticleEditPayload(category_id=article.category_id, language=article.language,
                                       title=article.title, body=article.body, external_link=article.external_link,
                                       publish_scenes=[s.value for s in article.publish_scenes]))


@dataclass(frozen=True)
class Note:
    tone: str  # "error", "warning" or "hint" (the style sheet's colours)
    text: str


class ArticleEditorController(QObject):
    loaded = Signal(object)  # the ArticleDetail to edit, read
    said = Signal(str)  # a sentence for the drawer's message line: why it cannot be edited or sent
    submitted = Signal(object)  # the WorkOrderOut
    stateChanged = Signal()  # loading or sending began or ended

    def __init__(self, ctx: PageContext, client: HelpCenterClient | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = client or HelpCenterClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.ops.runningChanged.connect(lambda *_: self.stateChanged.emit())
        self.article: ArticleDetail | None = None  # the live article being edited; None: a new one
        self.server_errors: dict[str, str] = {}  # the backend's reasons, by field, until the next edit
        self._initial: Values | None = None  # the values the editing started from; None while filling
        self._made: Values | None = None  # the values of the order made: never sent twice
        # The idempotency key of the proposal in hand, with the resubmission's note it was sent with:
        # another note is another request body, so another key.
        self._key: tuple[str | None, str] | None = None
        self._paste_note: str | None = None  # a refused paste, said until the next edit of the body

    # --- starting -----------------------------------------------------------------------------

    def start_new(self) -> None:
        """A new article (created hidden when its work order is approved); the drawer fills it."""
        self.ops.cancel(LOAD)
        self.article = None

    def start_edit(self, article_id: int) -> asyncio.Task:
        """Reads the live article (the list holds no bodies); ``loaded`` hands it to the drawer."""
        self.start_new()
        return self.ops.run(self.client.article(article_id), key=LOAD, on_success=self._loaded,
                            on_failure=self._say_failure)

    def begin_fill(self) -> None:
        """The drawer fills its fields: filling is not editing."""
        self._initial = None
        self._made = None
        self._key = None
        self._paste_note = None
        self.server_errors.clear()

    def _loaded(self, article: ArticleDetail) -> None:
        if article.pending_work_order_id is not None:
            self.said.emit(translate("ArticleDrawer", "This article awaits approval in work order #{id} "
                                                      "({flow}); edit it once that is decided.").format(
                id=article.pending_work_order_id, flow=flow_name(article.pending_flow or "")))
            return
        self.article = article
        self.loaded.emit(article)

    def filled(self, values: Values) -> None:
        """The drawer shows ``values``: the editing starts from them."""
        self._initial = dict(values)

    @property
    def filling(self) -> bool:
        return self._initial is None

    @property
    def loading(self) -> bool:
        return self.ops.running(LOAD)

    @property
    def sending(self) -> bool:
        return self.ops.running(SEND)

    # --- as the user types --------------------------------------------------------------------

    def edited(self) -> None:
        """Another proposal: a new submission, the backend's reasons gone."""
        self._key = None
        self.server_errors.clear()

    def body_edited(self) -> None:
        self._paste_note = None
        self.edited()

    def paste_refused(self, reason: str) -> None:
        self._paste_note = reason

    def is_dirty(self, values: Values) -> bool:
        return self._initial is not None and values != self._initial

    def check(self, values: Values) -> dict[str, Note]:
        """What to say under each field now; an "error" note blocks submitting."""
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
        link = values.get("external_link", "").strip()
        scenes = values.get("publish_scenes", [s.value for s in ALL_SCENES])
        for violation in check_external_link(link) + check_publish_scenes(scenes, (s.value for s in ALL_SCENES)):
            notes[violation.field] = Note("error", rule_text(violation))
        if link and "external_link" not in notes:
            notes["external_link"] = Note("hint", translate("ArticleDrawer", "Customers open this page instead of "
                                                                             "the body."))
        for name, text in self.server_errors.items():
            notes[name] = Note("error", text)
        return notes

    def payload(self, values: Values) -> ArticleEditPayload | None:
        """The work order's payload, when every field holds."""
        if any(note.tone == "error" for note in self.check(values).values()):
            return None
        article = self.article
        link = values.get("external_link", "").strip()
        scenes = values.get("publish_scenes", [s.value for s in ALL_SCENES])
        try:
            return ArticleEditPayload(article_id=article.id if article else None,
                                      version=article.version if article else None,
                                      category_id=values["category_id"], language=values["language"],
                                      title=values["title"], body=values["body"],
                                      external_link=link or None, publish_scenes=scenes,
                                      visible=None if article else values.get("visible", False))
        except ValidationError:
            return None

    def can_submit(self, values: Values) -> bool:
        """Submit needs every field to hold, values not submitted already and, for an edit, a change
        of the live article (a refused order reopened starts from its proposal, which is one)."""
        if self.loading or self.sending or self._initial is None or values == self._made:
            return False
        payload = self.payload(values)
        return payload is not None and (self.article is None or _content(payload) != _live_content(self.article))

    # --- submitting ---------------------------------------------------------------------------

    def submit(self, values: Values, resubmission: Resubmission | None = None) -> asyncio.Task | None:
        """The proposal as a work order; with ``resubmission``, as the corrected change of that order."""
        payload = self.payload(values)
        if payload is None or not self.can_submit(values):
            return None
        note = resubmission.note if resubmission is not None else None
        if self._key is None or self._key[0] != note:
            self._key = (note, new_key())
        client = self.client.resubmitting(resubmission)
        return self.ops.run(client.submit_edit(payload, self._key[1]), key=SEND,
                            on_success=lambda order: self._sent(values, order), on_failure=self._not_sent)

    def _sent(self, values: Values, order: WorkOrderOut) -> None:
        self._initial = self._made = dict(values)  # submitted: nothing to lose by closing
        self.submitted.emit(order)

    def _not_sent(self, exc: BaseException) -> bool:
        """The fields the backend refused say why, beside themselves."""
        for error in getattr(exc, "errors", []):
            name = str(error.get("field") or "").split(".")[0]
            if name in FIELDS:
                self.server_errors[name] = error_entry_text(error)
        return self._say_failure(exc)

    def _say_failure(self, exc: BaseException) -> bool:
        """Said in the drawer; the shell hears of sessions (and of anything but the server's answers)."""
        self.said.emit(self._ctx.describe(exc))
        return isinstance(exc, ApiError) and not exc.is_auth
