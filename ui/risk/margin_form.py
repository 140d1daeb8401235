"""The fields of one margin row, judged as the user types by the same parsers and rules as a
workbook row (services/excel/margin_cells.py, services/rules/stock_margin.py).

Fields follow the workbook's columns (services/excel/margin_columns.py), so the drawer, the
template and the import can never disagree on what a row holds. Labels come from that table in
the UI language, as the flow names do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.excel.margin_cells import CellError, cell_reader
from services.excel.margin_columns import SHEETS, CellType, Kind, MarginColumn
from services.rules.ratios import ONE
from services.rules.stock_margin import check_row, check_system_set, row_warnings
from services.rules.symbols import MARKETS, market_of
from services.rules.violations import Violation
from ui.common import formatting
from ui.common.rule_messages import entry_violation, rule_text


def column_label(column: MarginColumn, language: str) -> str:
    return column.zh[0] if language == "zh_Hant" else column.en


@dataclass
class FormResult:
    row: BaseModel | None  # the contract model when every field and rule holds
    errors: dict[str, list[Violation]] = field(default_factory=dict)
    warnings: dict[str, list[Violation]] = field(default_factory=dict)


class MarginForm(QWidget):
    changed = Signal()

    def __init__(self, kind: Kind, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.sheet = SHEETS[kind]
        self._language = language
        self._readers = {c.field: cell_reader(self.sheet, c) for c in self.sheet.columns}
        self.editors: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}  # beside each field: its error, warning or hint
        self.labels: dict[str, QLabel] = {}
        self._initial: dict[str, object] = {}  # the row it started from (an edit's live row)
        self._opened: dict[str, object] = {}  # the fields as the form was filled
        self.server_errors: dict[str, list[str]] = {}  # what the backend said, until the next edit
        self.looked_up: dict[str, str] = {}  # what a look-up found wrong with a field, until it is retold
        self._live: dict | None = None  # the live row an edit starts from

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        layout.addStretch(1)
        for column in self.sheet.columns:
            editor = self._editor(column)
            note = QLabel(self)
            note.setObjectName("fieldNote")
            note.setWordWrap(True)
            label = QLabel(self)
            label.setBuddy(editor)
            box = QVBoxLayout()
            form.addRow(label, box)
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(note)
            self.editors[column.field], self.notes[column.field], self.labels[column.field] = editor, note, label
        self.retranslate_ui()
        self._initial = self._opened = self.raw_values()

    def _editor(self, column: MarginColumn) -> QWidget:
        if column.type is CellType.BOOL:
            box = QCheckBox(self)
            box.setChecked(bool(self.sheet.default(column.field)))
            box.toggled.connect(self._edited)
            return box
        if column.type in (CellType.MARKET, CellType.ENUM):
            combo = QComboBox(self)
            if column.type is CellType.MARKET:
                combo.addItem("", None)  # from the symbol's suffix
                for market in MARKETS:
                    combo.addItem(market, market)
            else:
                for choice in column.choices:
                    if choice.value in column.listed:
                        combo.addItem("", choice.value)
            combo.currentIndexChanged.connect(self._edited)
            return combo
        edit = QLineEdit(self)
        edit.setObjectName(f"field_{column.field}")
        limit = self.sheet.max_length(column.field)
        if limit:
            edit.setMaxLength(limit)
        edit.textEdited.connect(self._edited)
        return edit

    # --- values ---------------------------------------------------------------------------------

    def raw_values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            else:
                out[name] = editor.text()
        return out

    def set_row(self, row: BaseModel | dict, *, symbol_fixed: bool) -> None:
        """Fills the form from a live row (an edit); the symbol of an edit cannot change."""
        values = row if isinstance(row, dict) else row.model_dump()
        self._live = values if symbol_fixed else None
        for column in self.sheet.columns:
            editor = self.editors[column.field]
            if column.type is CellType.ENUM and isinstance(editor, QComboBox):
                self._offer_as_live(column, editor, self._value(values, column))
        self._fill(values, [c.field for c in self.sheet.columns])
        self.editors["symbol"].setReadOnly(symbol_fixed)
        self._initial = self._opened = self.raw_values()
        self._edited()

    def propose(self, row: BaseModel) -> None:
        """An edit's fields filled with ``row``'s values (a refused order's, to be corrected); the
        live row it started from stays what the edit is judged and compared against."""
        values = row.model_dump()
        self._fill(values, [c.field for c in self.sheet.columns if c.field != "symbol" and c.field in values])
        self._opened = self.raw_values()
        self._edited()

    def _value(self, values: dict, column: MarginColumn) -> object:
        return values[column.field] if column.field in values else self._default(column)

    def _fill(self, values: dict, fields: list[str]) -> None:
        for column in self.sheet.columns:
            if column.field not in fields:
                continue
            editor = self.editors[column.field]
            value = self._value(values, column)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif column.type is CellType.RATIO:
                editor.setText("" if value is None else formatting.percent(value).replace(" ", ""))
            elif column.type is CellType.DATETIME:
                editor.setText("" if value is None else formatting.hk_datetime(value))
            else:
                editor.setText("" if value is None else str(value))

    def _offer_as_live(self, column: MarginColumn, combo: QComboBox, value: object) -> None:
        """The listed choices, and the live value when only the system sets it (系統自動禁止):
        an edit keeps it as it is, rather than silently taking the first choice."""
        for i in reversed(range(combo.count())):
            if combo.itemData(i) not in column.listed:
                combo.removeItem(i)
        choice = next((c for c in column.choices if c.value == value and c.value not in column.listed), None)
        if choice is not None:
            combo.addItem(choice.zh if self._language() == "zh_Hant" else choice.en, choice.value)

    def _default(self, column: MarginColumn) -> object:
        return None if column.required or column.type is CellType.MARKET else self.sheet.default(column.field)

    def is_dirty(self) -> bool:
        """Edited since the form was filled: closing would lose what was typed."""
        return self.raw_values() != self._opened

    def is_changed(self) -> bool:
        """Differs from the row it started from: an edit proposes a change."""
        return self.raw_values() != self._initial

    def mark_clean(self) -> None:
        self._initial = self._opened = self.raw_values()

    def result(self) -> FormResult:
        """Every field parsed, then the row's rules; a row only when nothing is broken."""
        values: dict[str, object] = {}
        out = FormResult(row=None)
        for name, raw in self.raw_values().items():
            value = self._readers[name](raw) if isinstance(raw, str) else raw
            if isinstance(value, CellError):
                out.errors.setdefault(name, []).append(Violation(name, value.code, str(value), params=value.params))
            else:
                values[name] = value
        if values.get("market") is None and values.get("symbol"):
            values["market"] = market_of(values["symbol"]) or ""
        if out.errors:
            return out
        try:
            row = self.sheet.model(**values)
        except ValidationError as exc:
            for e in exc.errors():
                name = str(e["loc"][0]) if e["loc"] else "symbol"
                out.errors.setdefault(name, []).append(Violation(name, "invalid_value", e["msg"]))
            return out
        for v in check_row(self.kind, row) + check_system_set(self.kind, row, self._live):
            out.errors.setdefault(v.field, []).append(v)
        for v in row_warnings(self.kind, row):
            out.warnings.setdefault(v.field, []).append(v)
        if not out.errors:
            out.row = row
        return out

    # --- feedback -------------------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        self.server_errors.clear()
        self.refresh_notes()
        self.changed.emit()

    def refresh_notes(self) -> FormResult:
        result = self.result()
        for name, note in self.notes.items():
            errors = ([rule_text(v) for v in result.errors.get(name, [])] + self.server_errors.get(name, [])
                      + ([self.looked_up[name]] if name in self.looked_up else []))
            warnings = [rule_text(v) for v in result.warnings.get(name, [])]
            if errors:
                note.setText(" ".join(errors))
                note.setProperty("tone", "error")
            elif warnings:
                note.setText(" ".join(warnings))
                note.setProperty("tone", "warning")
            else:
                note.setText(self._hint(name, result))
                note.setProperty("tone", "hint")
            note.style().unpolish(note)
            note.style().polish(note)
        return result

    def _hint(self, name: str, result: FormResult) -> str:
        """What a valid value means: the lendable share beside a long IM (DOMAIN.md)."""
        row = result.row
        if row is None or name != "im" or self.kind != "long":
            return ""
        return self.tr("Lendable share {share}").format(share=formatting.percent(ONE - row.im))

    def show_server_errors(self, errors: list[dict]) -> None:
        """The backend's per-field refusals (problem+json ``errors``), beside their fields."""
        self.server_errors.clear()
        for error in errors:
            name = str(error.get("field") or "symbol").split(".")[-1]
            text = rule_text(entry_violation(error))
            self.server_errors.setdefault(name if name in self.notes else "symbol", []).append(text)
        self.refresh_notes()

    def retranslate_ui(self) -> None:
        language = self._language()
        for column in self.sheet.columns:
            self.labels[column.field].setText(column_label(column, language) + ("*" if column.required else ""))
            editor = self.editors[column.field]
            if column.type is CellType.ENUM and isinstance(editor, QComboBox):
                for i in range(editor.count()):
                    choice = next(c for c in column.choices if c.value == editor.itemData(i))
                    editor.setItemText(i, choice.zh if language == "zh_Hant" else choice.en)
            elif column.type is CellType.MARKET and isinstance(editor, QComboBox):
                editor.setItemText(0, self.tr("From the symbol"))
            elif column.type is CellType.RATIO and isinstance(editor, QLineEdit):
                editor.setPlaceholderText(self.tr("e.g. 45% or 0.45"))
            elif column.type is CellType.DATETIME and isinstance(editor, QLineEdit):
                editor.setPlaceholderText(self.tr("Blank: on approval; or 2026-01-02 09:30 (HK)"))
            elif column.type is CellType.SYMBOL and isinstance(editor, QLineEdit):
                editor.setPlaceholderText(self.tr("e.g. 00700.HK or AAPL.US"))
        self.refresh_notes()
