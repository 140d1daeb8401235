"""Role names as the backend last sent them, for any page that names a role by its code.

An administrator names roles (in both languages) and may add new ones, so their names come from
the backend: whichever area reads roles (Identity's roles, the approval chains' people) remembers
them here, and a work order's summary naming roles (services/contract/summaries.py) shows them.
A role not read yet shows as its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QLocale


class NamedRole(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def name_zh(self) -> str: ...


_names: dict[str, tuple[str, str]] = {}  # code → (English, Chinese)


def remember(roles: Iterable[NamedRole]) -> None:
    _names.update({r.code: (r.name_en, r.name_zh) for r in roles})


def role_name(code: str, language: str | None = None) -> str:
    """The role's name in ``language`` ("zh_Hant" or "en"; by default the UI's, as the installed
    locale says); its code while its names are not known."""
    names = _names.get(code)
    if names is None:
        return code
    if language is None:
        language = "zh_Hant" if QLocale().language() == QLocale.Language.Chinese else "en"
    return names[1] if language == "zh_Hant" else names[0]
