"""Symbols and their markets: ``00700.HK``, ``AAPL.US``, ``600519.SH`` (DOMAIN.md)."""

import re

# The suffix names the exchange; SH and SZ are China A-shares traded through Stock Connect.
_PATTERNS: dict[str, re.Pattern[str]] = {
    "HK": re.compile(r"\d{5}\.HK"),
    "US": re.compile(r"[A-Z][A-Z0-9]{0,5}(?:\.[A-Z])?\.US"),
    "SH": re.compile(r"6\d{5}\.SH"),
    "SZ": re.compile(r"[03]\d{5}\.SZ"),
}
MARKETS: tuple[str, ...] = tuple(_PATTERNS)


def normalise(symbol: str) -> str:
    """Upper case without surrounding blanks, the form symbols are stored in."""
    return symbol.strip().upper()


def market_of(symbol: str) -> str | None:
    """The market a well-formed symbol belongs to; None if the symbol is malformed."""
    for market, pattern in _PATTERNS.items():
        if pattern.fullmatch(symbol):
            return market
    return None
