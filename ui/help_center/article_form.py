"""The article drawer's fields: category and language, the title, the external link and publish
scenes (article_publishing.py), and the Markdown source with its tools beside its preview, each
with the note under it. A view without decisions: the drawer fills it, reads ``values()`` and says
the notes (``show_notes``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
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

from services.contract.help_center import ArticleLanguage, HelpCategoryOut
from ui.help_center import labels
from ui.help_center.article_editor_controller import FIELDS, Note, Values
from ui.help_center.article_publishing import PublishingFields
from ui.help_center.markdown_editor import MarkdownSourceEdit
from ui.help_center.markdown_view import MarkdownPreview

translate = QCoreApplication.translate  # the name lupdate recognises
TEXT_FIELDS = tuple(f for f in FIELDS if f not in ("external_link", "publish_scenes", "visible"))


def _pane(parent: QWidget, header: Sequence[QWidget], content: QWidget) -> QWidget:
    """A header row (``header``, then the spare width) above ``content``, edge to edge."""
    pane = QWidget(parent)
    box = QVBoxLayout(pane)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(3)
    row = QHBoxLayout()
    box.addLayout(row)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in header:
        row.addWidget(widget)
    row.addStretch(1)
    box.addWidget(content, 1)
    return pane


class ArticleForm:
    """Builds the fields into ``body`` (the drawer's content widget) and keeps them."""

    def __init__(self, body: QWidget, transport=None):
        self.category = QComboBox(body)
        self.category.setObjectName("articleCategory")
        self.language = QComboBox(body)
        self.language.setObjectName("articleLanguage")
        for language in ArticleLanguage:
            self.language.addItem("", language.value)
        self.title_edit = QLineEdit(body)
        self.title_edit.setObjectName("articleTitle")
        self.title_edit.setClearButtonEnabled(True)
        # The category a fill asked for before the choices came (a work order reopened on a page
        # just opened): chosen once they come.
        self._wanted_category: int | None = None
        self.source = MarkdownSourceEdit(body)
        self.preview = MarkdownPreview(body, transport=transport)
        self.labels = {name: QLabel(body) for name in TEXT_FIELDS}
        self.notes: dict[str, QLabel] = {}
        for name in TEXT_FIELDS:
            note = QLabel(body)
            note.setObjectName("fieldNote")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            self.notes[name] = note
        for name, buddy in (("category_id", self.category), ("language", self.language), ("title", self.title_edit),
                            ("body", self.source)):
            self.labels[name].setBuddy(buddy)
        self.image_button = QToolButton(body)
        self.image_button.setObjectName("insertImage")
        self.image_button.clicked.connect(self.source.insert_image_reference)
        self.link_button = QToolButton(body)
        self.link_button.setObjectName("insertLink")
        self.link_button.clicked.connect(self.source.insert_link)
        self.preview_caption = QLabel(body)
        self.preview_caption.setObjectName("hint")

        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        layout.addLayout(grid)
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
        self.publishing = PublishingFields(body, grid, 4)
        self.notes.update(self.publishing.notes)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        # The source with its tools on the left, the preview with its caption on the right.
        source_pane = _pane(body, (self.labels["body"], self.image_button, self.link_button), self.source)
        preview_pane = _pane(body, (self.preview_caption,), self.preview)
        # Both headers as tall as the tool buttons, so the two panes start level.
        self.preview_caption.setMinimumHeight(self.image_button.sizeHint().height())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, body)
        self.splitter.setObjectName("articleEditorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(source_pane)
        self.splitter.addWidget(preview_pane)
        self.splitter.setSizes([1, 1])

        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.notes["body"])

    def values(self) -> Values:
        return {"category_id": self.category.currentData(), "language": self.language.currentData(),
                "title": self.title_edit.text(), "body": self.source.toPlainText(), **self.publishing.values()}

    def fill(self, category_id: int | None, language: str | None, title: str, body: str,
             publishing: tuple[str | None, list[str], bool, bool]) -> None:
        """``publishing``: (external link, publish scenes, show once approved, a new article)."""
        self.publishing.fill(*publishing)
        self._wanted_category = category_id
        self.category.setCurrentIndex(self.category.findData(category_id) if category_id is not None else -1)
        self.language.setCurrentIndex(self.language.findData(language) if language is not None else -1)
        self.title_edit.setText(title)
        self.source.setPlainText(body)
        self.preview.reset()
        self.preview.set_markdown(body)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.category, self.language, self.title_edit, self.source, self.image_button,
                       self.link_button, *self.publishing.widgets()):
            widget.setEnabled(editable)

    def set_categories(self, categories: list[HelpCategoryOut], language: str) -> None:
        """The category choices (the backend's), keeping the one chosen."""
        chosen = self.category.currentData()
        if chosen is None:
            chosen = self._wanted_category
        blocked = self.category.blockSignals(True)
        self.category.clear()
        for category in categories:
            self.category.addItem(labels.category_path(category.id, language), category.id)
        self.category.setCurrentIndex(self.category.findData(chosen) if chosen is not None else -1)
        self.category.blockSignals(blocked)

    def show_notes(self, notes: Mapping[str, Note]) -> None:
        for name, label in self.notes.items():
            note = notes.get(name)
            label.setText(note.text if note else "")
            label.setProperty("tone", note.tone if note else "hint")
            label.style().unpolish(label)
            label.style().polish(label)

    def retranslate(self, language: str) -> None:
        self.labels["category_id"].setText(translate("ArticleDrawer", "Category"))
        self.labels["language"].setText(translate("ArticleDrawer", "Language"))
        self.labels["title"].setText(translate("ArticleDrawer", "Title"))
        self.labels["body"].setText(translate("ArticleDrawer", "Markdown"))
        for i in range(self.language.count()):
            self.language.setItemText(i, labels.language_text(self.language.itemData(i)))
        for i in range(self.category.count()):
            self.category.setItemText(i, labels.category_path(self.category.itemData(i), language))
        self.publishing.retranslate()
        self.image_button.setText(translate("ArticleDrawer", "Image"))
        self.image_button.setToolTip(translate("ArticleDrawer", "Insert an image reference: ![description]"
                                                                "(https://…) (Ctrl+Shift+I)"))
        self.link_button.setText(translate("ArticleDrawer", "Link"))
        self.link_button.setToolTip(translate("ArticleDrawer", "Insert a link: [text](https://…) (Ctrl+K)"))
        self.preview_caption.setText(translate("ArticleDrawer", "Preview"))
        self.title_edit.setPlaceholderText(translate("ArticleDrawer", "What customers see in the list"))
        self.source.setPlaceholderText(translate("ArticleDrawer", "Write in Markdown: # headings, - lists, "
                                                                  "| tables |, [links](https://…)"))
