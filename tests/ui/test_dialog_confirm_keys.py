"""Ctrl+Enter confirms every dialog of the app (ui/common/dialog_keys.py): each dialog class of the
ui packages, found by importing them all, is opened here as its page opens it, made ready to
decide, and both Enters with Ctrl press its main button (Submit, Reject, Create, Save..., or
Close where it only shows), wherever the focus is in it. A new dialog class without a way to
open it here fails the first test: add it to DIALOGS."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

import ui
from desktop.app_settings import AppSettings
from desktop.error_box import ErrorBox
from desktop.login_dialog import LoginDialog
from desktop.password_dialog import PasswordDialog
from desktop.preparation import Preparation
from desktop.settings_dialog import SettingsDialog
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.identity import IdentityClient
from services.clients.messages import MessagesClient
from services.clients.risk import RiskClient
from services.clients.session import SessionClient
from services.contract.fund_clearing import LineOut
from services.contract.identity import OneTimePasswordOut
from services.contract.queries import MessageQuery
from services.contract.schemas import MarginSettingDetail, TransferCandidateOut
from services.offline.store import open_store
from tests.backend.margin_steps import UPLOAD, row, submit, symbols
from tests.backend.work_order_steps import fresh_order
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.approval_chains.chain_dialog import ChainDialog
from ui.approval_chains.versions_dialog import VersionsDialog
from ui.approvals.cc_dialog import CcDialog
from ui.approvals.decision_dialogs import RejectDialog
from ui.approvals.delegations_dialog import DelegationsDialog
from ui.approvals.resubmit_dialog import ResubmitDialog
from ui.approvals.transfer_dialog import TransferDialog
from ui.common.confirmation import confirmation
from ui.common.dialog_keys import CONFIRM_SHORTCUT
from ui.common.page_context import PageContext
from ui.funds.difference_limit_dialog import DifferenceLimitDialog
from ui.funds.explain_dialog import ExplainDialog
from ui.funds.import_errors_dialog import ImportErrorsDialog
from ui.help_center.category_dialog import CategoryDialog
from ui.help_center.copy_dialog import CopyDialog
from ui.help_center.order_dialog import order_confirmation
from ui.identity.role_editor import RoleEditorDialog
from ui.identity.user_dialogs import NewUserDialog, OneTimePasswordDialog, UserRolesDialog
from ui.messages.resend_dialog import ResendDialog
from ui.messages.resend_results_dialog import ResendResultsDialog
from ui.risk.draft_list import NewBatchDialog
from ui.risk.draft_live_picker import LiveRowsDialog
from ui.risk.margin_history_dialog import MarginHistoryDialog
from ui.risk.margin_row_tools import DayTradeRulesDialog
from ui.risk.setting_action_dialog import SettingActionDialog
from ui.risk.upload_correction import UploadCorrectionDialog
from ui.risk.upload_dialog import UploadDialog

LONG = "risk.credit.long_stock_margin"


@dataclass
class Bench:
    """What the dialogs are opened with: the test's backend, signed-in clients, pages, a folder."""

    qtbot: object
    aio: Callable
    backend: object
    errors: list
    folder: Path
    apis: dict[str, ApiClient] = field(default_factory=dict)
    pages: list[tuple[QWidget, ApiClient]] = field(default_factory=list)

    def ctx(self, username: str) -> PageContext:
        if username not in self.apis:
            api = self.backend.api_client()
            api.set_token(self.backend.token(username))
            self.apis[username] = api
        api = self.apis[username]
        return PageContext(api, self.aio(SessionClient(api).me()), self.errors.append, ui_language=lambda: "en")

    def page(self, key: str, username: str):
        page, api = open_page(self.qtbot, self.aio, self.backend, self.errors, key, username)
        self.pages.append((page, api))
        return page

    def close(self) -> None:
        for page, api in self.pages:
            self.aio(page.wait_idle())
            self.aio(api.aclose())
        for api in self.apis.values():
            self.aio(api.aclose())


Made = tuple[QWidget, QAbstractButton]  # the dialog, ready to decide, and the button Ctrl+Enter presses


def _close_button(dialog: QWidget) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Close)


def _order(b: Bench) -> dict:
    return fresh_order(b.backend, "HK", force_close="15:45")


def reject_dialog(b: Bench) -> Made:
    dialog = RejectDialog("#1 Set day-trade window")
    dialog.comment.setPlainText("Too early")
    return dialog, dialog.reject_button


def transfer_dialog(b: Bench) -> Made:
    dialog = TransferDialog("#1 Set day-trade window", 1)
    dialog.set_candidates([TransferCandidateOut(user_id=9, username="checker2", name="Grace Lam")])
    dialog.note.edit.setPlainText("On leave")
    return dialog, dialog.transfer_button


def cc_dialog(b: Bench) -> Made:
    dialog = CcDialog("#1 Set day-trade window")
    dialog.names.setText("checker2")
    return dialog, dialog.add_button


def resubmit_dialog(b: Bench) -> Made:
    order = b.aio(ApprovalsClient(b.ctx("maker").api).work_order(_order(b)["id"]))
    dialog = ResubmitDialog(order)
    return dialog, dialog.resubmit_button


def delegations_dialog(b: Bench) -> Made:
    ctx = b.ctx("checker")
    dialog = DelegationsDialog(ApprovalsClient(ctx.api), ctx.me.id, ctx.describe, datetime.now(UTC))
    dialog.form.person.setText("checker2")
    return dialog, dialog.form.create_button


def role_editor(b: Bench) -> Made:
    areas = b.aio(IdentityClient(b.ctx("admin").api).permission_areas())
    dialog = RoleEditorDialog(None, areas, set())
    dialog.code.setText("desk_viewer")
    dialog.name_zh.setText("交易台查閱")
    dialog.name_en.setText("Desk viewer")
    dialog.set_permission(areas[0].permissions[0], True)
    return dialog, dialog.accept_button


def new_user_dialog(b: Bench) -> Made:
    dialog = NewUserDialog(set())
    dialog.username.setText("ops.lee")
    dialog.display_name.setText("Lee Ops")
    return dialog, dialog.accept_button


def user_roles_dialog(b: Bench) -> Made:
    identity = IdentityClient(b.ctx("admin").api)
    users, roles = b.aio(identity.users()), b.aio(identity.roles())
    user = next(u for u in users if u.username == "service")
    dialog = UserRolesDialog(user, roles, "en")
    dialog.set_role("fund_ops", True)
    return dialog, dialog.accept_button


def one_time_password_dialog(b: Bench) -> Made:
    user = b.aio(IdentityClient(b.ctx("admin").api).users())[0]
    dialog = OneTimePasswordDialog(OneTimePasswordOut(user=user, one_time_password="Xk2-9pQ-7Lm"))
    return dialog, _close_button(dialog)


def import_errors_dialog(b: Bench) -> Made:
    dialog = ImportErrorsDialog("confirm.xlsx", "The file has errors.",
                                [{"row": 3, "field": "units", "code": "not_a_number", "reason": "'x' is not a number."}])
    return dialog, _close_button(dialog)


def difference_limit_dialog(b: Bench) -> Made:
    dialog = DifferenceLimitDialog("Asia Bond Fund", Decimal("0.01"))
    dialog.edit.setText("0.05")
    return dialog, dialog.save_button


def explain_dialog(b: Bench) -> Made:
    line = LineOut(side="subscription", order_ref="SUB-0001", status="mismatched", difference=Decimal("0.01"),
                   needs_explaining=True)
    dialog = ExplainDialog(line, "+0.01")
    dialog.note.edit.setPlainText("Fund house rounding")
    return dialog, dialog.save_button


def chain_dialog(b: Bench) -> Made:
    page = b.page("identity.approval_chains", "admin")
    page.select_flow("risk.credit.set_day_trade_time_config")
    dialog = ChainDialog(page.controller, page.current_chain())
    dialog.pane.mode_buttons["all"].click()
    dialog.note.setPlainText("Both decide.")
    return dialog, dialog.save_button


def versions_dialog(b: Bench) -> Made:
    page = b.page("identity.approval_chains", "admin")
    dialog = VersionsDialog(page.controller, page.current_chain())
    return dialog, _close_button(dialog)


def margin_history_dialog(b: Bench) -> Made:
    ctx = b.ctx("maker")
    [symbol] = symbols(b.backend, "HK", 1, with_row=True, financeable=True)
    dialog = MarginHistoryDialog(ctx, RiskClient(ctx.api), "long", symbol, symbol)
    return dialog, _close_button(dialog)


def upload_dialog(b: Bench) -> Made:
    page = b.page(LONG, "maker")
    [symbol] = symbols(b.backend, "HK", 1, with_row=True, financeable=True)
    path = write_sheet(b.folder / "upload.xlsx", [LONG_HEADER, long_row(symbol, im=0.85, mcm=0.8, mm=0.7, fm=0.6)])
    dialog = UploadDialog(page._ctx, page.controller.client, page.ui)
    b.aio(dialog.load(path))
    b.aio(until(dialog.submit_button.isEnabled, message="the upload ready"))
    return dialog, dialog.submit_button


def upload_correction_dialog(b: Bench) -> Made:
    page = b.page(LONG, "maker")
    [symbol] = symbols(b.backend, "HK", 1, with_row=True, financeable=True)
    sent = submit(b.backend, UPLOAD, {"mode": "upsert", "rows": [row(symbol, im="0.85", mcm="0.8", mm="0.7",
                                                                        fm="0.6")]})
    order = b.aio(ApprovalsClient(page._ctx.api).work_order(sent.json()["id"]))
    dialog = UploadCorrectionDialog(page._ctx, page.controller.client, page.ui, order)
    b.aio(dialog.load_order_rows())
    b.aio(until(dialog.submit_button.isEnabled, message="the correction ready"))
    return dialog, dialog.submit_button


def live_rows_dialog(b: Bench) -> Made:
    dialog = LiveRowsDialog(b.ctx("maker"), open_store(b.folder / "workstation.db"), "long")
    b.aio(dialog.search())
    dialog.table.selectRow(0)
    return dialog, dialog.add_button


def new_batch_dialog(b: Bench) -> Made:
    dialog = NewBatchDialog()
    return dialog, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def setting_action_dialog(b: Bench) -> Made:
    now = datetime.now(UTC)
    detail = MarginSettingDetail(id=7, kind="long", symbol="00005.HK", name="HSBC Holdings",
                                 values={"im": "0.6", "mcm": "0.5", "mm": "0.45", "fm": "0.4"}, effective_at=now,
                                 status="pending", work_order_id=3, created_at=now, applied_at=None,
                                 revoked_at=None, revoke_reason=None, live=None)
    dialog = SettingActionDialog("sync", detail, lambda: "en")
    return dialog, dialog.accept_button


def day_trade_rules_dialog(b: Bench) -> Made:
    ctx = b.ctx("maker")
    page = b.page("risk.credit.intraday_margin", "maker")
    dialog = DayTradeRulesDialog(ctx, page)
    return dialog, _close_button(dialog)


def resend_dialog(b: Bench) -> Made:
    records = b.aio(MessagesClient(b.ctx("service").api).records(MessageQuery(limit=5))).items
    dialog = ResendDialog(records[:1], lambda code: code)
    dialog.answer.edit.setPlainText("The customer asked again")
    return dialog, dialog.resend_button


def resend_results_dialog(b: Bench) -> Made:
    dialog = ResendResultsDialog()
    return dialog, _close_button(dialog)


def copy_dialog(b: Bench) -> Made:
    page = b.page("help_center.articles", "editor")
    dialog = CopyDialog(page.model.row(0), page.controller.categories, "en")
    return dialog, dialog.copy_button


def category_dialog(b: Bench) -> Made:
    page = b.page("help_center.categories", "editor")
    dialog = CategoryDialog(page.controller, "create", None, None, "en")
    dialog.name.setText("Warrants")
    dialog.name_zh.setText("窩輪")
    return dialog, dialog.accept_button


DIALOGS: dict[type[QDialog], Callable[[Bench], Made]] = {
    RejectDialog: reject_dialog, TransferDialog: transfer_dialog, CcDialog: cc_dialog,
    ResubmitDialog: resubmit_dialog, DelegationsDialog: delegations_dialog,
    RoleEditorDialog: role_editor, NewUserDialog: new_user_dialog, UserRolesDialog: user_roles_dialog,
    OneTimePasswordDialog: one_time_password_dialog,
    ImportErrorsDialog: import_errors_dialog, DifferenceLimitDialog: difference_limit_dialog,
    ExplainDialog: explain_dialog,
    ChainDialog: chain_dialog, VersionsDialog: versions_dialog,
    MarginHistoryDialog: margin_history_dialog, UploadDialog: upload_dialog,
    UploadCorrectionDialog: upload_correction_dialog, LiveRowsDialog: live_rows_dialog,
    NewBatchDialog: new_batch_dialog, SettingActionDialog: setting_action_dialog,
    DayTradeRulesDialog: day_trade_rules_dialog,
    ResendDialog: resend_dialog, ResendResultsDialog: resend_results_dialog,
    CopyDialog: copy_dialog, CategoryDialog: category_dialog,
}


def _question(b: Bench) -> Made:
    box = confirmation(None, "Delete Draft", "Delete the draft?", "Delete Draft", "It was never submitted.",
                       on_accept=lambda: None)
    return box, next(button for button in box.buttons() if button.objectName() == "confirmAccept")


def _order_question(b: Bench) -> Made:
    box = order_confirmation(None, ["1. Fees", "2. Hours"], on_submit=lambda: None, on_undo=lambda: None)
    return box, next(button for button in box.buttons() if button.objectName() == "confirmAccept")


def _settings(b: Bench) -> AppSettings:
    return AppSettings(QSettings(str(b.folder / "settings.ini"), QSettings.Format.IniFormat))


def _sign_in(b: Bench) -> Made:
    dialog = LoginDialog(Preparation.connected(b.backend.api_client(), embedded=False), _settings(b))
    return dialog, dialog.sign_in_button


def _change_password(b: Bench) -> Made:
    dialog = PasswordDialog(b.ctx("maker").api)
    return dialog, dialog.change_button


def _preferences(b: Bench) -> Made:
    dialog = SettingsDialog(_settings(b))
    return dialog, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


# The questions, and the shell's own dialogs (desktop/): sign-in, password, settings.
QUESTIONS: dict[str, Callable[[Bench], Made]] = {
    "confirmation": _question, "order_confirmation": _order_question, "LoginDialog": _sign_in,
    "PasswordDialog": _change_password, "SettingsDialog": _preferences}


def ui_dialog_classes() -> set[type[QDialog]]:
    """Every QDialog subclass defined in the ui packages (each module imported)."""
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)
    found: set[type[QDialog]] = set()
    pending: list[type] = [QDialog]
    while pending:
        for cls in pending.pop().__subclasses__():
            pending.append(cls)
            if cls.__module__.startswith("ui.") and not issubclass(cls, QMessageBox):
                found.add(cls)
    return found


@pytest.fixture
def bench(qtbot, aio, backend, errors, tmp_path):
    made = Bench(qtbot, aio, backend, errors, tmp_path)
    yield made
    made.close()


def test_every_dialog_class_of_the_app_is_checked_here():
    assert ui_dialog_classes() == set(DIALOGS), "a dialog class with no way to open it here: add it to DIALOGS"


@pytest.mark.parametrize("make", [*DIALOGS.values(), *QUESTIONS.values()],
                         ids=[*(cls.__name__ for cls in DIALOGS), *QUESTIONS])
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter], ids=["Ctrl+Return", "Ctrl+Enter (keypad)"])
def test_ctrl_enter_presses_the_dialogs_main_button(bench, qtbot, aio, make, key):
    dialog, button = make(bench)
    qtbot.addWidget(dialog)
    assert len(dialog.findChildren(QShortcut, CONFIRM_SHORTCUT)) == 2
    assert button.isEnabled(), "the dialog was not made ready to decide"
    pressed: list[bool] = []
    button.clicked.connect(lambda *_: pressed.append(True))
    dialog.show()
    dialog.activateWindow()
    aio(until(dialog.isActiveWindow, message="the dialog active"))
    where = QApplication.focusWidget()
    assert where is not None and dialog.isAncestorOf(where) or where is dialog
    modifiers = Qt.KeyboardModifier.ControlModifier
    if key == Qt.Key.Key_Enter:
        modifiers |= Qt.KeyboardModifier.KeypadModifier
    QTest.keyClick(where, key, modifiers)
    assert pressed == [True]
    dialog.close()


def test_ctrl_enter_closes_the_error_box(qtbot, aio):
    window = QWidget()  # the main window, which owns the box
    qtbot.addWidget(window)
    window.show()
    box = ErrorBox(window)
    box.show_error("The server cannot be reached.", RuntimeError("network"))
    box.activateWindow()
    aio(until(box.isActiveWindow, message="the box active"))
    assert len(box.findChildren(QShortcut, CONFIRM_SHORTCUT)) == 2
    QTest.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not box.isVisible()
