"""A compact filter row that produces a contract filter model (services/contract/queries.py).

Fields are declared once per page; labels and choice texts are English source strings marked
with QT_TRANSLATE_NOOP in the page's context. Enter searches, Esc resets (Esc in an open calendar
closes the calendar only). A date range whose
start is after its end, or any value the contract rejects, shows an inline message and emits
nothing, so no query leaves the client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from services.rules.ratios import RatioError, parse_ratio
from ui.common.optional_date_edit import OptionalDateEdit
from ui.common.shortcuts import escape_shortcut, local_shortcut


@dataclass(frozen=True)
class TextField:
    key: str
    label: str
    max_length: int = 64
    width_chars: int = 12


@dataclass(frozen=True)
class ChoiceField:
    key: str
    label: str
    # (contract value, source label); a label may instead be a function that gives the shown text,
    # for names that carry their own translations (the flow names of services/contract/flows.py).
    choices: tuple[tuple[Any, str | Callable[[], str]], ...]
    with_any: bool = True  # prepend "Any" (value None)


@dataclass(frozen=True)
class DateField:
    key: str
    label: str


@dataclass(frozen=True)
class NumberField:
    """A whole number; the minimum is shown as "Any" and sends nothing."""

    key: str
    label: str
    minimum: int = 0
    maximum: int = 36500


@dataclass(frozen=True)
class RatioField:
    """A margin ratio typed as people type it ("45%", "45" or "0.45"); sent as a decimal."""

    key: str
    label: str
    width_chars: int = 7


FilterField = TextField | ChoiceField | DateField | NumberField | RatioField


translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class FilterBar(QWidget):
    searchRequested = Signal(object)  # a valid instance of the page's filter model

    def __init__(self, fields: Sequence[FilterField], filter_model: type[BaseModel], tr_context: str,
                 *, date_ranges: Sequence[tuple[str, str]] = (), fields_per_row: int = 4,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._fields = {f.key: f for f in fields}
        self._filter_model = filter_model
        self._tr_context = tr_context
        self._date_ranges = tuple(date_ranges)
        self._labels: dict[str, QLabel] = {}
        self._editors: dict[str, QWidget] = {}

        outer = QGridLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        outer.addLayout(grid, 0, 0)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for position, spec in enumerate(fields):
            row, slot = divmod(position, fields_per_row)
            label = QLabel(self)
            editor = self._make_editor(spec)
            label.setBuddy(editor)
            grid.addWidget(label, row, slot * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(editor, row, slot * 2 + 1)
            self._labels[spec.key] = label
            self._editors[spec.key] = editor

        self.search_button = QPushButton(self)
        self.search_button.setObjectName("filterSearch")
        self.search_button.clicked.connect(self.search)
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("filterReset")
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        grid.addLayout(buttons, 0, fields_per_row * 2)
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        grid.setColumnStretch(fields_per_row * 2 + 1, 1)  # spare width goes right, not into editors

        self.message = QLabel(self)
        self.message.setObjectName("filterMessage")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message, 1, 0)

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self, self.search)
        escape_shortcut(self, self.reset)  # not from an open calendar: Esc closes the calendar only
        self.retranslate_ui()

    # --- building -----------------------------------------------------------------------------

    def _make_editor(self, spec: FilterField) -> QWidget:
        if isinstance(spec, RatioField):
            edit = QLineEdit(self)
            edit.setObjectName("ratioFilter")
            edit.setMaxLength(12)
            edit.setClearButtonEnabled(True)
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * spec.width_chars)
            return edit
        if isinstance(spec, TextField):
            edit = QLineEdit(self)
            edit.setMaxLength(spec.max_length)
            edit.setClearButtonEnabled(True)
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * spec.width_chars)
            return edit
        if isinstance(spec, ChoiceField):
            combo = QComboBox(self)
            if spec.with_any:
                combo.addItem("", None)
            for value, _label in spec.choices:
                combo.addItem("", value)
            return combo
        if isinstance(spec, DateField):
            return OptionalDateEdit(self)
        spin = QSpinBox(self)
        spin.setRange(spec.minimum, spec.maximum)
        return spin

    def set_choices(self, key: str, choices: Sequence[tuple[Any, str | Callable[[], str]]]) -> None:
        """Replaces a choice field's choices (ones the server lists), keeping the chosen value."""
        spec = replace(self._fields[key], choices=tuple(choices))
        self._fields[key] = spec
        combo = self._editors[key]
        chosen = combo.currentData()
        combo.clear()
        if spec.with_any:
            combo.addItem("", None)
        for value, _label in spec.choices:
            combo.addItem("", value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self._retranslate_choices(spec, combo)

    def _retranslate_choices(self, spec: ChoiceField, combo: QComboBox) -> None:
        offset = 1 if spec.with_any else 0
        if spec.with_any:
            combo.setItemText(0, translate("FilterBar", "Any"))
        for i, (_value, label) in enumerate(spec.choices):
            text = label() if callable(label) else QCoreApplication.translate(self._tr_context, label)
            combo.setItemText(i + offset, text)

    def retranslate_ui(self) -> None:
        for key, spec in self._fields.items():
            self._labels[key].setText(QCoreApplication.translate(self._tr_context, spec.label))
            editor = self._editors[key]
            if isinstance(spec, ChoiceField) and isinstance(editor, QComboBox):
                self._retranslate_choices(spec, editor)
            elif isinstance(spec, NumberField) and isinstance(editor, QSpinBox):
                editor.setSpecialValueText(translate("FilterBar", "Any"))
        self.search_button.setText(translate("FilterBar", "Search"))
        self.search_button.setToolTip(translate("FilterBar", "Search (Enter)"))
        self.reset_button.setText(translate("FilterBar", "Reset"))
        self.reset_button.setToolTip(translate("FilterBar", "Reset the filters (Esc)"))
        self.message.clear()
        self.message.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- values -------------------------------------------------------------------------------

    def editor(self, key: str) -> QWidget:
        return self._editors[key]

    def fields(self) -> tuple[FilterField, ...]:
        """The fields as declared, with the choices set since (set_choices)."""
        return tuple(self._fields.values())

    def focus_first(self) -> None:
        """The keyboard to the first filter, its text selected to be typed over (Ctrl+F)."""
        first = next(iter(self._editors.values()), None)
        if first is None:
            return
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(first, QLineEdit):
            first.selectAll()

    def values(self) -> dict[str, Any]:
        """The fields as contract values; empty fields are None."""
        out: dict[str, Any] = {}
        for key, editor in self._editors.items():
            if isinstance(self._fields[key], RatioField):
                out[key] = self._ratio(editor.text())
            elif isinstance(editor, QLineEdit):
                out[key] = editor.text().strip() or None
            elif isinstance(editor, QComboBox):
                out[key] = editor.currentData()
            elif isinstance(editor, OptionalDateEdit):
                out[key] = editor.value()
            elif isinstance(editor, QSpinBox):
                out[key] = None if editor.value() == editor.minimum() else editor.value()
        return out

    @staticmethod
    def _ratio(text: str) -> Decimal | str | None:
        """The decimal of a typed ratio; text that is not one is passed on for the contract to
        refuse with its own message."""
        if not text.strip():
            return None
        try:
            return parse_ratio(text)
        except RatioError:
            return text.strip()

    def set_values(self, **values: Any) -> None:
        for key, value in values.items():
            editor = self._editors[key]
            if isinstance(editor, QLineEdit):
                editor.setText("" if value is None else str(value))
            elif isinstance(editor, QComboBox):
                found = editor.findData(value)
                if found < 0:
                    raise ValueError(f"{value!r} is not a choice of {key}")
                editor.setCurrentIndex(found)
            elif isinstance(editor, OptionalDateEdit):
                editor.set_value(value)
            elif isinstance(editor, QSpinBox):
                editor.setValue(editor.minimum() if value is None else int(value))

    def build_filter(self) -> BaseModel | None:
        """The filter model of the current fields, or None after showing why it is invalid."""
        values = self.values()
        for start_key, end_key in self._date_ranges:
            start: date | None = values.get(start_key)
            end: date | None = values.get(end_key)
            if start and end and start > end:
                self._show_problem(end_key, translate("FilterBar", "“{start}” must not be after “{end}”.").format(
                    start=self._label_text(start_key), end=self._label_text(end_key)))
                return None
        try:
            result = self._filter_model.model_validate(values)
        except ValidationError as exc:
            first = exc.errors()[0]
            key = str(first["loc"][0]) if first.get("loc") else ""
            self._show_problem(key, translate("FilterBar", "Check “{field}”: {reason}").format(
                field=self._label_text(key) if key in self._fields else key, reason=first["msg"]))
            return None
        self.message.clear()
        self.message.hide()
        return result

    def _label_text(self, key: str) -> str:
        return self._labels[key].text().rstrip(":：")

    def _show_problem(self, key: str, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        if key in self._editors:
            self._editors[key].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions ------------------------------------------------------------------------------

    def search(self) -> None:
        result = self.build_filter()
        if result is not None:
            self.searchRequested.emit(result)

    def reset(self) -> None:
        """Back to the defaults, then searches: Esc shows everything again."""
        for editor in self._editors.values():
            if isinstance(editor, QLineEdit):
                editor.clear()
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(0)
            elif isinstance(editor, OptionalDateEdit):
                editor.clear_value()
            elif isinstance(editor, QSpinBox):
                editor.setValue(editor.minimum())
        self.search()
