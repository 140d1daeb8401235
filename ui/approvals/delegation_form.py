"""A new delegation while I am away (委託審批): to whom, from when until when (Hong Kong time), and
for every flow or the flows ticked. The backend judges it (an active person who may approve, not
me, ending after it starts, at most 90 days); the form only keeps obvious mistakes from being sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from services.contract.flows import ALL_FLOWS
from services.contract.identity import DELEGATION_MAX_DAYS
from ui.approvals import labels

DEFAULT_DAYS = 7
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
_HK = QTimeZone(b"Asia/Hong_Kong")

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


def _edit(object_name: str, value: datetime, parent: QWidget) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setObjectName(object_name)
    edit.setTimeZone(_HK)
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _HK))
    return edit


def instant(edit: QDateTimeEdit) -> datetime:
    """The edit's Hong Kong wall time as an aware instant."""
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


class DelegationForm(QWidget):
    delegateRequested = Signal(str, object, object, object)  # username, starts_at, ends_at, flows (None: all)

    def __init__(self, now: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("delegationForm")
        self.person = QLineEdit(self)
        self.person.setObjectName("delegateTo")
        self.person.setPlaceholderText(translate("DelegationForm", "User name of the person deciding for you"))
        self.starts = _edit("delegationStarts", now, self)
        self.ends = _edit("delegationEnds", now + timedelta(days=DEFAULT_DAYS), self)
        self.all_flows = QCheckBox(translate("DelegationForm", "Every flow"), self)
        self.all_flows.setObjectName("allFlows")
        self.all_flows.setChecked(True)
        self.flows = QListWidget(self)
        self.flows.setObjectName("delegationFlows")
        for flow in ALL_FLOWS:
            item = QListWidgetItem(labels.flow_name(flow), self.flows)
            item.setData(Qt.ItemDataRole.UserRole, flow)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.create_button = QPushButton(translate("DelegationForm", "Delegate"), self)
        self.create_button.setObjectName("createDelegation")

        # Who and when on the left, the flows beside them, the button under the flows.
        left = QWidget(self)
        left.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Maximum)  # never narrower than its labels
        form = QFormLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("DelegationForm", "Delegate to"), self.person)
        form.addRow(translate("DelegationForm", "From (HK)"), self.starts)
        form.addRow(translate("DelegationForm", "Until (HK)"), self.ends)
        form.addRow(translate("DelegationForm", "Flows"), self.all_flows)
        self.person.setMinimumWidth(220)
        self.flows.setMinimumHeight(150)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.addWidget(left, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.flows, 0, 1)
        buttons = QHBoxLayout()
        grid.addLayout(buttons, 1, 0, 1, 2)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        grid.setColumnStretch(1, 1)

        self.person.textChanged.connect(self._update)
        self.starts.dateTimeChanged.connect(self._update)
        self.ends.dateTimeChanged.connect(self._update)
        self.all_flows.toggled.connect(self._update)
        self.flows.itemChanged.connect(self._update)
        self.create_button.clicked.connect(self.confirm)
        self._update()

    def chosen_flows(self) -> list[str] | None:
        """The flows ticked; None for every flow."""
        if self.all_flows.isChecked():
            return None
        return [self.flows.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.flows.count())
                if self.flows.item(r).checkState() == Qt.CheckState.Checked]

    def _window(self) -> tuple[datetime, datetime]:
        return instant(self.starts), instant(self.ends)

    def _valid(self) -> bool:
        starts, ends = self._window()
        flows = self.chosen_flows()
        return (bool(self.person.text().strip()) and starts < ends and ends - starts <= timedelta(days=DELEGATION_MAX_DAYS)
                and (flows is None or bool(flows)))

    def _update(self, *_args: object) -> None:
        self.flows.setEnabled(not self.all_flows.isChecked())
        self.create_button.setEnabled(self._valid())

    def confirm(self) -> None:
        if self._valid():
            starts, ends = self._window()
            self.delegateRequested.emit(self.person.text().strip(), starts, ends, self.chosen_flows())

    def clear(self) -> None:
        self.person.clear()
