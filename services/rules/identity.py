"""Identity's field rules, the same in the desktop's dialogs and the backend: a new user's username
and display name, a role's names and permission codes.

Each rule answers Violations (field, stable code, English sentence); the desktop says the code's
sentence in the user's language (ui/common/rule_messages.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from services.contract.identity import DISPLAY_NAME_MAX, USERNAME_PATTERN
from services.contract.permission_areas import is_known
from services.rules.violations import Violation

ROLE_NAME_MAX = 128
ROLE_CODE_PATTERN = r"^[a-z][a-z0-9_]{1,63}$"  # as RoleUpdatePayload.code takes it
_USERNAME = re.compile(USERNAME_PATTERN)
_ROLE_CODE = re.compile(ROLE_CODE_PATTERN)


def check_username(username: str, taken: Iterable[str] = ()) -> list[Violation]:
    """Lower case letters and digits, then also ".", "_" or "-", 3 to 64 characters; not taken."""
    if not username.strip():
        return [Violation("username", "required", "Enter a username.")]
    if _USERNAME.fullmatch(username) is None:
        return [Violation("username", "username_format",
                          "A username is 3 to 64 lower-case letters, digits, \".\", \"_\" or \"-\", "
                          "starting with a letter or digit.")]
    if username in set(taken):
        return [Violation("username", "username_taken", f"The username {username} is taken.")]
    return []


def check_display_name(display_name: str) -> list[Violation]:
    name = display_name.strip()
    if not name:
        return [Violation("display_name", "required", "Enter the person's name.")]
    if len(name) > DISPLAY_NAME_MAX:
        return [Violation("display_name", "too_long", f"At most {DISPLAY_NAME_MAX} characters.",
                          params=(("max", str(DISPLAY_NAME_MAX)),))]
    return []


def check_role_code(code: str, taken: Iterable[str] = ()) -> list[Violation]:
    """A new role's code: lower-case letters, digits and "_", starting with a letter; not taken."""
    if not code.strip():
        return [Violation("code", "required", "Enter the role's code.")]
    if _ROLE_CODE.fullmatch(code) is None:
        return [Violation("code", "role_code_format",
                          "A role's code is 2 to 64 lower-case letters, digits or \"_\", starting with a letter.")]
    if code in set(taken):
        return [Violation("code", "role_code_taken", f"There is a role {code} already: edit it instead.")]
    return []


def check_role_names(name_en: str, name_zh: str) -> list[Violation]:
    out = []
    for field, name in (("name_zh", name_zh), ("name_en", name_en)):
        if not name.strip():
            out.append(Violation(field, "required", "Enter the role's name."))
        elif len(name.strip()) > ROLE_NAME_MAX:
            out.append(Violation(field, "too_long", f"At most {ROLE_NAME_MAX} characters.",
                                 params=(("max", str(ROLE_NAME_MAX)),)))
    return out


def check_permission_codes(codes: Iterable[str]) -> list[Violation]:
    """Every code must be one there is (services/contract/permission_areas.py)."""
    return [Violation("permissions", "unknown_permission", f"{code} is not a permission code.",
                      params=(("code", code),))
            for code in dict.fromkeys(codes) if not is_known(code)]
