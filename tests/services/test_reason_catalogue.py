"""services/contract/reasons.py: the one table of the codes a broken rule may carry. Every code the
rules, the readers and the backend's flows produce is in it, and each template has a Traditional
Chinese line naming exactly its values."""

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from services.contract.reasons import REASONS, TRANSLATION_CONTEXT, named, placeholders, render
from services.rules.violations import Violation

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "opsdesk_zh_Hant.ts"
# A call that gives a code, and the position of the code among its arguments.
CODE_ARGUMENT = {"Violation": 1, "CellError": 0, "_CellError": 0, "RatioError": 0, "WorkbookRefused": 0, "_error": 2}
# Calls whose code is not written at the call: each passes on a code made by a call above, or one
# of the table's literals; a new one is a place to check by hand.
PASSED_ON = {
    ("services/rules/stock_margin.py", "MALFORMED"), ("services/rules/stock_margin.py", "_ABOVE[higher]"),
    ("services/excel/margin_cells.py", "error.code"), ("services/excel/margin_cells.py", "refused.code"),
    ("services/excel/margin_reader.py", "refused.code"), ("services/excel/margin_reader.py", "value.code"),
    ("services/excel/fund_confirmation.py", "refused.code"), ("services/excel/fund_confirmation.py", "v.code"),
    ("services/excel/fund_confirmation.py", "code"), ("services/excel/fund_confirmation.py", "error.code"),
    ("services/offline/drafts.py", "value.code"), ("backend/help_center/categories.py", "v.code"),
    ("backend/help_center/categories.py", "'already_hidden' if hidden else 'already_visible'"),
}

# Terms and formats a Hong Kong desk writes in Latin letters in Chinese text too.
KEPT_IN_LATIN = {"IM", "MCM", "MM", "FM", "Excel", "xlsx", "CSV", "UTF", "CODE", "MARKET", "HK", "US", "SH", "SZ",
                 "AAPL", "A", "Z", "TRUE", "FALSE", "Reg", "T", "http", "https", "NAV", "Subscription"}
LATIN_WORD = re.compile(r"[A-Za-z]+")


def _chinese() -> dict[str, str]:
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") == TRANSLATION_CONTEXT:
            return {m.findtext("source"): m.findtext("translation") or "" for m in context.iter("message")}
    return {}


def _codes_in_the_code() -> tuple[set[str], set[tuple[str, str]]]:
    """(the literal codes given to a violation anywhere, the calls of the rules and the backend
    that pass one on)."""
    literals: set[str] = set()
    passed: set[tuple[str, str]] = set()
    for folder in ("services", "backend", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in CODE_ARGUMENT:
                    continue
                position = CODE_ARGUMENT[name]
                given = node.args[position] if len(node.args) > position else next(
                    (k.value for k in node.keywords if k.arg == "code"), None)
                if isinstance(given, ast.Constant) and isinstance(given.value, str):
                    literals.add(given.value)
                elif given is not None and folder != "ui":  # the desktop passes on the codes it is sent
                    passed.add((path.relative_to(ROOT).as_posix(), ast.unparse(given)))
    return literals, passed


def test_every_code_given_anywhere_is_in_the_table():
    literals, passed = _codes_in_the_code()
    assert literals - REASONS.keys() == set()
    assert passed == PASSED_ON
    assert {"above_im", "above_mcm", "above_mm", "malformed_symbol"} <= REASONS.keys()


def test_every_template_has_a_chinese_line_with_the_same_values():
    chinese = _chinese()
    for code, template in REASONS.items():
        line = chinese.get(template)
        assert line, f"{code}: {template!r} has no Traditional Chinese translation"
        assert placeholders(line) == placeholders(template), code
        words = set(LATIN_WORD.findall(line.format(**{name: "" for name in placeholders(line)})))
        assert words <= KEPT_IN_LATIN, f"{code}: {line!r} holds English words {words - KEPT_IN_LATIN}"


def test_a_reason_names_its_values_in_either_language():
    violation = Violation("mm", "above_mcm", "Column E (MM): MM 0.5 is above MCM 0.4.", 4,
                          named(value="0.5000", limit="0.4000"))
    assert render(violation.code, dict(violation.params)) == "0.5000 is above MCM (0.4000)."
    chinese = _chinese()
    assert render(violation.code, dict(violation.params), lambda _context, source: chinese[source]) == \
        "0.5000 高於追繳保證金比率 MCM（0.4000）。"


def test_a_reason_without_its_values_or_code_falls_back_to_the_rules_own_words():
    assert render("above_mcm", {}, fallback="MM 0.5 is above MCM 0.4.") == "MM 0.5 is above MCM 0.4."
    assert render("a_code_of_a_newer_server", {"x": "1"}, fallback="Its words.") == "Its words."


def test_a_quoted_cell_keeps_only_its_start():
    [(_, shown)] = named(value="x" * 10_000)
    assert len(shown) == 40 and shown.endswith("…")
    assert named(value=700.0, first=3) == (("value", "700"), ("first", "3"))
