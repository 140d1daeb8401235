"""Loads resources/style.qss: one calm, dense look, with fonts that cover Chinese and English."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop.paths import ICONS_DIR, STYLE_SHEET

log = logging.getLogger(__name__)

# First family that exists wins; the CJK ones also carry good Latin glyphs.
FONT_FAMILIES = ["Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei UI", "Microsoft JhengHei",
                 "PingFang TC", "PingFang HK", "Source Han Sans TC", "sans-serif"]
FONT_PIXEL_SIZE = 13


def apply_style(app: QApplication) -> None:
    # Fusion looks the same on every platform, so the style sheet only adjusts it.
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(FONT_PIXEL_SIZE)
    app.setFont(font)
    try:
        # Style sheets resolve url() against the working directory; the icons' place is filled in.
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8").replace("@ICONS@", ICONS_DIR.as_posix()))
    except OSError as exc:
        log.warning("style sheet not loaded: %s", exc)
