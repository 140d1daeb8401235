"""Broken rules (services/rules Violation codes) as sentences for people, through Qt's translations.

The rules speak English with the values in the sentence; the desktop shows the translated
sentence of the code instead and puts the value beside it (the field, the cell), so every rule
reads the same in both languages; a rule whose values matter to the reader (a time in the
market's zone) passes them as ``params``, which the sentence names. An unknown code falls back
to the rule's own English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.rules.violations import Violation

CONTEXT = "rules"

_MESSAGES: dict[str, str] = {
    # ratios as typed
    "required": QT_TRANSLATE_NOOP("rules", "Required."),
    "not_a_number": QT_TRANSLATE_NOOP("rules", "Not a number."),
    "below_zero": QT_TRANSLATE_NOOP("rules", "Must not be below 0."),
    "above_one": QT_TRANSLATE_NOOP("rules", "Must not be above 100%."),
    "out_of_range": QT_TRANSLATE_NOOP("rules", "Must be between 0 and 1 (0% and 100%)."),
    "too_many_decimals": QT_TRANSLATE_NOOP("rules", "At most four decimals (0.0001)."),
    "must_be_positive": QT_TRANSLATE_NOOP("rules", "Must be above 0."),
    # the margin ladder, highest first
    "above_im": QT_TRANSLATE_NOOP("rules", "Must not be above IM."),
    "above_mcm": QT_TRANSLATE_NOOP("rules", "Must not be above MCM."),
    "above_mm": QT_TRANSLATE_NOOP("rules", "Must not be above MM."),
    "financeable_needs_im_below_one": QT_TRANSLATE_NOOP("rules", "A financeable symbol needs IM below 100%."),
    "not_financeable_needs_im_one": QT_TRANSLATE_NOOP("rules", "A symbol that is not financeable needs IM = 100%."),
    "below_reg_t_floor": QT_TRANSLATE_NOOP("rules", "Below the US Reg T floor (IM 50%, MM 25%)."),
    "above_overnight_im": QT_TRANSLATE_NOOP("rules", "Intraday IM is above the overnight IM."),
    # a dated setting, with its time in the market's zone (services/rules/effective_time.py)
    "effective_outside_session": QT_TRANSLATE_NOOP(
        "rules", "{at} is outside the {market} trading session; the change first counts at the next open, "
                 "{next_open}."),
    "status_set_by_system": QT_TRANSLATE_NOOP(
        "rules", "Only the system forbids short selling for a low lending pool: a row may keep it, not set it."),
    # symbols and batches
    "malformed_symbol": QT_TRANSLATE_NOOP("rules", "Expected CODE.MARKET such as 00700.HK or AAPL.US (letters A-Z, digits 0-9)."),
    "symbol_exists": QT_TRANSLATE_NOOP("rules", "This symbol already exists: edit it instead."),
    "market_mismatch": QT_TRANSLATE_NOOP("rules", "The symbol trades in another market."),
    "unknown_symbol": QT_TRANSLATE_NOOP("rules", "Not a listed symbol."),
    "duplicate_symbol": QT_TRANSLATE_NOOP("rules", "This symbol appears twice."),
    "no_such_row": QT_TRANSLATE_NOOP("rules", "This symbol has no live row to change."),
    "empty_batch": QT_TRANSLATE_NOOP("rules", "The batch has no rows."),
    "too_many_rows": QT_TRANSLATE_NOOP("rules", "Too many rows for one batch."),
    # the file itself (services/excel readers)
    "corrupt_file": QT_TRANSLATE_NOOP("rules", "The file is damaged or is not a workbook."),
    "not_a_workbook": QT_TRANSLATE_NOOP("rules", "Not an Excel workbook (.xlsx)."),
    "password_protected": QT_TRANSLATE_NOOP("rules", "The workbook is password-protected."),
    "too_large": QT_TRANSLATE_NOOP("rules", "Too large to read safely."),
    "macros_refused": QT_TRANSLATE_NOOP("rules", "Workbooks with macros are refused."),
    "macros_ignored": QT_TRANSLATE_NOOP("rules", "The workbook's macros were ignored."),
    "empty_sheet": QT_TRANSLATE_NOOP("rules", "The sheet has no data."),
    "unknown_column": QT_TRANSLATE_NOOP("rules", "A column this upload does not know."),
    "duplicate_column": QT_TRANSLATE_NOOP("rules", "This column appears twice."),
    "missing_column": QT_TRANSLATE_NOOP("rules", "A required column is missing."),
    "formula_cell": QT_TRANSLATE_NOOP("rules", "Formulas are not accepted; paste values only."),
    # day-trade window
    "unknown_market": QT_TRANSLATE_NOOP("rules", "Unknown market."),
    "wrong_time_zone": QT_TRANSLATE_NOOP("rules", "Not this market's time zone."),
    "outside_session": QT_TRANSLATE_NOOP("rules", "Outside the market's trading session."),
    "force_close_not_after_start": QT_TRANSLATE_NOOP("rules", "Force-close must be after the start."),
    "force_close_after_end": QT_TRANSLATE_NOOP("rules", "Force-close must not be after the end."),
    # Help Center articles (services/rules/help_center.py and the article flows)
    "link_scheme": QT_TRANSLATE_NOOP("rules", "External link: only http:// and https:// addresses can be opened."),
    "link_malformed": QT_TRANSLATE_NOOP("rules", "External link: not a well-formed web address."),
    "link_too_long": QT_TRANSLATE_NOOP("rules", "External link: at most 2,000 characters."),
    "no_scene": QT_TRANSLATE_NOOP("rules", "Publish scenes: choose at least one."),
    "unknown_scene": QT_TRANSLATE_NOOP("rules", "Publish scenes: not a scene this system knows."),
    "visible_for_new_only": QT_TRANSLATE_NOOP("rules", "Visibility is chosen for a new article only: hide or "
                                                       "show an existing one."),
    "delete_visible": QT_TRANSLATE_NOOP("rules", "Only a hidden article can be deleted: hide it first."),
    "already_hidden": QT_TRANSLATE_NOOP("rules", "It is already hidden."),
    "already_visible": QT_TRANSLATE_NOOP("rules", "It is already shown."),
    "no_change": QT_TRANSLATE_NOOP("rules", "Nothing changed."),
    "no_such_article": QT_TRANSLATE_NOOP("rules", "The article does not exist or was deleted."),
    "not_the_whole_list": QT_TRANSLATE_NOOP("rules", "The new order must name the whole list; reload it."),
    # Help Center categories
    "no_such_category": QT_TRANSLATE_NOOP("rules", "Category: it does not exist or was deleted."),
    "name_too_long": QT_TRANSLATE_NOOP("rules", "Name: too long."),
    "name_control_character": QT_TRANSLATE_NOOP("rules", "Name: control characters are not allowed."),
    "duplicate_name": QT_TRANSLATE_NOOP("rules", "Name: another category under the same parent has it."),
    "category_cycle": QT_TRANSLATE_NOOP("rules", "Parent: a category cannot move under itself or its "
                                                 "sub-categories."),
    "category_too_deep": QT_TRANSLATE_NOOP("rules", "Parent: categories nest at most three levels deep."),
    "category_has_articles": QT_TRANSLATE_NOOP("rules", "The category still has articles: move or delete them "
                                                        "first."),
    "category_has_children": QT_TRANSLATE_NOOP("rules", "The category has sub-categories: move or delete them "
                                                        "first."),
    "category_has_pending_changes": QT_TRANSLATE_NOOP("rules", "An article change awaiting approval names this "
                                                               "category: delete it once that is decided."),
    # approval chains (services/rules/approval_chain.py and the chain change flow)
    "level_without_approver": QT_TRANSLATE_NOOP("rules", "Approval level: name at least one person or role."),
    "unknown_user": QT_TRANSLATE_NOOP("rules", "There is no user {user}."),
    "approver_repeated": QT_TRANSLATE_NOOP("rules", "A person or role is named twice in one list."),
    "no_such_flow": QT_TRANSLATE_NOOP("rules", "There is no such approval flow."),
    "no_chain_to_remove": QT_TRANSLATE_NOOP("rules", "This flow has no approval chain of its own to remove."),
    "no_approver": QT_TRANSLATE_NOOP("rules", "This approval level names no active person other than you."),
    # identity (services/rules/identity.py and the identity flows)
    "username_format": QT_TRANSLATE_NOOP("rules", "Username: 3 to 64 lower-case letters, digits, “.”, “_” or “-”, "
                                                  "starting with a letter or digit."),
    "username_taken": QT_TRANSLATE_NOOP("rules", "Username: another user has it, perhaps a disabled one."),
    "too_long": QT_TRANSLATE_NOOP("rules", "At most {max} characters."),
    "role_code_format": QT_TRANSLATE_NOOP("rules", "Code: 2 to 64 lower-case letters, digits or “_”, starting "
                                                   "with a letter."),
    "role_code_taken": QT_TRANSLATE_NOOP("rules", "Code: a role has it already; edit that role instead."),
    "unknown_permission": QT_TRANSLATE_NOOP("rules", "{code} is not a permission code."),
    "unknown_role": QT_TRANSLATE_NOOP("rules", "There is no role {code}."),
    "no_such_user": QT_TRANSLATE_NOOP("rules", "The user does not exist."),
    "built_in_role": QT_TRANSLATE_NOOP("rules", "The administrator role holds every permission and cannot be "
                                                "edited."),
    "last_administrator": QT_TRANSLATE_NOOP("rules", "The last active administrator keeps the role: make another "
                                                     "administrator first."),
    "self_grant": QT_TRANSLATE_NOOP("rules", "Nobody grants themselves rights: another administrator must."),
    "condition_value": QT_TRANSLATE_NOOP("rules", "Condition: a number of 0 or more, at most four decimals."),
}


def rule_text(violation: Violation) -> str:
    """The translated sentence of a broken rule, with the values it names (``params``)."""
    source = _MESSAGES.get(violation.code)
    if source is None:
        return violation.message
    text = QCoreApplication.translate(CONTEXT, source)
    if violation.params:
        try:
            return text.format(**dict(violation.params))
        except (KeyError, IndexError, ValueError):  # a translation that names other values
            return violation.message
    return text


def rule_line(violation: Violation) -> str:
    """The translated sentence, then the rule's own words with its values; once, for a code
    without a sentence of its own, or whose sentence names its values itself."""
    if violation.code not in _MESSAGES:
        return violation.message
    if violation.params:
        return rule_text(violation)
    return f"{rule_text(violation)} {violation.message}".strip()


def known_codes() -> frozenset[str]:
    return frozenset(_MESSAGES)


def error_entry_text(error: dict) -> str:
    """An entry of a refusal's ``errors`` (field, code, reason) in the user's language: the code's
    sentence, or the backend's own reason for a code without one."""
    code, reason = str(error.get("code") or ""), str(error.get("reason") or "")
    given = error.get("params")  # the values the sentence names ({user}, {role}, …)
    params = tuple((str(k), str(v)) for k, v in given.items()) if isinstance(given, dict) else ()
    return rule_text(Violation(str(error.get("field") or ""), code, reason, params=params))


def refusal_reasons(errors: list[dict]) -> list[str]:
    """Each entry of a refusal's ``errors`` that says something (a code or a reason), in the
    user's language: what a page adds after the refusal's own sentence."""
    return [error_entry_text(e) for e in errors if e.get("code") or e.get("reason")]
