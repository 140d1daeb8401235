"""The Markdown preview is safe: raw HTML shows as text, nothing is fetched until the user asks,
links open only in the user's browser and only over http(s), and a paste never inserts base64."""

import httpx
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from tests.qt_fixtures import until
from ui.help_center.markdown_editor import MarkdownSourceEdit
from ui.help_center.markdown_view import IMAGE_BYTES_MAX, MarkdownPreview, SafeTextBrowser, render_markdown

HOSTILE = """# Opening hours

<script>alert("pwned")</script>

<img src="http://tracker.example/pixel.gif">

![Branch map](https://help.example/map.png)

![Inline](data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==)

[Web site](https://www.example.com/hours) · [run](javascript:alert(1)) · [local](file:///etc/passwd)
"""


def png_bytes(width: int = 40, height: int = 20) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d4ed8"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class Recorder:
    """A transport that answers every request with ``body`` and remembers what was asked."""

    def __init__(self, body: bytes, content_type: str = "image/png"):
        self.requests: list[httpx.Request] = []
        self.body = body
        self.content_type = content_type

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return httpx.Response(200, content=self.body, headers={"content-type": self.content_type})
        return httpx.MockTransport(handle)


def test_script_and_raw_images_render_as_text_and_load_nothing(qtbot, aio):
    recorder = Recorder(png_bytes())
    preview = MarkdownPreview(transport=recorder.transport())
    qtbot.addWidget(preview)
    preview.show()
    preview.set_markdown(HOSTILE)
    aio(until(preview.isVisible))

    text = preview.browser.toPlainText()
    assert '<script>alert("pwned")</script>' in text  # shown, not run
    assert '<img src="http://tracker.example/pixel.gif">' in text
    assert "[Image “Branch map” from help.example: not loaded]" in text
    assert "[Embedded image refused: images are referenced by URL]" in text
    html = preview.browser.toHtml()
    assert "<script" not in html and "<img" not in html and "base64" not in html
    assert 'href="javascript:' not in html and 'href="file:' not in html  # unsafe links stay text
    assert 'href="https://www.example.com/hours"' in html
    assert preview.browser.refused == []  # the document asked for no resource at all
    assert recorder.requests == []
    assert preview.remote_images == ["https://help.example/map.png"]
    assert preview.remote_bar.isVisible() and "help.example" in preview.remote_note.text()


def test_the_browser_itself_refuses_remote_and_data_images(qtbot):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml('<p>a</p><img src="http://tracker.example/pixel.gif"><img src="data:image/png;base64,AAAA">'
                    '<img src="file:///etc/hosts">')
    browser.show()
    assert "http://tracker.example/pixel.gif" in browser.refused
    assert any(url.startswith("data:") for url in browser.refused)
    assert browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("https://a.example/x.png")) \
        is None


def test_links_open_in_the_browser_only_over_http(qtbot):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    opened: list[QUrl] = []
    refused: list[QUrl] = []
    browser.open_external = opened.append
    browser.linkRefused.connect(refused.append)
    for url in ("https://www.example.com/hours", "file:///etc/passwd", "javascript:alert(1)", "ftp://x.example/a"):
        browser.anchorClicked.emit(QUrl(url))
    assert [u.toString() for u in opened] == ["https://www.example.com/hours"]
    assert [u.toString() for u in refused] == ["file:///etc/passwd", "javascript:alert(1)", "ftp://x.example/a"]
    assert browser.source().isEmpty()  # nothing was followed inside the app


def test_remote_images_load_only_when_asked_and_only_those_on_screen(qtbot, aio):
    recorder = Recorder(png_bytes(800, 40))
    preview = MarkdownPreview(transport=recorder.transport())
    qtbot.addWidget(preview)
    preview.show()
    preview.set_markdown("![Map](https://help.example/map.png)")
    aio(until(preview.isVisible))
    assert recorder.requests == []

    async def load():
        preview.load_button.click()
        await preview.wait_idle()
    aio(load())
    assert [str(r.url) for r in recorder.requests] == ["https://help.example/map.png"]
    assert "authorization" not in recorder.requests[0].headers  # never the app's sign-in
    assert '<img src="https://help.example/map.png"' in preview.browser.toHtml()
    assert 'width="640"' in preview.browser.toHtml()  # a wide picture is scaled to fit
    assert not preview.remote_bar.isVisible()

    preview.set_markdown("![Map](https://help.example/map.png)\n\n![New](https://other.example/new.png)")
    assert len(recorder.requests) == 1  # an address typed later waits for another press
    assert preview.remote_bar.isVisible() and "other.example" in preview.remote_note.text()
    preview.reset()
    preview.set_markdown("![Map](https://help.example/map.png)")
    assert "not loaded" in preview.browser.toPlainText()  # another article: asked again


def test_an_oversized_or_non_image_answer_is_refused(qtbot, aio):
    big = Recorder(b"\0" * (IMAGE_BYTES_MAX + 1))
    page = Recorder(b"<html></html>", "text/html")
    for recorder, reason in ((big, "larger than 5 MB"), (page, "not an image")):
        preview = MarkdownPreview(transport=recorder.transport())
        qtbot.addWidget(preview)
        preview.set_markdown("![x](https://help.example/x.png)")
        assert preview.load_remote_images() is not None
        aio(preview.wait_idle())
        assert reason in preview.browser.toPlainText()
        assert "<img" not in preview.browser.toHtml()


def test_tables_lists_and_code_render(qtbot):
    rendered = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n`code`")
    assert "<table" in rendered.html and "<li>one</li>" in rendered.html and "<code>code</code>" in rendered.html


def test_pasting_an_image_or_a_data_uri_inserts_no_base64(qtbot):
    edit = MarkdownSourceEdit()
    qtbot.addWidget(edit)
    reasons: list[str] = []
    edit.pasteRefused.connect(reasons.append)

    screenshot = QMimeData()
    screenshot.setImageData(_image())
    edit.insertFromMimeData(screenshot)
    assert edit.toPlainText() == ""
    assert reasons[-1] == "Images are referenced by URL: ![alt](https://…)"

    pasted = QMimeData()
    pasted.setText("See ![x](data:image/png;base64,iVBORw0KGgo=) here")
    edit.insertFromMimeData(pasted)
    assert edit.toPlainText() == "" and len(reasons) == 2

    from_web = QMimeData()
    from_web.setHtml('<img src="https://help.example/steps.png" alt="Steps">')
    edit.insertFromMimeData(from_web)
    assert edit.toPlainText() == "![Steps](https://help.example/steps.png)"  # the address, not the bytes

    edit.clear()
    mixed = QMimeData()
    mixed.setText("Opening hours")
    mixed.setHtml('<p>Opening hours</p><img src="data:image/png;base64,AAAA">')
    edit.insertFromMimeData(mixed)
    assert edit.toPlainText() == "Opening hours" and len(reasons) == 3

    dragged = QMimeData()
    dragged.setUrls([QUrl.fromLocalFile("/home/mandy/Pictures/map.png")])
    edit.insertFromMimeData(dragged)
    assert edit.toPlainText() == "Opening hours" and len(reasons) == 4


def test_the_image_template_puts_the_cursor_where_the_address_goes(qtbot):
    edit = MarkdownSourceEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("Branch map")
    edit.selectAll()
    edit.insert_image_reference()
    edit.insertPlainText("help.example/map.png")
    assert edit.toPlainText() == "![Branch map](https://help.example/map.png)"


def _image() -> QImage:
    image = QImage(30, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    return image
