"""Display texts and colours of fund clearing: sides, side states, line statuses, and decimals
in the fund's own places (the database may send 6 decimals where the fund counts 2 or 4)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.fund_clearing import FundOut, LineStatus, Side, SideState

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

# Row tints of lines that are not matched: red while they block their side, amber once explained.
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


def state_color(state: SideState | str | None) -> str | None:
    return STATE_COLORS.get(state) if state is not None else None


def status_text(status: LineStatus | str | None, explained: bool = False) -> str:
    if status is None:
        return ""
    source = STATUS_TEXTS.get(status)
    text = tr(source) if source else str(status)
    if explained and status != LineStatus.MATCHED:
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
