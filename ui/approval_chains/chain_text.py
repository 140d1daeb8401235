"""A chain in words, in the UI language: one readable line for the settings list ("1 級：風控覆核、
系統管理員（或簽）；>1,000 行：2 級"), and each level, CC and stricter chain on its own for the
approvals detail's before/after. Punctuation is part of each translated template, so Chinese reads
with its own (、；：（）)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.identity import (
    ApprovalMode,
    Approvers,
    ChainCondition,
    ChainLevel,
    ChainSpec,
    ConditionKind,
)
from ui.approval_chains.directory import ChainDirectory

translate = QCoreApplication.translate  # the name lupdate recognises


MODES = {
    ApprovalMode.ANY: QT_TRANSLATE_NOOP("ApprovalChains", "any one"),
    ApprovalMode.ALL: QT_TRANSLATE_NOOP("ApprovalChains", "all"),
}
MODE_CHOICES = {
    ApprovalMode.ANY: QT_TRANSLATE_NOOP("ApprovalChains", "Any one approves (或簽)"),
    ApprovalMode.ALL: QT_TRANSLATE_NOOP("ApprovalChains", "All approve (會簽)"),
}
CONDITIONS = {
    ConditionKind.ROWS_ABOVE: QT_TRANSLATE_NOOP("ApprovalChains", "More than N rows"),
    ConditionKind.IM_LOWERED_BY_MORE_THAN: QT_TRANSLATE_NOOP("ApprovalChains",
                                                             "IM lowered by more than N points"),
}


def mode_text(mode: ApprovalMode) -> str:
    return translate("ApprovalChains", MODES[mode])


def mode_choice(mode: ApprovalMode) -> str:
    return translate("ApprovalChains", MODE_CHOICES[mode])


def condition_choice(kind: ConditionKind) -> str:
    return translate("ApprovalChains", CONDITIONS[kind])


def _number(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def condition_words(kind: ConditionKind, value: str) -> str:
    """">1,000 行" / "IM 下調 >10 個百分點", a value as typed grouped when it is a number."""
    try:
        value = _number(Decimal(value.replace(",", "")))
    except (ArithmeticError, ValueError):
        pass  # shown as typed; the editor says why it is refused
    if kind == ConditionKind.ROWS_ABOVE:
        return translate("ApprovalChains", ">{value} rows").format(value=value)
    return translate("ApprovalChains", "IM lowered >{value} pts").format(value=value)


def condition_text(condition: ChainCondition) -> str:
    return condition_words(condition.kind, _number(condition.value))


def approvers_text(approvers: Approvers, directory: ChainDirectory, language: str) -> str:
    """Roles, then people, in the UI language; "—" for nobody."""
    names = [directory.role_name(code, language) for code in approvers.roles]
    names += [directory.person_name(username) for username in approvers.users]
    return translate("ApprovalChains", ", ").join(names) if names else "—"


def level_text(level: ChainLevel, directory: ChainDirectory, language: str) -> str:
    """"風控覆核、系統管理員（或簽）"."""
    return translate("ApprovalChains", "{approvers} ({mode})").format(
        approvers=approvers_text(level.approvers, directory, language), mode=mode_text(level.mode))


def levels_text(levels: list[ChainLevel], directory: ChainDirectory, language: str) -> str:
    """"1 級：A（或簽） → 2 級：B（會簽）"."""
    return " → ".join(translate("ApprovalChains", "L{n}: {level}").format(n=n, level=level_text(level, directory, language))
                      for n, level in enumerate(levels, start=1))


def level_count(count: int) -> str:
    return translate("ApprovalChains", "{count} level(s)").format(count=count)


def chain_line(spec: ChainSpec, directory: ChainDirectory, language: str) -> str:
    """The whole chain in one line: its levels, whom it copies, and each stricter chain's size."""
    clauses = [levels_text(spec.levels, directory, language)]
    if spec.cc.roles or spec.cc.users:
        clauses.append(translate("ApprovalChains", "CC: {approvers}").format(
            approvers=approvers_text(spec.cc, directory, language)))
    clauses += [translate("ApprovalChains", "{condition}: {levels}").format(
        condition=condition_text(s.condition), levels=level_count(len(s.levels))) for s in spec.stricter]
    return translate("ApprovalChains", "; ").join(clauses)
