"""What an approver reads of a Help Center work order: the title and body side by side, before
and after, with the changed words marked, and the article as customers would see it afterwards.

A new order of a list shows the list's new positions instead. The text is escaped before it is
laid out, and the preview is the safe Markdown view, so an article under review cannot run or
load anything either.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from services.contract.schemas import WorkOrderOut
from ui.common.change_views import ChangeView
from ui.help_center import labels
from ui.help_center.markdown_view import MarkdownPreview, SafeTextBrowser
from ui.help_center.text_diff import DiffLine, LineKind, counts, side_by_side

translate = QCoreApplication.translate  # the name lupdate recognises

CONTEXT = "ArticleChange"
LINE_NO_STYLE = "color:#829ab1;"
EMPTY_SIDE = "#f0f4f8"
BACKGROUNDS = {  # (left, right) of each kind of line
    LineKind.EQUAL: (None, None),
    LineKind.CHANGED: ("#fbe7e6", "#e3f4e8"),
    LineKind.DELETED: ("#fbe7e6", EMPTY_SIDE),
    LineKind.INSERTED: (EMPTY_SIDE, "#e3f4e8"),
}
WORD_MARKS = ("#f4b4ae", "#a8dcb6")  # removed words, added words
CHANGED_FACT = "#8a5a00"

_CAPTIONS = {
    "edit": QT_TRANSLATE_NOOP("ArticleChange", "Preview of the article after this change"),
    "new": QT_TRANSLATE_NOOP("ArticleChange", "Preview of the new article (created hidden)"),
    "new_visible": QT_TRANSLATE_NOOP("ArticleChange", "Preview of the new article (shown once approved)"),
    "delete": QT_TRANSLATE_NOOP("ArticleChange", "Preview of the article this deletes"),
    "visibility": QT_TRANSLATE_NOOP("ArticleChange", "Preview of the article"),
}


def _first(rows: object) -> dict | None:
    return rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], dict) else None


def _segments(segments: tuple[tuple[str, bool], ...], mark: str) -> str:
    out = []
    for text, changed in segments:
        escaped = html.escape(text)
        out.append(f'<span style="background-color:{mark}">{escaped}</span>' if changed and text.strip()
                   else escaped)
    return "".join(out) or "&nbsp;"


def _cell(number: int | None, segments: tuple[tuple[str, bool], ...], background: str | None, mark: str) -> str:
    style = f"background-color:{background};" if background else ""
    number_text = "" if number is None else str(number)
    return (f'<td width="4%" align="right" style="{LINE_NO_STYLE}{style}">{number_text}</td>'
            f'<td width="46%" style="white-space:pre-wrap;{style}">'
            f'{_segments(segments, mark) if number is not None else "&nbsp;"}</td>')


def diff_rows_html(rows: list[DiffLine]) -> str:
    out = []
    for row in rows:
        if row.kind == LineKind.SKIPPED:
            text = translate("ArticleChange", "⋯ {count} unchanged line(s) ⋯").format(count=row.skipped)
            out.append(f'<tr><td colspan="4" align="center" style="color:#627d98;background-color:{EMPTY_SIDE};">'
                       f"{html.escape(text)}</td></tr>")
            continue
        left, right = BACKGROUNDS[row.kind]
        out.append("<tr>" + _cell(row.left_no, row.left, left, WORD_MARKS[0])
                   + _cell(row.right_no, row.right, right, WORD_MARKS[1]) + "</tr>")
    return "".join(out)


class ArticleChangeView(ChangeView):
    """The change view of the Help Center flows (registered in ui/help_center/registration.py)."""

    def __init__(self, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articleChangeView")
        self._language = language
        self._order: WorkOrderOut | None = None

        self.facts = QLabel(self)
        self.facts.setObjectName("articleChangeFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff = SafeTextBrowser(self)
        self.diff.setObjectName("articleDiff")
        self.preview_caption = QLabel(self)
        self.preview_caption.setObjectName("detailCaption")
        self.preview_caption.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = MarkdownPreview(self)
        preview_box = QWidget(self)
        box = QVBoxLayout(preview_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.preview_caption)
        box.addWidget(self.preview, 1)
        self.preview_box = preview_box

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("articleChangeSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.diff)
        self.splitter.addWidget(preview_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.facts)
        layout.addWidget(self.splitter, 1)

    # --- content --------------------------------------------------------------------------------

    @property
    def order(self) -> WorkOrderOut | None:
        return self._order

    def show_order(self, order: WorkOrderOut) -> None:
        """Shows ``order``, a Help Center order."""
        if self._order is None or self._order.id != order.id:
            self.preview.reset()  # remote images allowed for one order are not for the next
        self._order = order
        self._render()

    def kind(self) -> str:
        """"reorder", "new", "edit", "delete" or "visibility" (hide and show)."""
        order = self._order
        if order is None:
            return ""
        if "article_ids" in order.payload:
            return "reorder"
        if order.flow.endswith(".delete"):
            return "delete"
        if order.flow.endswith((".hide", ".show")):
            return "visibility"
        return "new" if order.payload.get("article_id") is None else "edit"

    def _render(self) -> None:
        order = self._order
        if order is None:
            return
        kind = self.kind()
        if kind == "reorder":
            self._render_reorder(order)
            return
        before = _first(order.snapshot.get("rows"))
        after = _first(order.proposed.get("rows"))
        self.facts.setText(self._facts(before, after))
        self.diff.setHtml(self._diff_html(before, after))
        shown = after if after is not None else before
        self.preview_box.show()
        caption = "new_visible" if kind == "new" and (after or {}).get("visible") else kind
        self.preview_caption.setText(translate(CONTEXT, _CAPTIONS[caption]))
        self.preview.set_markdown(str((shown or {}).get("body") or ""))

    def _facts(self, before: dict | None, after: dict | None) -> str:
        language = self._language()
        shown = {
            "category_id": (translate("ArticleChange", "Category"),
                            lambda value: labels.category_path(value, language)),
            "language": (translate("ArticleChange", "Language"), labels.language_text),
            "visible": (translate("ArticleChange", "Visibility"), labels.visible_text),
            "sort_order": (translate("ArticleChange", "Position"), lambda value: "" if value is None else str(value)),
            "publish_scenes": (translate("ArticleChange", "Publish Scenes"), labels.scenes_text),
            "external_link": (translate("ArticleChange", "External Link"), labels.link_text),
        }
        parts = []
        for key, (name, text) in shown.items():
            new = text(after.get(key)) if after else ""
            # An order made before a field existed has no "before" of it: not a change.
            old = (text(before.get(key)) if key in before else new) if before else ""
            if before is None or after is None or old == new:
                value = html.escape(new or old)
                if not value:
                    continue
            else:
                value = (f'<span style="color:{CHANGED_FACT}">{html.escape(old)} → {html.escape(new)}</span>')
            parts.append(f'<span style="color:#627d98">{html.escape(name)}</span>&nbsp;<b>{value}</b>')
        return "&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts)

    def _diff_html(self, before: dict | None, after: dict | None) -> str:
        old_title, new_title = str((before or {}).get("title") or ""), str((after or {}).get("title") or "")
        old_body, new_body = str((before or {}).get("body") or ""), str((after or {}).get("body") or "")
        title_rows = side_by_side(old_title, new_title, context=None)
        body_rows = side_by_side(old_body, new_body)
        figures = counts(body_rows)
        summary = translate("ArticleChange", "{changed} changed · {deleted} removed · {inserted} added").format(
            changed=figures[LineKind.CHANGED], deleted=figures[LineKind.DELETED], inserted=figures[LineKind.INSERTED])
        left = translate("ArticleChange", "Live now") if before is not None else translate("ArticleChange",
                                                                                          "(no article yet)")
        right = translate("ArticleChange", "After approval") if after is not None else translate("ArticleChange",
                                                                                                "(deleted)")
        title = translate("ArticleChange", "Title")  # lupdate reads no calls inside f-strings
        body = translate("ArticleChange", "Body (Markdown)")
        heading = 'style="background-color:#eef2f7; font-weight:600;"'
        section = 'style="color:#334e68; font-weight:600; padding-top:6px;"'
        return (
            '<table width="100%" cellspacing="0" cellpadding="3">'
            f'<tr><td colspan="2" {heading}>{html.escape(left)}</td>'
            f'<td colspan="2" {heading}>{html.escape(right)}</td></tr>'
            f'<tr><td colspan="4" {section}>{html.escape(title)}</td></tr>'
            + diff_rows_html(title_rows)
            + f'<tr><td colspan="4" {section}>{html.escape(body)}'
            f'&nbsp;&nbsp;<span style="color:#627d98; font-weight:normal;">{html.escape(summary)}</span></td></tr>'
            + diff_rows_html(body_rows)
            + "</table>")

    def _render_reorder(self, order: WorkOrderOut) -> None:
        before = {row.get("article_id"): row for row in order.snapshot.get("rows") or [] if isinstance(row, dict)}
        after = [row for row in order.proposed.get("rows") or [] if isinstance(row, dict)]
        sample = after[0] if after else {}
        language = self._language()
        self.facts.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(
            f'<span style="color:#627d98">{html.escape(name)}</span>&nbsp;<b>{html.escape(value)}</b>' for name, value in (
                (translate("ArticleChange", "Category"), labels.category_path(sample.get("category_id"), language)),
                (translate("ArticleChange", "Language"), labels.language_text(sample.get("language"))),
            ) if value))
        heading = 'style="background-color:#eef2f7; font-weight:600;"'
        rows = []
        for row in after:
            old = (before.get(row.get("article_id")) or {}).get("sort_order")
            new = row.get("sort_order")
            moved = old != new
            style = 'style="background-color:#fff1c2;"' if moved else ""
            was = f"{old} → {new}" if moved else str(new)
            rows.append(f'<tr><td align="right" {style}>{html.escape(str(new))}</td>'
                        f'<td {style}>{html.escape(str(row.get("title") or ""))}</td>'
                        f'<td {style}>{html.escape(was)}</td></tr>')
        headers = (translate("ArticleChange", "New Position"), translate("ArticleChange", "Title"),
                   translate("ArticleChange", "Position Change"))
        self.diff.setHtml(
            '<table width="100%" cellspacing="0" cellpadding="3">'
            f'<tr><td width="10%" {heading}>{html.escape(headers[0])}</td>'
            f'<td {heading}>{html.escape(headers[1])}</td>'
            f'<td width="18%" {heading}>{html.escape(headers[2])}</td></tr>'
            + "".join(rows) + "</table>")
        self.preview_box.hide()

    # --- language -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
