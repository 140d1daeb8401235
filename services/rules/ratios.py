"""Reading a margin ratio the way people type it: ``0.45``, ``45%`` or ``45`` all mean 0.45.

A ratio is a requirement factor between 0 and 1 with at most four decimals (DOMAIN.md). A plain
number above 1 is read as a percentage, as Hong Kong desks write it; a number above 100 (or
above 100 %) is an error, never silently divided again.
"""

from decimal import Decimal, InvalidOperation

from services.contract.reasons import named

PLACES = 4
QUANTUM = Decimal(1).scaleb(-PLACES)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class RatioError(ValueError):
    """``code`` is stable for translation (services/contract/reasons.py), ``params`` the values its
    reason names; the message is the English sentence."""

    def __init__(self, code: str, message: str, **values: object):
        super().__init__(message)
        self.code = code
        self.params = named(**values)


def parse_ratio(value: object) -> Decimal:
    """The decimal ratio of a cell or a field; raises RatioError with the reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RatioError("required", "A ratio is required.")
    if isinstance(value, bool):
        raise RatioError("not_a_number", f"{value!r} is not a ratio.", value=value)
    percent = False
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if text.endswith("%"):
            percent, text = True, text[:-1].strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise RatioError("not_a_number", f"{value!r} is not a number.", value=value) from None
    elif isinstance(value, float):
        # Spreadsheet cells arrive as binary floats: 0.45 is 0.450000000000000011…; its shortest
        # repr is what the user typed.
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise RatioError("not_a_number", f"{value!r} is not a number.", value=value)
    if not number.is_finite():
        raise RatioError("not_a_number", f"{value!r} is not a number.", value=value)
    if number < 0:
        raise RatioError("below_zero", f"{value} is below 0.", value=value)
    if percent or number > ONE:
        if number > HUNDRED:
            raise RatioError("above_one", f"{value} is above 100%.", value=value)
        number = number / HUNDRED
    if number != number.quantize(QUANTUM):
        raise RatioError("too_many_decimals", f"{value} has more than {PLACES} decimals as a ratio.", value=value,
                         places=PLACES)
    return number.quantize(QUANTUM)


def lendable_share(initial_margin: Decimal) -> Decimal:
    """按倉比率: the share of market value the broker lends, 1 − IM (shown, never stored)."""
    return ONE - initial_margin
