"""The screenshot command renders the real app in both languages, with Chinese as Chinese."""

from PySide6.QtGui import QFont, QImage, QRawFont

from desktop.screenshots import capture
from desktop.style import FONT_FAMILIES, apply_style

SAMPLE_ZH = "登入用戶名稱密碼風控管理借幣提醒自動還款開通查詢賬戶號碼已載入"


def test_the_app_font_has_glyphs_for_traditional_chinese(qapp):
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    raw = QRawFont.fromFont(font)
    missing = [c for c in SAMPLE_ZH if not raw.supportsCharacter(ord(c))]
    assert not missing, f"{raw.familyName()} lacks {''.join(missing)}: run resources/install_system_deps.sh"


def test_screenshots_of_sign_in_and_query_page_in_both_languages(qapp, aio, tmp_path):
    saved_font, saved_sheet, saved_style = qapp.font(), qapp.styleSheet(), qapp.style().name()
    apply_style(qapp)
    try:
        written = aio(capture(tmp_path / "shots", tmp_path / "data"), timeout=180)
    finally:
        qapp.setStyleSheet(saved_sheet)
        qapp.setFont(saved_font)
        qapp.setStyle(saved_style)
    assert sorted(p.name for p in written) == [
        "auto_convert_en.png", "auto_convert_zh_Hant.png", "login_en.png", "login_zh_Hant.png"]
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 300, path
    # The two languages really differ on screen (translated, not the English source twice).
    assert QImage(str(tmp_path / "shots/login_en.png")) != QImage(str(tmp_path / "shots/login_zh_Hant.png"))
