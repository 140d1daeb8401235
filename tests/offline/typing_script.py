"""What the draft editor's crash child types (tests/offline/editor_child.py), key by key, and the
grid it makes: free of Qt, for the test that kills the child to compare with."""

import itertools
from collections.abc import Iterator

ADD_ROW = "add row"
RETURN = "return"

Step = tuple[int, str, str, str]  # row, field ("" for a row added), the key, the cell's text after it


def symbol(row: int) -> str:
    return f"{row % 100000:05d}.HK"


def script() -> Iterator[Step]:
    """Every key the child presses, in order, with what the cell reads after it."""
    row = 0
    while True:
        yield row, "", ADD_ROW, ""
        for field, text, done in (("symbol", symbol(row), True), ("im", f"{50 + row % 10}.5%", False)):
            for n in range(1, len(text) + 1):
                yield row, field, text[n - 1], text[:n]
            if done:
                yield row, field, RETURN, text
        row += 1


def grids() -> Iterator[list[dict[str, str]]]:
    """The cells typed (empty ones left out) after each key of the script: after 0 keys, 1, 2, ..."""
    rows: list[dict[str, str]] = []
    yield []
    for row, field, _key, text in script():
        if not field:
            rows.append({})
        else:
            rows[row][field] = text
        yield [{f: t for f, t in r.items() if t} for r in rows]


def grid_after(keys: int) -> list[dict[str, str]]:
    return next(itertools.islice(grids(), keys, None))


def keys_to(grid: list[dict[str, str]], at_least: int) -> int | None:
    """After how many keys (``at_least`` or more) the script's grid is ``grid``; None: never."""
    for keys, typed in enumerate(grids()):
        if keys >= at_least and typed == grid:
            return keys
        if len(typed) > len(grid) + 1:
            return None
    raise AssertionError("the script never ends")
