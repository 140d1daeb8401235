"""Symbols and their markets: ``00700.HK``, ``AAPL.US``, ``600519.SH`` (DOMAIN.md), and the one
rule that turns what a trader types into the symbol stored, or refuses it with the reason.

Every door a symbol comes in by (a workbook cell, the drawer, the draft grid, the API's payload
models) goes through ``canonical``, so ``700.hk``, `` 00700.HK`` and ``０７００.ＨＫ`` are one
symbol, ``00700.HK``, and never a second row beside it.

- Blanks around it are dropped; letters are upper-cased.
- What a Chinese input method types in full-width mode is read as the key it stands for:
  ``０``–``９``, ``Ａ``–``Ｚ``, ``．`` and the ideographic full stop ``。`` (the period key in
  that mode). Any other character that is not an ASCII letter or digit is refused: a symbol
  is made of A–Z and 0–9 only (``\\d`` alone would take Arabic-Indic or other digits too).
- A Hong Kong code is 1 to 5 digits, stored with its leading zeros: ``700.HK`` is ``00700.HK``.
- Without its market suffix (``AAPL``, ``700``) a symbol is refused: the suffix says which
  exchange's code it is.
"""

import re

from services.contract.reasons import named

# The full-width forms of ASCII (U+FF01..U+FF5E) and the ideographic space and full stop.
_TYPED_WIDE = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
                             "\u3000": " ", "\u3002": "."})
# The suffix names the exchange; SH and SZ are China A-shares traded through Stock Connect.
_CODES: dict[str, re.Pattern[str]] = {
    "HK": re.compile(r"[0-9]{1,5}"),
    "US": re.compile(r"[A-Z][A-Z0-9]{0,5}(?:\.[A-Z])?"),
    "SH": re.compile(r"6[0-9]{5}"),
    "SZ": re.compile(r"[03][0-9]{5}"),
}
_CODE_EXAMPLES = {"HK": "1 to 5 digits such as 00700", "US": "a ticker such as AAPL or BRK.B",
                  "SH": "6 digits starting with 6 such as 600519", "SZ": "6 digits starting with 0 or 3 such as 000001"}
MARKETS: tuple[str, ...] = tuple(_CODES)
EXPECTED = "expected CODE.MARKET such as 00700.HK or AAPL.US"
# A symbol already as stored, which ``canonical`` returns unchanged: most symbols a batch or a
# workbook holds, and every one it has read once; one match stands for the whole walk.
_STORED = re.compile(r"(?:(?!0{5}\.)[0-9]{5}\.HK|[A-Z][A-Z0-9]{0,5}(?:\.[A-Z])?\.US|6[0-9]{5}\.SH|[03][0-9]{5}\.SZ)")
MALFORMED = "malformed_symbol"  # the code of every refusal, which the desktop translates
TYPED_MAX = 64  # characters, blanks around included; the longest symbol has 10 (BRKAB1.B.US)


class SymbolRefused(ValueError):
    """What was typed is not a symbol; the message says what was expected, ``params`` the text."""

    code = MALFORMED

    def __init__(self, message: str, text: str):
        super().__init__(message)
        self.params = named(text=text)


def _typed(text: str) -> str:
    return text.translate(_TYPED_WIDE).strip()


def canonical(text: str) -> str:
    """The symbol ``text`` stands for, as stored; raises SymbolRefused saying why it is none."""
    if _STORED.fullmatch(text):
        return text
    if len(text) > TYPED_MAX:  # a cell may hold megabytes: refused before it is walked through
        raise SymbolRefused(f"{text[:16]!r}… has {len(text):,} characters, more than any symbol: {EXPECTED}.",
                            text)
    typed = _typed(text)
    if not typed:
        raise SymbolRefused(f"No symbol: {EXPECTED}.", text)
    foreign = next((c for c in typed if not (c.isascii() and (c.isalnum() or c == "."))), None)
    if foreign is not None:
        raise SymbolRefused(f"{text!r} holds {foreign!r}, which is not a letter A-Z or a digit 0-9: {EXPECTED}.",
                            text)
    code, dot, market = typed.upper().rpartition(".")
    if not dot:
        raise SymbolRefused(f"{text!r} has no market suffix: {EXPECTED}.", text)
    pattern = _CODES.get(market)
    if pattern is None:
        raise SymbolRefused(f"{text!r} ends in {market!r}, not a market of {', '.join(MARKETS)}: {EXPECTED}.",
                            text)
    if not pattern.fullmatch(code) or (market == "HK" and int(code) == 0):
        raise SymbolRefused(f"{text!r}: {market} codes are {_CODE_EXAMPLES[market]}; {EXPECTED}.", text)
    return f"{code.zfill(5) if market == 'HK' else code}.{market}"


def is_stored(text: object) -> bool:
    """Whether ``text`` is a symbol written as stored, which ``canonical`` returns unchanged."""
    return text.__class__ is str and _STORED.fullmatch(text) is not None


def refusal(text: str) -> str | None:
    """Why ``text`` is not a symbol as stored (None when it is one)."""
    try:
        stored = canonical(text)
    except SymbolRefused as refused:
        return str(refused)
    return None if stored == text else f"{text!r} is written {stored}: {EXPECTED}."


def normalise(text: str) -> str:
    """The key a row is kept under before it is judged: the canonical symbol, or, for text that
    is none, that text as typed (without blanks, upper-cased), which the rules then refuse."""
    try:
        return canonical(text)
    except SymbolRefused:
        return _typed(text).upper()


def normalise_market(text: str) -> str:
    """A market as typed (``hk``, ``ＨＫ``) in the form stored; the rules judge whether it is one."""
    if text in MARKETS:  # as stored already: nothing to change
        return text
    return _typed(text).upper()


def market_of(symbol: str) -> str | None:
    """The market of a symbol as stored; None if ``symbol`` is not one (see ``canonical``)."""
    if _STORED.fullmatch(symbol):
        return symbol[-2:]
    return None if refusal(symbol) else symbol.rpartition(".")[2]
