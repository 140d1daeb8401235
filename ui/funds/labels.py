"""Display texts and colours of fund clearing: sides (申購, 贖回), side states and settlement,
settlement steps, line statuses, and decimals in the fund's own places (the database may send 6
decimals where the fund counts 2 or 4)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.fund_clearing import (
    FundOut,
    LineStatus,
    SettlementState,
    SettlementStep,
    Side,
    SideState,
    SideSummary,
)

CONTEXT = "FundLabels"

SIDE_TEXTS: dict[str, str] = {
    Side.SUBSCRIPTION: QT_TRANSLATE_NOOP("FundLabels", "Subscriptions"),
    Side.REDEMPTION: QT_TRANSLATE_NOOP("FundLabels", "Redemptions"),
}

STATE_TEXTS: dict[str, str] = {
    SideState.AWAITING_CONFIRMATION: QT_TRANSLATE_NOOP("FundLabels", "Awaiting Confirmation"),
    SideState.OPEN: QT_TRANSLATE_NOOP("FundLabels", "Open"),
    SideState.READY: QT_TRANSLATE_NOOP("FundLabels", "Ready to Confirm"),
    SideState.CONFIRMED: QT_TRANSLATE_NOOP("FundLabels", "Confirmed"),
}

# Waiting grey-blue, needs work amber, may be confirmed blue, final green (the app's palette).
STATE_COLORS: dict[str, str] = {
    SideState.AWAITING_CONFIRMATION: "#486581",
    SideState.OPEN: "#8a5a00",
    SideState.READY: "#1d4ed8",
    SideState.CONFIRMED: "#1e7b34",
}

# Once confirmed, a side is in settlement (the manual's 交收中, then its 交割 steps).
SETTLEMENT_TEXTS: dict[str, str] = {
    SettlementState.SETTLING: QT_TRANSLATE_NOOP("FundLabels", "Settling"),
    SettlementState.UNITS_DELIVERED: QT_TRANSLATE_NOOP("FundLabels", "Units Delivered"),
    SettlementState.SETTLED: QT_TRANSLATE_NOOP("FundLabels", "Settled"),
}

SETTLEMENT_COLORS: dict[str, str] = {
    SettlementState.SETTLING: "#6d28d9",
    SettlementState.UNITS_DELIVERED: "#6d28d9",
    SettlementState.SETTLED: "#1e7b34",
}

STEP_TEXTS: dict[str, str] = {
    SettlementStep.SUBSCRIPTION_DELIVERY: QT_TRANSLATE_NOOP("FundLabels", "Subscription Delivery"),
    SettlementStep.REDEMPTION_UNITS_DELIVERY: QT_TRANSLATE_NOOP("FundLabels", "Redemption Units Delivery"),
    SettlementStep.REDEMPTION_CASH_DELIVERY: QT_TRANSLATE_NOOP("FundLabels", "Redemption Cash Delivery"),
}

STATUS_TEXTS: dict[str, str] = {
    LineStatus.MATCHED: QT_TRANSLATE_NOOP("FundLabels", "Matched"),
    LineStatus.MISMATCHED: QT_TRANSLATE_NOOP("FundLabels", "Mismatched"),
    LineStatus.MISSING_OURS: QT_TRANSLATE_NOOP("FundLabels", "Missing on Our Side"),
    LineStatus.MISSING_THEIRS: QT_TRANSLATE_NOOP("FundLabels", "Missing at Fund House"),
}

STATUS_COLORS: dict[str, str] = {
    LineStatus.MATCHED: "#1e7b34",
    LineStatus.MISMATCHED: "#b42318",
    LineStatus.MISSING_OURS: "#b42318",
    LineStatus.MISSING_THEIRS: "#b42318",
}

# Row tints of lines that are not matched: red while they block their side (unexplained, or beyond
# the fund's limit whatever is said), amber once explained.
UNEXPLAINED_TINT = "#fde8e6"
EXPLAINED_TINT = "#fff4d6"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def side_text(side: Side | str) -> str:
    source = SIDE_TEXTS.get(side)
    return tr(source) if source else str(side)


def state_text(state: SideState | str | None) -> str:
    if state is None:
        return ""
    source = STATE_TEXTS.get(state)
    return tr(source) if source else str(state)


def settlement_text(state: SettlementState | str | None) -> str:
    if state is None:
        return ""
    source = SETTLEMENT_TEXTS.get(state)
    return tr(source) if source else str(state)


def state_color(state: SideState | str | None) -> str | None:
    return STATE_COLORS.get(state) if state is not None else None


def side_status(summary: SideSummary | None) -> str:
    """Where a side stands: its settlement once confirmed, its reconciliation before."""
    if summary is None:
        return ""
    if summary.settlement is not None:
        return settlement_text(summary.settlement)
    return state_text(summary.state)


def side_status_color(summary: SideSummary | None) -> str | None:
    if summary is None:
        return None
    if summary.settlement is not None:
        return SETTLEMENT_COLORS.get(summary.settlement)
    return state_color(summary.state)


def step_text(step: SettlementStep | str) -> str:
    source = STEP_TEXTS.get(step)
    return tr(source) if source else str(step)


def status_text(status: LineStatus | str | None, explained: bool = False, beyond_limit: bool = False) -> str:
    if status is None:
        return ""
    source = STATUS_TEXTS.get(status)
    text = tr(source) if source else str(status)
    if beyond_limit:
        text = QCoreApplication.translate("FundLabels", "{status} (beyond limit)").format(status=text)
    elif explained and status != LineStatus.MATCHED:
        text = QCoreApplication.translate("FundLabels", "{status} (explained)").format(status=text)
    return text


def status_color(status: LineStatus | str | None) -> str | None:
    return STATUS_COLORS.get(status) if status is not None else None


def fund_name(fund: FundOut | None, code: str, name: str, language: str) -> str:
    """"CODE Name" in the UI language (the Chinese name when the fund has one)."""
    if fund is not None and language == "zh_Hant" and fund.name_zh:
        return f"{fund.code} {fund.name_zh}"
    return f"{code} {name}"


def fixed(value: Decimal | None, places: int, *, signed: bool = False) -> str:
    """Thousands separators and exactly ``places`` decimals; never through float."""
    if value is None:
        return ""
    text = f"{value:,.{places}f}"
    return f"+{text}" if signed and value > 0 else text
