"""Translations: the catalogue is complete and current, and switching language retranslates live."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
)

from desktop import i18n
from desktop.error_messages import message_for
from desktop.i18n_build import SOURCE_DIRS, ts_path, unfinished
from desktop.main_window import MainWindow
from desktop.paths import PROJECT_ROOT
from desktop.settings_dialog import SettingsDialog
from services.api_client import ApiError
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.menu import MENU
from tests.qt_fixtures import until
from tests.ui.test_main_window import no_pending_tasks

EXPECTED_MENU_ZH = {
    "Risk": "風控管理", "Margin Call": "借幣提醒", "Borrowing Accounts": "借幣客戶",
    "Auto-Convert Query": "自動還款開通查詢", "Margin": "保證金", "Stock Margin": "股票保證金",
    "Long Stock Margin": "多頭股票保證金", "Short-Sell Margin": "空頭保證金",
    "Intraday Real-Time Margin": "日內交易實時保證金", "Setting Records": "設置記錄",
    "Draft Batches": "草稿批次", "Approvals": "工單審批", "Inbox": "待辦",
    "My Requests": "已發起", "History": "已辦", "CC'd to Me": "抄送我的", "Message Center": "消息中心",
    "Message Records": "消息記錄", "Help Center": "幫助中心", "Articles": "文章", "Article Categories": "文章分類",
    "Funds": "基金管理", "Public Funds": "公募基金", "Fund Clearing": "基金清算",
    "Identity": "身份管理", "Users": "用戶管理", "Roles": "角色管理", "Audit Log": "審計日誌",
    "Approval Flow Settings": "審批流程配置",
}


def test_every_string_in_the_catalogue_is_translated():
    assert unfinished(ts_path("zh_Hant")) == []
    assert i18n.app_catalogue("zh_Hant").exists()


def test_the_catalogue_holds_every_source_string(tmp_path):
    """Fails when someone adds a string without running ``python -m desktop.i18n_build``."""
    copy = tmp_path / "opsdesk_zh_Hant.ts"
    shutil.copy(ts_path("zh_Hant"), copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), "-extensions", "py", "-locations", "none", "-silent",
                    *SOURCE_DIRS, "-ts", str(copy)], cwd=PROJECT_ROOT, check=True)
    assert unfinished(copy) == []


def test_menu_labels_use_the_broker_terms():
    labels = {label for leaf in MENU for label in leaf.path}
    assert labels == set(EXPECTED_MENU_ZH)
    i18n.set_language("zh_Hant")
    assert {label: QCoreApplication.translate("menu", label) for label in labels} == EXPECTED_MENU_ZH


def test_every_error_code_has_a_translated_message():
    i18n.set_language("zh_Hant")
    for code in ErrorCode:
        text = message_for(ApiError(400, code.value, "x"))
        assert code.value not in text, f"{code} falls back to the generic text"
    assert message_for(ApiError(401, "invalid_credentials", "x")) == "用戶名稱或密碼不正確。"
    assert message_for(ApiError(0, "network", "x")).startswith("無法連接伺服器")


def test_switching_language_retranslates_the_open_window(qtbot, aio, backend, settings):
    api = backend.api_client()
    session = SessionClient(api)
    aio(session.login("admin", "admin-demo"))
    me = aio(session.me())
    window = MainWindow(api, me, settings)
    qtbot.addWidget(window)
    window.show()
    aio(until(no_pending_tasks, message="startup requests"))
    english_paths = window.sidebar.leaf_paths()
    assert window.windowTitle() == f"OpsDesk back office — {me.display_name}"

    i18n.set_language("zh_Hant")
    # LanguageChange is posted: the window updates once the loop delivers it.
    aio(until(lambda: window.windowTitle().startswith("OpsDesk 後台管理系統"), message="zh title"))
    assert window.sidebar.leaf_paths() == [tuple(EXPECTED_MENU_ZH[p] for p in path)
                                          for path in english_paths]
    assert window.file_menu.title() == "檔案(&F)"
    assert window.sign_out_action.text() == "登出(&O)"
    assert window.status.server_status.text().startswith("伺服器：")

    i18n.set_language("en")
    aio(until(lambda: window.windowTitle().startswith("OpsDesk back office"), message="en title"))
    assert window.sidebar.leaf_paths() == english_paths
    window.close()
    aio(until(no_pending_tasks, message="cancelled tasks"))
    aio(api.aclose())


def test_settings_dialog_switches_live_and_saves(qtbot, aio, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Settings"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_Hant"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    assert settings.language == "zh_Hant"
    assert i18n.current_language() == "zh_Hant"
    aio(until(lambda: dialog.windowTitle() == "設定", message="zh settings title"))
    # Qt's own catalogue translates the standard buttons too.
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"


def test_saved_language_defaults_to_traditional_chinese(settings):
    assert settings.language == "zh_Hant"
    settings.language = "en"
    assert settings.language == "en"
    with pytest.raises(ValueError):
        settings.language = "fr"


def test_qts_own_dialogs_read_in_chinese(qtbot):
    """Qt's message box buttons, its file dialog (the widget dialog the app's file choosers are on a
    desktop without a native one) and a line edit's context menu, through qtbase_zh_TW and the few
    words our catalogue adds (i18n.QT_GAPS)."""
    i18n.set_language("zh_Hant")
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert [box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                                               QMessageBox.StandardButton.Cancel)] == ["是(&Y)", "否(&N)", "取消"]
        dialog = QFileDialog(None, "", "", "Excel (*.xlsx)")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
        assert labels == {"查看(&L)：", "檔名(&N)：", "檔案類型(&T)："}
        assert {b.text() for b in dialog.findChildren(QPushButton) if b.text()} == {"開啟(&O)", "取消"}
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "儲存(&S)"
        tips = {w.toolTip() for w in dialog.findChildren(QToolButton) if w.toolTip()}
        assert tips and not any(re.search("[A-Za-z]{2,}", tip) for tip in tips), tips
        edit = QLineEdit()
        qtbot.addWidget(edit)
        menu = edit.createStandardContextMenu()
        assert [a.text().split("\t")[0] for a in menu.actions() if a.text()][:5] == [
            "復原(&U)", "重做(&R)", "剪下(&T)", "複製(&C)", "貼上(&P)"]
    finally:
        i18n.set_language("en")
