"""Copy: where the hidden copy of an article goes (its category and language; the original's by
default). Opened with ``open()``, never ``exec()``: it answers through ``chosen``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from services.contract.help_center import ArticleLanguage, ArticleOut, HelpCategoryOut
from ui.common.dialog_keys import confirm_keys
from ui.help_center import labels

translate = QCoreApplication.translate  # the name lupdate recognises


class CopyDialog(QDialog):
    chosen = Signal(int, str)  # category id, language

    def __init__(self, article: ArticleOut, categories: list[HelpCategoryOut], language: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("copyArticleDialog")
        self.setWindowTitle(translate("CopyDialog", "Copy Article"))
        self.article = article
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setText(translate("CopyDialog", "Copy “{title}” as a new hidden article:").format(
            title=article.title))
        self.category = QComboBox(self)
        self.category.setObjectName("copyCategory")
        for category in categories:
            self.category.addItem(labels.category_path(category.id, language), category.id)
        if self.category.findData(article.category_id) < 0:
            self.category.addItem(labels.category_path(article.category_id, language), article.category_id)
        self.category.setCurrentIndex(self.category.findData(article.category_id))
        self.language = QComboBox(self)
        self.language.setObjectName("copyLanguage")
        for choice in ArticleLanguage:
            self.language.addItem(labels.language_text(choice), choice.value)
        self.language.setCurrentIndex(self.language.findData(article.language.value))
        hint = QLabel(translate("CopyDialog", "The copy stays hidden until a Show order is approved; its "
                                              "title is marked as a copy."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.copy_button = buttons.addButton(translate("CopyDialog", "Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setObjectName("copyAccept")
        self.copy_button.setDefault(True)
        confirm_keys(self, self.copy_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow(translate("CopyDialog", "Category"), self.category)
        form.addRow(translate("CopyDialog", "Language"), self.language)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        self.chosen.emit(int(self.category.currentData()), str(self.language.currentData()))
        super().accept()
