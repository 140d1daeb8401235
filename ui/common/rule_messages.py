"""Broken rules (services/rules Violation codes) as sentences for people, through Qt's translations.

Every code has one template naming its values, in services/contract/reasons.py; the desktop shows
the template translated (context "rules") and filled with the violation's ``params``, so a reason
reads wholly in the user's language. The rule's own English (``message``, which also says where in
a file) is shown only for a code this version does not know, or a violation without the values
its template names (one stored before it had them).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from services.contract.reasons import REASONS, TRANSLATION_CONTEXT, render
from services.rules.violations import Violation

CONTEXT = TRANSLATION_CONTEXT


def rule_text(violation: Violation) -> str:
    """The translated sentence of a broken rule, with the values it names (``params``)."""
    return render(violation.code, dict(violation.params), QCoreApplication.translate, fallback=violation.message)


def known_codes() -> frozenset[str]:
    return frozenset(REASONS)


def entry_violation(error: dict, row: int | None = None) -> Violation:
    """An entry of a refusal's ``errors`` (field, code, reason, the values its reason names) as the
    broken rule it stands for; ``row`` renumbers it (the backend numbers a payload's rows from 1)."""
    given = error.get("params")  # the values the sentence names ({user}, {role}, …)
    params = tuple((str(k), str(v)) for k, v in given.items()) if isinstance(given, dict) else ()
    return Violation(str(error.get("field") or ""), str(error.get("code") or ""), str(error.get("reason") or ""),
                     row, params)


def error_entry_text(error: dict) -> str:
    """An entry of a refusal's ``errors`` (field, code, reason) in the user's language: the code's
    sentence, or the backend's own reason for a code without one."""
    return rule_text(entry_violation(error))


def refusal_reasons(errors: list[dict]) -> list[str]:
    """Each entry of a refusal's ``errors`` that says something (a code or a reason), in the
    user's language: what a page adds after the refusal's own sentence."""
    return [error_entry_text(e) for e in errors if e.get("code") or e.get("reason")]
