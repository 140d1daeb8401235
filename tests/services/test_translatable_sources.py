"""Every text given to Qt's translate() or tr() is one lupdate can read: a literal, or a name bound
to one marked QT_TRANSLATE_NOOP. A conditional, an f-string or a concatenation is invisible to
lupdate, so its words silently drop out of the catalogue and show in English."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HIDDEN = (ast.IfExp, ast.JoinedStr, ast.BinOp)


def _hidden_texts(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        text = node.args[1:2] if name == "translate" else node.args[:1] if name == "tr" else []
        found += [f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(a)[:60]}" for a in text
                  if isinstance(a, HIDDEN)]
    return found


def test_lupdate_can_read_every_translated_text():
    sources = [p for folder in ("ui", "desktop") for p in ROOT.joinpath(folder).rglob("*.py")]
    assert [hit for path in sources for hit in _hidden_texts(path)] == []
