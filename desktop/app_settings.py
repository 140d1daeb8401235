"""What the desktop remembers between runs, as typed accessors over one QSettings.

Tests pass their own QSettings (an .ini in a temp folder) so they never touch the user's.
"""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "OpsDesk"
APPLICATION = "OpsDesk"

LANGUAGES = ("zh_Hant", "en")
DEFAULT_LANGUAGE = "zh_Hant"


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None):
        # QSettings() uses the organisation and application names set on the QApplication.
        self._s = qsettings if qsettings is not None else QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def sync(self) -> None:
        self._s.sync()

    # --- language ------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        value = str(self._s.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unsupported language {value!r}")
        self._s.setValue("ui/language", value)

    # --- login ---------------------------------------------------------------------------------

    @property
    def last_username(self) -> str:
        return str(self._s.value("login/last_username", "") or "")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._s.setValue("login/last_username", value)

    # --- main window: each user's own, a new user starting from the last one's ----------------

    def window_geometry(self, username: str | None = None) -> QByteArray | None:
        return self._layout_bytes(username, "main_window/geometry")

    def set_window_geometry(self, value: QByteArray, username: str | None = None) -> None:
        self._set_layout(username, "main_window/geometry", value)

    def window_state(self, username: str | None = None) -> QByteArray | None:
        return self._layout_bytes(username, "main_window/state")

    def set_window_state(self, value: QByteArray, username: str | None = None) -> None:
        self._set_layout(username, "main_window/state", value)

    def splitter_state(self, username: str | None = None) -> QByteArray | None:
        return self._layout_bytes(username, "main_window/splitter")

    def set_splitter_state(self, value: QByteArray, username: str | None = None) -> None:
        self._set_layout(username, "main_window/splitter", value)

    # --- a user's page layouts (desktop/layout_memory.py) --------------------------------------

    def user_value(self, username: str, key: str) -> object:
        return self._s.value(_user_key(username, key))

    def set_user_value(self, username: str, key: str, value: object) -> None:
        self._s.setValue(_user_key(username, key), value)

    def user_bytes(self, username: str, key: str) -> QByteArray | None:
        return self._bytes(_user_key(username, key))

    def _layout_bytes(self, username: str | None, key: str) -> QByteArray | None:
        own = self._bytes(_user_key(username, key)) if username else None
        return own if own is not None else self._bytes(key)

    def _set_layout(self, username: str | None, key: str, value: QByteArray) -> None:
        if username:
            self._s.setValue(_user_key(username, key), value)
        self._s.setValue(key, value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _user_key(username: str, key: str) -> str:
    # Quoted: a name's slash or backslash would break the key into groups.
    return f"users/{quote(username, safe='')}/{key}"
