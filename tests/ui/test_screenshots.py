"""The screenshot command renders the real app in both languages, with Chinese as Chinese."""

import os
import subprocess
import sys

from PySide6.QtGui import QFont, QImage, QRawFont

from desktop.style import FONT_FAMILIES
from tests.conftest import ROOT

SAMPLE_ZH = "登入用戶名稱密碼風控管理借幣提醒自動還款開通查詢賬戶號碼已載入"


def test_the_app_font_has_glyphs_for_traditional_chinese(qapp):
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    raw = QRawFont.fromFont(font)
    missing = [c for c in SAMPLE_ZH if not raw.supportsCharacter(ord(c))]
    assert not missing, f"{raw.familyName()} lacks {''.join(missing)}: run resources/install_system_deps.sh"


def test_screenshot_command_renders_sign_in_query_page_and_inbox_in_both_languages(tmp_path):
    # The documented command itself, in its own process (it owns its QApplication and loop).
    result = subprocess.run([sys.executable, "-m", "desktop.screenshots", "--out", str(tmp_path)],
                            cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    written = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in written] == [
        "approval_article_change_en.png", "approval_article_change_zh_Hant.png", "approval_chain_editor_en.png",
        "approval_chain_editor_zh_Hant.png", "approval_chains_en.png", "approval_chains_zh_Hant.png",
        "approval_identity_change_en.png", "approval_identity_change_zh_Hant.png",
        "approvals_approve_confirmation_en.png", "approvals_approve_confirmation_zh_Hant.png",
        "approvals_cc_me_blocked_en.png", "approvals_cc_me_blocked_zh_Hant.png", "approvals_delegations_en.png",
        "approvals_delegations_zh_Hant.png", "approvals_history_empty_en.png",
        "approvals_history_empty_zh_Hant.png", "approvals_inbox_en.png", "approvals_inbox_zh_Hant.png",
        "approvals_my_requests_en.png", "approvals_my_requests_zh_Hant.png", "approvals_resubmit_note_en.png",
        "approvals_resubmit_note_zh_Hant.png", "approvals_route_two_levels_en.png",
        "approvals_route_two_levels_zh_Hant.png", "approvals_transfer_en.png", "approvals_transfer_zh_Hant.png",
        "audit_log_en.png", "audit_log_zh_Hant.png", "auto_convert_en.png", "auto_convert_zh_Hant.png",
        "change_password_en.png", "change_password_zh_Hant.png", "draft_batches_en.png",
        "draft_batches_zh_Hant.png", "draft_conflicts_en.png", "draft_conflicts_zh_Hant.png",
        "draft_resubmit_en.png", "draft_resubmit_zh_Hant.png",
        "first_password_en.png", "first_password_zh_Hant.png", "fund_clearing_beyond_limit_en.png",
        "fund_clearing_beyond_limit_zh_Hant.png", "fund_clearing_en.png", "fund_clearing_import_errors_en.png",
        "fund_clearing_import_errors_zh_Hant.png", "fund_clearing_settlement_en.png",
        "fund_clearing_settlement_zh_Hant.png", "fund_clearing_zh_Hant.png", "help_center_articles_en.png",
        "help_center_articles_list_en.png", "help_center_articles_list_zh_Hant.png",
        "help_center_articles_zh_Hant.png", "help_center_categories_en.png",
        "help_center_categories_zh_Hant.png", "identity_new_user_en.png", "identity_new_user_zh_Hant.png",
        "identity_one_time_password_en.png", "identity_one_time_password_zh_Hant.png",
        "identity_role_editor_en.png", "identity_role_editor_zh_Hant.png", "identity_roles_en.png",
        "identity_roles_zh_Hant.png", "identity_user_roles_en.png", "identity_user_roles_zh_Hant.png",
        "identity_users_en.png", "identity_users_zh_Hant.png", "intraday_margin_en.png",
        "intraday_margin_zh_Hant.png", "intraday_rule_settings_en.png", "intraday_rule_settings_resubmit_en.png",
        "intraday_rule_settings_resubmit_zh_Hant.png", "intraday_rule_settings_zh_Hant.png",
        "login_en.png", "login_zh_Hant.png", "long_stock_margin_en.png", "long_stock_margin_new_taken_en.png",
        "long_stock_margin_new_taken_zh_Hant.png", "long_stock_margin_resubmit_en.png",
        "long_stock_margin_resubmit_zh_Hant.png", "long_stock_margin_upload_en.png",
        "long_stock_margin_upload_errors_en.png", "long_stock_margin_upload_errors_zh_Hant.png",
        "long_stock_margin_upload_zh_Hant.png", "long_stock_margin_zh_Hant.png", "margin_history_en.png",
        "margin_history_zh_Hant.png", "message_records_en.png", "message_records_zh_Hant.png",
        "resubmit_article_en.png", "resubmit_article_zh_Hant.png", "resubmit_chain_en.png", "resubmit_chain_zh_Hant.png",
        "resubmit_role_en.png", "resubmit_role_zh_Hant.png", "resubmit_user_roles_en.png", "resubmit_user_roles_zh_Hant.png",
        "returned_notice_en.png", "returned_notice_zh_Hant.png", "setting_records_en.png", "setting_records_zh_Hant.png", "setting_sync_en.png",
        "setting_sync_zh_Hant.png", "upload_resubmit_en.png", "upload_resubmit_zh_Hant.png"]
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 300, path
    # The two languages really differ on screen (translated, not the English source twice).
    assert QImage(str(tmp_path / "login_en.png")) != QImage(str(tmp_path / "login_zh_Hant.png"))
    assert QImage(str(tmp_path / "approvals_inbox_en.png")) != QImage(str(tmp_path / "approvals_inbox_zh_Hant.png"))
    assert QImage(str(tmp_path / "message_records_en.png")) != QImage(str(tmp_path / "message_records_zh_Hant.png"))
    assert QImage(str(tmp_path / "draft_conflicts_en.png")) != QImage(str(tmp_path / "draft_conflicts_zh_Hant.png"))
    assert QImage(str(tmp_path / "help_center_categories_en.png")) != QImage(
        str(tmp_path / "help_center_categories_zh_Hant.png"))
    assert QImage(str(tmp_path / "approval_article_change_en.png")) != QImage(
        str(tmp_path / "approval_article_change_zh_Hant.png"))
    assert QImage(str(tmp_path / "identity_roles_en.png")) != QImage(str(tmp_path / "identity_roles_zh_Hant.png"))
    assert QImage(str(tmp_path / "fund_clearing_import_errors_en.png")) != QImage(
        str(tmp_path / "fund_clearing_import_errors_zh_Hant.png"))
    assert QImage(str(tmp_path / "returned_notice_en.png")) != QImage(str(tmp_path / "returned_notice_zh_Hant.png"))
    assert QImage(str(tmp_path / "approvals_cc_me_blocked_en.png")) != QImage(
        str(tmp_path / "approvals_cc_me_blocked_zh_Hant.png"))
    assert QImage(str(tmp_path / "approval_chain_editor_en.png")) != QImage(
        str(tmp_path / "approval_chain_editor_zh_Hant.png"))


def test_offline_screenshot_command_renders_each_refused_offline_sign_in_in_both_languages(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop.offline_screenshots", "--out", str(tmp_path)],
                            cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    outcomes = ("clock_behind", "expired", "invalid", "locked", "never_here", "wrong_password")
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(
        f"offline_sign_in_{o}_{language}.png" for o in outcomes for language in ("en", "zh_Hant"))
    pictures = {p.name: QImage(str(p)) for p in tmp_path.glob("*.png")}
    assert len({(image.width(), image.height(), bytes(image.constBits())) for image in pictures.values()}) == 12
