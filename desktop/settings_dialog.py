"""Preferences: the display language, applied live to every open window and saved."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop import i18n
from desktop.app_settings import AppSettings
from ui.common.dialog_keys import confirm_keys


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        for code, name in i18n.LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_label.setBuddy(self.language_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        confirm_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow(self.language_label, self.language_combo)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.load()
        self.retranslate_ui()

    def load(self) -> None:
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.current_language())))

    def apply(self) -> None:
        language = self.language_combo.currentData()
        self.settings.language = language
        if language != i18n.current_language():
            i18n.set_language(language)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
