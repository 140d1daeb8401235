"""Risk › Margin › Stock Margin › Setting Records (設置記錄): every dated margin change and its fate.

An approved change effective later waits here as 未觸發 (not triggered) until its time, when it
becomes 已觸發 (triggered); 同步 makes it take effect now, 取消同步 revokes it (已撤銷) with a
reason. Each action has its own permission and shows, before it is sent, the record's values
beside the row as it is live now. The controller (setting_records_controller.py) decides and sends.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QWidget

from services.clients.risk import RiskClient
from services.contract.queries import MarginSettingFilter, MarginSettingQuery
from services.contract.schemas import MarginSettingDetail, MarginSettingOut, SettingStatus
from ui.common.columns import Column, datetime_column
from ui.common.filter_bar import ChoiceField, DateField, TextField
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.risk import setting_texts as texts
from ui.risk.setting_action_dialog import SettingActionDialog
from ui.risk.setting_records_controller import CANCEL, SYNC, SettingRecordsController

CONTEXT = texts.CONTEXT
translate = QCoreApplication.translate  # the name lupdate recognises

FIELDS = (
    ChoiceField("kind", QT_TRANSLATE_NOOP("SettingRecords", "Type"), tuple(
        (kind, lambda kind=kind: texts.kind_text(kind)) for kind in texts.KIND)),
    TextField("symbol", QT_TRANSLATE_NOOP("SettingRecords", "Symbol"), max_length=16, width_chars=9),
    ChoiceField("status", QT_TRANSLATE_NOOP("SettingRecords", "Status"), tuple(
        (status.value, lambda status=status: texts.status_text(status.value)) for status in SettingStatus)),
    DateField("date_from", QT_TRANSLATE_NOOP("SettingRecords", "Effective From")),
    DateField("date_to", QT_TRANSLATE_NOOP("SettingRecords", "Effective To")),
)


def _name(language):
    return lambda row: (row.name_zh if language() == "zh_Hant" and row.name_zh else row.name) or ""


def columns(language) -> tuple[Column, ...]:
    return (
        Column("status", QT_TRANSLATE_NOOP("SettingRecords", "Status"), format=texts.status_text, width_chars=13,
               color=texts.STATUS_COLOUR.get),
        Column("kind", QT_TRANSLATE_NOOP("SettingRecords", "Type"), format=texts.kind_text, width_chars=22),
        Column("symbol", QT_TRANSLATE_NOOP("SettingRecords", "Symbol"), width_chars=10, identifier=True),
        Column("name", QT_TRANSLATE_NOOP("SettingRecords", "Name"), value=lambda row: row, format=_name(language),
               width_chars=22),
        datetime_column("effective_at", QT_TRANSLATE_NOOP("SettingRecords", "Effective At")),
        Column("values", QT_TRANSLATE_NOOP("SettingRecords", "Setting"), format=lambda v: texts.values_text(v, language),
               tooltip=lambda v: texts.values_text(v, language, separator="\n"), width_chars=44),
        Column("work_order_id", QT_TRANSLATE_NOOP("SettingRecords", "Work Order"),
               format=lambda v: f"#{v}" if v else "", width_chars=8, identifier=True),
        Column("maker_name", QT_TRANSLATE_NOOP("SettingRecords", "Maker"), width_chars=14),
        datetime_column("created_at", QT_TRANSLATE_NOOP("SettingRecords", "Created At")),
        datetime_column("applied_at", QT_TRANSLATE_NOOP("SettingRecords", "Triggered At")),
        Column("applied_by", QT_TRANSLATE_NOOP("SettingRecords", "Synced By"), value=lambda row: row,
               format=lambda row: row.applied_by_name or (translate("SettingRecords", "Automatically") if row.applied_at else ""),
               width_chars=14),
        datetime_column("revoked_at", QT_TRANSLATE_NOOP("SettingRecords", "Revoked At")),
        Column("revoked_by_name", QT_TRANSLATE_NOOP("SettingRecords", "Revoked By"), width_chars=14),
        Column("revoke_reason", QT_TRANSLATE_NOOP("SettingRecords", "Reason"), width_chars=24),
    )


SPEC = QuerySpec(tr_context=CONTEXT, list_path=None, row_model=MarginSettingOut, filter_model=MarginSettingFilter,
                 fields=FIELDS, columns=(), export_stem="setting-records", date_ranges=(("date_from", "date_to"),),
                 fields_per_row=5)


class SettingRecordsPage(QueryPage):
    EMPTY = (QT_TRANSLATE_NOOP("SettingRecords", "No setting record yet: an approved change effective later waits here until its time."),
             QT_TRANSLATE_NOOP("SettingRecords", "No setting record matches the filter ({filter})."))
    EMPTY_CONTEXT = CONTEXT
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        client = RiskClient(ctx.api)
        super().__init__(ctx, replace(SPEC, columns=columns(ctx.language), fetch_page=lambda params: client.settings(
            MarginSettingQuery.model_validate(params))), parent)
        self.controller = SettingRecordsController(ctx, client, self.ops, self)
        self.controller.outcomeChanged.connect(self._show_outcome)
        self.controller.detailReady.connect(self._confirm)
        self.controller.settingChanged.connect(self._changed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.buttons: dict[str, QPushButton] = {}
        self.outcome = QLabel(self)
        self.outcome.setObjectName("actionOutcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        self.layout().insertLayout(1, bar)
        for action in self.controller.actions:
            button = QPushButton(self)
            button.setObjectName(f"{action}Button")
            button.clicked.connect(lambda _checked=False, action=action: self.controller.prepare(action, self.current_row()))
            self.buttons[action] = button
            bar.addWidget(button)
        bar.addWidget(self.outcome, 1)
        self.dialog: SettingActionDialog | None = None
        self.table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        self._ready = True
        self.retranslate_ui()

    def current_row(self) -> MarginSettingOut | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def update_actions(self, *_args) -> None:
        if self._ready:
            for action, button in self.buttons.items():
                button.setEnabled(self.controller.may(action, self.current_row()))

    def _confirm(self, action: str, detail: MarginSettingDetail) -> None:
        self.dialog = SettingActionDialog(action, detail, self._ctx.language, self)
        self.dialog.confirmed.connect(lambda reason: self.controller.sync(detail) if action == SYNC
                                      else self.controller.cancel(detail, reason))
        self.dialog.open()

    def _show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.update_actions()

    def _changed(self, setting: MarginSettingOut) -> None:
        """The acted-on record changes in place (the user keeps their place in the list)."""
        self.model.update_rows({setting.id: setting})
        self.update_actions()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self._ready:
            return
        texts_ = {SYNC: (translate("SettingRecords", "Sync"), translate("SettingRecords", "Apply the chosen setting now instead of at its effective time")),
                  CANCEL: (translate("SettingRecords", "Cancel Sync"), translate("SettingRecords", "Revoke the chosen setting: it will never apply"))}
        for action, button in self.buttons.items():
            button.setText(texts_[action][0])
            button.setToolTip(texts_[action][1])
        self.update_actions()
