"""Installs the translators for the chosen language; switching sends LanguageChange to every widget.

Our strings come from resources/translations/opsdesk_<lang>.qm; Qt's own (standard buttons,
context menus of line edits, the file dialog) from the qtbase catalogue that ships with PySide6,
and the few words that catalogue leaves in English from ours (``QT_GAPS``): Qt asks every
installed translator.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.app_settings import DEFAULT_LANGUAGE, LANGUAGES
from desktop.paths import TRANSLATIONS_DIR

log = logging.getLogger(__name__)

# Traditional Chinese as used in Hong Kong; Qt names its own catalogue zh_TW.
_LOCALES = {
    "zh_Hant": QLocale(QLocale.Language.Chinese, QLocale.Script.TraditionalChineseScript,
                       QLocale.Country.HongKong),
    "en": QLocale(QLocale.Language.English, QLocale.Country.HongKong),
}
# Each language is named in itself, so anyone can find their own.
LANGUAGE_NAMES = (("zh_Hant", "繁體中文"), ("en", "English"))
_QT_CATALOGUE = {"zh_Hant": "qtbase_zh_TW"}
# Qt's words that qtbase_zh_TW does not translate, in Qt's own contexts: the file dialog (Qt's
# widget dialog, where the platform has no native one) labels its folder and type choosers so.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

# Installed translators must stay referenced, or Python frees them and Qt drops them.
_installed: list[QTranslator] = []
_current = "en"


def app_catalogue(language: str):
    return TRANSLATIONS_DIR / f"opsdesk_{language}.qm"


def current_language() -> str:
    return _current


def set_language(language: str) -> None:
    """Replaces the installed translators; Qt then posts LanguageChange to all widgets."""
    global _current
    if language not in LANGUAGES:
        log.warning("unknown language %r, using %s", language, DEFAULT_LANGUAGE)
        language = DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()

    QLocale.setDefault(_LOCALES[language])
    if language != "en":  # English is the source language: no catalogue needed
        _install(str(app_catalogue(language)))
        qt_name = _QT_CATALOGUE.get(language)
        if qt_name:
            _install(qt_name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    _current = language
    if not _installed and language != "en":
        # Nothing was installed, so Qt sends no LanguageChange; the UI stays as it was.
        log.warning("no translations installed for %s", language)


def _install(file_name: str, directory: str = "") -> None:
    translator = QTranslator()
    if translator.load(file_name, directory):
        QCoreApplication.instance().installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("translation catalogue %s not found", file_name)
