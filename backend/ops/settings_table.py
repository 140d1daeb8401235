"""The README's table of settings, rendered from the settings class, so the two never drift
(tests/backend/test_settings.py compares them).

``python -m backend.ops.settings_table README.md`` writes the table between its markers.
"""

import sys
from pathlib import Path

from pydantic import SecretStr

from backend.settings import ENV_PREFIX, Settings

BEGIN = "<!-- settings table: python -m backend.ops.settings_table README.md -->"
END = "<!-- end of the settings table -->"


def _default(value: object) -> str:
    if value is None:
        return "unset"
    if isinstance(value, SecretStr):
        return "unset" if not value.get_secret_value() else "(secret)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return f"`{','.join(value)}`" if value else "empty"
    if isinstance(value, float):
        return f"`{value:g}`"
    if value == "":
        return "empty"
    return f"`{value}`"


def render() -> str:
    rows = ["| setting (settings file) | environment | default | what |", "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        what = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{name}` | `{ENV_PREFIX}{name.upper()}` | {_default(field.get_default())} | {what} |")
    return "\n".join(rows)


def block() -> str:
    return f"{BEGIN}\n{render()}\n{END}"


def in_readme(text: str) -> str | None:
    """The table block as the README has it, markers included; None if it has none."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return text[start:end + len(END)]


def write(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    current = in_readme(text)
    if current is None:
        raise SystemExit(f"{readme} has no settings table markers ({BEGIN})")
    readme.write_text(text.replace(current, block()), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "README.md"))
