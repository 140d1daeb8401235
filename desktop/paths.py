"""Where the shell finds its resources and keeps the user's data."""

from __future__ import annotations

from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESOURCES_DIR = PROJECT_ROOT / "resources"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
STYLE_SHEET = RESOURCES_DIR / "style.qss"
ICONS_DIR = RESOURCES_DIR / "icons"
WORKSTATION_STORE_NAME = "workstation.db"  # the workstation database, in the user's data folder


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("OpsDesk", appauthor=False))
