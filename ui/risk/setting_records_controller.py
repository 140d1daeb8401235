"""What the Setting Records page decides and sends, without a widget: which of 同步 (sync now) and
取消同步 (cancel the sync) the user may do to which record, the record beside its live row that the
confirmation shows, the request itself, and the outcome line it leaves on the page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.clients.risk import RiskClient
from services.contract.permissions import Perm
from services.contract.schemas import MarginSettingDetail, MarginSettingOut, SettingStatus
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext

translate = QCoreApplication.translate  # the name lupdate recognises

SYNC, CANCEL = "sync", "cancel"  # the page's two actions
PERMISSIONS = {SYNC: Perm.MARGIN_SETTING_APPLY, CANCEL: Perm.MARGIN_SETTING_REVOKE}


class SettingRecordsController(QObject):
    outcomeChanged = Signal(str)
    detailReady = Signal(str, object)  # (action, MarginSettingDetail): what the confirmation shows
    settingChanged = Signal(object)  # the MarginSettingOut after an action: its row is replaced

    def __init__(self, ctx: PageContext, client: RiskClient, ops: OpRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = client
        self._ops = ops
        self.actions = tuple(action for action, permission in PERMISSIONS.items() if ctx.can(permission))

    @staticmethod
    def is_pending(row: Any) -> bool:
        return row is not None and row.status == SettingStatus.PENDING

    def may(self, action: str, row: Any) -> bool:
        return action in self.actions and self.is_pending(row)

    def prepare(self, action: str, row: Any) -> None:
        """Reads the record beside its live row now; the page then asks the user to confirm."""
        if not self.may(action, row):
            return
        self._ops.run(self.client.setting(row.id), key="detail",
                      on_success=lambda detail: self.detailReady.emit(action, detail), on_failure=self._failed)

    def sync(self, detail: MarginSettingDetail) -> None:
        self._ops.run(self.client.apply_setting_now(detail.id), key="send",
                      on_success=lambda done: self._done(done, translate(
                          "SettingRecords", "Setting #{id} is synced: {symbol} has its new values now.")),
                      on_failure=self._failed)

    def cancel(self, detail: MarginSettingDetail, reason: str) -> None:
        self._ops.run(self.client.revoke_setting(detail.id, reason), key="send",
                      on_success=lambda done: self._done(done, translate(
                          "SettingRecords", "Setting #{id} is cancelled: {symbol} keeps its values.")),
                      on_failure=self._failed)

    def _done(self, setting: MarginSettingOut, text: str) -> None:
        self.outcomeChanged.emit(text.format(id=setting.id, symbol=setting.symbol))
        self.settingChanged.emit(setting)

    def _failed(self, exc: BaseException) -> bool:
        """Said on the page (a record synced or cancelled meanwhile says so); the shell hears of sessions."""
        self.outcomeChanged.emit(self._ctx.describe(exc))
        return isinstance(exc, ApiError) and not exc.is_auth
