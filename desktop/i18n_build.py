"""``python -m desktop.i18n_build``: refresh the translation sources and compile them.

pyside6-lupdate merges new source strings from desktop/, ui/ and services/contract/ into
resources/translations/opsdesk_zh_Hant.ts (existing translations are kept), then
pyside6-lrelease compiles the .qm the app loads. Commit both files. Strings still waiting for a
translator are listed; ``--check`` makes them an error (for CI).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.paths import PROJECT_ROOT, TRANSLATIONS_DIR

SOURCE_DIRS = ("desktop", "ui", "services/contract")
LANGUAGES = ("zh_Hant",)


def _tool(name: str) -> str:
    # Prefer the tool next to this interpreter (the venv), then PATH.
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"opsdesk_{language}.ts"


def update(language: str) -> Path:
    ts = ts_path(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pyside6-lupdate"), "-extensions", "py", "-locations", "relative",
         "-no-obsolete", "-target-language", language, *SOURCE_DIRS, "-ts", str(ts)],
        cwd=PROJECT_ROOT, check=True,
    )
    return ts


def release(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=PROJECT_ROOT, check=True)
    return qm


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            # A plural message (%n) holds its text in <numerusform> children, not in the element.
            text = (translation.text or "") + "".join(f.text or "" for f in translation.iter("numerusform")) \
                if translation is not None else ""
            if translation is None or translation.get("type") == "unfinished" or not text.strip():
                if translation is None or translation.get("type") not in ("vanished", "obsolete"):
                    out.append((name, message.findtext("source", "")))
    return out


def fill(ts: Path, translations: dict[str, dict[str, str]]) -> int:
    """Writes the given translations into ``ts``; returns how many messages it set. lupdate
    rewrites the file in its own layout on the next update."""
    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        wanted = translations.get(context.findtext("name", ""), {})
        for message in context.iter("message"):
            text = wanted.get(message.findtext("source", ""))
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            forms = list(translation.iter("numerusform"))
            for form in forms or [translation]:  # Chinese has one plural form: the same text
                form.text = text
            translation.attrib.pop("type", None)
            count += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.i18n_build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a string has no translation")
    parser.add_argument("--fill", type=Path, help='JSON {"context": {"source": "translation"}} to write first')
    args = parser.parse_args(argv)
    missing_total = 0
    for language in LANGUAGES:
        ts = update(language)
        if args.fill:
            print(f"filled {fill(ts, json.loads(args.fill.read_text(encoding='utf-8')))} messages")
            ts = update(language)
        release(ts)
        missing = unfinished(ts)
        missing_total += len(missing)
        for context, source in missing:
            print(f"untranslated [{language}] {context}: {source}")
    return 1 if args.check and missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
