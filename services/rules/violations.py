"""A broken rule, in one shape for the drawer, the Excel import and the backend's 422 errors.

``code`` is stable (the client translates it); ``message`` is the English sentence; ``row`` is
the 1-based row of a batch or workbook, None for a single record; ``params`` are the values a
translated sentence of the code names (a time in the market's zone), as (name, text) pairs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    field: str
    code: str
    message: str
    row: int | None = None
    params: tuple[tuple[str, str], ...] = ()

    def as_error(self) -> dict[str, object]:
        """The entry of a problem+json ``errors`` list (and of a work order's ``warnings``)."""
        out: dict[str, object] = {"row": self.row, "field": self.field, "code": self.code, "reason": self.message}
        if self.params:
            out["params"] = dict(self.params)
        return out
