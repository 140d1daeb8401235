"""Markdown shown safely: nothing in an article can run, and nothing leaves the machine unasked.

markdown-it-py renders CommonMark (plus tables and strikethrough) with raw HTML off, so a
``<script>`` or ``<img>`` typed into an article shows as text. Links are shown but never followed
inside the app: a click opens an http(s) link in the user's browser, anything else is refused.
Images from other sites show as a placeholder until the user presses "Load remote images" for
the addresses on screen; they are then fetched by services.remote_images (size-capped, never with
the app's sign-in) and handed to the document. Embedded ``data:`` images and local paths are never shown.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from services.remote_images import IMAGE_BYTES_MAX, ImageRefused, Refusal, RemoteImages, Transport
from ui.common.op_runner import OpRunner

translate = QCoreApplication.translate  # the name lupdate recognises

REMOTE_SCHEMES = frozenset({"http", "https"})
REMOTE_IMAGES_MAX = 30  # fetched per press of "Load remote images"
FETCH = "fetch"  # the preview's one kind of background work: the remote images asked for
IMAGE_WIDTH_MAX = 640  # wider images are scaled down to this on screen

# Qt's rich text understands this much CSS; it keeps tables and code readable.
DOCUMENT_CSS = """
table { border-collapse: collapse; margin: 4px 0; }
th { background-color: #eef2f7; font-weight: 600; }
th, td { border: 1px solid #bcccdc; padding: 3px 6px; }
pre { background-color: #f0f4f8; padding: 6px; }
code { background-color: #f0f4f8; }
blockquote { color: #486581; margin-left: 12px; }
a { color: #1d4ed8; }
"""
PLACEHOLDER_STYLE = "color:#486581; background-color:#eef2f7;"


def _scheme(url: str) -> str:
    return urlsplit(url.strip()).scheme.lower()


def is_remote(url: str) -> bool:
    return _scheme(url) in REMOTE_SCHEMES and bool(urlsplit(url.strip()).netloc)


@dataclass
class Rendered:
    html: str
    remote_images: list[str] = field(default_factory=list)  # http(s) image addresses, in order, once each


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.add_render_rule("image", _render_image)
    md.add_render_rule("table_open", lambda *_args: '<table border="1" cellspacing="0" cellpadding="4">\n')
    return md


def _render_image(renderer: Any, tokens: list, idx: int, options: Any, env: dict) -> str:
    """An image the user allowed as <img>; every other one as a placeholder sentence."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    if is_remote(src):
        if src not in env["remote"]:
            env["remote"].append(src)
        if src in env["images"]:
            width = env["images"][src]
            size = f' width="{IMAGE_WIDTH_MAX}"' if width > IMAGE_WIDTH_MAX else ""
            return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}"{size} />'
        failed = env["failed"].get(src)
        text = (translate("MarkdownView", "[Image “{alt}” from {host} could not be loaded: {reason}]").format(
                    alt=alt, host=urlsplit(src).netloc, reason=failed) if failed else
                translate("MarkdownView", "[Image “{alt}” from {host}: not loaded]").format(
                    alt=alt, host=urlsplit(src).netloc))
    elif _scheme(src) == "data":
        text = translate("MarkdownView", "[Embedded image refused: images are referenced by URL]")
    else:
        text = translate("MarkdownView", "[Image “{alt}”: only http(s) addresses are shown]").format(alt=alt)
    return f'<span style="{PLACEHOLDER_STYLE}">{html.escape(text)}</span>'


_MD = _markdown()


def render_markdown(source: str, images: dict[str, int] | None = None,
                    failed: dict[str, str] | None = None) -> Rendered:
    """HTML of ``source``; ``images`` are the remote addresses loaded (with their widths), whose
    <img> the document may show; ``failed`` the ones that could not be loaded, with why."""
    env: dict[str, Any] = {"remote": [], "images": images or {}, "failed": failed or {}}
    return Rendered(_MD.render(source, env), env["remote"])


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that loads nothing by itself: images only from what it was handed
    (``add_image``), links never followed inside it."""

    linkRefused = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.document().setDefaultStyleSheet(DOCUMENT_CSS)
        self._images: dict[str, QImage] = {}
        self.refused: list[str] = []  # resources the document asked for and did not get
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests replace it
        self.anchorClicked.connect(self.follow)

    def add_image(self, url: str, image: QImage) -> None:
        self._images[url] = image
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)

    def forget_images(self) -> None:
        self._images.clear()

    def loadResource(self, kind: int, name: QUrl) -> Any:
        if _kind(kind) == _kind(QTextDocument.ResourceType.ImageResource):
            image = self._images.get(name.toString())
            if image is not None:
                return image
        self.refused.append(name.toString())
        return None

    def follow(self, url: QUrl) -> None:
        """A click on a link: http(s) opens in the user's browser; a #fragment scrolls here."""
        if url.scheme().lower() in REMOTE_SCHEMES and url.host():
            self.open_external(url)
        elif not url.scheme() and not url.path() and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        else:
            self.linkRefused.emit(url)


def _kind(kind: object) -> int:
    return int(getattr(kind, "value", kind))


class MarkdownPreview(QWidget):
    """The rendered article, with a bar offering to load the remote images it references."""

    rendered = Signal()

    def __init__(self, parent: QWidget | None = None, transport: Transport | None = None):
        super().__init__(parent)
        self.setObjectName("markdownPreview")
        self._fetcher = RemoteImages(transport)  # tests give a mock transport; the app fetches for real
        self.ops = OpRunner(self)  # fetching the remote images; each failure is said beside its image
        self._source = ""
        self._widths: dict[str, int] = {}  # remote images loaded, by address
        self._failed: dict[str, str] = {}
        self._remote: list[str] = []  # remote images of the source on screen
        self._hovered = ""

        self.remote_bar = QFrame(self)
        self.remote_bar.setObjectName("remoteImagesBar")
        self.remote_bar.setStyleSheet("QFrame#remoteImagesBar { background: #fff4e5; border: 1px solid #f0c36d;"
                                      " border-radius: 3px; }")
        self.remote_note = QLabel(self.remote_bar)
        self.remote_note.setWordWrap(True)
        self.load_button = QPushButton(self.remote_bar)
        self.load_button.setObjectName("loadRemoteImages")
        self.load_button.clicked.connect(self.load_remote_images)
        self.ops.runningChanged.connect(self._update_bar)
        bar = QHBoxLayout(self.remote_bar)
        bar.setContentsMargins(6, 3, 6, 3)
        bar.addWidget(self.remote_note, 1)
        bar.addWidget(self.load_button)
        self.remote_bar.hide()

        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("markdownBrowser")
        self.browser.highlighted.connect(self._hover)
        self.browser.linkRefused.connect(self._refused_link)
        self.link_hint = QLabel(self)
        self.link_hint.setObjectName("hint")
        self.link_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.link_hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.remote_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.link_hint)
        self.retranslate_ui()

    # --- content --------------------------------------------------------------------------------

    @property
    def source(self) -> str:
        return self._source

    @property
    def remote_images(self) -> list[str]:
        return list(self._remote)

    def reset(self) -> None:
        """Another article: the remote images allowed for the last one are not allowed for it."""
        self.ops.cancel_all()
        self._widths.clear()
        self._failed.clear()
        self.browser.forget_images()
        self._hovered = ""
        self._show_hover()

    def set_markdown(self, source: str) -> None:
        self._source = source
        self._render()

    def _render(self) -> None:
        rendered = render_markdown(self._source, self._widths, self._failed)
        self._remote = rendered.remote_images
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(rendered.html)
        bar.setValue(position)  # typing in the editor keeps the preview where it was
        self._update_bar()
        self.rendered.emit()

    def _waiting(self) -> list[str]:
        return [url for url in self._remote if url not in self._widths and url not in self._failed]

    def _update_bar(self, *_args: object) -> None:
        waiting = self._waiting()
        fetching = self.fetching
        self.remote_bar.setVisible(bool(waiting) or fetching)
        self.load_button.setEnabled(not fetching)
        if fetching:
            self.remote_note.setText(translate("MarkdownView", "Loading remote images…"))
        else:
            hosts = sorted({urlsplit(url).netloc for url in waiting})
            self.remote_note.setText(translate("MarkdownView", "{count} image(s) from other sites ({hosts}) are "
                                                               "not loaded.").format(count=len(waiting),
                                                                                     hosts=", ".join(hosts)))

    # --- remote images --------------------------------------------------------------------------

    @property
    def fetching(self) -> bool:
        return self.ops.running(FETCH)

    async def wait_idle(self) -> None:
        """Awaits the remote images being fetched, if any."""
        await self.ops.wait_idle()

    def load_remote_images(self) -> asyncio.Task | None:
        """The user asked: fetches the remote images referenced now (not ones typed later)."""
        urls = self._waiting()[:REMOTE_IMAGES_MAX]
        if not urls or self.fetching:
            return None
        task = self.ops.run(self._fetch_all(urls), key=FETCH, on_success=lambda _: self._render())
        self._update_bar()
        return task

    async def _fetch_all(self, urls: list[str]) -> None:
        fetched = await self._fetcher.fetch_all(urls)
        for url, data in fetched.items():
            if isinstance(data, ImageRefused):
                self._failed[url] = _refusal_text(data)
                continue
            image = QImage.fromData(data)
            if image.isNull():
                self._failed[url] = translate("MarkdownView", "not an image")
                continue
            self._widths[url] = image.width()
            self.browser.add_image(url, image)

    # --- links ----------------------------------------------------------------------------------

    def _hover(self, url: QUrl) -> None:
        self._hovered = url.toString()
        self._show_hover()

    def _show_hover(self) -> None:
        self.link_hint.setVisible(bool(self._hovered))
        if not self._hovered:
            self.link_hint.clear()
        elif is_remote(self._hovered):
            self.link_hint.setText(translate("MarkdownView", "Click to open in your browser: {url}").format(
                url=self._hovered))
        else:
            self.link_hint.setText(translate("MarkdownView", "Not opened: only http(s) links open. {url}").format(
                url=self._hovered))

    def _refused_link(self, url: QUrl) -> None:
        self.link_hint.show()
        self.link_hint.setText(translate("MarkdownView", "Not opened: only http(s) links open. {url}").format(
            url=url.toString()))

    # --- language -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.load_button.setText(translate("MarkdownView", "Load remote images"))
        self.load_button.setToolTip(translate("MarkdownView", "Fetch the images of this preview from their sites"))
        self._show_hover()
        if self._source:
            self._render()
        else:
            self._update_bar()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _refusal_text(refused: ImageRefused) -> str:
    if refused.refusal == Refusal.STATUS:
        return translate("MarkdownView", "the site answered {status}").format(status=refused.status)
    if refused.refusal == Refusal.NOT_AN_IMAGE:
        return translate("MarkdownView", "not an image")
    if refused.refusal == Refusal.TOO_LARGE:
        return translate("MarkdownView", "larger than {size} MB").format(size=IMAGE_BYTES_MAX >> 20)
    return translate("MarkdownView", "the site did not answer")
