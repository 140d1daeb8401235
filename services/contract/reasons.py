"""Why a rule, a reader or an importer refused something, in the reader's language: the one table of
the codes a broken rule (services/rules/violations.py ``Violation``) may carry.

Each code has one English template naming its values (``{value}``, ``{limit}``…); the violation
carries those values as ``params``. The desktop shows ``QCoreApplication.translate("rules",
template)`` filled with them (ui/common/rule_messages.py), so a reason reads wholly in the user's
language; the violation's own ``message`` (English, with where it was found) stays for the logs
and the API. A code used anywhere in services/ or backend/ must be a key here, and every template
is translated with the same placeholders (tests/services/test_reason_catalogue.py).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

TRANSLATION_CONTEXT = "rules"
SHOWN_MAX = 40  # characters of a cell or a typed text a reason quotes


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name recognised by lupdate
    """Marks ``text`` for extraction by pyside6-lupdate; this module imports nothing (the rules,
    which the contract's schemas import, import it)."""
    return text


REASONS: dict[str, str] = {
    # a value as typed (a ratio, a number, a cell)
    "required": QT_TRANSLATE_NOOP("rules", "Required."),
    "not_a_number": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not a number."),
    "below_zero": QT_TRANSLATE_NOOP("rules", "{value} is below 0."),
    "above_one": QT_TRANSLATE_NOOP("rules", "{value} is above 100%."),
    "out_of_range": QT_TRANSLATE_NOOP("rules", "{value} is not between 0 and 1 (0% and 100%)."),
    "too_many_decimals": QT_TRANSLATE_NOOP("rules", "{value} has more than {places} decimals."),
    "must_be_positive": QT_TRANSLATE_NOOP("rules", "Must be above 0, not {value}."),
    "not_positive": QT_TRANSLATE_NOOP("rules", "Must be above 0, not {value}."),
    "too_many_digits": QT_TRANSLATE_NOOP("rules", "{value} has more than {digits} digits before the decimal "
                                                  "point."),
    "not_a_bool": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not TRUE or FALSE."),
    "not_an_integer": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not a whole number."),
    "not_a_date_time": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not a date and time such as 2026-01-02 09:30."),
    "not_a_date": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not a date such as 2024-09-23."),
    "not_a_choice": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not one of {allowed}."),
    "too_long": QT_TRANSLATE_NOOP("rules", "At most {max} characters."),
    "invalid_value": QT_TRANSLATE_NOOP("rules", "This value is not accepted here."),
    # the margin ladder, highest first
    "above_im": QT_TRANSLATE_NOOP("rules", "{value} is above IM ({limit})."),
    "above_mcm": QT_TRANSLATE_NOOP("rules", "{value} is above MCM ({limit})."),
    "above_mm": QT_TRANSLATE_NOOP("rules", "{value} is above MM ({limit})."),
    "financeable_needs_im_below_one": QT_TRANSLATE_NOOP("rules", "A financeable symbol needs IM below 100%."),
    "not_financeable_needs_im_one": QT_TRANSLATE_NOOP("rules", "A symbol that is not financeable needs IM = 100%, "
                                                               "not {value}."),
    "below_reg_t_floor": QT_TRANSLATE_NOOP("rules", "{value} is below the US Reg T floor of {floor}."),
    "above_overnight_im": QT_TRANSLATE_NOOP("rules", "Intraday IM {value} is above the overnight IM {overnight}."),
    # a dated setting, with its time in the market's zone (services/rules/effective_time.py)
    "effective_outside_session": QT_TRANSLATE_NOOP(
        "rules", "{at} is outside the {market} trading session; the change first counts at the next open, "
                 "{next_open}."),
    "status_set_by_system": QT_TRANSLATE_NOOP(
        "rules", "Only the system forbids short selling for a low lending pool: a row may keep it, not set it."),
    # symbols and batches
    "malformed_symbol": QT_TRANSLATE_NOOP("rules", "\"{text}\" is not a symbol: expected CODE.MARKET such as "
                                                   "00700.HK or AAPL.US (letters A-Z, digits 0-9; markets HK, "
                                                   "US, SH, SZ)."),
    "symbol_exists": QT_TRANSLATE_NOOP("rules", "{symbol} already exists: edit it instead."),
    "market_mismatch": QT_TRANSLATE_NOOP("rules", "{symbol} trades in {listed}, not {market}."),
    "unknown_symbol": QT_TRANSLATE_NOOP("rules", "{symbol} is not a listed symbol."),
    "duplicate_symbol": QT_TRANSLATE_NOOP("rules", "{symbol} appears twice in this batch (first on row {first})."),
    "no_such_row": QT_TRANSLATE_NOOP("rules", "{symbol} has no live row to change."),
    "empty_batch": QT_TRANSLATE_NOOP("rules", "The batch has no rows."),
    "too_many_rows": QT_TRANSLATE_NOOP("rules", "More than the {max} rows one file or batch may hold."),
    # the file itself (services/excel readers)
    "corrupt_file": QT_TRANSLATE_NOOP("rules", "The file is damaged or is not a workbook."),
    "not_a_workbook": QT_TRANSLATE_NOOP("rules", "Not an Excel workbook (.xlsx): open it in Excel, save it as an "
                                                 "Excel workbook (.xlsx) and upload it again."),
    "password_protected": QT_TRANSLATE_NOOP("rules", "The workbook is password-protected: remove the password in "
                                                     "Excel and upload it again."),
    "too_large": QT_TRANSLATE_NOOP("rules", "Too large to read safely: delete what lies beyond the data and "
                                            "upload it again."),
    "macros_refused": QT_TRANSLATE_NOOP("rules", "Workbooks with macros are refused: save it as a plain Excel "
                                                 "workbook (.xlsx) and upload it again."),
    "macros_ignored": QT_TRANSLATE_NOOP("rules", "The workbook's macros were ignored: only the values of its "
                                                 "cells were read."),
    "empty_sheet": QT_TRANSLATE_NOOP("rules", "The sheet is empty: it needs a header row and rows under it."),
    "unknown_column": QT_TRANSLATE_NOOP("rules", "Column {column}: \"{title}\" is not a column of this file; "
                                                 "expected {expected}."),
    "column_without_header": QT_TRANSLATE_NOOP("rules", "Column {column} has values but no header."),
    "duplicate_column": QT_TRANSLATE_NOOP("rules", "Column {column}: \"{title}\" repeats column {first}."),
    "missing_column": QT_TRANSLATE_NOOP("rules", "The column {header} is missing."),
    "formula_cell": QT_TRANSLATE_NOOP("rules", "Cell {cell} holds a formula; type its value instead (copy, "
                                               "paste values)."),
    "merged_cells": QT_TRANSLATE_NOOP("rules", "Cells {first}:{last} are merged; unmerge them so that each cell "
                                               "holds its own value."),
    "not_utf8": QT_TRANSLATE_NOOP("rules", "The CSV file is not UTF-8 text; save it as “CSV UTF-8” and upload it "
                                           "again."),
    "not_a_csv": QT_TRANSLATE_NOOP("rules", "The file is not a CSV text file; save it as “CSV UTF-8” and upload "
                                            "it again."),
    # a fund house's confirmation (services/excel/fund_confirmation.py)
    "not_a_reference": QT_TRANSLATE_NOOP("rules", "\"{value}\" is not an order reference; a reference is text or a "
                                                  "number."),
    "formula_text": QT_TRANSLATE_NOOP("rules", "\"{value}\" looks like a formula; an order reference is plain "
                                               "text."),
    "offer_period_subscription": QT_TRANSLATE_NOOP("rules", "\"{value}\" is an offer-period subscription, which is "
                                                            "not cleared here; a dealing-day subscription is "
                                                            "Subscription (申購)."),
    "units_required": QT_TRANSLATE_NOOP("rules", "A subscription's confirmed units are required."),
    "amount_required": QT_TRANSLATE_NOOP("rules", "A redemption's confirmed amount is required."),
    "duplicate_ref": QT_TRANSLATE_NOOP("rules", "{ref} repeats row {first}."),
    "side_confirmed": QT_TRANSLATE_NOOP("rules", "This side of the batch is already confirmed; a corrected file "
                                                 "holds only the side still open."),
    "nav_differs": QT_TRANSLATE_NOOP("rules", "NAV {nav} differs from {first_nav} on row {first}; the rows of "
                                              "one side take one NAV."),
    "nav_date_differs": QT_TRANSLATE_NOOP("rules", "NAV date {date} differs from {first_date} on row {first}; the "
                                                   "rows of one side take the NAV of one date."),
    "nav_date_before_trade_date": QT_TRANSLATE_NOOP("rules", "NAV date {date} is before the trade date "
                                                             "{trade_date}; a fund deals at the NAV of the trade "
                                                             "date or later."),
    "side_differs": QT_TRANSLATE_NOOP("rules", "The batch holds {ref} on the other side."),
    # day-trade window
    "unknown_market": QT_TRANSLATE_NOOP("rules", "Unknown market \"{market}\"."),
    "wrong_time_zone": QT_TRANSLATE_NOOP("rules", "{market} trades in {expected}, not {time_zone}."),
    "outside_session": QT_TRANSLATE_NOOP("rules", "{time} is outside the {market} session {session}."),
    "force_close_not_after_start": QT_TRANSLATE_NOOP("rules", "Force-close {force_close} must be after the start "
                                                              "{start}."),
    "force_close_after_end": QT_TRANSLATE_NOOP("rules", "Force-close {force_close} must not be after the end "
                                                        "{end}."),
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
    "name_too_long": QT_TRANSLATE_NOOP("rules", "Name: at most {max} characters."),
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
    "condition_value": QT_TRANSLATE_NOOP("rules", "Condition: a number of 0 or more, at most four decimals."),
    # identity (services/rules/identity.py and the identity flows)
    "username_format": QT_TRANSLATE_NOOP("rules", "Username: 3 to 64 lower-case letters, digits, “.”, “_” or “-”, "
                                                  "starting with a letter or digit."),
    "username_taken": QT_TRANSLATE_NOOP("rules", "Username: another user has it, perhaps a disabled one."),
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
}


def placeholders(template: str) -> frozenset[str]:
    """The names a template fills in (``{value}`` → "value")."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def shown(value: object) -> str:
    """A value as a reason quotes it: a cell may hold 32,767 characters, a reason keeps the start."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 700, not 700.0
    text = str(value).strip()
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX - 1] + "…"


def named(**values: object) -> tuple[tuple[str, str], ...]:
    """The ``params`` of a violation: each value as a reason shows it."""
    return tuple((name, shown(value)) for name, value in values.items())


def render(code: str, params: Mapping[str, str], translate: Callable[[str, str], str] | None = None,
           fallback: str = "") -> str:
    """The reason of ``code`` with its values, in a language (``translate``: context, source →
    text; English without it); ``fallback`` (the rule's own English) for a code this version does
    not know, or a violation that lacks a value its template names (one stored before it had them)."""
    template = REASONS.get(code)
    if template is None or not placeholders(template) <= params.keys():
        return fallback
    text = translate(TRANSLATION_CONTEXT, template) if translate is not None else template
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation naming a value the template does not
        return template.format(**params)
