"""No class in ui/ or desktop/ grows past 250 lines or 20 methods (ARCHITECTURE.md, The desktop): a
page is a view, and what it loads, caches and decides lives in a controller beside it. Read from
the source with ``ast``: nothing is imported or shown."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("ui", "desktop")
MAX_LINES = 250
MAX_METHODS = 20


def class_sizes(root: Path) -> list[tuple[str, int, int]]:
    """(where and name, lines, methods) of every class in the packages under ``root``; its methods are
    the functions defined directly in its body (a nested class counts on its own)."""
    sizes = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    methods = sum(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in node.body)
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    sizes.append((f"{path.relative_to(root)}:{node.lineno} {node.name}", lines, methods))
    return sizes


def oversized(root: Path) -> list[str]:
    return [f"{where}: {lines} lines, {methods} methods" for where, lines, methods in class_sizes(root)
            if lines > MAX_LINES or methods > MAX_METHODS]


def test_the_sizes_are_read_from_every_package():
    found = {where.split("/")[0] for where, _lines, _methods in class_sizes(ROOT)}
    assert found == set(PACKAGES)


def test_no_class_is_over_250_lines_or_20_methods():
    too_big = oversized(ROOT)
    assert not too_big, "split by responsibility (a view, its controller, helpers):\n" + "\n".join(too_big)
