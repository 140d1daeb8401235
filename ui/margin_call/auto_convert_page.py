"""Risk › Margin Call › Auto-Convert Query: every account that has ever enrolled in auto-convert."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from services.clients.margin_call import MarginCallClient
from services.contract.queries import AutoConvertExport, AutoConvertFilter, AutoConvertQuery
from services.contract.schemas import CURRENCIES, AutoConvertDateField, AutoConvertRow, EnrolmentStatus
from ui.common.columns import RIGHT, Column, bool_column, datetime_column
from ui.common.filter_bar import ChoiceField, DateField, TextField
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.margin_call import labels

CONTEXT = "AutoConvertPage"

FIELDS = (
    TextField("account", QT_TRANSLATE_NOOP("AutoConvertPage", "Account No."), max_length=16, width_chars=10),
    TextField("name", QT_TRANSLATE_NOOP("AutoConvertPage", "Customer Name")),
    ChoiceField("status", QT_TRANSLATE_NOOP("AutoConvertPage", "Status"), (
        (EnrolmentStatus.ENROLLED.value, QT_TRANSLATE_NOOP("AutoConvertPage", "Enrolled")),
        (EnrolmentStatus.DISABLED.value, QT_TRANSLATE_NOOP("AutoConvertPage", "Disabled")),
    )),
    ChoiceField("currency", QT_TRANSLATE_NOOP("AutoConvertPage", "Currency"),
                tuple((code, code) for code in CURRENCIES)),
    # The date range applies to the column chosen here; the choices reuse the column headers.
    ChoiceField("date_field", QT_TRANSLATE_NOOP("AutoConvertPage", "Date"), (
        (AutoConvertDateField.FIRST_ENABLED.value, QT_TRANSLATE_NOOP("AutoConvertPage", "First Enabled At")),
        (AutoConvertDateField.LAST_ENABLED.value, QT_TRANSLATE_NOOP("AutoConvertPage", "Last Enabled At")),
        (AutoConvertDateField.DISABLED.value, QT_TRANSLATE_NOOP("AutoConvertPage", "Disabled At")),
        (AutoConvertDateField.LAST_CONVERSION.value, QT_TRANSLATE_NOOP("AutoConvertPage", "Last Conversion At")),
    ), with_any=False),
    DateField("date_from", QT_TRANSLATE_NOOP("AutoConvertPage", "From")),
    DateField("date_to", QT_TRANSLATE_NOOP("AutoConvertPage", "To")),
)

COLUMNS = (
    Column("account_no", QT_TRANSLATE_NOOP("AutoConvertPage", "Account No."), width_chars=10, identifier=True),
    Column("customer_name", QT_TRANSLATE_NOOP("AutoConvertPage", "Customer Name"),
           labels.customer_name, width_chars=28),
    Column("account_type", QT_TRANSLATE_NOOP("AutoConvertPage", "Account Type"),
           format=labels.enum_text, width_chars=8),
    Column("base_currency", QT_TRANSLATE_NOOP("AutoConvertPage", "Base Currency"), width_chars=6,
           identifier=True),
    bool_column("enrolled", QT_TRANSLATE_NOOP("AutoConvertPage", "Enrolled")),
    datetime_column("first_enabled_at", QT_TRANSLATE_NOOP("AutoConvertPage", "First Enabled At")),
    datetime_column("last_enabled_at", QT_TRANSLATE_NOOP("AutoConvertPage", "Last Enabled At")),
    datetime_column("disabled_at", QT_TRANSLATE_NOOP("AutoConvertPage", "Disabled At")),
    Column("channel", QT_TRANSLATE_NOOP("AutoConvertPage", "Channel"), format=labels.enum_text, width_chars=6),
    Column("currencies", QT_TRANSLATE_NOOP("AutoConvertPage", "Currencies Covered"),
           format=labels.currency_list, width_chars=14, identifier=True),
    datetime_column("last_conversion_at", QT_TRANSLATE_NOOP("AutoConvertPage", "Last Conversion At")),
    Column("last_conversion", QT_TRANSLATE_NOOP("AutoConvertPage", "Last Conversion Amount"),
           labels.last_conversion, align=RIGHT, width_chars=16),
    Column("borrowed", QT_TRANSLATE_NOOP("AutoConvertPage", "Borrowed Balances"),
           format=labels.borrowed_balances, width_chars=28),
)

SPEC = QuerySpec(
    tr_context=CONTEXT,
    list_path=None,  # the page's client reads the pages and the export
    row_model=AutoConvertRow,
    filter_model=AutoConvertFilter,
    export_model=AutoConvertExport,
    fields=FIELDS,
    columns=COLUMNS,
    export_stem="auto-convert",
    date_ranges=(("date_from", "date_to"),),
)


class AutoConvertPage(QueryPage):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        client = MarginCallClient(ctx.api)
        super().__init__(ctx, replace(SPEC, fetch_page=lambda params: client.auto_convert(
            AutoConvertQuery.model_validate(params))), parent)
        self.client = client
        self.setObjectName("autoConvertPage")

    def can_export(self) -> bool:
        return True

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        return await self.client.export_auto_convert(AutoConvertExport.model_validate(self.export_params()),
                                                     target, progress=progress)
