"""The Markdown source editor: plain text in, images only as references, never pasted as data.

A pasted screenshot or an HTML fragment with embedded pictures would otherwise end up in the
article as kilobytes of base64 (and such an article is refused or bloats every page that lists
it), so pasting image data, or text holding a ``data:`` URI, is refused with a sentence saying how
images are written instead. Remote images in pasted HTML are offered as Markdown references.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from PySide6.QtCore import QCoreApplication, QMimeData, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.help_center.markdown_view import is_remote

translate = QCoreApplication.translate  # the name lupdate recognises

DATA_URI = re.compile(r"data:[\w.+-]*/?[\w.+-]*(;[\w=.+-]+)*(;base64)?,", re.IGNORECASE)
IMAGE_TEMPLATE = "![{alt}](https://)"
LINK_TEMPLATE = "[{text}](https://)"


def images_by_reference() -> str:
    return translate("MarkdownEditor", "Images are referenced by URL: ![alt](https://…)")


def has_data_uri(text: str) -> bool:
    return DATA_URI.search(text) is not None


class _ImageSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[tuple[str, str]] = []  # (src, alt)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.images.append((values.get("src") or "", values.get("alt") or ""))


def html_images(fragment: str) -> list[tuple[str, str]]:
    parser = _ImageSources()
    parser.feed(fragment)
    return parser.images


def image_reference(src: str, alt: str) -> str:
    """``![alt](src)``, the address in <> when it holds spaces or brackets."""
    src = src.strip()
    target = f"<{src}>" if re.search(r"[\s()<>]", src) else src
    return f"![{alt.replace(']', '')}]({target})"


class MarkdownSourceEdit(QPlainTextEdit):
    pasteRefused = Signal(str)  # why nothing (or less) was inserted, in the UI language

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("markdownSource")
        self.setTabChangesFocus(True)  # Tab leaves the field, as in the rest of the drawer
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    # --- pasting and dropping -------------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # Image data is "accepted" so that a drop or paste of it is answered with the reason.
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasUrls() and any(url.isLocalFile() for url in source.urls()):
            self.pasteRefused.emit(images_by_reference())  # a picture dragged from the desktop
            return
        text = source.text() if source.hasText() else ""
        if has_data_uri(text):
            self.pasteRefused.emit(images_by_reference())
            return
        references = []
        if source.hasHtml():
            for src, alt in html_images(source.html()):
                if is_remote(src):
                    references.append(image_reference(src, alt))
        if not text.strip():
            if references:  # a picture copied from a web page: its address, not its bytes
                self.insertPlainText("\n".join(references))
                return
            if source.hasImage() or source.hasHtml():
                self.pasteRefused.emit(images_by_reference())
            return
        self.insertPlainText(text)
        if source.hasImage() or (source.hasHtml() and html_images(source.html()) and not references):
            self.pasteRefused.emit(images_by_reference())

    # --- templates ------------------------------------------------------------------------------

    def insert_image_reference(self) -> None:
        """``![selected text](https://)`` with the cursor where the address goes."""
        self._wrap(IMAGE_TEMPLATE, translate("MarkdownEditor", "description"))

    def insert_link(self) -> None:
        self._wrap(LINK_TEMPLATE, translate("MarkdownEditor", "link text"))

    def _wrap(self, template: str, default: str) -> None:
        cursor = self.textCursor()
        chosen = cursor.selectedText().replace("\u2029", " ").strip() or default
        text = template.format(alt=chosen, text=chosen)
        cursor.insertText(text)
        cursor.movePosition(QTextCursor.MoveOperation.Left)  # just before ")": after "https://"
        self.setTextCursor(cursor)
        self.setFocus()
