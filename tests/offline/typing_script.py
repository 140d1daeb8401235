"""What the draft editor's crash child types (tests/offline/editor_child.py), key by key, and the
grid it makes: free of Qt, for the test that kills the child to compare with."""

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


def grid_after(keys: int) -> list[dict[str, str]]:
    """The cells typed (empty ones left out) after the first ``keys`` keys of the script."""
    rows: list[dict[str, str]] = []
    for _number, (row, field, _key, text) in zip(range(keys), script(), strict=False):
        if not field:
            rows.append({})
        else:
            rows[row][field] = text
    return [{f: t for f, t in r.items() if t} for r in rows]
