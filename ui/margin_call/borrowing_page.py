"""Risk › Margin Call › Borrowing Accounts: one row per account and borrowed currency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from services.clients.margin_call import MarginCallClient
from services.contract.queries import BorrowingExport, BorrowingFilter, BorrowingQuery
from services.contract.schemas import CURRENCIES, BorrowingRow
from ui.common import formatting
from ui.common.columns import RIGHT, Column, bool_column, date_column, money_column
from ui.common.filter_bar import ChoiceField, DateField, NumberField, TextField
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.margin_call import labels

CONTEXT = "BorrowingPage"

FIELDS = (
    TextField("account", QT_TRANSLATE_NOOP("BorrowingPage", "Account No."), max_length=16, width_chars=10),
    TextField("name", QT_TRANSLATE_NOOP("BorrowingPage", "Customer Name")),
    ChoiceField("currency", QT_TRANSLATE_NOOP("BorrowingPage", "Currency"),
                tuple((code, code) for code in CURRENCIES)),
    NumberField("min_days", QT_TRANSLATE_NOOP("BorrowingPage", "Min. Days Outstanding")),
    ChoiceField("auto_convert", QT_TRANSLATE_NOOP("BorrowingPage", "Auto-Convert"), (
        (True, QT_TRANSLATE_NOOP("BorrowingPage", "Enrolled")),
        (False, QT_TRANSLATE_NOOP("BorrowingPage", "Not enrolled")),
    )),
    DateField("as_of", QT_TRANSLATE_NOOP("BorrowingPage", "Interest As Of")),
)

COLUMNS = (
    Column("account_no", QT_TRANSLATE_NOOP("BorrowingPage", "Account No."), width_chars=10, identifier=True),
    Column("customer_name", QT_TRANSLATE_NOOP("BorrowingPage", "Customer Name"),
           labels.customer_name, width_chars=28),
    Column("account_type", QT_TRANSLATE_NOOP("BorrowingPage", "Account Type"),
           format=labels.enum_text, width_chars=8),
    Column("currency", QT_TRANSLATE_NOOP("BorrowingPage", "Currency"), width_chars=6, identifier=True),
    money_column("amount", QT_TRANSLATE_NOOP("BorrowingPage", "Borrowed Amount")),
    date_column("borrowed_since", QT_TRANSLATE_NOOP("BorrowingPage", "Borrowed Since")),
    Column("days_outstanding", QT_TRANSLATE_NOOP("BorrowingPage", "Days Outstanding"),
           format=formatting.integer, align=RIGHT, width_chars=8),
    Column("interest_rate", QT_TRANSLATE_NOOP("BorrowingPage", "Annual Rate"),
           format=formatting.percent, align=RIGHT, width_chars=9),
    money_column("accrued_interest", QT_TRANSLATE_NOOP("BorrowingPage", "Accrued Interest")),
    bool_column("auto_convert", QT_TRANSLATE_NOOP("BorrowingPage", "Auto-Convert")),
)

SPEC = QuerySpec(
    tr_context=CONTEXT,
    list_path=None,  # the page's client reads the pages and the export
    row_model=BorrowingRow,
    filter_model=BorrowingFilter,
    export_model=BorrowingExport,
    fields=FIELDS,
    columns=COLUMNS,
    export_stem="borrowing-accounts",
)


class BorrowingPage(QueryPage):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        client = MarginCallClient(ctx.api)
        super().__init__(ctx, replace(SPEC, fetch_page=lambda params: client.borrowing(
            BorrowingQuery.model_validate(params))), parent)
        self.client = client
        self.setObjectName("borrowingPage")

    def can_export(self) -> bool:
        return True

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        return await self.client.export_borrowing(BorrowingExport.model_validate(self.export_params()), target,
                                                  progress=progress)
